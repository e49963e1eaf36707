import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedCustomer } from '../../test/fixtures.js';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { createComplaint } from '../complaints/complaint-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { codeComplaints, seedActionWorld, seedCustomersSince, spreadDays } from './actions.testkit.js';

const config = loadConfig({ demoMode: false });
const DAY = 86_400_000;
type Caller = 'manager' | 'lead' | 'otherLead' | 'coach';

for (const engine of await testEngines()) {
  describe(`improvement actions over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let world: Awaited<ReturnType<typeof seedActionWorld>>;
    let headers: Record<Caller, Record<string, string>>;
    let complaint: { id: string; reference: string; partyId: string };
    const api = (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.url, headers[caller], path, init);
    const login = (email: string) => loginHeaders(server.url, email);
    const create = (caller: Caller, over: Record<string, unknown> = {}) =>
      api(caller, '/actions', { body: { title: 'Cap roaming at once', description: 'The EU cap is applied a day late', causeCodes: ['billing.roaming'], dueDate: '2099-03-31', ...over } });

    before(async () => {
      storage = await engine.open();
      world = await seedActionWorld(storage.db);
      const party = await seedCustomer(storage.db, { familyName: 'Evidence', lines: [], phones: [], emails: [] });
      const made = await createComplaint(storage.db, { partyId: party.id, channel: 'phone', category: 'billing', description: 'Charged roaming in Trier although the cap applies', teamId: world.teamId }, world.lead);
      complaint = { ...made, partyId: party.id };
      server = await startServer({ storage, config, port: 0 });
      headers = { manager: await login(world.manager.email), lead: await login(world.lead.email), otherLead: await login(world.otherLead.email), coach: await login(world.coach.email) };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('creates an action for a CX manager only, then lists it with filters, by page and as CSV', async () => {
      assert.equal((await create('lead')).status, 403);
      const bad = await create('manager', { causeCodes: ['billing.nothing'] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].field, 'causeCodes');
      const one = await create('manager', { ownerId: world.lead.id });
      assert.equal(one.status, 201);
      assert.match(one.body.reference, /^ACT-\d{4}-0001$/);
      assert.deepEqual([one.body.state, one.body.owner.name, one.body.teamId, one.body.departmentCode, one.body.steps], ['proposed', 'Luc Hoffmann', world.teamId, 'it_billing', ['approve', 'abandon']]);
      assert.deepEqual(one.body.causes, [{ code: 'billing.roaming', label: 'Frais d’itinérance erronés' }], "labels in the reader's language");
      const english = (await api('manager', `/actions/${one.body.id}?lang=en`)).body;
      assert.deepEqual([english.causes[0].label, english.departmentLabel], ['Wrong roaming charges', 'IT billing']);
      const two = await create('manager', { causeCodes: ['network.outage'], ownerId: world.otherLead.id, title: '=HYPERLINK("x")' });
      const three = await create('manager', { causeCodes: ['billing.double_charge'] });
      const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((a) => a.id);
      assert.deepEqual(ids(await api('manager', '/actions')), [three.body.id, two.body.id, one.body.id]);
      assert.deepEqual(ids(await api('manager', '/actions?cause=billing')), [three.body.id, one.body.id], 'billing and the causes under it');
      assert.deepEqual(ids(await api('manager', '/actions?department=network')), [two.body.id]);
      assert.deepEqual(ids(await api('manager', '/actions?owner=me')), [three.body.id]);
      assert.deepEqual(ids(await api('manager', '/actions?status=approved')), []);
      assert.equal((await api('manager', '/actions?cause=nothing')).status, 400);
      const first = await api('manager', '/actions?limit=2');
      assert.deepEqual(ids(first), [three.body.id, two.body.id]);
      assert.deepEqual(ids(await api('manager', `/actions?limit=2&cursor=${encodeURIComponent(first.body.next)}`)), [one.body.id]);
      const csv = await api('manager', '/actions?format=csv&department=network');
      assert.match(csv.type, /text\/csv/);
      const lines = (csv.body as string).trim().split('\n');
      assert.equal(lines[0], 'id,reference,title,state,causes,department,owner_id,owner_name,team_id,due_date,overdue,proposed_at,done_at,verified_by_override,faded');
      assert.equal(lines.length, 2);
      assert.ok(lines[1]!.includes(`"'=HYPERLINK(""x"")"`), 'a formula-like title is neutralised');
      const owners = (await api('lead', '/action-owners')).body.items.map((o: { name: string; role: string }) => `${o.name} (${o.role})`);
      assert.deepEqual(owners, ['Carole Weis (cx_manager)', 'Luc Hoffmann (team_lead)', 'Paul Muller (team_lead)', 'Sophie Thill (quality_coach)'], 'no advisor');
      // a team lead reads their team's and their own, nothing of another team
      assert.deepEqual(ids(await api('lead', '/actions')), [one.body.id]);
      assert.equal((await api('lead', `/actions/${two.body.id}`)).status, 403);
      assert.equal((await api('coach', `/actions/${two.body.id}`)).status, 200);
    });

    it('runs the lifecycle over its routes: the owner edits, starts and marks done in the past; verify is refused without effect, then overridden with the reason', async () => {
      const { body: action } = await create('manager', { ownerId: world.lead.id, proposedAt: new Date(Date.now() - 90 * DAY).toISOString() });
      assert.equal((await api('lead', `/actions/${action.id}/approve`, { body: {} })).status, 403);
      assert.equal((await api('otherLead', `/actions/${action.id}`, { method: 'PATCH', body: { title: 'x' } })).status, 403);
      const edited = await api('lead', `/actions/${action.id}`, { method: 'PATCH', body: { targetText: 'Half the roaming complaints', targetValue: 0.5, reason: 'Target agreed with IT' } });
      assert.equal(edited.status, 200);
      assert.deepEqual(edited.body.target, { text: 'Half the roaming complaints', measure: 'complaint_rate', direction: 'decrease', value: 0.5 });
      assert.deepEqual(edited.body.timeline.at(-1).data, { fields: ['target_text', 'target_value'] });
      assert.equal((await api('manager', `/actions/${action.id}/approve`, { body: {} })).body.state, 'approved');
      const started = await api('lead', `/actions/${action.id}/start`, { body: { expectedVersion: 3 } });
      assert.equal(started.body.state, 'in_progress');
      assert.equal((await api('lead', `/actions/${action.id}/start`, { body: {} })).status, 409);
      const future = await api('lead', `/actions/${action.id}/done`, { body: { doneAt: new Date(Date.now() + 3_600_000).toISOString() } });
      assert.equal(future.status, 400);
      const doneAt = new Date(Date.now() - 60 * DAY).toISOString();
      const done = await api('lead', `/actions/${action.id}/done`, { body: { doneAt } });
      assert.deepEqual([done.body.state, done.body.doneAt, done.body.steps], ['done', doneAt, ['verify', 'abandon', 'reopen']]);
      const effect = await api('lead', `/actions/${action.id}/effect`);
      assert.equal(effect.status, 200);
      assert.equal(effect.body.status, 'measured');
      assert.deepEqual(effect.body.measures.map((m: { measure: string; matchedBy: string }) => [m.measure, m.matchedBy]), [['complaint_rate', 'causes'], ['nps', 'reasons'], ['repeat_rate', 'reasons']]);
      assert.deepEqual(effect.body.windows.before, { from: effect.body.windows.before.from, to: effect.body.windows.before.to, days: 56 });
      const refused = await api('lead', `/actions/${action.id}/verify`, { body: {} });
      assert.equal(refused.status, 409);
      assert.match(refused.body.type, /effect-not-significant$/);
      assert.equal(refused.body.params.measure, 'complaint_rate');
      assert.equal((await api('lead', `/actions/${action.id}/verify`, { body: { override: true, reason: 'IT confirmed' } })).status, 403);
      const verified = await api('manager', `/actions/${action.id}/verify`, { body: { override: true, reason: 'IT confirmed the cap is applied' } });
      assert.deepEqual([verified.body.state, verified.body.verifiedByOverride, verified.body.timeline.at(-1).reason], ['verified', true, 'IT confirmed the cap is applied']);
      assert.equal((await api('manager', `/actions/${action.id}/abandon`, { body: {} })).status, 409, 'verified is closed');
      const reopened = await api('lead', `/actions/${action.id}/reopen`, { body: { reason: 'Complaints are back' } });
      assert.deepEqual([reopened.body.state, reopened.body.doneAt, reopened.body.verifiedByOverride], ['in_progress', null, false]);
    });

    it('shows a measured effect: complaints of the cause fall by half and more, and the action is verified without override', async () => {
      const doneDay = addDays(localDay(Date.now()), -60);
      const customers = await seedCustomersSince(storage.db, 30, Date.now() - 400 * DAY);
      await codeComplaints(storage.db, 'network.coverage', spreadDays(addDays(doneDay, -56), 56, 30), customers);
      await codeComplaints(storage.db, 'network.coverage', spreadDays(doneDay, 56, 3), customers);
      const { body: action } = await create('manager', { causeCodes: ['network.coverage'], proposedAt: new Date(dayStart(doneDay) - DAY).toISOString() });
      for (const step of ['approve', 'start']) await api('manager', `/actions/${action.id}/${step}`, { body: {} });
      await api('manager', `/actions/${action.id}/done`, { body: { doneAt: new Date(dayStart(doneDay) + 9 * 3_600_000).toISOString() } });
      const { body: effect } = await api('manager', `/actions/${action.id}/effect`);
      const rate = effect.measures[0];
      assert.deepEqual([rate.before.count, rate.after.count, rate.verdict, effect.verifiable], [30, 3, 'better', true]);
      assert.ok(rate.before.low < rate.before.value && rate.before.value < rate.before.high);
      assert.ok(rate.difference.pValue < 0.05 && rate.difference.high < 0);
      assert.equal(effect.fade.assessed, false, 'the latest 8 weeks still overlap the after window');
      const verified = await api('manager', `/actions/${action.id}/verify`, { body: {} });
      assert.deepEqual([verified.body.state, verified.body.verifiedByOverride], ['verified', false]);
    });

    it('links evidence by a complaint reference, reads its text as an audited read for who may read it, and unlinks it', async () => {
      const { body: action } = await create('manager', { ownerId: world.lead.id });
      const audited = async () => (await storage.db.selectFrom('audit_log').select('actor_id').where('party_id', '=', complaint.partyId).where('via', '=', 'actions').execute()).map((r) => r.actor_id);
      const linked = await api('lead', `/actions/${action.id}/evidence`, { body: { kind: 'complaint', subjectId: complaint.reference } });
      assert.equal(linked.status, 201);
      assert.deepEqual(linked.body.evidence.map((e: { kind: string; subjectId: string; label: string }) => [e.kind, e.subjectId, e.label]), [['complaint', complaint.id, complaint.reference]]);
      assert.equal(linked.body.version, action.version, 'evidence keeps the version');
      assert.equal((await api('lead', `/actions/${action.id}/evidence`, { body: { kind: 'complaint', subjectId: complaint.id } })).status, 409);
      assert.equal((await api('lead', `/actions/${action.id}/evidence`, { body: { kind: 'response', subjectId: 'nothing' } })).status, 400);
      assert.deepEqual(await audited(), [], 'linking reads no text');
      const read = await api('lead', `/actions/${action.id}/evidence`);
      assert.deepEqual(read.body.items.map((e: { text: string; hidden: boolean }) => [e.text, e.hidden]), [['Charged roaming in Trier although the cap applies', false]]);
      assert.deepEqual(await audited(), [world.lead.id]);
      const coach = await api('coach', `/actions/${action.id}/evidence`);
      assert.deepEqual(coach.body.items.map((e: { text: string; hidden: boolean }) => [e.text, e.hidden]), [[null, true]], 'a quality coach does not read complaints');
      assert.deepEqual(await audited(), [world.lead.id]);
      const evidenceId = linked.body.evidence[0].id;
      assert.equal((await api('lead', `/actions/${action.id}/evidence/${evidenceId}`, { method: 'DELETE' })).status, 204);
      assert.equal((await api('lead', `/actions/${action.id}/evidence/${evidenceId}`, { method: 'DELETE' })).status, 404);
      const after = (await api('lead', `/actions/${action.id}`)).body;
      assert.deepEqual([after.evidence, after.timeline.map((e: { action: string }) => e.action)], [[], ['opened', 'add-evidence', 'remove-evidence']]);
    });
  });
}
