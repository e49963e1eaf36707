import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { purgeExpired } from '../privacy/retention.js';
import { dayStart } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { checkUsageEvent } from './usage-events.js';
import { ingestUsage } from './usage-ingest.js';
import { purgeUsageEvents, setUsageRetentionMonths, usageRetentionHorizon } from './usage-retention.js';

const MB = 1_000_000;

describe('the retention horizon of usage events', () => {
  afterEach(() => setUsageRetentionMonths(undefined));

  it('is the start of the same day months ago in Luxembourg, the month’s last day where it is shorter', () => {
    assert.equal(usageRetentionHorizon(Date.parse('2026-12-15T10:00:00+01:00'), 6), dayStart(20260615));
    assert.equal(usageRetentionHorizon(Date.parse('2027-08-31T12:00:00+02:00'), 6), dayStart(20270228));
    assert.equal(usageRetentionHorizon(Date.parse('2027-03-01T00:30:00+01:00'), 2), dayStart(20270101), 'a Luxembourg day, not a UTC one');
    assert.equal(usageRetentionHorizon(Date.parse('2027-01-10T12:00:00+01:00'), 13), dayStart(20251210), 'across years');
    assert.equal(usageRetentionHorizon(Date.now(), 0), null, '0: kept');
  });

  it('refuses at ingestion an event older than the horizon, with its months', () => {
    const now = Date.parse('2027-03-15T12:00:00+01:00');
    const event = (occurredAt: string) => checkUsageEvent({ eventId: 'e', msisdn: '+352621123456', occurredAt, type: 'data', quantity: 1, country: 'LU' }, now);
    setUsageRetentionMonths(2);
    assert.deepEqual(event('2027-01-14T23:59:00+01:00'), { issues: [{ field: 'occurredAt', reason: 'is older than the 2 months usage is kept', code: 'usage-past-retention', params: { months: 2 } }] });
    assert.ok('event' in event('2027-01-15T00:00:00+01:00'), 'the horizon’s day is kept');
    setUsageRetentionMonths(6);
    assert.ok('event' in event('2027-01-14T23:59:00+01:00'));
    assert.equal((event('2026-12-01T00:00:00+01:00') as { issues: { code: string }[] }).issues[0]!.code, 'usage-too-old', 'beyond 100 days, as before');
  });
});

for (const engine of await testEngines()) {
  describe(`the purge of usage events on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const msisdn = '+352621930001';
    const now = Date.parse('2027-03-15T12:00:00+01:00');

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Retention', lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] });
    });
    after(async () => {
      setUsageRetentionMonths(undefined);
      await storage?.close();
    });

    const counters = async () =>
      (await storage.db.selectFrom('usage_counters').select(['period_start', 'bucket', 'used', 'events']).orderBy('period_start').orderBy('bucket').execute()).map((c) => [Number(c.period_start), c.bucket, Number(c.used), Number(c.events)]);
    const events = async () => (await storage.db.selectFrom('usage_events').select('event_id').orderBy('event_id').execute()).map((e) => e.event_id);

    it('deletes the events before the horizon in slices, keeps the counters, and a replay of a purged event counts nothing', async () => {
      // ten events a day from 5 to 24 January (the horizon, two months before 15 March, is 15 January), and two at the same instant
      const batch = [];
      for (let d = 5; d <= 24; d++) {
        for (let k = 0; k < 10; k++) batch.push({ eventId: `ret-${d}-${k}`, msisdn, occurredAt: `2027-01-${String(d).padStart(2, '0')}T${String(8 + k).padStart(2, '0')}:00:00+01:00`, type: 'data', quantity: MB, country: 'LU' });
      }
      batch.push({ eventId: 'ret-tie', msisdn, occurredAt: '2027-01-05T08:00:00+01:00', type: 'sms', quantity: 1, country: 'LU' });
      const counted = await ingestUsage(storage, batch, { now: Date.parse('2027-01-25T12:00:00+01:00') });
      assert.equal(counted.accepted, 201);
      const kept = (await events()).filter((id) => /^ret-(1[5-9]|2\d)-/.test(id));
      const figures = await counters();

      setUsageRetentionMonths(2);
      const slices: number[] = [];
      const deleted = await purgeUsageEvents(storage.db, usageRetentionHorizon(now, 2)!, { slice: 7, onSlice: (n) => slices.push(n) });
      assert.equal(deleted, 101, 'the ten days before the 15th, and the SMS at the same instant as the first');
      assert.ok(slices.every((n) => n <= 8), `slices of 7, and the event that shares the last one's instant: ${slices}`);
      assert.equal(slices.reduce((a, b) => a + b, 0), 101);
      assert.deepEqual(await events(), kept.sort());
      assert.deepEqual(await counters(), figures, 'the counters are figures: they stay');

      const replay = await ingestUsage(storage, batch.slice(0, 3), { now });
      assert.deepEqual(replay.refused.map((r) => r.issues[0]!.code), ['usage-past-retention', 'usage-past-retention', 'usage-past-retention']);
      assert.equal(replay.written, false);
      assert.deepEqual(await counters(), figures, 'a purged event sent again is never counted twice');
      assert.equal(await purgeUsageEvents(storage.db, usageRetentionHorizon(now, 2)!), 0, 'nothing left to purge');
    });

    it('runs in the daily purge when ECOUTE_USAGE_RETENTION_MONTHS is set, and not when it is 0', async () => {
      await ingestUsage(storage, [{ eventId: 'daily-1', msisdn, occurredAt: '2027-01-20T10:00:00+01:00', type: 'data', quantity: MB, country: 'LU' }], { now: Date.parse('2027-01-25T12:00:00+01:00') });
      const left = (await events()).length;
      const later = Date.parse('2027-03-25T12:00:00+01:00');
      assert.equal((await purgeExpired(storage.db, { smsTexts: 0, comments: 0, notes: 0, usageEventMonths: 0 }, later)).usageEvents, 0);
      assert.equal((await events()).length, left);
      const counts = await purgeExpired(storage.db, { smsTexts: 0, comments: 0, notes: 0, usageEventMonths: 2 }, later);
      assert.equal(counts.usageEvents, left, 'everything before 25 January');
      assert.deepEqual(await events(), []);
    });
  });
}
