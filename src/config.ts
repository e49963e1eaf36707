/** Runtime configuration, read once from the environment. Every setting has a working default. */
export interface Config {
  /** PostgreSQL connection string; when unset Ecoute runs on the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** SQLite file used when no DATABASE_URL is set. */
  sqlitePath: string;
  /** HTTP port of `ecoute serve`. */
  port: number;
  /** Days after a contact during which a new contact for the same reason makes it a repeat (not FCR). */
  fcrWindowDays: number;
  /** Shared secret of the telephony webhook (Standard Webhooks `whsec_…` format). */
  telephonySecret: string;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Show the demo logins on the login page. */
  demoMode: boolean;
  /** Run the background worker (surveys, SMS; configured by ECOUTE_SMSC_URL, see docs/sms.md) in `ecoute serve`. */
  worker: boolean;
  /**
   * How long a worker holds the outbox jobs it took (ECOUTE_JOB_LEASE_MS, default 60 s): when a
   * worker dies, its jobs are taken again by another worker (or itself, restarted) once this has
   * passed. Longer than the slowest job (an SMS waits at most 30 s for its acknowledgement).
   */
  jobLeaseMs: number;
  /**
   * Responses below which an NPS figure is marked unreliable, shown but never ranked nor called
   * significantly different (ECOUTE_NPS_MIN_RESPONSES, default 30).
   */
  npsMinResponses: number;
  /**
   * How long one NPS report (GET /nps, /nps/topics, /nps/drivers, /nps/verbatims) may take, waiting
   * included, before it is stopped with a 503 (ECOUTE_REPORT_BUDGET_MS, default 10 s).
   */
  reportBudgetMs: number;
  /** Worker threads that compute NPS reports off the event loop, each with a connection of its own (ECOUTE_REPORT_THREADS, default 2). */
  reportThreads: number;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** The development secret; `ecoute serve` warns when it is used outside demo mode. */
export const DEMO_TELEPHONY_SECRET = 'whsec_ZWNvdXRlLWRlbW8tdGVsZXBob255LXNlY3JldA==';

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    sqlitePath: process.env.ECOUTE_SQLITE_PATH || './data/ecoute.sqlite',
    port: intFromEnv('PORT', 3000, 1, 65535),
    fcrWindowDays: intFromEnv('ECOUTE_FCR_WINDOW_DAYS', 7, 1, 90),
    telephonySecret: process.env.ECOUTE_TELEPHONY_SECRET || DEMO_TELEPHONY_SECRET,
    sessionHours: intFromEnv('ECOUTE_SESSION_HOURS', 12, 1, 24 * 30),
    demoMode: process.env.ECOUTE_DEMO === '1',
    worker: process.env.ECOUTE_WORKER !== '0',
    jobLeaseMs: intFromEnv('ECOUTE_JOB_LEASE_MS', 60_000, 500, 24 * 3_600_000),
    npsMinResponses: intFromEnv('ECOUTE_NPS_MIN_RESPONSES', 30, 1, 100_000),
    reportBudgetMs: intFromEnv('ECOUTE_REPORT_BUDGET_MS', 10_000, 1, 600_000),
    reportThreads: intFromEnv('ECOUTE_REPORT_THREADS', 2, 1, 64),
    ...overrides,
  };
}
