import { sql, type Kysely, type Transaction } from 'kysely';
import { chunks, inChunks } from '../shared/batches.js';
import type { Storage } from '../storage/database.js';
import type { Database, UsageBucket } from '../storage/schema.js';
import { bucketOf, chargedCents, periodStartAt } from './buckets.js';
import type { CounterChange } from './counter-change.js';
import { lineTermsOfRow, type LineTerms } from './line-terms.js';
import { alertCrossings, welcomeRoamers } from './usage-alerts.js';
import { countryMoves, refuseUnknownLines, type CheckedBatch, type IngestOptions, type IngestReport } from './usage-batch.js';
import type { UsageEvent } from './usage-events.js';

/**
 * Ingestion through Kysely, on any engine (PostgreSQL's path; SQLite has its own, usage-ingest-sqlite.ts):
 * each batch reads its lines, records its events by id (multi-row INSERT … ON CONFLICT DO NOTHING
 * RETURNING) and adds to the counters in key order, so that batches written at once on PostgreSQL take
 * their row locks in one order and never deadlock.
 */
export async function ingestThroughKysely(storage: Storage, batch: CheckedBatch, options: IngestOptions, now: number): Promise<IngestReport> {
  const { valid, refused } = batch;
  const lines = await linesOf(storage.db, valid.map((v) => v.event.msisdn));
  const { known } = refuseUnknownLines(valid, refused, (msisdn) => lines.get(msisdn));

  const report: IngestReport = { received: batch.received, accepted: 0, duplicates: 0, refused, written: false, counters: [], alerts: 0 };
  if ((refused.length > 0 && !options.skipInvalid) || options.checkOnly) return report;

  // Twice in this batch: the first counts (if it is new), the others are duplicates.
  const seen = new Set<string>();
  const fresh: UsageEvent[] = [];
  for (const { event } of known) {
    if (seen.has(event.eventId)) report.duplicates++;
    else (seen.add(event.eventId), fresh.push(event));
  }

  // Rows are written in key order: two batches at once (PostgreSQL) then take their locks in one order and never deadlock.
  fresh.sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  await storage.db.transaction().execute(async (trx) => {
    const rows = fresh.map((e) => {
      const line = lines.get(e.msisdn)!;
      return {
        event_id: e.eventId, line_id: line.lineId, occurred_at: e.occurredAt, type: e.type, quantity: e.quantity, country: e.country,
        bucket: bucketOf(e.type, e.country), period_start: periodStartAt(e.occurredAt, line.billingDay), accepted_at: now,
      };
    });
    const inserted = new Set<string>();
    for (const part of chunks(rows, 400)) {
      const done = await trx.insertInto('usage_events').values(part).onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').execute();
      for (const r of done) inserted.add(r.event_id);
    }
    report.accepted = inserted.size;
    report.duplicates += rows.length - inserted.size;

    // What each counter gains: the events recorded now, summed per line, period and bucket.
    const planOf = new Map([...lines.values()].map((l) => [l.lineId, l.plan]));
    const gains = new Map<string, Gain>();
    for (const row of rows) {
      if (!inserted.has(row.event_id)) continue;
      const key = `${row.line_id}\u001f${row.period_start}\u001f${row.bucket}`;
      const gain = gains.get(key);
      if (gain) (gain.used += row.quantity, gain.events++);
      else gains.set(key, { lineId: row.line_id, plan: planOf.get(row.line_id)!, periodStart: row.period_start, bucket: row.bucket, used: row.quantity, events: 1 });
    }
    report.counters = await addToCounters(trx, [...gains].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, gain]) => gain), now);
    // Where each line was last used: written only when it changes country (most batches write nothing here).
    const byLine = new Map([...lines.values()].map((l) => [l.lineId, l]));
    const moves = countryMoves(rows.filter((r) => inserted.has(r.event_id)), byLine);
    for (const [lineId, latest] of [...moves.latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await trx.updateTable('lines').set({ last_country: latest.country, last_country_at: latest.at }).where('id', '=', lineId).execute();
    }
    // In the same transaction: an alert leaves if and only if the count that called for it commits.
    if (options.alerts !== false) {
      report.alerts = await alertCrossings(trx, report.counters, byLine, now);
      report.alerts += await welcomeRoamers(trx, moves.arrivals, byLine, now);
    }
  });
  report.written = true;
  return report;
}

