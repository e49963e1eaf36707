/**
 * The floor of usage ingestion on SQLite, for scale (bench/usage.bench.ts --bare): the same two
 * tables as the product (usage_events by id, usage_counters by line, period and bucket, with the
 * product's migrations and indexes), written with prepared better-sqlite3 statements and nothing
 * else: the lines from a Map built once, no check of the events beyond reading their time, no
 * duplicate in the batch looked for, no alert, no country; one INSERT … ON CONFLICT DO NOTHING per
 * event and one upsert (RETURNING the counter, as alerts need) per counter the batch changes, in one
 * transaction a batch. What the product's path costs beyond this is its own work.
 */
import type SqliteDatabase from 'better-sqlite3';
import { bucketOf, chargedCents, periodStartAt } from '../src/usage/buckets.js';
import type { UsageType } from '../src/storage/schema.js';

interface BareLine {
  id: string;
  billingDay: number;
  plan: string;
}

interface Terms {
  allowance: number | null;
  blockUnits: number;
  blockPriceCents: number;
}

export interface BareEvent {
  eventId: string;
  msisdn: string;
  occurredAt: string;
  type: string;
  quantity: number;
  country: string;
}

/** A function that counts one batch the bare way and answers how many events it recorded. */
export function bareIngester(handle: SqliteDatabase.Database): (batch: readonly BareEvent[], now: number) => number {
  const lines = new Map<string, BareLine>();
  for (const r of handle.prepare('select l.msisdn, l.id, l.plan, a.billing_day from lines l join accounts a on a.id = l.account_id').all() as { msisdn: string; id: string; plan: string; billing_day: number }[]) {
    lines.set(r.msisdn, { id: r.id, billingDay: r.billing_day, plan: r.plan });
  }
  const terms = new Map<string, Terms>();
  for (const t of handle.prepare('select * from plan_buckets').all() as { plan_code: string; bucket: string; allowance: number | null; block_units: number; block_price_cents: number }[]) {
    terms.set(`${t.plan_code}\u001f${t.bucket}`, { allowance: t.allowance, blockUnits: t.block_units, blockPriceCents: t.block_price_cents });
  }
  const insert = handle.prepare(
    'insert into usage_events (event_id, line_id, occurred_at, type, quantity, country, bucket, period_start, accepted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
  );
  const total = 'usage_counters.used + excluded.used';
  const upsert = handle
    .prepare(
      `insert into usage_counters (line_id, period_start, bucket, used, events, allowance, block_units, block_price_cents, charged_cents, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (line_id, period_start, bucket) do update set used = ${total}, events = usage_counters.events + excluded.events,
         charged_cents = case when usage_counters.allowance is null or ${total} <= usage_counters.allowance then 0
           else ((${total} - usage_counters.allowance + usage_counters.block_units - 1) / usage_counters.block_units) * usage_counters.block_price_cents end,
         updated_at = excluded.updated_at
       returning used, allowance, block_units, block_price_cents`,
    )
    .raw(true);
  const none: Terms = { allowance: null, blockUnits: 1, blockPriceCents: 0 };
  return handle.transaction((batch: readonly BareEvent[], now: number) => {
    const gains = new Map<string, { line: BareLine; period: number; bucket: string; used: number; events: number }>();
    let recorded = 0;
    for (const e of batch) {
      const line = lines.get(e.msisdn)!;
      const at = Date.parse(e.occurredAt);
      const bucket = bucketOf(e.type as UsageType, e.country);
      const period = periodStartAt(at, line.billingDay);
      if (insert.run(e.eventId, line.id, at, e.type, e.quantity, e.country, bucket, period, now).changes === 0) continue;
      recorded++;
      const key = `${line.id}\u001f${period}\u001f${bucket}`;
      const gain = gains.get(key);
      if (gain) (gain.used += e.quantity, gain.events++);
      else gains.set(key, { line, period, bucket, used: e.quantity, events: 1 });
    }
    for (const g of gains.values()) {
      const t = terms.get(`${g.line.plan}\u001f${g.bucket}`) ?? none;
      upsert.get(g.line.id, g.period, g.bucket, g.used, g.events, t.allowance, t.blockUnits, t.blockPriceCents, chargedCents(g.used, t), now);
    }
    return recorded;
  }) as unknown as (batch: readonly BareEvent[], now: number) => number;
}
