import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { chargedCents, periodStartAt } from './buckets.js';
import { lineConsumption } from './consumption.js';
import { definePlan } from './plans.js';
import { ingestUsage } from './usage-ingest.js';

const NOW = Date.parse('2026-12-20T12:00:00+01:00');
const MB = 1_000_000;
const GB = 1_000_000_000;

/** A plan with 10 GB at home (then 1 cent per started MB), 5 GB of EU fair use (then 2 cents), 100 minutes, 50 SMS. */
const PLAN = {
  code: 'Test Go', name: 'Test Go', monthlyPriceCents: 2500,
  buckets: [
    { bucket: 'data_national' as const, allowance: 10 * GB, blockUnits: MB, blockPriceCents: 1 },
    { bucket: 'data_eu' as const, allowance: 5 * GB, blockUnits: MB, blockPriceCents: 2 },
    { bucket: 'data_world' as const, allowance: 0, blockUnits: MB, blockPriceCents: 900 },
    { bucket: 'voice' as const, allowance: 6000, blockUnits: 60, blockPriceCents: 20 },
    { bucket: 'sms' as const, allowance: null, blockUnits: 1, blockPriceCents: 0 },
  ],
};

const event = (id: string, msisdn: string, occurredAt: string, type: string, quantity: number | string, country: string) => ({ eventId: id, msisdn, occurredAt, type, quantity, country });

