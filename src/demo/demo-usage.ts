import type { Storage } from '../storage/database.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import { periodStartAt } from '../usage/buckets.js';
import { ingestUsage, MAX_BATCH_EVENTS } from '../usage/usage-ingest.js';
import type { UsageEventInput } from '../usage/usage-events.js';
import { hash32, Random } from './random.js';

/**
 * The demo's usage (docs/self-service.md): the current billing period so far of the first mobile
 * lines (by number, at most `maxLines`), a few data sessions, calls and messages a day, some lines
 * roaming in the EU or further, each line using a share of its plan's data between a fifth and a
 * little over all of it. Counted through the same ingestion as the API's events, with ids made of the
 * line and the event's rank: loading again counts nothing twice. The first of these lines with a data
 * allowance is left at 78% of it (`nearLimit`): `ecoute usage simulate` takes it past 80%, and its
 * alert SMS leaves.
 */
export interface DemoUsageOptions {
  seed: number;
  now: number;
  /** the lines given usage (default 2,000): the rest of a large demo stays without */
  maxLines?: number;
}

const GB = 1_000_000_000;
const HOUR = 3_600_000;

/** The share of its data the demo's `nearLimit` line has used. */
export const NEAR_LIMIT_SHARE = 0.78;

export async function loadDemoUsage(storage: Storage, options: DemoUsageOptions): Promise<{ lines: number; events: number; nearLimit: string | null }> {
  const { db } = storage;
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .leftJoin('plan_buckets', (join) => join.onRef('plan_buckets.plan_code', '=', 'lines.plan').on('plan_buckets.bucket', '=', 'data_national'))
    .select(['lines.id', 'lines.msisdn', 'accounts.billing_day', 'plan_buckets.allowance'])
    .where('lines.kind', '=', 'mobile')
    .where('lines.status', '=', 'active')
    .orderBy('lines.msisdn')
    .limit(options.maxLines ?? 2_000)
    .execute();

  let batch: UsageEventInput[] = [];
  let events = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    // past usage: the alerts it would have called for are history too, never sent now
    const report = await ingestUsage(storage, batch, { now: options.now, alerts: false });
    events += report.accepted;
    batch = [];
  };
  const today = localDay(options.now);
  const near = lines.find((l) => l.allowance !== null && Number(l.allowance) > 0);
  for (const line of lines) {
    const rng = new Random(hash32(options.seed, ...[...line.msisdn].map((c) => c.charCodeAt(0))));
    const periodStart = periodStartAt(options.now, Number(line.billing_day));
    // the data this line uses in a whole period: a share of its allowance (a few GB a day when unlimited)
    const monthly = (line.allowance === null ? 90 * GB : Number(line.allowance)) * (0.2 + rng.next() * 0.95);
    const abroad = rng.chance(0.12) ? (rng.chance(0.8) ? rng.pick(['FR', 'DE', 'BE', 'PT', 'IT', 'ES']) : rng.pick(['CH', 'US', 'GB'])) : null;
    const abroadFrom = rng.between(3, 20);
    let rank = 0;
    for (let day = periodStart, n = 0; day <= today; day = addDays(day, 1), n++) {
      const start = dayStart(day);
      const country = abroad !== null && n >= abroadFrom && n < abroadFrom + 5 ? abroad : 'LU';
      const add = (type: 'data' | 'voice' | 'sms', quantity: number) => {
        const at = Math.min(options.now - 60_000, start + rng.between(7, 22) * HOUR + rng.int(HOUR));
        if (at < start || quantity < 1) return;
        batch.push({ eventId: `demo-${line.id}-${++rank}`, msisdn: line.msisdn, occurredAt: new Date(at).toISOString(), type, quantity: Math.round(quantity), country });
      };
      const sessions = rng.between(2, 5);
      if (line !== near) for (let s = 0; s < sessions; s++) add('data', (monthly / 30 / sessions) * (0.5 + rng.next()));
      for (let c = rng.between(0, 4); c > 0; c--) add('voice', 20 + rng.int(400));
      for (let m = rng.between(0, 3); m > 0; m--) add('sms', 1);
      if (batch.length >= MAX_BATCH_EVENTS - 20) await flush();
    }
    if (line === near) {
      // one session of the whole share, an hour ago (or at the start of a period younger than that), at home
      batch.push({
        eventId: `demo-${line.id}-${++rank}`, msisdn: line.msisdn, occurredAt: new Date(Math.max(dayStart(periodStart), options.now - HOUR)).toISOString(), type: 'data',
        quantity: Math.floor(Number(line.allowance) * NEAR_LIMIT_SHARE), country: 'LU',
      });
    }
  }
  await flush();
  return { lines: lines.length, events, nearLimit: near?.msisdn ?? null };
}
