import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { CLASS_RULES } from '../notifications/message-classes.js';
import type { Storage } from '../storage/database.js';
import { allowanceText, countryName, dataPriceText, passedThreshold } from './usage-alerts.js';
import { definePlan } from './plans.js';
import { ingestUsage } from './usage-ingest.js';

const GB = 1_000_000_000;
const NOW = Date.parse('2026-12-20T23:30:00+01:00');

describe('the thresholds a count passes', () => {
  it('says the highest threshold passed, in whole numbers, and none within or beyond them', () => {
    assert.equal(passedThreshold(7 * GB, 8 * GB, 10 * GB), 80, 'exactly 80% is passed');
    assert.equal(passedThreshold(7 * GB, 8 * GB - 1, 10 * GB), undefined, 'one byte short');
    assert.equal(passedThreshold(7 * GB, 11 * GB, 10 * GB), 100, 'both at once: the 100% one');
    assert.equal(passedThreshold(8 * GB, 9 * GB, 10 * GB), undefined, 'already past 80%');
    assert.equal(passedThreshold(11 * GB, 12 * GB, 10 * GB), undefined, 'already past 100%');
    assert.equal(passedThreshold(0, 5, 0), undefined, 'nothing included: no share to pass');
    // 3 bytes of 3: 80% of 3 is 2.4, passed at 3 (integers, no rounding)
    assert.equal(passedThreshold(2, 3, 3), 100);
    assert.equal(passedThreshold(1, 2, 3), undefined);
  });

  it('writes allowances, prices and countries as the messages say them', () => {
    assert.deepEqual([allowanceText(20 * GB), allowanceText(1_500_000_000), allowanceText(500_000_000)], ['20 GB', '1.5 GB', '500 MB']);
    assert.deepEqual([dataPriceText(1_000_000, 199, 'fr'), dataPriceText(1_000_000, 199, 'en'), dataPriceText(GB, 1000, 'de')], ['1,99 EUR/MB', '1.99 EUR/MB', '10,00 EUR/GB']);
    assert.deepEqual([countryName('DE', 'fr'), countryName('CH', 'de'), countryName('US', 'en'), countryName('AT', 'lb')], ['Allemagne', 'Schweiz', 'United States', 'Autriche']);
  });

  it('sends alerts at any hour, within the cap of automatic SMS', () => {
    assert.deepEqual(CLASS_RULES.alert, { quietHours: null, surveyOptOut: false, whenCapped: 'wait' });
  });
});

