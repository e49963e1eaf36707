import type { Storage } from '../storage/database.js';
import type { UsageBucket } from '../storage/schema.js';
import type { PlanBucketRow, UsageFastPath } from '../storage/usage-fast-path.js';
import { bucketOf, chargedCents, periodStartAt } from './buckets.js';
import type { CounterChange } from './counter-change.js';
import { lineTermsCache, type LineTerms, type LineTermsCache } from './line-terms.js';
import { alertCrossings, welcomeRoamers } from './usage-alerts.js';
import { countryMoves, refuseUnknownLines, type CheckedBatch, type IngestOptions, type IngestReport } from './usage-batch.js';

/**
 * Ingestion on SQLite (docs/self-service.md, "Counters"), the same rules as usage-ingest-kysely.ts at
 * several times its speed: one write transaction per batch, as there, in which
 * - the lines come from memory (line-terms.ts: those changed since the last batch, by anyone, are
 *   read again first), not from a query per batch;
 * - each event is one prepared INSERT … ON CONFLICT DO NOTHING on its id (a duplicate of an earlier
 *   batch, through any source, changes nothing), and each counter the batch changes one prepared
 *   upsert, its events summed in memory first;
 * - where a line was last used is looked at only for the lines an event takes to another country;
 * - the alerts are written in the same transaction, through the same code as elsewhere.
 * SQLite has one writer at a time: no order of rows is needed against deadlocks, none is sorted.
 */
export async function ingestOnSqlite(storage: Storage, fast: UsageFastPath, batch: CheckedBatch, options: IngestOptions, now: number): Promise<IngestReport> {
  const { valid, refused } = batch;
  const cache = lineTermsCache(fast);
  const report: IngestReport = { received: batch.received, accepted: 0, duplicates: 0, refused, written: false, counters: [], alerts: 0 };
  // The lines are read on the connection held (no other flow's transaction is open on it meanwhile).
  const resolve = () => {
    cache.refresh();
    cache.load(valid.map((v) => v.event.msisdn));
    return refuseUnknownLines(valid, refused, (msisdn) => cache.get(msisdn));
  };
  if (options.checkOnly || (refused.length > 0 && !options.skipInvalid)) {
    await storage.db.connection().execute(async () => void resolve());
    return report;
  }
  try {
    await storage.db.transaction().execute(async (trx) => {
      if (!fast.inTransaction()) throw new Error('usage ingestion: the batch is not inside its transaction');
      const { known, lines } = resolve();
      if (refused.length > 0 && !options.skipInvalid) return;
      const written = writeBatch(fast, cache, known, lines, report, now);
      report.written = true;
      // In the same transaction: an alert leaves if and only if the count that called for it commits.
      if (options.alerts !== false) {
        report.alerts = await alertCrossings(trx, report.counters, written.alertLines, now);
        report.alerts += await welcomeRoamers(trx, written.arrivals, written.alertLines, now);
      }
    });
  } catch (error) {
    // What this batch read may have been changed by its own writes, rolled back now.
    cache.clear();
    throw error;
  }
  return report;
}

interface Gain {
  line: LineTerms;
  periodStart: number;
  bucket: UsageBucket;
  used: number;
  events: number;
}

/** The buckets whose counts call for alerts (usage-alerts.ts): the lines of their counters are handed to it. */
const ALERTED: ReadonlySet<string> = new Set<UsageBucket>(['data_national', 'data_eu', 'data_world']);

/**
 * Writes the events, the counters and where the lines were last used; answers what the alerts need.
 * An event twice in the batch is refused by its own first row, as one sent before is: no set of ids.
 */
function writeBatch(
  fast: UsageFastPath,
  cache: LineTermsCache,
  known: CheckedBatch['valid'],
  lines: readonly LineTerms[],
  report: IngestReport,
  now: number,
): { alertLines: Map<string, LineTerms>; arrivals: ReturnType<typeof countryMoves>['arrivals'] } {
  // the gains of each line's counters (a line has one or two in a batch: a list, no key to build)
  const gains = new Map<LineTerms, Gain[]>();
  // the lines an event may take to another country, and which events were counted now
  let travellers: Set<LineTerms> | undefined;
  const counted = new Uint8Array(known.length);
  const periods = new Float64Array(known.length);
  for (let i = 0; i < known.length; i++) {
    const { event } = known[i]!;
    const line = lines[i]!;
    const bucket = bucketOf(event.type, event.country);
    const periodStart = periodStartAt(event.occurredAt, line.billingDay);
    if (!fast.insertEvent(event.eventId, line.lineId, event.occurredAt, event.type, event.quantity, event.country, bucket, periodStart, now)) {
      report.duplicates++;
      continue;
    }
    report.accepted++;
    counted[i] = 1;
    periods[i] = periodStart;
    const list = gains.get(line);
    const gain = list?.find((g) => g.periodStart === periodStart && g.bucket === bucket);
    if (gain) (gain.used += event.quantity, gain.events++);
    else if (list) list.push({ line, periodStart, bucket, used: event.quantity, events: 1 });
    else gains.set(line, [{ line, periodStart, bucket, used: event.quantity, events: 1 }]);
    if (event.country !== line.lastCountry) (travellers ??= new Set()).add(line);
  }

  const terms = new Map<string, PlanBucketRow>();
  if (gains.size > 0) for (const t of fast.planBuckets()) terms.set(`${t.plan_code}\u001f${t.bucket}`, t);
  const alertLines = new Map<string, LineTerms>();
  for (const list of gains.values()) {
    for (const g of list) {
      const t = terms.get(`${g.line.plan}\u001f${g.bucket}`);
      const allowance = t?.allowance ?? null;
      const blockUnits = t?.block_units ?? 1;
      const blockPriceCents = t?.block_price_cents ?? 0;
      const [used, counterAllowance, counterBlockUnits, counterPrice] = fast.addToCounter(
        g.line.lineId, g.periodStart, g.bucket, g.used, g.events, allowance, blockUnits, blockPriceCents, chargedCents(g.used, { allowance, blockUnits, blockPriceCents }), now,
      );
      const change: CounterChange = {
        lineId: g.line.lineId, periodStart: g.periodStart, bucket: g.bucket, before: used - g.used, used,
        allowance: counterAllowance, blockUnits: counterBlockUnits, blockPriceCents: counterPrice,
      };
      report.counters.push(change);
      if (ALERTED.has(g.bucket)) alertLines.set(g.line.lineId, g.line);
    }
  }

  // Where each line was last used: written only when it changes country (most batches write nothing here).
  if (!travellers) return { alertLines, arrivals: [] };
  const rows: { line_id: string; period_start: number; country: string; occurred_at: number }[] = [];
  for (let i = 0; i < known.length; i++) {
    if (counted[i] && travellers.has(lines[i]!)) rows.push({ line_id: lines[i]!.lineId, period_start: periods[i]!, country: known[i]!.event.country, occurred_at: known[i]!.event.occurredAt });
  }
  const byId = new Map([...travellers].map((l) => [l.lineId, l]));
  const moves = countryMoves(rows, byId);
  for (const [lineId, latest] of moves.latest) fast.setLastCountry(lineId, latest.country, latest.at);
  cache.movedHere([...moves.latest].map(([lineId, latest]) => ({ line: byId.get(lineId)!, ...latest })));
  for (const line of travellers) alertLines.set(line.lineId, line);
  return { alertLines, arrivals: moves.arrivals };
}
