import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { DomainError } from '../shared/errors.js';
import { followupsForExport } from './followup-queries.js';
import { answerSurvey, seedFollowupWorld } from './followups.testkit.js';

const config = loadConfig({ demoMode: false });
type Caller = 'advisor' | 'lead' | 'otherLead' | 'cx';

for (const engine of await testEngines()) {
  describe(`follow-ups over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    let headers: Record<Caller, Record<string, string>>;
    let hot: { id: string; partyId: string; interactionId: string };
    let cold: { id: string };
    const api = (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.url, headers[caller], path, init);
    const login = (email: string) => loginHeaders(server.url, email);
    const audited = async (partyId: string) =>
      (await storage.db.selectFrom('audit_log').select(['actor_id', 'via']).where('party_id', '=', partyId).where('via', '=', 'followups').execute()).length;

    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      const opened = async (text: string) => {
        const answer = await answerSurvey(storage.db, world.advisor.id, text, { receivedAt: Date.now() - 3_600_000 });
        const { case_id: id } = await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
        return { id, partyId: answer.partyId, interactionId: answer.interactionId };
      };
      hot = await opened('2 troisième appel, toujours pas de réseau, je vais résilier');
      cold = await opened('6 attente trop longue');
      server = await startServer({ storage, config, port: 0 });
      headers = { advisor: await login(world.advisor.email), lead: await login(world.lead.email), otherLead: await login(world.otherLead.email), cx: await login(world.manager.email) };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it("lists a team lead's queue, hot first by deadline, each customer an audited read; an advisor sees only theirs", async () => {
      const before = await audited(hot.partyId);
      const queue = await api('lead', '/followups');
      assert.equal(queue.status, 200);
      assert.deepEqual(queue.body.items.map((f: { id: string }) => f.id), [hot.id, cold.id]);
      const [first] = queue.body.items;
      assert.deepEqual(
        [first.state, first.hot, first.hotReasons, first.score, first.customer.name, first.deadline, first.assigneeId],
        ['open', true, ['score', 'keyword'], 2, 'Marie Weber 0', 'upcoming', world.lead.id],
      );
      assert.equal(await audited(hot.partyId), before + 1);
      assert.deepEqual((await api('lead', '/followups?view=hot')).body.items.map((f: { id: string }) => f.id), [hot.id]);
      assert.deepEqual((await api('lead', '/followups?state=closed')).body.items, []);
      assert.deepEqual((await api('advisor', '/followups')).body.items, []);
      assert.deepEqual((await api('otherLead', '/followups')).body.items, []);
      assert.equal((await api('otherLead', `/followups?team=${world.teamId}`)).status, 403);
      assert.equal((await api('cx', `/followups?team=${world.teamId}&limit=1`)).body.next !== null, true, 'paged by cursor');
      assert.equal((await api('lead', '/followups?state=open,late')).status, 400);
    });

    it("lists one customer's follow-ups within the reader's reach (customer=), as the card shows them", async () => {
      assert.deepEqual((await api('lead', `/followups?customer=${hot.partyId}`)).body.items.map((f: { id: string }) => f.id), [hot.id]);
      assert.deepEqual((await api('cx', `/followups?customer=${hot.partyId}&view=hot`)).body.items.map((f: { id: string }) => f.id), [hot.id]);
      assert.deepEqual((await api('advisor', `/followups?customer=${hot.partyId}`)).body.items, []);
    });

    it('reads a follow-up with the answer, its comment and topics, the contact evaluated and the customer: audited; out of reach 403', async () => {
      const before = await audited(hot.partyId);
      const { status, body } = await api('lead', `/followups/${hot.id}`);
      assert.equal(status, 200);
      assert.equal(body.answer.comment, 'troisième appel, toujours pas de réseau, je vais résilier');
      assert.ok(body.answer.topics.some((t: { topic: string }) => t.topic === 'network'));
      assert.deepEqual([body.contact.id, body.contact.advisor.id, body.customer.id, body.routedBy, body.hotKeywords], [hot.interactionId, world.advisor.id, hot.partyId, 'team_lead', ['résilier']]);
      assert.deepEqual(body.actions, ['attempt', 'cancel', 'pause', 'resume', 'assign', 'transfer', 'comment', 'code-cause']);
      assert.equal(await audited(hot.partyId), before + 1);
      assert.equal((await api('advisor', `/followups/${hot.id}`)).status, 403);
      assert.equal((await api('otherLead', `/followups/${hot.id}`)).status, 403);
      assert.equal((await api('cx', `/followups/${hot.id}`)).status, 200);
      assert.equal((await api('lead', '/followups/no-such-id')).status, 404);
    });

    it('records the call back and the outcome, turns it into a complaint, and shows every step on the timeline', async () => {
      const attempt = await api('lead', `/followups/${hot.id}/actions/attempt`, { body: { reached: true, reason: 'client joint' } });
      assert.equal(attempt.status, 200);
      assert.deepEqual([attempt.body.followup.state, attempt.body.followup.attempts, attempt.body.event.data], ['in_progress', 1, { reached: true }]);
      const closed = await api('lead', `/followups/${hot.id}/actions/close`, {
        body: { expectedVersion: attempt.body.followup.version, cause: 'Pas de réseau à la maison', actionTaken: 'Ticket réseau', complaint: { category: 'network' } },
      });
      assert.equal(closed.status, 200);
      assert.ok(closed.body.complaintId);
      assert.deepEqual([closed.body.followup.state, closed.body.followup.resolution], ['closed', 'reached']);
      const again = await api('lead', `/followups/${hot.id}/actions/close`, { body: { cause: 'x' } });
      assert.deepEqual([again.status, again.body.type, again.body.params], [409, 'https://ecoute.lu/problems/transition-not-allowed', { action: 'close', state: 'closed' }]);
      assert.equal((await api('lead', `/followups/${hot.id}/actions/acknowledge`, { body: {} })).status, 400);
      assert.equal((await api('lead', `/followups/${hot.id}/actions/escalate`, { body: {} })).status, 400);
      assert.equal((await api('lead', `/followups/${hot.id}/actions/comment`, { body: { reason: 'x', extra: 1 } })).status, 400);
      const complaint = await api('lead', `/complaints/${closed.body.complaintId}`);
      assert.equal(complaint.status, 200, 'the complaint exists and is the lead’s team’s');
      const timeline = await api('lead', `/followups/${hot.id}/timeline`);
      assert.deepEqual(timeline.body.items.map((e: { action: string }) => e.action), ['opened', 'attempt', 'close']);
      assert.deepEqual(timeline.body.items[2].data, { resolution: 'reached', cause: 'Pas de réseau à la maison', actionTaken: 'Ticket réseau', complaintId: closed.body.complaintId, dueAt: null });
      assert.equal(timeline.body.items[2].actor.name, 'Luc Hoffmann');
    });

    it('lets a team lead assign in bulk; the advisor then sees it; an advisor may not assign', async () => {
      assert.equal((await api('advisor', '/followups/assign', { body: { ids: [cold.id], assigneeId: world.advisor.id } })).status, 403);
      const assigned = await api('lead', '/followups/assign', { body: { ids: [cold.id], assigneeId: world.advisor.id, reason: 'à rappeler' } });
      assert.deepEqual([assigned.status, assigned.body.assigned, assigned.body.items[0].assigneeId], [200, 1, world.advisor.id]);
      assert.deepEqual((await api('advisor', '/followups')).body.items.map((f: { id: string }) => f.id), [cold.id]);
      assert.equal((await api('advisor', `/followups/${cold.id}`)).status, 200);
    });

    it('gives the figures of the team, the reader’s own, never another team’s to a team lead', async () => {
      const team = await api('lead', '/followups/metrics');
      assert.equal(team.status, 200);
      assert.deepEqual([team.body.teamId, team.body.mine, team.body.opened, team.body.hot, team.body.contacted.successes, team.body.reached.successes], [world.teamId, false, 2, 1, 1, 1]);
      assert.ok(team.body.contacted.ci95.low < 0.5 && team.body.contacted.ci95.high > 0.5);
      const own = await api('advisor', '/followups/metrics?assignee=me');
      assert.deepEqual([own.body.mine, own.body.opened], [true, 1]);
      assert.equal((await api('lead', `/followups/metrics?team=${world.otherTeamId}`)).status, 403);
      assert.equal((await api('cx', `/followups/metrics?team=${world.otherTeamId}`)).body.opened, 0);
      assert.equal((await api('lead', '/followups/metrics?from=yesterday')).status, 400);
    });

    it('exports the queue as CSV with the same filters, formula-like cells neutralised; not to advisors', async () => {
      const csv = await api('lead', '/followups/export.csv?state=open,in_progress,closed');
      assert.equal(csv.status, 200);
      assert.match(csv.type, /text\/csv/);
      const lines = (csv.body as string).trim().split('\n');
      assert.equal(lines[0], 'id,state,hot,hot_reasons,score,customer_id,customer_number,customer_name,team_id,assignee_id,opened_at,due_at,deadline,attempts,first_attempt_at,reached_at,closed_at,resolution,escalated_at');
      assert.equal(lines.length, 3);
      assert.equal((await api('advisor', '/followups/export.csv')).status, 403);
      const before = await audited(hot.partyId);
      await assert.rejects(followupsForExport(storage.db, { states: ['open', 'in_progress', 'closed'] }, world.lead, 1), (e: unknown) => e instanceof DomainError && e.status === 422 && e.params?.max === 1);
      assert.equal(await audited(hot.partyId), before, 'refused before any customer is read');
    });

    it('lets CX managers change the rules, refusing a word that cannot be matched; others read them', async () => {
      const rules = await api('advisor', '/followup-rules');
      assert.equal(rules.status, 200);
      assert.deepEqual([rules.body.hotScoreMax, rules.body.deadlineDays, rules.body.hotDeadlineDays, rules.body.unreachableAfter, rules.body.thankPromoters], [3, 2, 1, 3, false]);
      assert.ok(rules.body.hotKeywords.fr.includes('résilier') && rules.body.hotKeywords.de.includes('Kündigung') && rules.body.hotKeywords.en.includes('cancel'));
      const { updatedAt: _u, updatedBy: _b, ...input } = rules.body;
      assert.equal((await api('lead', '/followup-rules', { method: 'PUT', body: input })).status, 403);
      const bad = await api('cx', '/followup-rules', { method: 'PUT', body: { ...input, hotKeywords: { ...input.hotKeywords, fr: ['!!'] } } });
      assert.deepEqual([bad.status, bad.body.errors?.[0]?.field], [400, 'hotKeywords.fr.0']);
      assert.equal((await api('cx', '/followup-rules', { method: 'PUT', body: { ...input, hotDeadlineDays: 3 } })).status, 400);
      const saved = await api('cx', '/followup-rules', { method: 'PUT', body: { ...input, hotScoreMax: 4, routing: ['team_lead'] } });
      assert.deepEqual([saved.status, saved.body.hotScoreMax, saved.body.routing, saved.body.updatedBy], [200, 4, ['team_lead'], world.manager.id]);
    });
  });
}
