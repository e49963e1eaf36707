import type { Kysely } from 'kysely';
import type { RetentionDays } from '../config.js';
import { enqueue } from '../jobs/outbox.js';
import { purgeRecordings } from './recording-erasure.js';
import { purgeUsageEvents, usageRetentionHorizon } from '../usage/usage-retention.js';
import type { JobHandler } from '../jobs/worker.js';
import { addDays, dayStart, formatDay, localDay, parseDay } from '../shared/calendar.js';
import type { Database } from '../storage/schema.js';

const DAY_MS = 86_400_000;
/** The purge runs each day at 03:00, Europe/Luxembourg: a quiet hour. */
const RUN_HOUR_MS = 3 * 3_600_000;
/** Rows changed per statement: each is a short write, so live work never waits long behind the purge. */
const BATCH = 2_000;

/** What a purge blanked, as counts: the only thing it logs. */
export interface PurgeCounts {
  smsTexts: number;
  replyTexts: number;
  comments: number;
  notes: number;
  /** recordings deleted (their bytes by `attachment.blob-delete` jobs written with the deletion) */
  recordings: number;
  /** usage events deleted (older than ECOUTE_USAGE_RETENTION_MONTHS; the counters of their periods stay) */
  usageEvents: number;
}

/** Runs `update` on batches of ids from `select` until none is left; returns how many rows it changed. */
async function inBatches(select: () => Promise<{ id: string }[]>, update: (ids: string[]) => Promise<unknown>): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (await select()).map((r) => r.id);
    if (ids.length > 0) await update(ids);
    total += ids.length;
    if (ids.length < BATCH) return total;
  }
}

/**
 * Blanks the personal free texts older than their retention period (0: kept): the texts of SMS
 * sent and received (messages still waiting to leave are left alone), survey comments (contacts'
 * and complaints'), and the
 * advisors' notes on contacts. Scores, topics, sentiment and every figure stay: only the words go.
 * In batches of short statements, each committed on its own, so that a purge stopped half-way
 * (a crash) is simply finished by the next one.
 */
export async function purgeExpired(db: Kysely<Database>, retention: RetentionDays, now: number): Promise<PurgeCounts> {
  const before = (days: number) => now - days * DAY_MS;
  const counts: PurgeCounts = { smsTexts: 0, replyTexts: 0, comments: 0, notes: 0, recordings: 0, usageEvents: 0 };
  if (retention.smsTexts > 0) {
    const cutoff = before(retention.smsTexts);
    counts.smsTexts = await inBatches(
      () => db.selectFrom('sms_messages').select('id').where('created_at', '<', cutoff).where('text', '!=', '').where('status', 'not in', ['queued', 'sending']).limit(BATCH).execute(),
      (ids) => db.updateTable('sms_messages').set({ text: '' }).where('id', 'in', ids).execute(),
    );
    counts.replyTexts = await inBatches(
      () => db.selectFrom('survey_replies').select('id').where('received_at', '<', cutoff).where('text', '!=', '').limit(BATCH).execute(),
      (ids) => db.updateTable('survey_replies').set({ text: '', parse: '{"purged":true}' }).where('id', 'in', ids).execute(),
    );
  }
  if (retention.comments > 0) {
    const cutoff = before(retention.comments);
    counts.comments = await inBatches(
      () => db.selectFrom('survey_responses').select('id').where('received_at', '<', cutoff).where('comment', 'is not', null).limit(BATCH).execute(),
      (ids) => db.updateTable('survey_responses').set({ comment: null }).where('id', 'in', ids).execute(),
    );
    counts.comments += await inBatches(
      () => db.selectFrom('complaint_surveys').select('id').where('received_at', '<', cutoff).where('comment', 'is not', null).limit(BATCH).execute(),
      (ids) => db.updateTable('complaint_surveys').set({ comment: null }).where('id', 'in', ids).execute(),
    );
  }
  if (retention.notes > 0) {
    const cutoff = before(retention.notes);
    counts.notes = await inBatches(
      () => db.selectFrom('interactions').select('id').where('started_at', '<', cutoff).where('notes', 'is not', null).limit(BATCH).execute(),
      (ids) => db.updateTable('interactions').set({ notes: null }).where('id', 'in', ids).execute(),
    );
  }
  if (retention.recordings) counts.recordings = await purgeRecordings(db, before(retention.recordings), now, BATCH);
  // where and when lines were used, in slices of its own (src/usage/usage-retention.ts); the counters stay
  const usageHorizon = usageRetentionHorizon(now, retention.usageEventMonths ?? 0);
  if (usageHorizon !== null) counts.usageEvents = await purgeUsageEvents(db, usageHorizon);
  return counts;
}

/** The purge of `day` (a `privacy.retention` job whose reference is the day, so there is one per day whatever the number of workers). */
async function schedule(db: Kysely<Database>, day: number): Promise<void> {
  await enqueue(db, 'privacy.retention', formatDay(day), dayStart(day) + RUN_HOUR_MS);
}

/** Makes sure today's purge is in the outbox (at start: a day already purged is not purged again). */
export async function scheduleRetention(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await schedule(db, localDay(now));
}

/**
 * The worker's handler of `privacy.retention`: purges, logs what it purged as counts (never a
 * text nor a number), and puts the next day's purge in the outbox. `clock` gives the time the
 * periods are counted from (tests fix it).
 */
export function retentionHandler(
  db: Kysely<Database>,
  retention: RetentionDays,
  options: { clock?: () => number; log?: (line: string) => void } = {},
): JobHandler {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  return async (refId) => {
    const now = clock();
    const counts = await purgeExpired(db, retention, now);
    log(
      `retention ${refId}: blanked ${counts.smsTexts} SMS texts and ${counts.replyTexts} reply texts (older than ${retention.smsTexts || '∞'} days), ` +
        `${counts.comments} comments (${retention.comments || '∞'} days), ${counts.notes} contact notes (${retention.notes || '∞'} days)` +
        (retention.recordings ? `, deleted ${counts.recordings} recordings (${retention.recordings} days)` : '') +
        (retention.usageEventMonths ? `, deleted ${counts.usageEvents} usage events (${retention.usageEventMonths} months)` : ''),
    );
    const day = parseDay(refId) ?? localDay(now);
    await schedule(db, addDays(Math.max(day, localDay(now)), 1));
    return { done: true };
  };
}
