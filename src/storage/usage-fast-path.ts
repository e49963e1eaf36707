import type SqliteDatabase from 'better-sqlite3';
import type { Storage } from './database.js';

/**
 * The hot path of usage ingestion on SQLite (src/usage/usage-ingest-sqlite.ts, docs/self-service.md
 * "Counters"): prepared better-sqlite3 statements on the raw handle, run synchronously, one call per
 * row, without building, compiling or awaiting a query per batch (Kysely took a third of the time of a
 * batch, and its multi-row statements are no faster here than one prepared row after another). The
 * only module outside the drivers' own that runs SQL on the raw handle for a domain; it knows the
 * tables, not the rules: what to write is decided in src/usage.
 *
 * The writes run inside a transaction the caller opened through Kysely on the same connection
 * (`db.transaction()`: begin immediate, and no other flow's query can run on the connection until it
 * ends); the reads inside it or inside `db.connection()`. `inTransaction()` lets the caller check.
 */
export interface UsageFastPath {
  /** whether the connection is inside a transaction */
  inTransaction(): boolean;
  /** The lines with these numbers (any count; read in chunks), with their account's billing day and customer. */
  lines(msisdns: readonly string[]): UsageLineRow[];
  /**
   * The numbers whose line changed after change `after` (a trigger on `lines` and `accounts` writes
   * them: see the migration 2027-01-09-usage-fast-path), in order, and the log's bounds.
   */
  lineChanges(after: number): { changes: { seq: number; msisdn: string }[]; min: number | null; max: number | null };
  /** Drops the log's changes up to `upTo` (bounded: the log is kept to its last tens of thousands). */
  pruneLineChanges(upTo: number): void;
  /** Every plan's terms per bucket (a few rows per plan). */
  planBuckets(): PlanBucketRow[];
  /** Records an event unless one with its id is there already: true when it was recorded now. */
  insertEvent(eventId: string, lineId: string, occurredAt: number, type: string, quantity: number, country: string, bucket: string, periodStart: number, acceptedAt: number): boolean;
  /**
   * Adds to a counter (created with these terms when it is the period's first of its bucket), its
   * out-of-bundle amount computed again from its new total in the same statement; answers the counter
   * as it is now: `[used, allowance, blockUnits, blockPriceCents]`.
   */
  addToCounter(
    lineId: string, periodStart: number, bucket: string, used: number, events: number,
    allowance: number | null, blockUnits: number, blockPriceCents: number, chargedCents: number, now: number,
  ): [number, number | null, number, number];
  /** Where a line was last used. */
  setLastCountry(lineId: string, country: string, at: number): void;
}

export interface UsageLineRow {
  id: string;
  msisdn: string;
  kind: 'mobile' | 'landline';
  plan: string;
  roaming_limit_cents: number;
  roaming_limit_off: number;
  last_country: string | null;
  last_country_at: number | null;
  billing_day: number;
  party_id: string;
}

export interface PlanBucketRow {
  plan_code: string;
  bucket: string;
  allowance: number | null;
  block_units: number;
  block_price_cents: number;
}

/** Numbers per lookup statement: the last chunk is padded by repeating a number. */
const LOOKUP_CHUNK = 100;

const paths = new WeakMap<SqliteDatabase.Database, UsageFastPath>();

/** The fast path of this storage, or undefined where there is none (PostgreSQL: ingestion goes through Kysely there). */
export function usageFastPath(storage: Storage): UsageFastPath | undefined {
  const handle = storage.sqlite;
  if (!handle) return undefined;
  let path = paths.get(handle);
  if (!path) paths.set(handle, (path = prepare(handle)));
  return path;
}

function prepare(handle: SqliteDatabase.Database): UsageFastPath {
  const lookup = handle.prepare(
    `select l.id, l.msisdn, l.kind, l.plan, l.roaming_limit_cents, l.roaming_limit_off, l.last_country, l.last_country_at, a.billing_day, a.party_id
     from lines l join accounts a on a.id = l.account_id where l.msisdn in (${Array(LOOKUP_CHUNK).fill('?').join(', ')})`,
  );
  const changes = handle.prepare('select seq, msisdn from usage_line_changes where seq > ? order by seq');
  const bounds = handle.prepare('select min(seq) as min, max(seq) as max from usage_line_changes');
  const prune = handle.prepare('delete from usage_line_changes where seq <= ?');
  const plans = handle.prepare('select plan_code, bucket, allowance, block_units, block_price_cents from plan_buckets');
  const insertEvent = handle.prepare(
    `insert into usage_events (event_id, line_id, occurred_at, type, quantity, country, bucket, period_start, accepted_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
  );
  const total = 'usage_counters.used + excluded.used';
  const addToCounter = handle
    .prepare(
      `insert into usage_counters (line_id, period_start, bucket, used, events, allowance, block_units, block_price_cents, charged_cents, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (line_id, period_start, bucket) do update set
         used = ${total},
         events = usage_counters.events + excluded.events,
         charged_cents = case when usage_counters.allowance is null or ${total} <= usage_counters.allowance then 0
           else ((${total} - usage_counters.allowance + usage_counters.block_units - 1) / usage_counters.block_units) * usage_counters.block_price_cents end,
         updated_at = excluded.updated_at
       returning used, allowance, block_units, block_price_cents`,
    )
    .raw(true);
  const setLastCountry = handle.prepare('update lines set last_country = ?, last_country_at = ? where id = ?');

  return {
    inTransaction: () => handle.inTransaction,
    lines: (msisdns) => {
      const out: UsageLineRow[] = [];
      for (let i = 0; i < msisdns.length; i += LOOKUP_CHUNK) {
        const chunk = msisdns.slice(i, i + LOOKUP_CHUNK);
        while (chunk.length < LOOKUP_CHUNK) chunk.push(chunk[0]!);
        for (const row of lookup.all(chunk) as UsageLineRow[]) out.push(row);
      }
      return out;
    },
    lineChanges: (after) => {
      const { min, max } = bounds.get() as { min: number | null; max: number | null };
      return { changes: max === null || max <= after ? [] : (changes.all(after) as { seq: number; msisdn: string }[]), min, max };
    },
    pruneLineChanges: (upTo) => void prune.run(upTo),
    planBuckets: () => plans.all() as PlanBucketRow[],
    insertEvent: (eventId, lineId, occurredAt, type, quantity, country, bucket, periodStart, acceptedAt) =>
      insertEvent.run(eventId, lineId, occurredAt, type, quantity, country, bucket, periodStart, acceptedAt).changes === 1,
    addToCounter: (lineId, periodStart, bucket, used, events, allowance, blockUnits, blockPriceCents, chargedCents, now) =>
      addToCounter.get(lineId, periodStart, bucket, used, events, allowance, blockUnits, blockPriceCents, chargedCents, now) as [number, number | null, number, number],
    setLastCountry: (lineId, country, at) => void setLastCountry.run(country, at, lineId),
  };
}
