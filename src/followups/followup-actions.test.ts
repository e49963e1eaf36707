import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { caseTimeline, findCase } from '../cases/case-service.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { allowedActions } from '../cases/case-kinds.js';
import { FOLLOWUP_ACTIONS } from '../contract/followups.js';
import { actOnFollowup, assignFollowups } from './followup-actions.js';
import { FOLLOWUP, PERSON_ACTIONS } from './followup-kind.js';
import { answerSurvey, seedFollowupWorld, seedPerson } from './followups.testkit.js';

const HOUR = 3_600_000;

const refused = (status: number, code: string, params?: Record<string, unknown>) => (error: unknown) => {
  assert.ok(error instanceof DomainError, String(error));
  assert.deepEqual([error.status, error.code], [status, code], error.message);
  if (params) assert.deepEqual(error.params, params);
  return true;
};

describe('the follow-up state machine', () => {
  it('offers over the API exactly the actions a person takes, and Ecoute alone escalates', () => {
    assert.deepEqual([...PERSON_ACTIONS], [...FOLLOWUP_ACTIONS]);
    assert.deepEqual(FOLLOWUP.actions.filter((a) => !(PERSON_ACTIONS as readonly string[]).includes(a)), ['escalate']);
    assert.deepEqual(allowedActions(FOLLOWUP, 'closed'), ['reopen', 'comment', 'code-cause']);
  });
});

