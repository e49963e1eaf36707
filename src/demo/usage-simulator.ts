import type { Storage } from '../storage/database.js';
import { ingestUsage, type IngestReport } from '../usage/usage-ingest.js';
import type { UsageEventInput } from '../usage/usage-events.js';
import { Random } from './random.js';

/**
 * Live usage for the demo (`ecoute usage simulate`, docs/self-service.md "Demo"): events of the first
 * `lines` active mobile lines (by number) at `rate` events a second, counted as the API counts them, a
 * batch every quarter of a second, so that the bars of a card move. The demo's line at 78% of its data
 * (`loadDemoUsage`) is among them, with larger data sessions: it passes 80% within a minute or so, and
 * its alert SMS leaves.
 */
export interface SimulationOptions {
  lines: number;
  /** events a second */
  rate: number;
  seed?: number;
  signal?: AbortSignal;
  /** stop after this many seconds (default: when the signal says so) */
  durationSeconds?: number;
  onBatch?: (report: IngestReport) => void;
}

const TICK_MS = 250;
/** One line in ten is away, in France, for the whole simulation (it gets its roaming tariff SMS once); the others are at home. */
const abroad = (index: number) => (index % 10 === 9 ? 'FR' : 'LU');

export async function simulateUsage(storage: Storage, options: SimulationOptions): Promise<{ events: number; alerts: number; lines: number }> {
  const lines = await storage.db
    .selectFrom('lines')
    .leftJoin('plan_buckets', (join) => join.onRef('plan_buckets.plan_code', '=', 'lines.plan').on('plan_buckets.bucket', '=', 'data_national'))
    .select(['lines.msisdn', 'plan_buckets.allowance'])
    .where('lines.kind', '=', 'mobile')
    .where('lines.status', '=', 'active')
    .orderBy('lines.msisdn')
    .limit(options.lines)
    .execute();
  if (lines.length === 0) return { events: 0, alerts: 0, lines: 0 };
  const rng = new Random(options.seed ?? Date.now() % 2 ** 31);
  const started = Date.now();
  const totals = { events: 0, alerts: 0, lines: lines.length };
  let serial = 0;
  let owed = 0;
  while (!options.signal?.aborted && (options.durationSeconds === undefined || Date.now() - started < options.durationSeconds * 1000)) {
    const tick = Date.now();
    owed += (options.rate * TICK_MS) / 1000;
    const batch: UsageEventInput[] = [];
    for (; owed >= 1; owed--) {
      const index = rng.int(lines.length);
      const line = lines[index]!;
      const r = rng.next();
      const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
      // half a percent of the allowance a session where there is one (the bars move), else 5 to 50 MB
      const data = line.allowance !== null ? Math.max(1_000_000, Math.round(Number(line.allowance) * 0.005 * (0.5 + rng.next()))) : 5_000_000 + rng.int(45_000_000);
      batch.push({
        eventId: `sim-${started}-${++serial}`, msisdn: line.msisdn, occurredAt: new Date(tick).toISOString(), type,
        quantity: type === 'data' ? data : type === 'voice' ? 20 + rng.int(300) : 1, country: abroad(index),
      });
    }
    if (batch.length > 0) {
      const report = await ingestUsage(storage, batch, { skipInvalid: true });
      totals.events += report.accepted;
      totals.alerts += report.alerts;
      options.onBatch?.(report);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - tick))));
  }
  return totals;
}