for (const engine of await testEngines()) {
  describe(`data alerts on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const msisdn = '+352621500001';
    let partyId: string;
    let n = 0;

    before(async () => {
      storage = await engine.open();
      await definePlan(storage.db, { code: 'Alert 10', name: 'Alert 10', monthlyPriceCents: 1000, buckets: [{ bucket: 'data_national', allowance: 10 * GB, blockUnits: 1_000_000, blockPriceCents: 1 }] }, NOW);
      partyId = (await seedCustomer(storage.db, { familyName: 'Alerte', preferredLanguage: 'de', lines: [{ msisdn, plan: 'Alert 10' }], phones: [], emails: [] })).id;
    });
    after(async () => storage?.close());

    const use = (bytes: number, at = '2026-12-20T22:00:00+01:00', country = 'LU') =>
      ingestUsage(storage, [{ eventId: `alert-${++n}`, msisdn, occurredAt: at, type: 'data', quantity: bytes, country }], { now: NOW });
    /** The line's alerts, by period, then threshold. */
    const alerts = async () =>
      (await storage.db.selectFrom('notifications').selectAll().where('ref_type', '=', 'line').where('template_key', 'like', 'usage.data-%').execute()).sort(
        (a, b) => a.occasion.localeCompare(b.occasion) || Number(a.template_key.split('-')[1]) - Number(b.template_key.split('-')[1]),
      );

    it('texts the line once when its data passes 80%, in the customer’s language, at night, and again at 100%', async () => {
      assert.equal((await use(7 * GB)).alerts, 0);
      assert.equal((await use(1 * GB)).alerts, 1, '8 of 10 GB');
      assert.equal((await use(500_000_000)).alerts, 0, 'still between 80% and 100%');
      // data roaming in the EU counts in its own bucket: no alert about data at home (the roaming tariff is another alert)
      assert.equal((await use(2 * GB, '2026-12-20T22:10:00+01:00', 'FR')).alerts, 1);
      assert.equal((await use(1_600_000_000)).alerts, 1, '10.1 of 10 GB');
      const sent = await alerts();
      assert.deepEqual(sent.map((a) => [a.template_key, a.class, a.recipient, a.party_id, a.status]), [
        ['usage.data-80', 'alert', msisdn, partyId, 'queued'],
        ['usage.data-100', 'alert', msisdn, partyId, 'queued'],
      ]);
      assert.equal(sent[0]!.language, 'de');
      assert.equal(sent[0]!.body, 'Sie haben 80% Ihres Datenvolumens in Luxemburg (10 GB) für den Zeitraum bis zum 31.12.2026 verbraucht. Ihren Verbrauch sehen Sie in Ihrem Kundenkonto.');
      const jobs = await storage.db.selectFrom('outbox').select('topic').where('ref_id', 'in', sent.map((a) => a.id)).execute();
      assert.equal(jobs.length, 2, 'each alert has its sending job');
    });

    it('never sends the same alert twice in a period, and sends it again in the next one', async () => {
      // a replay of the events that passed 80% and 100%: duplicates, nothing counted, nothing sent
      const replay = await ingestUsage(storage, [{ eventId: 'alert-2', msisdn, occurredAt: '2026-12-20T22:00:00+01:00', type: 'data', quantity: GB, country: 'LU' }], { now: NOW });
      assert.deepEqual([replay.accepted, replay.alerts], [0, 0]);
      assert.equal((await alerts()).length, 2);
      // January: a new period, a new allowance
      const january = Date.parse('2027-01-25T10:00:00+01:00');
      const next = await ingestUsage(storage, [{ eventId: 'alert-jan', msisdn, occurredAt: '2027-01-25T09:00:00+01:00', type: 'data', quantity: 9 * GB, country: 'LU' }], { now: january });
      assert.equal(next.alerts, 1);
      assert.deepEqual((await alerts()).map((a) => [a.template_key, a.occasion]), [
        ['usage.data-80', '20261201'],
        ['usage.data-100', '20261201'],
        ['usage.data-80', '20270101'],
      ]);
    });

    it('writes no alert for usage loaded as history, nor when the batch is refused', async () => {
      const before = (await alerts()).length;
      const history = await ingestUsage(storage, [{ eventId: 'alert-hist', msisdn, occurredAt: '2027-01-26T09:00:00+01:00', type: 'data', quantity: 5 * GB, country: 'LU' }], {
        now: Date.parse('2027-01-26T10:00:00+01:00'), alerts: false,
      });
      assert.deepEqual([history.accepted, history.alerts], [1, 0]);
      assert.equal((await alerts()).length, before);
    });
    it('texts the tariff of the country on each arrival abroad, not again within 12 hours for the same country, EU/EEA and elsewhere', async () => {
      const roaming = async () =>
        (await storage.db.selectFrom('notifications').select(['template_key', 'occasion', 'body', 'class']).where('ref_type', '=', 'line').where('template_key', 'like', 'usage.roaming-%').execute())
          .sort((a, b) => Number(a.occasion.split(':')[2]) - Number(b.occasion.split(':')[2]));
      const at = Date.parse('2027-01-27T10:00:00+01:00');
      const t = (time: string) => Date.parse(time);
      const report = await ingestUsage(storage, [
        { eventId: 'roam-1', msisdn, occurredAt: '2027-01-27T09:00:00+01:00', type: 'voice', quantity: 60, country: 'AT' },
        { eventId: 'roam-2', msisdn, occurredAt: '2027-01-27T09:05:00+01:00', type: 'data', quantity: 1000, country: 'AT' },
        { eventId: 'roam-3', msisdn, occurredAt: '2027-01-27T09:30:00+01:00', type: 'data', quantity: 1000, country: 'US' },
      ], { now: at });
      assert.equal(report.alerts, 2, 'one for Austria, one for the United States');
      const again = await ingestUsage(storage, [{ eventId: 'roam-4', msisdn, occurredAt: '2027-01-27T09:40:00+01:00', type: 'sms', quantity: 1, country: 'AT' }], { now: at });
      assert.equal(again.alerts, 0, 'back in Austria within 12 hours of its message');
      // home, then Austria again the next day: a new arrival, told again
      await ingestUsage(storage, [{ eventId: 'roam-5', msisdn, occurredAt: '2027-01-27T20:00:00+01:00', type: 'sms', quantity: 1, country: 'LU' }], { now: at + 11 * 3_600_000 });
      const nextDay = await ingestUsage(storage, [{ eventId: 'roam-6', msisdn, occurredAt: '2027-01-28T08:00:00+01:00', type: 'sms', quantity: 1, country: 'AT' }], { now: at + 23 * 3_600_000 });
      assert.equal(nextDay.alerts, 1, 'a new arrival in Austria the next day');
      const sent = (await roaming()).filter((r) => r.occasion.startsWith('20270101'));
      assert.deepEqual(sent.map((r) => [r.template_key, r.occasion, r.class]), [
        ['usage.roaming-eu', `20270101:AT:${t('2027-01-27T09:00:00+01:00')}`, 'alert'],
        ['usage.roaming-world', `20270101:US:${t('2027-01-27T09:30:00+01:00')}`, 'alert'],
        ['usage.roaming-eu', `20270101:AT:${t('2027-01-28T08:00:00+01:00')}`, 'alert'],
      ]);
      // in the customer's language (German), with the country's name, the plan's figures and 112
      assert.match(sent[0]!.body, /^Sie sind im Ausland \(Österreich\)\./);
      assert.match(sent[1]!.body, /\(Vereinigte Staaten\), außerhalb der EU\. Daten: -\./, 'the plan has no price for data outside the EU');
      for (const r of sent) assert.match(r.body, /112/);
    });
  });
}
