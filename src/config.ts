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
  /** The SMSC, `smpp://system_id:password@host:port`; unset: an SMSC simulator runs in the process. */
  smscUrl: string | undefined;
  /** Sender id shown on the customer's phone (at most 11 letters and digits). */
  smsSenderId: string;
  /** Outstanding submits to the SMSC at most. */
  smsWindow: number;
  /** Submits per second at most (0: no cap). */
  smsRatePerSecond: number;
  /** Run the background worker (surveys) in `ecoute serve`. */
  worker: boolean;
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

function senderId(value: string): string {
  if (!/^(\+?\d{1,15}|[A-Za-z0-9 ]{1,11})$/.test(value)) {
    throw new Error(`ECOUTE_SMS_SENDER_ID must be a number or at most 11 letters and digits, got "${value}"`);
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
    smscUrl: process.env.ECOUTE_SMSC_URL || undefined,
    smsSenderId: senderId(process.env.ECOUTE_SMS_SENDER_ID || 'Service'),
    smsWindow: intFromEnv('ECOUTE_SMS_WINDOW', 10, 1, 1000),
    smsRatePerSecond: intFromEnv('ECOUTE_SMS_RATE', 0, 0, 100_000),
    worker: process.env.ECOUTE_WORKER !== '0',
    ...overrides,
  };
}
