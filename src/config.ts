import { isMailbox } from './shared/email-address.js';

/** The default nice value of a report thread (ECOUTE_REPORT_NICE): the lowest priority, so that recognition never waits for a report's CPU. */
export const REPORT_THREAD_NICE = 19;

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
  /** how long an advisor may dispute items of a submitted evaluation (docs/quality.md), in hours */
  disputeWindowHours: number;
  /** days a person who arrives after a required training's due day has to complete it */
  trainingGraceDays: number;
  /** Shared secret of the telephony webhook (Standard Webhooks `whsec_…` format). */
  telephonySecret: string;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** A customer's session in the customer app, in hours (ECOUTE_CUSTOMER_SESSION_HOURS, default 7 days). */
  customerSessionHours: number;
  /** The team (id or name) that takes the customer app's requests when nothing else names one (ECOUTE_SELF_SERVICE_TEAM; default the first team). */
  selfServiceTeam: string | undefined;
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
   * Largest request body accepted by default, in bytes (ECOUTE_MAX_BODY_BYTES, default 1 MiB): a
   * larger one is refused with 413 while it streams in, before it is held in memory. Login and the
   * webhooks have smaller caps of their own; only the imports over HTTP have a larger one.
   */
  maxBodyBytes: number;
  /** Largest file sent to an import route (ECOUTE_MAX_IMPORT_BYTES, default 8 MiB). */
  maxImportBytes: number;
  /**
   * Behind a TLS-terminating reverse proxy (ECOUTE_TRUST_PROXY=1): believe its `X-Forwarded-Proto`
   * header, so that the session cookie is `Secure` and HSTS is sent. Never set it when clients can
   * reach Ecoute without going through the proxy.
   */
  trustProxy: boolean;
  /**
   * How long one NPS report (GET /nps, /nps/topics, /nps/drivers, /nps/verbatims) may take, waiting
   * included, before it is stopped with a 503 (ECOUTE_REPORT_BUDGET_MS, default 10 s).
   */
  reportBudgetMs: number;
  /** Worker threads that compute NPS reports off the event loop, each with a connection of its own (ECOUTE_REPORT_THREADS, default 2). */
  reportThreads: number;
  /**
   * The nice value of the report threads on Linux (ECOUTE_REPORT_NICE, 0–19, default 19, the lowest
   * priority): recognition never waits for a report's CPU, but on a host busy with other work a report
   * can then wait past its budget. Lower it there.
   */
  reportNice: number;
  /**
   * Key of the keyed hash (HMAC-SHA-256) that stands for an erased customer's opted-out number
   * (ECOUTE_PRIVACY_SECRET; docs/privacy.md). Changing it forgets those opt-outs.
   */
  privacySecret: string;
  /** Days personal texts are kept before the daily purge blanks them (0: kept); docs/privacy.md. */
  retention: RetentionDays;
  /** Outgoing e-mail and the hours of outgoing messages (docs/notifications.md). */
  mail: MailSettings;
  /**
   * Regulatory messages (the regulator's mediation, sent by law) wait for the end of the quiet hours
   * like service messages (ECOUTE_REGULATORY_QUIET_HOURS=1, the default); 0: they leave at any hour.
   */
  regulatoryQuietHours: boolean;
  /** Where files are kept (complaint attachments): docs/complaints.md#attachments. */
  blobs: BlobSettings;
  /** What a complaint's attachments may be: docs/complaints.md#attachments. */
  attachments: AttachmentLimits;
  /** Contacts' recordings: docs/quality.md#recordings (their retention: `retention.recordings`). */
  recordings: RecordingSettings;
  /**
   * Where customers reach Ecoute (ECOUTE_PUBLIC_URL, `https://espace.operator.lu`): the origin passkeys
   * are made for and checked against (docs/self-service.md, "Passkeys"). Unset: a request to a
   * `localhost` name is its own origin (development, the demo); passkeys are refused elsewhere.
   */
  publicUrl: string | undefined;
  /** The passkeys' relying party beyond the public URL: docs/self-service.md, "Passkeys". */
  passkeys: PasskeySettings;
}

/** The relying party of the customers' passkeys (WebAuthn). */
export interface PasskeySettings {
  /** The RP ID (ECOUTE_PASSKEY_RP_ID): the public URL's host or a domain it belongs to (`operator.lu`); default the host. */
  rpId: string | undefined;
  /** Origins accepted besides the public URL's (ECOUTE_PASSKEY_ORIGINS, comma-separated): another host of the RP ID, an app's origin. */
  extraOrigins: string[];
}