for (const engine of await testEngines()) {
  describe(`closing the loop, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
    });
    after(() => storage?.close());

    /** A detractor's follow-up opened an hour ago, given to the team's lead. */
    const opened = async (text = '2 je vais résilier') => {
      const answer = await answerSurvey(storage.db, world.advisor.id, text, { receivedAt: Date.now() - HOUR });
      const row = await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
      return { id: row.case_id, ...answer };
    };
    const state = async (id: string) => {
      const c = (await findCase(storage.db, id))!;
      const f = await storage.db.selectFrom('followups').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
      return { state: c.state, version: c.version, events: (await caseTimeline(storage.db, id)).length, attempts: Number(f.attempts), notReached: Number(f.not_reached), resolution: f.resolution, f, c };
    };

    it('records attempts, refuses to close before the customer is reached, closes with the outcome and turns the follow-up into a complaint', async () => {
      const { id, interactionId, partyId } = await opened();
      const { lead } = world;
      await assert.rejects(actOnFollowup(storage.db, id, 'close', { cause: 'pas de réseau' }, lead), refused(409, 'followup-not-reached', { attempts: 0, required: 3 }));
      await assert.rejects(actOnFollowup(storage.db, id, 'attempt', {}, lead), refused(400, 'invalid-input'));
      assert.deepEqual(await state(id).then((s) => [s.state, s.version, s.events]), ['open', 1, 1], 'a refused action writes nothing');

      const t1 = Date.now() - 30 * 60_000;
      await actOnFollowup(storage.db, id, 'attempt', { reached: false, at: t1, reason: 'messagerie' }, lead);
      let s = await state(id);
      assert.deepEqual([s.state, s.attempts, s.notReached, Number(s.f.first_attempt_at), s.f.reached_at], ['in_progress', 1, 1, t1, null]);
      await assert.rejects(actOnFollowup(storage.db, id, 'close', {}, lead), refused(409, 'followup-not-reached', { attempts: 1, required: 3 }));

      const t2 = Date.now() - 10 * 60_000;
      await actOnFollowup(storage.db, id, 'attempt', { reached: true, at: t2 }, lead);
      await assert.rejects(actOnFollowup(storage.db, id, 'close', { actionTaken: 'geste commercial' }, lead), refused(400, 'invalid-input'));
      const done = await actOnFollowup(
        storage.db, id, 'close',
        { cause: 'Pas de réseau à la maison depuis trois semaines', causeCategory: 'network', actionTaken: 'Ticket réseau ouvert, geste de 10 €', complaint: { category: 'network' } },
        lead,
      );
      s = await state(id);
      assert.deepEqual([s.state, s.resolution, Number(s.f.reached_at), Number(s.f.first_attempt_at), s.f.cause_category], ['closed', 'reached', t2, t1, 'network']);
      assert.ok(s.c.closed_at !== null && s.c.due_at === null);
      const complaintId = s.f.complaint_id!;
      assert.equal(done.event.data?.complaintId, complaintId);
      assert.equal(done.event.data?.resolution, 'reached');
      const complaint = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').selectAll().where('complaints.case_id', '=', complaintId).executeTakeFirstOrThrow();
      assert.deepEqual(
        [complaint.party_id, complaint.category, complaint.channel, complaint.description, complaint.team_id, complaint.assignee_id],
        [partyId, 'network', 'phone', 'Pas de réseau à la maison depuis trois semaines', world.teamId, lead.id],
      );
      const [origin] = await caseTimeline(storage.db, complaintId);
      assert.equal(origin!.data?.fromCase, id);
      const linked = await storage.db.selectFrom('complaint_contacts').select('interaction_id').where('case_id', '=', complaintId).execute();
      assert.deepEqual(linked.map((l) => l.interaction_id), [interactionId]);

      await assert.rejects(actOnFollowup(storage.db, id, 'close', { cause: 'x' }, lead), refused(409, 'transition-not-allowed', { action: 'close', state: 'closed' }));
      await assert.rejects(actOnFollowup(storage.db, id, 'reopen', {}, lead), refused(400, 'invalid-input'));
      await actOnFollowup(storage.db, id, 'reopen', { reason: 'Le client rappelle : toujours pas de réseau' }, lead);
      s = await state(id);
      assert.deepEqual([s.state, s.resolution, s.f.cause, s.f.complaint_id], ['open', null, null, complaintId]);
      assert.ok(s.c.due_at !== null && Number(s.c.due_at) > Date.now(), 'a new deadline from now');
      await actOnFollowup(storage.db, id, 'attempt', { reached: true }, lead);
      await assert.rejects(
        actOnFollowup(storage.db, id, 'close', { cause: 'toujours le réseau', complaint: { category: 'network' } }, lead),
        refused(409, 'followup-already-complaint'),
      );
    });

    it('closes as unreachable after the rules’ number of attempts not reached, and cancels with a reason', async () => {
      const { lead } = world;
      const unreachable = await opened('4');
      for (let i = 0; i < 3; i++) await actOnFollowup(storage.db, unreachable.id, 'attempt', { reached: false }, lead);
      await actOnFollowup(storage.db, unreachable.id, 'close', {}, lead);
      assert.deepEqual(await state(unreachable.id).then((s) => [s.state, s.resolution, s.notReached]), ['closed', 'unreachable', 3]);

      const cancelled = await opened('5');
      await assert.rejects(actOnFollowup(storage.db, cancelled.id, 'cancel', {}, lead), refused(400, 'invalid-input'));
      await actOnFollowup(storage.db, cancelled.id, 'cancel', { reason: 'Le client a déjà été rappelé par sa boutique' }, lead);
      assert.deepEqual(await state(cancelled.id).then((s) => [s.state, s.resolution]), ['closed', 'cancelled']);
    });

    it('keeps each follow-up within reach: an advisor theirs, a team lead their team’s, a CX manager all', async () => {
      const { id } = await opened('3');
      await assert.rejects(actOnFollowup(storage.db, id, 'comment', { reason: 'vu' }, world.advisor), refused(403, 'forbidden'));
      await assert.rejects(actOnFollowup(storage.db, id, 'comment', { reason: 'vu' }, world.otherLead), refused(403, 'forbidden'));
      await actOnFollowup(storage.db, id, 'comment', { reason: 'vu' }, world.manager);
      await assert.rejects(actOnFollowup(storage.db, id, 'assign', { assigneeId: world.advisor.id }, world.advisor), refused(403, 'forbidden'));
      await assert.rejects(actOnFollowup(storage.db, id, 'assign', { assigneeId: world.otherAdvisorId }, world.lead), refused(400, 'invalid-input'));
      const given = await actOnFollowup(storage.db, id, 'assign', { assigneeId: world.advisor.id }, world.lead);
      const alert = await storage.db.selectFrom('outbox').select('ref_id').where('topic', '=', 'followup.hot').where('ref_id', '=', `${id}:${given.case.version}`).executeTakeFirst();
      assert.ok(alert, 'a hot follow-up given to someone is pushed to them');
      await actOnFollowup(storage.db, id, 'attempt', { reached: false }, world.advisor);
      await assert.rejects(actOnFollowup(storage.db, id, 'attempt', { reached: false, expectedVersion: given.case.version }, world.advisor), refused(409, 'case-version-conflict'));
      await actOnFollowup(storage.db, id, 'transfer', { teamId: world.otherTeamId }, world.manager);
      await assert.rejects(actOnFollowup(storage.db, id, 'comment', { reason: 'vu' }, world.lead), refused(403, 'forbidden'), 'transferred away: out of the team lead’s reach');
      await actOnFollowup(storage.db, id, 'comment', { reason: 'pris en charge' }, world.otherLead);
    });

    it('assigns in bulk, all or none, within the team lead’s team', async () => {
      const a = await opened('6');
      const b = await opened('6');
      const outside = await opened('6');
      await actOnFollowup(storage.db, outside.id, 'transfer', { teamId: world.otherTeamId }, world.manager);
      const colleague = await seedPerson(storage.db, 'advisor', world.teamId);
      await assert.rejects(assignFollowups(storage.db, [a.id, outside.id], colleague.id, world.lead), refused(403, 'forbidden'));
      assert.equal((await findCase(storage.db, a.id))!.assignee_id, world.lead.id, 'none assigned');
      await assert.rejects(assignFollowups(storage.db, [a.id], colleague.id, world.advisor), refused(403, 'forbidden'));
      const assigned = await assignFollowups(storage.db, [a.id, b.id], colleague.id, world.lead, 'plan de rappel du jour');
      assert.deepEqual(assigned.map((c) => c.assignee_id), [colleague.id, colleague.id]);
      const unassigned = await assignFollowups(storage.db, [a.id], null, world.lead);
      assert.equal(unassigned[0]!.assignee_id, null);
    });

    it('pauses and resumes the clock while the customer asked to be called later', async () => {
      const { id } = await opened('4');
      await actOnFollowup(storage.db, id, 'pause', { reason: 'rappeler lundi' }, world.lead);
      await assert.rejects(actOnFollowup(storage.db, id, 'pause', {}, world.lead), refused(409, 'case-already-paused'));
      await actOnFollowup(storage.db, id, 'resume', {}, world.lead);
      assert.equal((await findCase(storage.db, id))!.paused_at, null);
    });
  });
}