for (const engine of await testEngines()) {
  describe(`usage ingestion and counters on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let lineId: string;
    const msisdn = '+352621900001';
    const other = '+352621900002';

    before(async () => {
      storage = await engine.open();
      await definePlan(storage.db, PLAN, NOW);
      await seedCustomer(storage.db, { familyName: 'Usage', lines: [{ msisdn, plan: 'Test Go' }, { msisdn: other, plan: 'Unknown Plan' }], phones: [], emails: [] });
      lineId = (await storage.db.selectFrom('lines').select('id').where('msisdn', '=', msisdn).executeTakeFirstOrThrow()).id;
    });
    after(async () => storage?.close());

    /** Every counter of the database against the events themselves, summed again. */
    async function assertCountersMatchEvents(): Promise<void> {
      const raw = await sql<{ line_id: string; period_start: number; bucket: string; used: number; events: number }>`
        select line_id, period_start, bucket, sum(quantity) as used, count(*) as events from usage_events group by line_id, period_start, bucket
        order by line_id, period_start, bucket`.execute(storage.db);
      const counters = await storage.db.selectFrom('usage_counters').selectAll().orderBy('line_id').orderBy('period_start').orderBy('bucket').execute();
      assert.deepEqual(
        counters.map((c) => [c.line_id, Number(c.period_start), c.bucket, Number(c.used), Number(c.events)]),
        raw.rows.map((r) => [r.line_id, Number(r.period_start), r.bucket, Number(r.used), Number(r.events)]),
        'counters equal the events summed again',
      );
      for (const c of counters) {
        const terms = { allowance: c.allowance === null ? null : Number(c.allowance), blockUnits: Number(c.block_units), blockPriceCents: Number(c.block_price_cents) };
        assert.equal(Number(c.charged_cents), chargedCents(Number(c.used), terms), `out-of-bundle amount of ${c.bucket}`);
      }
    }

    it('counts data at home, in the EU/EEA and elsewhere, voice and SMS in their buckets, with the worked example’s amounts', async () => {
      const report = await ingestUsage(storage, [
        event('a1', '+352 621 900 001', '2026-12-02T10:00:00+01:00', 'data', 9 * GB, 'LU'),
        event('a2', '00352621900001', '2026-12-03T10:00:00+01:00', 'data', 1 * GB + 2 * MB + 1, 'lu'),
        event('a3', msisdn, '2026-12-04T10:00:00+01:00', 'data', 300 * MB, 'FR'),
        event('a4', msisdn, '2026-12-04T11:00:00+01:00', 'data', 200 * MB, 'NO'),
        event('a5', msisdn, '2026-12-05T10:00:00+01:00', 'data', 1, 'CH'),
        event('a6', msisdn, '2026-12-05T11:00:00+01:00', 'voice', 5990, 'LU'),
        event('a7', msisdn, '2026-12-05T12:00:00+01:00', 'voice', 75, 'BE'),
        event('a8', msisdn, '2026-12-06T10:00:00+01:00', 'sms', 1, 'LU'),
        event('a9', msisdn, '2026-12-06T10:01:00+01:00', 'sms', '2', 'LU'),
      ], { now: NOW });
      assert.deepEqual([report.received, report.accepted, report.duplicates, report.refused.length, report.written], [9, 9, 0, 0, true]);

      const c = await lineConsumption(storage.db, msisdn, NOW);
      assert.deepEqual(c.period, { start: 20261201, end: 20261231 });
      const byBucket = Object.fromEntries(c.buckets.map((b) => [b.bucket, [b.used, b.allowance, b.chargedCents]]));
      // 10 GB + 2 MB + 1 byte at home: 3 started MB beyond 10 GB at 1 cent
      assert.deepEqual(byBucket.data_national, [10 * GB + 2 * MB + 1, 10 * GB, 3]);
      // France and Norway roam like at home, under the 5 GB fair use: nothing charged
      assert.deepEqual(byBucket.data_eu, [500 * MB, 5 * GB, 0]);
      // Switzerland is neither EU nor EEA: one byte is one started MB at 9 €
      assert.deepEqual(byBucket.data_world, [1, 0, 900]);
      // 6,065 s against 6,000: 65 s, two started minutes at 20 cents
      assert.deepEqual(byBucket.voice, [6065, 6000, 40]);
      assert.deepEqual(byBucket.sms, [3, null, 0]);
      assert.equal(c.outOfBundleCents, 3 + 900 + 40);
      assert.equal(c.updatedAt, NOW);
      await assertCountersMatchEvents();
    });

    it('counts an event once, whether it comes again in the same batch or in a replay, and tells which were duplicates', async () => {
      const before = await lineConsumption(storage.db, msisdn, NOW);
      const replay = await ingestUsage(storage, [
        event('a1', msisdn, '2026-12-02T10:00:00+01:00', 'data', 9 * GB, 'LU'),
        event('b1', msisdn, '2026-12-07T10:00:00+01:00', 'sms', 1, 'LU'),
        event('b1', msisdn, '2026-12-07T10:00:00+01:00', 'sms', 1, 'LU'),
      ], { now: NOW });
      assert.deepEqual([replay.accepted, replay.duplicates], [1, 2]);
      const again = await ingestUsage(storage, [event('b1', msisdn, '2026-12-07T10:00:00+01:00', 'sms', 1, 'LU')], { now: NOW });
      assert.deepEqual([again.accepted, again.duplicates], [0, 1]);
      const after = await lineConsumption(storage.db, msisdn, NOW);
      const sms = (c: typeof before) => c.buckets.find((b) => b.bucket === 'sms')!.used;
      assert.equal(sms(after), sms(before) + 1);
      assert.equal(after.buckets.find((b) => b.bucket === 'data_national')!.used, before.buckets.find((b) => b.bucket === 'data_national')!.used);
      await assertCountersMatchEvents();
    });

    it('refuses a batch with a wrong event as a whole, naming every issue; with skipInvalid it counts the others', async () => {
      const batch = [
        event('c1', msisdn, '2026-12-08T10:00:00+01:00', 'data', 1000, 'LU'),
        event('c2', msisdn, '2026-12-08T10:00:00', 'data', -5, 'XX'),
        event('c3', '+352621999999', '2026-12-08T10:00:00+01:00', 'fax', 1.5, 'LU'),
        event('c4', msisdn, '2027-01-08T10:00:00+01:00', 'data', 1, 'LU'),
        { eventId: 'c5' },
      ];
      const counted = await storage.db.selectFrom('usage_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const refused = await ingestUsage(storage, batch, { now: NOW });
      assert.equal(refused.written, false);
      assert.equal(refused.accepted, 0);
      assert.deepEqual(
        refused.refused.map((r) => [r.index, r.issues.map((i) => `${i.field}:${i.code}`)]),
        [
          [1, ['occurredAt:invalid-format', 'quantity:too-small', 'country:invalid-format']],
          [2, ['type:not-one-of', 'quantity:not-whole-number']],
          [3, ['occurredAt:usage-in-future']],
          [4, ['msisdn:required', 'occurredAt:required', 'type:required', 'quantity:required', 'country:required']],
        ],
      );
      const still = await storage.db.selectFrom('usage_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(still.n), Number(counted.n), 'nothing written');

      const skipped = await ingestUsage(storage, [...batch, event('c6', '+352621999999', '2026-12-08T10:00:00+01:00', 'data', 1, 'LU')], { now: NOW, skipInvalid: true });
      assert.equal(skipped.written, true);
      assert.equal(skipped.accepted, 1);
      assert.deepEqual(skipped.refused.map((r) => r.index), [1, 2, 3, 4, 5]);
      assert.deepEqual(skipped.refused.at(-1)!.issues.map((i) => i.code), ['unknown-line']);
      await assertCountersMatchEvents();
    });

    it('puts an event in the billing period of its local day, from the account’s billing day', async () => {
      const account = await storage.db.selectFrom('lines').select('account_id').where('id', '=', lineId).executeTakeFirstOrThrow();
      await storage.db.updateTable('accounts').set({ billing_day: 15 }).where('id', '=', account.account_id).execute();
      try {
        // 23:30 UTC on the 14th is already the 15th in Luxembourg: the new period
        assert.equal(periodStartAt(Date.parse('2026-12-14T23:30:00Z'), 15), 20261215);
        assert.equal(periodStartAt(Date.parse('2026-12-14T22:30:00Z'), 15), 20261115);
        assert.equal(periodStartAt(Date.parse('2026-01-10T12:00:00Z'), 15), 20251215);
        await ingestUsage(storage, [
          event('d1', msisdn, '2026-12-14T23:30:00Z', 'sms', 1, 'LU'),
          event('d2', msisdn, '2026-12-14T22:30:00Z', 'sms', 1, 'LU'),
        ], { now: NOW });
        const periods = await storage.db.selectFrom('usage_events').select(['event_id', 'period_start']).where('event_id', 'in', ['d1', 'd2']).orderBy('event_id').execute();
        assert.deepEqual(periods.map((p) => Number(p.period_start)), [20261215, 20261115]);
        const c = await lineConsumption(storage.db, msisdn, NOW);
        assert.deepEqual(c.period, { start: 20261215, end: 20270114 });
        assert.deepEqual(c.buckets.find((b) => b.bucket === 'sms')!.used, 1, 'the current period holds the event of the 15th only');
      } finally {
        await storage.db.updateTable('accounts').set({ billing_day: 1 }).where('id', '=', account.account_id).execute();
      }
      await assertCountersMatchEvents();
    });

    it('counts a line whose plan the catalogue does not know, with no allowance and nothing charged', async () => {
      await ingestUsage(storage, [event('e1', other, '2026-12-09T10:00:00+01:00', 'data', 5 * GB, 'US')], { now: NOW });
      const c = await lineConsumption(storage.db, other, NOW);
      assert.equal(c.planName, null);
      assert.deepEqual(c.buckets.map((b) => [b.bucket, b.used, b.allowance, b.chargedCents]), [['data_world', 5 * GB, null, 0]]);
    });

    it('gives every event once to the counters when batches that overlap arrive at the same time', async () => {
      // two lines and two buckets, half of the batches in reverse order: locks taken in opposite orders would deadlock
      const batches = Array.from({ length: 4 }, (_, k) => {
        const events = Array.from({ length: 50 }, (_, i) => {
          const n = (k * 25 + i) % 120;
          return event(`f${n}`, n % 2 ? msisdn : other, '2026-12-10T10:00:00+01:00', 'data', 1000 + n, n % 3 ? 'LU' : 'DE');
        });
        return k % 2 ? events.reverse() : events;
      });
      const reports = await Promise.all(batches.map((b) => ingestUsage(storage, b, { now: NOW })));
      const distinct = new Set(batches.flat().map((e) => e.eventId));
      assert.equal(reports.reduce((n, r) => n + r.accepted, 0), distinct.size, 'each distinct event accepted once');
      assert.equal(reports.reduce((n, r) => n + r.accepted + r.duplicates, 0), 200);
      await assertCountersMatchEvents();
    });
  });
}
