import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { actOnComplaint, createComplaint } from './complaint-service.js';

const BASE = '/tmf-api/troubleTicket/v4/troubleTicket';
const DAY = 86_400_000;

for (const engine of await testEngines()) {
  describe(`TMF621 trouble tickets on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let advisor: Actor;
    let cookie: { advisor: string; stranger: string };
    let partyId: string;
    const ids: string[] = [];
    const get = async (who: 'advisor' | 'stranger' | 'nobody', path: string) => {
      const response = await fetch(`${server.url}${path}`, { headers: who === 'nobody' ? {} : { cookie: cookie[who] } });
      return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body: await response.json() };
    };
    const login = async (email: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    };

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Billing back office');
      partyId = (await seedCustomer(storage.db)).id;
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      await createUser(storage.db, { email: 'other@tmf.test', displayName: 'Paul Muller', role: 'advisor', teamId: other.teamId, password: 'correct horse' });
      const t0 = Date.now() - 20 * DAY;
      for (let i = 0; i < 3; i += 1) {
        const at = t0 + i * DAY;
        ids.push((await createComplaint(storage.db, { partyId, channel: 'phone', category: 'billing', description: `Billed twice (${i})`, receivedAt: at }, advisor, { now: at })).id);
      }
      await actOnComplaint(storage.db, ids[1]!, 'investigate', { reason: 'checking the bills' }, advisor, { now: t0 + DAY + 3_600_000 });
      await actOnComplaint(storage.db, ids[1]!, 'comment', { reason: 'Called the customer back' }, advisor, { now: t0 + DAY + 7_200_000 });
      await actOnComplaint(storage.db, ids[2]!, 'answer', { outcome: 'upheld' }, advisor, { now: t0 + 2 * DAY + 3_600_000 });
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      cookie = { advisor: await login(`advisor.${team.teamId.slice(-6)}@ecoute.test`), stranger: await login('other@tmf.test') };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('lists complaints as trouble tickets, newest first, paged by offset with X-Total-Count and X-Result-Count, and audits each customer', async () => {
      const before = (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'complaints').execute()).length;
      const page = await get('advisor', `${BASE}?limit=2`);
      assert.equal(page.status, 200);
      assert.deepEqual([page.headers.get('x-total-count'), page.headers.get('x-result-count')], ['3', '2']);
      assert.deepEqual(page.body.map((t: { id: string }) => t.id), [ids[2], ids[1]]);
      assert.deepEqual([page.body[0].status, page.body[0].ticketType, page.body[0]['@type']], ['resolved', 'complaint', 'TroubleTicket']);
      assert.deepEqual(page.body[1].note.map((n: { text: string }) => n.text), ['Called the customer back']);
      assert.deepEqual(page.body[1].statusChange.map((s: { status: string }) => s.status), ['acknowledged', 'inProgress']);
      const rest = await get('advisor', `${BASE}?limit=2&offset=2`);
      assert.deepEqual([rest.body.map((t: { id: string }) => t.id), rest.headers.get('x-result-count')], [[ids[0]], '1']);
      const after = (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'complaints').execute()).length;
      assert.equal(after - before, 2, 'one read of the customer per list');
    });

    it('filters by status, ticket type and creation date', async () => {
      const ofStatus = async (q: string) => (await get('advisor', `${BASE}?${q}`)).body.map((t: { id: string }) => t.id);
      assert.deepEqual(await ofStatus('status=acknowledged'), [ids[0]]);
      assert.deepEqual(await ofStatus('status=inProgress'), [ids[1]]);
      assert.deepEqual(await ofStatus('status=held'), []);
      assert.deepEqual(await ofStatus('ticketType=incident'), []);
      assert.deepEqual(await ofStatus('ticketType=complaint&status=resolved'), [ids[2]]);
      const mid = new Date(Date.now() - 19.5 * DAY).toISOString();
      assert.deepEqual(await ofStatus(`creationDate.lt=${mid}`), [ids[0]]);
      assert.deepEqual(await ofStatus(`creationDate.gt=${mid}`), [ids[2], ids[1]]);
      const bad = await get('advisor', `${BASE}?limit=101`);
      assert.deepEqual([bad.status, bad.type.includes('problem+json')], [400, true]);
    });

    it('reads one ticket within the reader’s scope; 401 anonymous, 403 another team, 404 problem+json unknown', async () => {
      const one = await get('advisor', `${BASE}/${ids[1]}`);
      assert.equal(one.status, 200);
      assert.deepEqual([one.body.id, one.body.href, one.body.relatedParty[0].id, one.body.channel.name], [ids[1], `${BASE}/${ids[1]}`, partyId, 'phone']);
      assert.equal((await get('nobody', `${BASE}/${ids[1]}`)).status, 401);
      assert.equal((await get('nobody', BASE)).status, 401);
      assert.equal((await get('stranger', `${BASE}/${ids[1]}`)).status, 403);
      assert.deepEqual((await get('stranger', BASE)).body, [], 'nothing of another team');
      const missing = await get('advisor', `${BASE}/no-such-ticket`);
      assert.deepEqual([missing.status, missing.type.includes('problem+json')], [404, true]);
      assert.equal((await get('advisor', '/tmf-api/troubleTicket/v4/nothing')).status, 404);
    });
  });
}