interface Gain {
  lineId: string;
  plan: string;
  periodStart: number;
  bucket: UsageBucket;
  used: number;
  events: number;
}

interface Terms {
  allowance: number | null;
  blockUnits: number;
  blockPriceCents: number;
}

/** Terms of a bucket the line's plan does not describe (a plan missing from the catalogue): no allowance, nothing charged. */
const NO_TERMS: Terms = { allowance: null, blockUnits: 1, blockPriceCents: 0 };

/** The line each number is, with its account's billing day, its customer and its plan (a number is one line's at most). */
async function linesOf(db: Kysely<Database>, msisdns: string[]): Promise<Map<string, LineTerms>> {
  const rows = await inChunks(msisdns, (chunk) =>
    db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['lines.id', 'lines.msisdn', 'lines.plan', 'lines.kind', 'lines.roaming_limit_cents', 'lines.roaming_limit_off', 'lines.last_country', 'lines.last_country_at', 'accounts.billing_day', 'accounts.party_id'])
      .where('lines.msisdn', 'in', chunk)
      .execute(),
  );
  return new Map(rows.map((r) => [r.msisdn, lineTermsOfRow(r)]));
}

/**
 * Adds the gains to their counters. A counter's terms (allowance, block, price) are its plan's when
 * its first event arrives; its out-of-bundle amount is recomputed from its new total in the same
 * statement, so two batches adding to one counter at once still give the amount of the sum.
 */
async function addToCounters(trx: Transaction<Database>, gains: Gain[], now: number): Promise<CounterChange[]> {
  if (gains.length === 0) return [];
  const terms = await termsOf(trx, gains.map((g) => g.plan));
  const changes: CounterChange[] = [];
  for (const part of chunks(gains, 300)) {
    const values = part.map((g) => {
      const t = terms.get(`${g.plan}\u001f${g.bucket}`) ?? NO_TERMS;
      return {
        line_id: g.lineId, period_start: g.periodStart, bucket: g.bucket, used: g.used, events: g.events,
        allowance: t.allowance, block_units: t.blockUnits, block_price_cents: t.blockPriceCents, charged_cents: chargedCents(g.used, t), updated_at: now,
      };
    });
    const total = sql<number>`usage_counters.used + excluded.used`;
    const rows = await trx
      .insertInto('usage_counters')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['line_id', 'period_start', 'bucket']).doUpdateSet({
          used: total,
          events: sql<number>`usage_counters.events + excluded.events`,
          charged_cents: sql<number>`case when usage_counters.allowance is null or ${total} <= usage_counters.allowance then 0
            else ((${total} - usage_counters.allowance + usage_counters.block_units - 1) / usage_counters.block_units) * usage_counters.block_price_cents end`,
          updated_at: now,
        }),
      )
      .returning(['line_id', 'period_start', 'bucket', 'used', 'allowance', 'block_units', 'block_price_cents'])
      .execute();
    const gained = new Map(part.map((g) => [`${g.lineId}\u001f${g.periodStart}\u001f${g.bucket}`, g.used]));
    for (const r of rows) {
      const used = Number(r.used);
      changes.push({
        lineId: r.line_id, periodStart: Number(r.period_start), bucket: r.bucket, used,
        before: used - (gained.get(`${r.line_id}\u001f${r.period_start}\u001f${r.bucket}`) ?? 0),
        allowance: r.allowance === null ? null : Number(r.allowance), blockUnits: Number(r.block_units), blockPriceCents: Number(r.block_price_cents),
      });
    }
  }
  return changes;
}

async function termsOf(db: Kysely<Database>, plans: string[]): Promise<Map<string, Terms>> {
  const rows = await inChunks(plans, (chunk) => db.selectFrom('plan_buckets').selectAll().where('plan_code', 'in', chunk).execute());
  return new Map(
    rows.map((r) => [
      `${r.plan_code}\u001f${r.bucket}`,
      { allowance: r.allowance === null ? null : Number(r.allowance), blockUnits: Number(r.block_units), blockPriceCents: Number(r.block_price_cents) },
    ]),
  );
}
