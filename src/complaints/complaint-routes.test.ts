import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: false });
type Caller = 'advisor' | 'lead' | 'cx' | 'web';

for (const engine of await testEngines()) {
  describe(`complaints over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let headers: Record<Caller, Record<string, string>>;
    let customerId: string;
    let teamId: string;
    let advisorId: string;
    let contactId: string;
    const api = async (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...headers[caller], ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') ? await response.json() : await response.text() };
    };
    const login = async (email: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
      assert.equal(response.status, 200);
      return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
    };
    const rows = async () => ({
      cases: (await storage.db.selectFrom('cases').select('id').execute()).length,
      events: (await storage.db.selectFrom('case_events').select('id').execute()).length,
      outbox: (await storage.db.selectFrom('outbox').select('id').where('topic', 'like', 'complaint.%').execute()).length,
    });

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      teamId = team.teamId;
      advisorId = team.advisorId;
      customerId = (await seedCustomer(storage.db)).id;
      contactId = (await recordInteraction(storage.db, { partyId: customerId, channel: 'phone', direction: 'inbound', startedAt: Date.now() - 600_000, advisorId, phone: '+352621123456' }, 7)).id;
      await createUser(storage.db, { email: 'lead@complaints.test', displayName: 'Luc Hoffmann', role: 'team_lead', teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'cx@complaints.test', displayName: 'Carla Reis', role: 'cx_manager', password: 'correct horse' });
      server = await startServer({ storage, config, port: 0 });
      headers = {
        advisor: await login(`advisor.${teamId.slice(-6)}@ecoute.test`),
        lead: await login('lead@complaints.test'),
        cx: await login('cx@complaints.test'),
        web: { authorization: `Bearer ${(await createApiToken(storage.db, 'web form', 'integration', ['complaints'])).token}` },
      };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('records a complaint from a call and one from a letter, with their references and deadlines; a written one needs its date of receipt', async () => {
      const before = await rows();
      const undated = await api('advisor', '/complaints', { body: { customerId, channel: 'letter', category: 'billing', description: 'Billed twice' } });
      assert.equal(undated.status, 400);
      assert.deepEqual(undated.body.errors.map((e: { field: string }) => e.field), ['receivedAt']);
      assert.deepEqual(await rows(), before, 'nothing written');

      const call = await api('advisor', '/complaints', { body: { customerId, channel: 'phone', category: 'network', description: 'Third call, still no network in Esch', contactIds: [contactId] } });
      assert.equal(call.status, 201, JSON.stringify(call.body));
      assert.match(call.body.reference, /^REC-\d{4}-\d{6}$/);
      assert.deepEqual([call.body.state, call.body.teamId, call.body.contactIds, call.body.deadline], ['received', teamId, [contactId], 'upcoming']);
      const letter = await api('web', '/complaints', {
        body: { customerId, channel: 'letter', category: 'billing', description: 'Courrier du 1er décembre', receivedAt: new Date(Date.now() - 86_400_000).toISOString(), teamId, amountDisputedCents: 4599 },
      });
      assert.equal(letter.status, 201, JSON.stringify(letter.body));
      assert.equal(Number(letter.body.reference.slice(-6)), Number(call.body.reference.slice(-6)) + 1);
      assert.equal(letter.body.amountDisputedCents, 4599);
    });

    it('lists the team’s queue, mine and a customer’s; reading a complaint and its timeline is audited', async () => {
      const queue = await api('advisor', '/complaints?view=all&limit=1');
      assert.equal(queue.status, 200);
      assert.equal(queue.body.items.length, 1);
      const second = await api('advisor', `/complaints?limit=1&cursor=${encodeURIComponent(queue.body.next)}`);
      assert.notEqual(second.body.items[0].id, queue.body.items[0].id);
      assert.equal((await api('advisor', '/complaints?assignee=me')).body.items.length, 0);
      assert.equal((await api('advisor', `/complaints?customer=${customerId}&channel=letter`)).body.items.length, 1);
      assert.equal((await api('advisor', '/complaints?state=nonsense')).status, 400);

      const id = queue.body.items[0].id;
      const auditBefore = await storage.db.selectFrom('audit_log').select('id').where('party_id', '=', customerId).where('via', '=', 'complaints').execute();
      const detail = await api('advisor', `/complaints/${id}`);
      assert.equal(detail.status, 200);
      assert.equal(typeof detail.body.description, 'string');
      const timeline = await api('advisor', `/complaints/${id}/timeline`);
      assert.deepEqual(timeline.body.items.map((e: { action: string }) => e.action), ['opened']);
      const auditAfter = await storage.db.selectFrom('audit_log').selectAll().where('party_id', '=', customerId).where('via', '=', 'complaints').execute();
      assert.equal(auditAfter.length, auditBefore.length + 2);
      assert.deepEqual([auditAfter.at(-1)!.actor_id, auditAfter.at(-1)!.action], [advisorId, 'customer.read']);
    });

    it('takes actions explicitly: an impossible one is a 409 naming the action and the state, and writes nothing', async () => {
      const { body: created } = await api('advisor', '/complaints', { body: { customerId, channel: 'shop', category: 'device', description: 'Screen broke after a week' } });
      const before = await rows();
      const refused = await api('advisor', `/complaints/${created.id}/actions/close`, { body: {} });
      assert.equal(refused.status, 409);
      assert.deepEqual([refused.body.type.endsWith('transition-not-allowed'), refused.body.params], [true, { action: 'close', state: 'received' }]);
      assert.equal((await api('advisor', `/complaints/${created.id}/actions/fly`, { body: {} })).status, 400);
      assert.equal((await api('advisor', `/complaints/${created.id}/actions/reject`, { body: {} })).status, 400);
      assert.deepEqual(await rows(), before);

      const ack = await fetch(`${server.url}/api/v1/complaints/${created.id}/actions/acknowledge`, { method: 'POST', headers: headers.advisor });
      assert.equal(ack.status, 200, 'an action without a body');
      const acknowledged = await ack.json();
      assert.equal(acknowledged.state, 'acknowledged');
      const stale = await api('advisor', `/complaints/${created.id}/actions/investigate`, { body: { expectedVersion: 1 } });
      assert.deepEqual([stale.status, stale.body.params], [409, { expected: 1, actual: 2 }]);
      assert.equal((await api('advisor', `/complaints/${created.id}/comments`, { body: { text: 'Customer sent photos' } })).status, 201);
      const answered = await api('advisor', `/complaints/${created.id}/actions/answer`, { body: { outcome: 'upheld', rootCause: 'faulty batch', reason: 'replaced' } });
      assert.deepEqual([answered.status, answered.body.state, answered.body.dueAt], [200, 'answered', null]);
      const timeline = (await api('advisor', `/complaints/${created.id}/timeline`)).body.items;
      assert.deepEqual(timeline.map((e: { action: string }) => e.action), ['opened', 'acknowledge', 'comment', 'answer']);
      assert.deepEqual([timeline[2].reason, timeline[3].data.outcome, timeline[3].actor.id], ['Customer sent photos', 'upheld', advisorId]);
      assert.equal((await rows()).outbox, before.outbox + 2, 'acknowledged and answered wait in the outbox');
    });

    it('lets team leads assign in bulk and export; categories are read by all and edited by CX managers', async () => {
      const queue = (await api('lead', '/complaints')).body.items.map((c: { id: string }) => c.id);
      assert.equal((await api('advisor', '/complaints/assign', { body: { ids: queue, assigneeId: advisorId } })).status, 403);
      const assigned = await api('lead', '/complaints/assign', { body: { ids: queue, assigneeId: advisorId } });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      assert.equal((await api('advisor', '/complaints?assignee=me')).body.items.length, queue.length);

      assert.equal((await api('advisor', '/complaints/export.csv')).status, 403);
      const csv = await api('lead', '/complaints/export.csv?state=received,acknowledged,answered');
      assert.equal(csv.status, 200);
      const lines = (csv.body as string).trim().split('\n');
      assert.match(lines[0]!, /^reference,state,customer_number,channel,category/);
      assert.equal(lines.length, 4, 'header and three complaints');
      assert.doesNotMatch(csv.body as string, /Screen broke/, 'no description in the export');

      const categories = await api('advisor', '/complaint-categories?lang=en');
      assert.deepEqual(categories.body.items.slice(0, 2).map((c: { code: string; label: string; ackDays: number }) => [c.code, c.label, c.ackDays]), [['network', 'Network and coverage', 2], ['billing', 'Billing', 2]]);
      const change = { labels: { fr: 'Itinérance', de: 'Roaming', en: 'Roaming' }, ackDays: 1, answerDays: 5 };
      assert.equal((await api('advisor', '/complaint-categories/roaming', { method: 'PUT', body: change })).status, 403);
      assert.equal((await api('cx', '/complaint-categories/roaming', { method: 'PUT', body: change })).status, 204);
      assert.equal((await api('cx', '/complaint-categories/roaming', { method: 'PUT', body: { ...change, ackDays: 6 } })).status, 400);
      const roaming = (await api('cx', '/complaint-categories')).body.items.find((c: { code: string }) => c.code === 'roaming');
      assert.deepEqual([roaming.ackDays, roaming.answerDays], [1, 5]);
      assert.equal((await api('cx', '/complaints')).body.items.length, 3, 'a CX manager reads every team’s');
    });
  });
}
