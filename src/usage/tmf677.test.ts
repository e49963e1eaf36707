import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import type { LineConsumption } from './consumption.js';
import { definePlan } from './plans.js';
import { billingPeriodOf, msisdnOfReportId, reportIdOf, TMF677_BASE, toUsageConsumptionReport } from './tmf677-presenters.js';
import { ingestUsage } from './usage-ingest.js';

const GB = 1_000_000_000;
const MB = 1_000_000;

/** The wall clock in Luxembourg at an ISO instant, as `YYYY-MM-DD hh:mm:ss`. */
const luxembourg = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Luxembourg' });

/** The day after a `YYYY-MM-DD` day. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('TMF677 report of a line’s consumption (the mapping)', () => {
  const consumption: LineConsumption = {
    lineId: '0190a0c0-0000-7000-8000-000000000001', msisdn: '+352621800001', partyId: 'p1', plan: 'love-trio', planName: 'Love Trio', lineStatus: 'active',
    period: { start: 20261201, end: 20261231 },
    buckets: [
      { bucket: 'data_national', unit: 'bytes', used: 2.5 * GB, allowance: 10 * GB, events: 3, chargedCents: 0 },
      { bucket: 'data_world', unit: 'bytes', used: 2 * MB + 1, allowance: 0, events: 1, chargedCents: 597 },
      { bucket: 'voice', unit: 'seconds', used: 95, allowance: null, events: 1, chargedCents: 0 },
      { bucket: 'sms', unit: 'messages', used: 103, allowance: 100, events: 103, chargedCents: 30 },
    ],
    outOfBundleCents: 627, updatedAt: null, alerts: [], roamingLimit: { limitCents: 5000, off: false, spentCents: 0, stoppedAt: null },
  };
  const now = Date.parse('2026-12-05T14:30:00Z');
  const report = toUsageConsumptionReport(consumption, now);

  it('names the report by the line and the period, and dates it now', () => {
    assert.equal(report.id, '352621800001-20261201');
    assert.equal(report.href, `${TMF677_BASE}/352621800001-20261201`);
    assert.equal(report.effectiveDate, '2026-12-05T14:30:00.000Z');
    assert.equal(report['@type'], 'UsageConsumptionReport');
    assert.equal(msisdnOfReportId(report.id), '+352621800001');
    for (const id of ['352621800001', 'abc-20261201', '+352621800001-20261201', '352621800001-2026120']) assert.equal(msisdnOfReportId(id), null, id);
  });

  it('gives a bucket per Ecoute bucket with its usage type, its line and its counters in base units and euros', () => {
    assert.deepEqual(report.bucket.map((b) => [b.id, b.usageType, b['@type']]), [
      ['data_national', 'data', 'UsageVolumeProduct'], ['data_world', 'data', 'UsageVolumeProduct'], ['voice', 'voice', 'UsageVolumeProduct'], ['sms', 'sms', 'UsageVolumeProduct'],
    ]);
    const [data, world, voice, sms] = report.bucket;
    assert.deepEqual(data!.product, [{ id: consumption.lineId, publicIdentifier: '+352621800001', name: 'Love Trio', '@type': 'NetworkProduct' }]);
    assert.deepEqual(data!.bucketBalance.map((b) => b.remainingValue), [{ amount: 7.5 * GB, units: 'byte' }]);
    assert.deepEqual(data!.bucketCounter.map((c) => [c.counterType, c.value]), [['used', { amount: 2.5 * GB, units: 'byte' }], ['outOfBucket', { amount: 0, units: 'EUR' }]]);
    assert.deepEqual(world!.bucketBalance.map((b) => b.remainingValue), [{ amount: 0, units: 'byte' }], 'an allowance of 0: nothing left, never below 0');
    assert.deepEqual(world!.bucketCounter[1]!.value, { amount: 5.97, units: 'EUR' });
    assert.deepEqual(voice!.bucketBalance, [], 'an unlimited bucket has no balance');
    assert.deepEqual(voice!.bucketCounter[0]!.value, { amount: 95, units: 'second' });
    assert.deepEqual(sms!.bucketBalance[0]!.remainingValue, { amount: 0, units: 'message' });
    assert.deepEqual(sms!.bucketCounter[1]!.value, { amount: 0.3, units: 'EUR' });
    const euros = report.bucket.reduce((sum, b) => sum + b.bucketCounter[1]!.value.amount * 100, 0);
    assert.equal(Math.round(euros), consumption.outOfBundleCents);
  });

  it('gives the billing period from 00:00 on its first day to 24:00 on its last, Luxembourg time, and counts up to now', () => {
    const validFor = { startDateTime: '2026-11-30T23:00:00.000Z', endDateTime: '2026-12-31T23:00:00.000Z' };
    for (const b of report.bucket) {
      for (const balance of b.bucketBalance) assert.deepEqual(balance.validFor, validFor);
      for (const counter of b.bucketCounter) assert.deepEqual(counter.consumptionPeriod, { startDateTime: validFor.startDateTime, endDateTime: report.effectiveDate });
    }
    // across the change to summer time: the period ends an hour earlier in UTC than it starts
    assert.deepEqual(billingPeriodOf({ period: { start: 20260315, end: 20260414 } }), { startDateTime: '2026-03-14T23:00:00.000Z', endDateTime: '2026-04-14T22:00:00.000Z' });
    assert.equal(reportIdOf({ msisdn: '+352691000000', period: { start: 20260315, end: 20260414 } }), '352691000000-20260315');
  });

  it('says when the catalogue does not know the plan', () => {
    const unknown = toUsageConsumptionReport({ ...consumption, planName: null, lineStatus: 'suspended' }, now);
    assert.equal(unknown.description, 'Plan love-trio (not in the catalogue), line suspended');
    assert.equal(unknown.bucket[0]!.product[0]!.name, 'love-trio');
  });
});

const msisdn = '+352621806770';
const filter = (number: string) => `${TMF677_BASE}?bucket.product.publicIdentifier=${encodeURIComponent(number)}`;

for (const engine of await testEngines()) {
  describe(`TMF677 usage consumption API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let advisor: Record<string, string>;
    let partyId: string;

    const get = async (headers: Record<string, string>, path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, type, headers: response.headers, body: type.includes('json') ? await response.json() : await response.text() };
    };
    const audits = async () => (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'consumption').where('party_id', '=', partyId).execute()).length;

    before(async () => {
      storage = await engine.open();
      const { teamId } = await seedTeam(storage.db);
      await definePlan(storage.db, {
        code: 'love-trio', name: 'Love Trio', monthlyPriceCents: 4500,
        buckets: [
          { bucket: 'data_national', allowance: 10 * GB, blockUnits: MB, blockPriceCents: 1 },
          { bucket: 'data_eu', allowance: 5 * GB, blockUnits: MB, blockPriceCents: 1 },
          { bucket: 'data_world', allowance: 0, blockUnits: MB, blockPriceCents: 199 },
          { bucket: 'voice', allowance: null, blockUnits: 60, blockPriceCents: 0 },
          { bucket: 'sms', allowance: 100, blockUnits: 1, blockPriceCents: 10 },
        ],
      });
      partyId = (await seedCustomer(storage.db, { familyName: 'Rapport', lines: [{ msisdn, plan: 'love-trio' }], phones: [], emails: [] })).id;
      await createUser(storage.db, { email: 'advisor@tmf677.test', displayName: 'Advisor', role: 'advisor', teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'dpo@tmf677.test', displayName: 'DPO', role: 'dpo', teamId: null, password: 'correct horse' });
      const now = Date.now();
      const at = new Date(now).toISOString();
      const events = [
        { eventId: 'tmf-1', type: 'data', quantity: 2 * GB, country: 'LU' },
        { eventId: 'tmf-2', type: 'data', quantity: 0.5 * GB, country: 'LU' },
        { eventId: 'tmf-3', type: 'data', quantity: MB, country: 'FR' },
        { eventId: 'tmf-4', type: 'data', quantity: 2 * MB + 1, country: 'US' },
        { eventId: 'tmf-5', type: 'voice', quantity: 95, country: 'LU' },
        { eventId: 'tmf-6', type: 'sms', quantity: 3, country: 'LU' },
      ].map((e) => ({ ...e, msisdn, occurredAt: at }));
      const ingested = await ingestUsage(storage, events, { now, alerts: false });
      assert.equal(ingested.accepted, events.length);
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      advisor = await loginHeaders(server.url, 'advisor@tmf677.test');
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('answers the figures of the staff’s consumption for every bucket (used, remaining, allowance, out of bundle)', async () => {
      const staff = (await callApi(server.url, advisor, `/lines/${encodeURIComponent(msisdn)}/consumption`)).body;
      const answer = await get(advisor, filter('621 806 770'));
      assert.equal(answer.status, 200);
      assert.deepEqual([answer.headers.get('x-total-count'), answer.headers.get('x-result-count')], ['1', '1']);
      assert.equal(answer.body.length, 1);
      const report = answer.body[0];
      const units: Record<string, string> = { bytes: 'byte', seconds: 'second', messages: 'message' };
      assert.deepEqual(report.bucket.map((b: { id: string }) => b.id), staff.buckets.map((b: { type: string }) => b.type));
      let cents = 0;
      for (const s of staff.buckets) {
        const b = report.bucket.find((x: { id: string }) => x.id === s.type);
        const [used, outOfBucket] = b.bucketCounter;
        assert.deepEqual([used.counterType, used.value], ['used', { amount: s.used, units: units[s.unit] }], s.type);
        assert.deepEqual([outOfBucket.counterType, outOfBucket.value], ['outOfBucket', { amount: s.chargedCents / 100, units: 'EUR' }], s.type);
        cents += Math.round(outOfBucket.value.amount * 100);
        if (s.allowance === null) {
          assert.deepEqual(b.bucketBalance, [], `${s.type} is unlimited: no balance`);
        } else {
          assert.deepEqual(b.bucketBalance[0].remainingValue, { amount: s.remaining, units: units[s.unit] }, s.type);
          if (s.used <= s.allowance) assert.equal(b.bucketBalance[0].remainingValue.amount + used.value.amount, s.allowance, `${s.type}: remaining + used is the allowance`);
        }
      }
      assert.equal(cents, staff.outOfBundle.used);
      // the worked example
      const figures = Object.fromEntries(report.bucket.map((b: { id: string; bucketBalance: { remainingValue: { amount: number } }[]; bucketCounter: { value: { amount: number } }[] }) =>
        [b.id, [b.bucketCounter[0]!.value.amount, b.bucketBalance[0]?.remainingValue.amount ?? null, b.bucketCounter[1]!.value.amount]]));
      assert.deepEqual(figures, {
        data_national: [2.5 * GB, 7.5 * GB, 0],
        data_eu: [MB, 5 * GB - MB, 0],
        data_world: [2 * MB + 1, 0, 5.97],
        voice: [95, null, 0],
        sms: [3, 97, 0],
      });
      assert.deepEqual(report.bucket[0].product, [{ id: report.bucket[0].product[0].id, publicIdentifier: msisdn, name: 'Love Trio', '@type': 'NetworkProduct' }]);
    });

    it('gives the billing period as validFor, and counts from its start to the report’s effectiveDate', async () => {
      const staff = (await callApi(server.url, advisor, `/lines/${encodeURIComponent(msisdn)}/consumption`)).body;
      const before = Date.now();
      const [report] = (await get(advisor, filter(msisdn))).body;
      const effective = Date.parse(report.effectiveDate);
      assert.ok(effective >= before && effective <= Date.now());
      const balance = report.bucket.find((b: { id: string }) => b.id === 'data_national').bucketBalance[0];
      assert.equal(luxembourg(balance.validFor.startDateTime), `${staff.period.start} 00:00:00`);
      assert.equal(luxembourg(balance.validFor.endDateTime), `${dayAfter(staff.period.end)} 00:00:00`);
      for (const b of report.bucket) {
        for (const c of b.bucketCounter) assert.deepEqual(c.consumptionPeriod, { startDateTime: balance.validFor.startDateTime, endDateTime: report.effectiveDate });
      }
      assert.equal(report.id, `352621806770-${staff.period.start.replaceAll('-', '')}`);
    });

    it('records each report as a read of the customer, as the staff’s consumption does', async () => {
      const before = await audits();
      assert.equal((await get(advisor, filter(msisdn))).status, 200);
      assert.equal(await audits(), before + 1);
      const row = await storage.db.selectFrom('audit_log').select(['action', 'actor_kind', 'via']).where('party_id', '=', partyId).orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(row, { action: 'customer.read', actor_kind: 'user', via: 'consumption' });
    });

    it('answers a report by its id while its period is the current one, audited; another id is not found', async () => {
      const [report] = (await get(advisor, filter(msisdn))).body;
      const before = await audits();
      const again = await get(advisor, report.href);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, report.id);
      assert.deepEqual(again.body.bucket.map((b: { bucketCounter: { value: { amount: number } }[] }) => b.bucketCounter[0]!.value.amount), report.bucket.map((b: { bucketCounter: { value: { amount: number } }[] }) => b.bucketCounter[0]!.value.amount));
      assert.equal(await audits(), before + 1);
      for (const id of ['352621806770-20000101', '352621806999-20261201', 'no-such-report', '1-2']) {
        const missing = await get(advisor, `${TMF677_BASE}/${id}`);
        assert.deepEqual([missing.status, missing.body.type], [404, 'https://ecoute.lu/problems/not-found'], id);
      }
      assert.equal(await audits(), before + 1, 'nothing shown, nothing recorded');
    });

    it('refuses a request without the line (400 naming the filter), a number that is not one, and answers 404 for a number no line has', async () => {
      const missing = await get(advisor, TMF677_BASE);
      assert.equal(missing.status, 400);
      assert.equal(missing.body.type, 'https://ecoute.lu/problems/invalid-input');
      assert.deepEqual(missing.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['bucket.product.publicIdentifier', 'required']]);
      const bad = await get(advisor, filter('abc'));
      assert.deepEqual([bad.status, bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])], [400, [['bucket.product.publicIdentifier', 'invalid-phone']]]);
      const unknown = await get(advisor, filter('+352621806999'));
      assert.deepEqual([unknown.status, unknown.body.type], [404, 'https://ecoute.lu/problems/not-found']);
    });

    it('lets whoever reads consumption read it, and nobody else (401 without a session, 403 without usage.read)', async () => {
      const dpo = await loginHeaders(server.url, 'dpo@tmf677.test');
      const complaintsOnly = { authorization: `Bearer ${(await createApiToken(storage.db, 'complaints desk', 'integration', ['complaints'])).token}` };
      const mediation = { authorization: `Bearer ${(await createApiToken(storage.db, 'mediation', 'integration', ['usage'])).token}` };
      const before = await audits();
      assert.equal((await get({}, filter(msisdn))).status, 401);
      assert.equal((await get(dpo, filter(msisdn))).status, 403);
      assert.equal((await get(complaintsOnly, filter(msisdn))).status, 403);
      assert.equal((await get(dpo, TMF677_BASE)).status, 403, 'the refusal comes before the validation');
      assert.equal(await audits(), before, 'a refused read records nothing');
      assert.equal((await get(mediation, filter(msisdn))).status, 200);
    });
  });
}