/** ECOUTE_PUBLIC_URL, ECOUTE_PASSKEY_RP_ID and ECOUTE_PASSKEY_ORIGINS, checked: an error says what to write. */
function publicFromEnv(): { publicUrl: string | undefined; passkeys: PasskeySettings } {
  const raw = process.env.ECOUTE_PUBLIC_URL?.trim() || undefined;
  let url: URL | undefined;
  if (raw !== undefined) {
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    const local = url !== undefined && (url.hostname === 'localhost' || url.hostname.endsWith('.localhost'));
    if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) || url.username !== '' || url.password !== '') {
      throw new Error(`ECOUTE_PUBLIC_URL must be the https address customers open, such as https://espace.operator.lu (http only for localhost), got "${raw}"`);
    }
  }
  const rpId = process.env.ECOUTE_PASSKEY_RP_ID?.trim().toLowerCase() || undefined;
  if (rpId !== undefined && (!url || (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`)))) {
    throw new Error(`ECOUTE_PASSKEY_RP_ID must be the host of ECOUTE_PUBLIC_URL or a domain it belongs to (for https://espace.operator.lu: operator.lu), got "${rpId}"`);
  }
  const extraOrigins = (process.env.ECOUTE_PASSKEY_ORIGINS ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of extraOrigins) {
    if (!url) throw new Error('ECOUTE_PASSKEY_ORIGINS needs ECOUTE_PUBLIC_URL: set the address customers open first');
    if (!/^(https:\/\/[^/\s]+|android:apk-key-hash:[A-Za-z0-9_-]+)$/.test(origin)) {
      throw new Error(`ECOUTE_PASSKEY_ORIGINS must list origins such as https://my.operator.lu or android:apk-key-hash:…, comma-separated, got "${origin}"`);
    }
  }
  return { publicUrl: url?.origin, passkeys: { rpId, extraOrigins } };
}

/** The limits of contacts' recordings. */
export interface RecordingSettings {
  /** Largest recording handed over, in bytes (ECOUTE_RECORDING_MAX_BYTES, default 50 MiB). */
  maxBytes: number;
  /** How long a play token lasts, in minutes (ECOUTE_RECORDING_PLAY_MINUTES, default 120). */
  playMinutes: number;
}

/** The blob store: where files live beside the database (src/blobs). */
export interface BlobSettings {
  /**
   * Which store (ECOUTE_BLOB_STORE): `disk`, the only one of this version. Another store (S3-style
   * object storage) implements `BlobStore` of src/blobs/blob-store.ts and gets its value here.
   */
  store: 'disk';
  /** The directory of the disk store (ECOUTE_BLOB_DIR, default ./data/blobs). */
  dir: string;
}

/** The limits of complaint attachments. */
export interface AttachmentLimits {
  /** Largest file, in bytes (ECOUTE_ATTACHMENT_MAX_BYTES, default 10 MiB). */
  maxBytes: number;
  /** Attachments a complaint may hold at once, removed ones not counted (ECOUTE_ATTACHMENTS_PER_COMPLAINT, default 20). */
  perComplaint: number;
}

/** ECOUTE_BLOB_STORE and ECOUTE_BLOB_DIR, checked. */
function blobsFromEnv(): BlobSettings {
  const store = process.env.ECOUTE_BLOB_STORE || 'disk';
  if (store !== 'disk') throw new Error(`ECOUTE_BLOB_STORE must be disk (files in ECOUTE_BLOB_DIR), got "${store}"`);
  return { store, dir: process.env.ECOUTE_BLOB_DIR || './data/blobs' };
}

/** How e-mails leave (docs/notifications.md#transports). */
export interface MailSettings {
  /**
   * SMTP server (ECOUTE_SMTP_URL): `smtp://user:password@host:587` (STARTTLS when offered) or
   * `smtps://user:password@host:465`. Unset: no e-mail leaves (e-mail notifications fail, saying
   * so), except in demo mode, where a local catcher keeps them.
   */
  smtpUrl: string | undefined;
  /** The sender of every e-mail (ECOUTE_MAIL_FROM): `Service client <service@operator.lu>`; required with ECOUTE_SMTP_URL. */
  from: string | undefined;
}

/** The sender of the demo's e-mails, which only the local catcher receives. */
export const DEMO_MAIL_FROM = 'Ecoute <service@ecoute.test>';

/** ECOUTE_SMTP_URL and ECOUTE_MAIL_FROM, checked: an error says what to write (never echoing a password). */
function mailFromEnv(): MailSettings {
  const smtpUrl = process.env.ECOUTE_SMTP_URL || undefined;
  const from = process.env.ECOUTE_MAIL_FROM?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(smtpUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
      throw new Error('ECOUTE_SMTP_URL must be smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS), with the password URL-encoded');
    }
    if (from === undefined) throw new Error('ECOUTE_MAIL_FROM must be set with ECOUTE_SMTP_URL: the sender of every e-mail, such as "Service client <service@operator.lu>"');
  }
  if (from !== undefined && !isMailbox(from)) {
    throw new Error(`ECOUTE_MAIL_FROM must be an address or "Name <address>", such as "Service client <service@operator.lu>", got "${from}"`);
  }
  return { smtpUrl, from };
}

function flagFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') throw new Error(`${name} must be 0 or 1, got "${raw}"`);
  return raw === '1';
}

