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

const msisdn = '+352621800001';
const today = () => new Date(Date.now() - 60_000).toISOString();

for (const engine of await testEngines()) {
  describe(`usage API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let mediation: Record<string, string>;
    let admin: Record<string, string>;
    let advisor: Record<string, string>;
    let partyId: string;

    const send = (body: string, type: string, query = '') =>
      fetch(`${server.url}/api/v1/usage/events${query}`, { method: 'POST', headers: { ...mediation, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

    before(async () => {
      storage = await engine.open();
      const { teamId } = await seedTeam(storage.db);
      partyId = (await seedCustomer(storage.db, { familyName: 'Conso', lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      await createUser(storage.db, { email: 'admin@usage.test', displayName: 'Admin', role: 'admin', teamId: null, password: 'correct horse' });
      await createUser(storage.db, { email: 'advisor@usage.test', displayName: 'Advisor', role: 'advisor', teamId, password: 'correct horse' });
      mediation = { authorization: `Bearer ${(await createApiToken(storage.db, 'mediation', 'integration', ['usage'])).token}` };
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      admin = await loginHeaders(server.url, 'admin@usage.test');
      advisor = await loginHeaders(server.url, 'advisor@usage.test');
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('lets an administrator define a plan, which everyone who reads cards can list', async () => {
      const put = await callApi(server.url, admin, `/plans/${encodeURIComponent('Love Duo')}`, {
        method: 'PUT',
        body: { name: 'Love Duo', monthlyPriceCents: 3000, buckets: [{ type: 'data_national', allowance: 20_000_000_000, blockUnits: 1_000_000, blockPriceCents: 1 }, { type: 'sms', allowance: null, blockUnits: 1, blockPriceCents: 0 }] },
      });
      assert.equal(put.status, 200);
      assert.deepEqual(put.body.buckets.map((b: { type: string }) => b.type), ['data_national', 'sms']);
      const twice = await callApi(server.url, admin, '/plans/x', { method: 'PUT', body: { name: 'X', monthlyPriceCents: 0, buckets: [{ type: 'sms', allowance: 1, blockUnits: 1, blockPriceCents: 0 }, { type: 'sms', allowance: 2, blockUnits: 1, blockPriceCents: 0 }] } });
      assert.equal(twice.status, 400);
      assert.equal(twice.body.errors[0].code, 'duplicate-bucket');
      const list = await callApi(server.url, advisor, '/plans');
      assert.deepEqual(list.body.items.map((p: { code: string }) => p.code), ['Love Duo']);
      assert.equal((await callApi(server.url, advisor, '/plans/y', { method: 'PUT', body: { name: 'Y', monthlyPriceCents: 0, buckets: [] } })).status, 403);
    });

    it('takes events as a JSON array and as NDJSON, and answers a replay as duplicates', async () => {
      const events = [
        { eventId: 'r1', msisdn, occurredAt: today(), type: 'data', quantity: 5_000_000, country: 'LU' },
        { eventId: 'r2', msisdn: '621 800 001', occurredAt: today(), type: 'sms', quantity: 1, country: 'LU' },
      ];
      const first = await send(JSON.stringify(events), 'application/json');
      assert.equal(first.status, 200);
      assert.deepEqual([first.body.accepted, first.body.duplicates, first.body.written], [2, 0, true]);
      const ndjson = [...events, { ...events[0], eventId: 'r3' }].map((e) => JSON.stringify(e)).join('\n');
      const replay = await send(`${ndjson}\n`, 'application/x-ndjson');
      assert.deepEqual([replay.status, replay.body.accepted, replay.body.duplicates], [200, 1, 2]);
      const wrapped = await send(JSON.stringify({ events: [{ ...events[0], eventId: 'r4' }] }), 'application/json');
      assert.deepEqual([wrapped.status, wrapped.body.accepted], [200, 1]);
    });

    it('refuses a batch with a bad event as a whole (422 naming events[i].field), unless skipInvalid; a line that is not JSON too', async () => {
      const good = { eventId: 's1', msisdn, occurredAt: today(), type: 'data', quantity: 1, country: 'LU' };
      const lines = [JSON.stringify(good), '{not json', JSON.stringify({ ...good, eventId: 's2', quantity: 0 })].join('\n');
      const refused = await send(lines, 'application/x-ndjson');
      assert.equal(refused.status, 422);
      assert.equal(refused.body.type, 'https://ecoute.lu/problems/usage-refused');
      assert.deepEqual(refused.body.params, { count: 2 });
      assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['events[1]:not-json', 'events[2].quantity:too-small']);
      const nothing = await callApi(server.url, advisor, `/lines/${encodeURIComponent(msisdn)}/consumption`);
      const skipped = await send(lines, 'application/x-ndjson', '?skipInvalid=true');
      assert.deepEqual([skipped.status, skipped.body.accepted, skipped.body.refused.map((r: { index: number }) => r.index)], [200, 1, [1, 2]]);
      const counted = await callApi(server.url, advisor, `/lines/${encodeURIComponent(msisdn)}/consumption`);
      const data = (c: typeof counted) => c.body.buckets.find((b: { type: string }) => b.type === 'data_national').events;
      assert.equal(data(counted), data(nothing) + 1, 'only the good event, once skipInvalid');
    });

    it('answers 400 to a body that is not JSON, 415 to another media type and 413 past 10,000 events', async () => {
      assert.equal((await send('[{', 'application/json')).body.type, 'https://ecoute.lu/problems/malformed-request');
      assert.equal((await send('{"x":1}', 'application/json')).status, 400);
      const other = await fetch(`${server.url}/api/v1/usage/events`, { method: 'POST', headers: { ...mediation, 'content-type': 'text/csv' }, body: 'a,b' });
      assert.equal(other.status, 415);
      const many = Array.from({ length: 10_001 }, (_, i) => ({ eventId: `m${i}`, msisdn, occurredAt: today(), type: 'sms', quantity: 1, country: 'LU' }));
      const big = await send(JSON.stringify(many), 'application/json');
      assert.deepEqual([big.status, big.body.params], [413, { maximum: 10_000 }]);
    });

    it('shows a line’s consumption to an advisor as an audited read of the customer, in base units, with the out-of-bundle amount', async () => {
      const response = await callApi(server.url, advisor, `/lines/${encodeURIComponent('621 800 001')}/consumption`);
      assert.equal(response.status, 200);
      const body = response.body;
      assert.equal(body.msisdn, msisdn);
      assert.deepEqual(body.plan, { code: 'Love Duo', name: 'Love Duo' });
      const data = body.buckets.find((b: { type: string }) => b.type === 'data_national');
      assert.deepEqual([data.unit, data.allowance, data.remaining], ['bytes', 20_000_000_000, 20_000_000_000 - data.used]);
      assert.equal(data.used, 5_000_000 * 3 + 1);
      assert.deepEqual(body.outOfBundle, { type: 'out_of_bundle', unit: 'cents', used: 0, allowance: null });
      assert.equal(body.partyId, undefined, 'no internal id leaves');
      const audit = await storage.db.selectFrom('audit_log').select(['party_id', 'via']).where('via', '=', 'consumption').execute();
      assert.ok(audit.length >= 1 && audit.every((a) => a.party_id === partyId));
      assert.equal((await callApi(server.url, advisor, '/lines/%2B352621800999/consumption')).status, 404);
      const bad = await callApi(server.url, advisor, '/lines/abc/consumption');
      assert.deepEqual([bad.status, bad.body.errors[0].code], [400, 'invalid-phone']);
    });

    it('refuses usage from a person and from a token without the usage scope', async () => {
      const crm = { authorization: `Bearer ${(await createApiToken(storage.db, 'crm', 'integration', ['customers'])).token}` };
      for (const headers of [advisor, crm]) {
        const response = await fetch(`${server.url}/api/v1/usage/events`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '[]' });
        assert.equal(response.status, 403);
      }
      assert.equal((await callApi(server.url, crm, `/lines/${encodeURIComponent(msisdn)}/consumption`)).status, 200, 'a CRM reads consumption with the customers scope');
    });
    it('puts the use of the customer’s lines in their data export (GDPR art. 15): every event and the counters of each period', async () => {
      const exported = await callApi(server.url, admin, `/customers/${partyId}/export`);
      assert.equal(exported.status, 200);
      const ids = exported.body.usageEvents.map((e: { eventId: string }) => e.eventId).sort();
      assert.ok(['r1', 'r2', 'r3', 'r4'].every((id) => ids.includes(id)), ids.join(','));
      assert.ok(exported.body.usageEvents.every((e: { msisdn: string }) => e.msisdn === msisdn), 'events name the line by its number');
      const used = (list: { type?: string; bucket?: string; used?: number; quantity?: number }[], key: 'used' | 'quantity') => list.reduce((n, x) => n + (x[key] ?? 0), 0);
      assert.equal(used(exported.body.usageCounters, 'used'), used(exported.body.usageEvents, 'quantity'), 'the counters add up to the events');
    });
    it('erases where and when the lines were used with the customer, and keeps the use of each period', async () => {
      const lineId = (await storage.db.selectFrom('lines').select('id').where('msisdn', '=', msisdn).executeTakeFirstOrThrow()).id;
      const counters = await storage.db.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).orderBy('bucket').execute();
      assert.ok(counters.length > 0);
      const erased = await callApi(server.url, admin, `/customers/${partyId}/erasure`, { body: { reason: 'request DPO-2026-200' } });
      assert.equal(erased.status, 200);
      assert.ok(erased.body.counts.usage_events >= 5);
      assert.equal((await storage.db.selectFrom('usage_events').select('event_id').where('line_id', '=', lineId).execute()).length, 0);
      assert.deepEqual(await storage.db.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).orderBy('bucket').execute(), counters);
    });
  });
}
