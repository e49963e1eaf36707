import type { Kysely } from 'kysely';
import { usageRetentionMonthsFromEnv } from '../config.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import { capabilitiesOf } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

/**
 * How long usage events are kept (docs/privacy.md, "Retention"): where and when a line was used is
 * traffic and location data, kept for the billing of the period and its disputes, then purged. The
 * counters of each period stay: they are figures, not events. The horizon is the start of the same day
 * `months` months ago (Europe/Luxembourg); the daily purge deletes the events that happened before
 * it, and ingestion refuses an event from before it (`usage-past-retention`, usage-events.ts): an
 * event whose row was purged is never counted a second time when it is sent again.
 */

/** The first instant of the day `months` months before `now`'s day (the 31st where that month is shorter: its last day); null: kept. */
export function usageRetentionHorizon(now: number, months: number): number | null {
  if (months <= 0) return null;
  const today = localDay(now);
  const index = Math.floor(today / 10_000) * 12 + (Math.floor(today / 100) % 100) - 1 - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return dayStart(year * 10_000 + month * 100 + Math.min(today % 100, lastDay));
}

/** The months ingestion keeps to: ECOUTE_USAGE_RETENTION_MONTHS, as the purge reads it. */
let keptMonths: number | undefined;
/** The horizon of a day, computed once a day: ingestion checks every event against it. */
let cached: { from: number; until: number; horizon: number | null } | undefined;

/** Sets the months ingestion keeps to (tests; a process reads ECOUTE_USAGE_RETENTION_MONTHS). */
export function setUsageRetentionMonths(months: number | undefined): void {
  keptMonths = months;
  cached = undefined;
}

/** The retention horizon at `now` for the checks of events, and its months; null horizon: kept. */
export function ingestionHorizon(now: number): { horizon: number | null; months: number } {
  keptMonths ??= usageRetentionMonthsFromEnv();
  if (!cached || now < cached.from || now >= cached.until) {
    const today = localDay(now);
    cached = { from: dayStart(today), until: dayStart(addDays(today, 1)), horizon: usageRetentionHorizon(now, keptMonths) };
  }
  return { horizon: cached.horizon, months: keptMonths };
}

/** Events deleted per statement: each a short write, so live ingestion never waits long behind the purge. */
export const PURGE_SLICE = 2_000;

/**
 * Deletes the events that happened before `horizon`, a slice of about PURGE_SLICE at a time, oldest
 * first, each slice committed on its own: never one long delete holding the write lock. A slice is
 * bounded by the time of its last event (the index on `occurred_at`): events sharing that millisecond
 * go with it. On SQLite, the purge pauses between slices as long as the slice took, so that the writes
 * of live ingestion get the lock between two. Stopped half-way, the next purge finishes it. Returns
 * how many events it deleted.
 */
export async function purgeUsageEvents(db: Kysely<Database>, horizon: number, options: { slice?: number; onSlice?: (deleted: number) => void } = {}): Promise<number> {
  const slice = options.slice ?? PURGE_SLICE;
  const pause = capabilitiesOf(db).singleWriter;
  let total = 0;
  for (;;) {
    const started = performance.now();
    const last = await db
      .selectFrom('usage_events')
      .select('occurred_at')
      .where('occurred_at', '<', horizon)
      .orderBy('occurred_at')
      .offset(slice - 1)
      .limit(1)
      .executeTakeFirst();
    // the last slice: everything left before the horizon
    const bound = last === undefined ? horizon : Number(last.occurred_at) + 1;
    const result = await db.deleteFrom('usage_events').where('occurred_at', '<', bound).executeTakeFirst();
    const deleted = Number(result.numDeletedRows ?? 0n);
    total += deleted;
    options.onSlice?.(deleted);
    if (last === undefined) return total;
    if (pause) await new Promise((resolve) => setTimeout(resolve, Math.min(100, performance.now() - started)));
  }
}
