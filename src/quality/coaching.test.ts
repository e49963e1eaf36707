import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedEndedCalls, seedTeam } from '../../test/fixtures.js';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../shared/roles.js';
import type { Storage } from '../storage/database.js';
import { coachingOpening, coachingProgress, createCoachingSession, listCoachingSessions, updateCoachingAction } from './coaching.js';
import { createEvaluation, editEvaluation, submitEvaluation } from './evaluation-service.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 10, 10);
const KEYS = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'];

for (const engine of await testEngines()) {
  describe(`coaching on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let people: Record<string, Actor>;
    const actor = (id: string, role: Role, teamId: string | null): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'en' });

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const user = async (email: string, role: Role, teamId: string | null) => actor(await createUser(storage.db, { email, displayName: email, role, teamId, siteId: null, password: 'correct horse' }), role, teamId);
      people = { advisor: actor(team.advisorId, 'advisor', team.teamId), colleague: await user('colleague@ecoute.test', 'advisor', team.teamId), coach: await user('coach@ecoute.test', 'quality_coach', null), lead: await user('lead@ecoute.test', 'team_lead', team.teamId) };
      // two evaluations: the advisor loses 15 points on needs twice, 10 on rephrasing once
      for (const [i, c] of (await seedEndedCalls(storage.db, 2, team.advisorId)).entries()) {
        const id = await createEvaluation(storage.db, people.coach!, { interactionId: c.interactionId }, NOW - 10 * 24 * HOUR);
        const answers = KEYS.map((criterion) => ({ criterion, answer: criterion === 'needs' ? ('no' as const) : criterion === 'rephrasing' && i === 0 ? ('no' as const) : ('yes' as const), comment: '' }));
        await editEvaluation(storage.db, people.coach!, id, { answers }, NOW - 10 * 24 * HOUR);
        await submitEvaluation(storage.db, people.coach!, id, { disputeWindowMs: 72 * HOUR }, NOW - 9 * 24 * HOUR);
      }
    });
    after(() => storage.close());

    it('opens on the criteria where the advisor lost most points, records the agreed actions and follows them up', async () => {
      const opening = await coachingOpening(storage.db, people.lead!, people.advisor!.id, NOW - 90 * 24 * HOUR, NOW);
      assert.deepEqual(opening.focus.map((f) => [f.criterion, f.points, f.evaluations]), [['needs', 30, 2], ['rephrasing', 10, 1]]);
      assert.equal(opening.evaluationIds.length, 2);
      const id = await createCoachingSession(
        storage.db,
        people.lead!,
        { advisorId: people.advisor!.id, heldAt: '2026-12-04T10:00:00+01:00', focus: ['needs'], evaluationIds: opening.evaluationIds, caseIds: [], notes: 'Questions ouvertes', actions: [{ text: 'Écouter deux appels modèles', dueDate: '2026-12-15' }, { text: 'Reformuler chaque demande', dueDate: '2026-12-08' }] },
        NOW,
      );
      const [session] = await listCoachingSessions(storage.db, people.advisor!, { sessionId: id }, NOW);
      assert.deepEqual(session!.focusLabels, [opening.focus.find((f) => f.criterion === 'needs')!.labels], 'the focus named as the scorecard names it');
      assert.deepEqual(session!.actions.map((a) => [a.text, a.overdue]), [['Reformuler chaque demande', true], ['Écouter deux appels modèles', false]], 'by due day; the first past due on the 10th');
      const late = session!.actions.find((a) => a.dueDay === 20261208)!;
      assert.equal((await listCoachingSessions(storage.db, people.advisor!, { sessionId: id }, Date.UTC(2026, 11, 7, 12)))[0]!.actions.find((a) => a.id === late.id)!.overdue, false, 'not yet on the 7th');
      await updateCoachingAction(storage.db, people.lead!, late.id, { state: 'done', followUp: 'Fait sur 5 appels' }, Date.UTC(2026, 11, 8, 15));
      const progress = await coachingProgress(storage.db, people.coach!, people.advisor!.id, 3, NOW);
      assert.deepEqual(progress.actions, { total: 2, done: 1, doneOnTime: 1, open: 1, overdue: 0, dropped: 0 });
      assert.deepEqual(progress.months.map((m) => m.evaluations), [0, 0, 2]);
    });

    it('never shows a colleague’s coaching, nor lets anyone coach themselves or an advisor out of reach', async () => {
      assert.deepEqual(await listCoachingSessions(storage.db, people.colleague!, {}), []);
      await assert.rejects(coachingProgress(storage.db, people.colleague!, people.advisor!.id), /no advisor/);
      const own = await createCoachingSession(storage.db, people.lead!, { advisorId: people.lead!.id, focus: [], evaluationIds: [], caseIds: [], notes: '', actions: [] }).catch((e: unknown) => e);
      assert.ok(own instanceof DomainError && own.fields[0]?.code === 'own-coaching');
      const bad = await createCoachingSession(storage.db, people.coach!, { advisorId: people.advisor!.id, focus: [], evaluationIds: ['nope'], caseIds: [], notes: '', actions: [{ text: 'x', dueDate: '2020-01-01' }] }, NOW).catch((e: unknown) => e);
      assert.ok(bad instanceof DomainError);
      assert.deepEqual(bad.fields.map((f) => f.code), ['due-before-session', 'unknown-evaluation']);
      assert.equal((await listCoachingSessions(storage.db, people.coach!, {})).length, 1, 'nothing written by the refusals');
    });
  });
}