/** How long personal free texts are kept, in days (0: no limit). */
export interface RetentionDays {
  /** SMS texts, sent and received (ECOUTE_RETENTION_SMS_DAYS) */
  smsTexts: number;
  /** comments of survey answers (ECOUTE_RETENTION_COMMENT_DAYS) */
  comments: number;
  /** advisors' notes and outcomes on contacts (ECOUTE_RETENTION_NOTE_DAYS) */
  notes: number;
  /** contacts' recordings, counted from when they were stored (ECOUTE_RECORDING_RETENTION_DAYS, default 180; absent or 0: kept) */
  recordings?: number;
  /** usage events, in months (ECOUTE_USAGE_RETENTION_MONTHS, default 6; absent or 0: kept): docs/privacy.md#retention */
  usageEventMonths?: number;
}

/**
 * ECOUTE_USAGE_RETENTION_MONTHS: how many months usage events are kept (default 6; 0: kept). Read by
 * the purge (with the other retention settings) and by the checks of usage events, which refuse an
 * event older than what is kept (src/usage/usage-events.ts): both read this variable.
 */
export function usageRetentionMonthsFromEnv(): number {
  const months = intFromEnv('ECOUTE_USAGE_RETENTION_MONTHS', 6, 0, 120);
  if (months === 1) throw new Error('ECOUTE_USAGE_RETENTION_MONTHS must be 0 (kept) or 2 to 120: a single month would purge the events of a billing period still open to a late event or a dispute');
  return months;
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

/** The development key of the opt-out hash: set ECOUTE_PRIVACY_SECRET outside demo mode. */
export const DEMO_PRIVACY_SECRET = 'ecoute-demo-privacy-secret';

/** The development secret, published in this repository: accepted in demo mode only (`secretProblems`). */
export const DEMO_TELEPHONY_SECRET = 'whsec_ZWNvdXRlLWRlbW8tdGVsZXBob255LXNlY3JldA==';

/**
 * Why `ecoute serve` must not start outside demo mode: a secret that is unset, or set to the value
 * published in this repository, would let anyone forge what it protects. Empty when all is well, and
 * always in demo mode, which runs with the demo values.
 *
 * - ECOUTE_TELEPHONY_SECRET: signs the telephony events (whose ringing pushes a customer's card and
 *   whose end records a contact); its default is the demo secret above.
 * - ECOUTE_SMS_WEBHOOK_TOKEN: with an HTTP SMS provider (ECOUTE_SMSC_URL=https://…), the token its
 *   webhook calls carry; without it anyone could post replies (STOP, START, scores) in a customer's name.
 */
export function secretProblems(config: Config, env: NodeJS.ProcessEnv = process.env): string[] {
  if (config.demoMode) return [];
  const problems: string[] = [];
  const secret = config.telephonySecret;
  if (secret === DEMO_TELEPHONY_SECRET) {
    problems.push("ECOUTE_TELEPHONY_SECRET is not set: set it to the telephony platform's webhook secret (whsec_…); the default is the demo secret, published with Ecoute's source");
  } else if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret) || Buffer.from(secret.slice(6), 'base64').length < 24) {
    problems.push('ECOUTE_TELEPHONY_SECRET must be a Standard Webhooks secret: whsec_ followed by at least 24 random bytes in base64');
  }
  if (/^https?:/i.test(env.ECOUTE_SMSC_URL ?? '') && !env.ECOUTE_SMS_WEBHOOK_TOKEN) {
    problems.push("ECOUTE_SMS_WEBHOOK_TOKEN is not set: with an HTTP SMS provider, set it to the token the provider's webhook calls send");
  }
  if (config.privacySecret === DEMO_PRIVACY_SECRET) {
    problems.push('ECOUTE_PRIVACY_SECRET is not set: set it to at least 32 random characters, and keep it (it keys the hashes that keep erased customers opted out)');
  } else if (config.privacySecret.length < 32) {
    problems.push('ECOUTE_PRIVACY_SECRET must be at least 32 characters long');
  }
  return problems;
}

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: process.env.DATABASE_URL || undefined,
    sqlitePath: process.env.ECOUTE_SQLITE_PATH || './data/ecoute.sqlite',
    port: intFromEnv('PORT', 3000, 1, 65535),
    fcrWindowDays: intFromEnv('ECOUTE_FCR_WINDOW_DAYS', 7, 1, 90),
    disputeWindowHours: intFromEnv('ECOUTE_DISPUTE_WINDOW_HOURS', 72, 1, 720),
    trainingGraceDays: intFromEnv('ECOUTE_TRAINING_GRACE_DAYS', 30, 0, 365),
    telephonySecret: process.env.ECOUTE_TELEPHONY_SECRET || DEMO_TELEPHONY_SECRET,
    sessionHours: intFromEnv('ECOUTE_SESSION_HOURS', 12, 1, 24 * 30),
    customerSessionHours: intFromEnv('ECOUTE_CUSTOMER_SESSION_HOURS', 24 * 7, 1, 24 * 90),
    selfServiceTeam: process.env.ECOUTE_SELF_SERVICE_TEAM || undefined,
    demoMode: process.env.ECOUTE_DEMO === '1',
    worker: process.env.ECOUTE_WORKER !== '0',
    jobLeaseMs: intFromEnv('ECOUTE_JOB_LEASE_MS', 60_000, 500, 24 * 3_600_000),
    npsMinResponses: intFromEnv('ECOUTE_NPS_MIN_RESPONSES', 30, 1, 100_000),
    maxBodyBytes: intFromEnv('ECOUTE_MAX_BODY_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxImportBytes: intFromEnv('ECOUTE_MAX_IMPORT_BYTES', 8 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    trustProxy: process.env.ECOUTE_TRUST_PROXY === '1',
    privacySecret: process.env.ECOUTE_PRIVACY_SECRET || DEMO_PRIVACY_SECRET,
    retention: {
      smsTexts: intFromEnv('ECOUTE_RETENTION_SMS_DAYS', 180, 0, 36_500),
      comments: intFromEnv('ECOUTE_RETENTION_COMMENT_DAYS', 730, 0, 36_500),
      notes: intFromEnv('ECOUTE_RETENTION_NOTE_DAYS', 1095, 0, 36_500),
      recordings: intFromEnv('ECOUTE_RECORDING_RETENTION_DAYS', 180, 0, 36_500),
      usageEventMonths: usageRetentionMonthsFromEnv(),
    },
    reportBudgetMs: intFromEnv('ECOUTE_REPORT_BUDGET_MS', 10_000, 1, 600_000),
    reportThreads: intFromEnv('ECOUTE_REPORT_THREADS', 2, 1, 64),
    reportNice: intFromEnv('ECOUTE_REPORT_NICE', REPORT_THREAD_NICE, 0, 19),
    mail: mailFromEnv(),
    regulatoryQuietHours: flagFromEnv('ECOUTE_REGULATORY_QUIET_HOURS', true),
    blobs: blobsFromEnv(),
    attachments: {
      maxBytes: intFromEnv('ECOUTE_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 512 * 1024 * 1024),
      perComplaint: intFromEnv('ECOUTE_ATTACHMENTS_PER_COMPLAINT', 20, 1, 1000),
    },
    recordings: {
      maxBytes: intFromEnv('ECOUTE_RECORDING_MAX_BYTES', 50 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024),
      playMinutes: intFromEnv('ECOUTE_RECORDING_PLAY_MINUTES', 120, 1, 1440),
    },
    ...publicFromEnv(),
    ...overrides,
  };
}
