import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedEndedCalls, seedTeam } from '../../test/fixtures.js';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import type { Answer } from '../contract/quality-scoring.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../shared/roles.js';
import type { Storage } from '../storage/database.js';
import { krippendorffAlpha } from './agreement.js';
import { createCalibration, readCalibration, revealCalibration, saveCalibrationScore, setCalibrationReferences } from './calibration.js';
import { qualityScores } from './evaluation-queries.js';
import { createEvaluation, editEvaluation, submitEvaluation } from './evaluation-service.js';

const KEYS = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'];
const answers = (overrides: Record<string, Answer> = {}) => KEYS.map((criterion) => ({ criterion, answer: overrides[criterion] ?? ('yes' as Answer) }));

for (const engine of await testEngines()) {
  describe(`calibration sessions on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let people: Record<string, Actor>;
    let contacts: string[];
    const actor = (id: string, role: Role, teamId: string | null): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'en' });

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const user = async (email: string, role: Role) => actor(await createUser(storage.db, { email, displayName: email, role, teamId: team.teamId, siteId: null, password: 'correct horse' }), role, team.teamId);
      people = { coach: await user('coach@ecoute.test', 'quality_coach'), lead: await user('lead@ecoute.test', 'team_lead'), coach2: await user('coach2@ecoute.test', 'quality_coach'), outsider: await user('lead2@ecoute.test', 'team_lead'), advisor: actor(team.advisorId, 'advisor', team.teamId) };
      contacts = (await seedEndedCalls(storage.db, 3, team.advisorId)).map((c) => c.interactionId);
    });
    after(() => storage.close());

    it('keeps scores blind until revealed, then shows every score, the spread, the agreement and the evaluator far from the reference', async () => {
      const id = await createCalibration(storage.db, people.coach!, { title: 'December', interactionIds: contacts, evaluatorIds: [people.coach!.id, people.lead!.id, people.coach2!.id] });
      // coach and lead agree (100 with the bonus, 95); the second coach is severe: 72.5 + 5 of bonus, and a critical failure (0) on the first contact
      for (const c of contacts) {
        await saveCalibrationScore(storage.db, people.coach!, id, c, answers());
        await saveCalibrationScore(storage.db, people.lead!, id, c, answers({ rephrasing: 'partial', 'proactive-offer': 'na' }));
        await saveCalibrationScore(storage.db, people.coach2!, id, c, answers({ needs: 'partial', resolution: 'no', tone: 'no' }));
      }
      await saveCalibrationScore(storage.db, people.coach2!, id, contacts[0]!, answers({ 'correct-information': 'no' }));
      const blind = await readCalibration(storage.db, people.lead!, id);
      assert.equal(blind.agreement, null);
      assert.deepEqual(blind.perContact.map((c) => c.scores), [[], [], []]);
      assert.deepEqual(blind.perContact.map((c) => c.yourScore), [95, 95, 95]);
      await assert.rejects(readCalibration(storage.db, people.outsider!, id), /no calibration session/);
      const refused = await saveCalibrationScore(storage.db, people.outsider!, id, contacts[0]!, answers()).catch((e: unknown) => e);
      assert.ok(refused instanceof DomainError && refused.status === 404);

      await revealCalibration(storage.db, people.coach!, id);
      const open = await readCalibration(storage.db, people.lead!, id);
      assert.deepEqual(open.perContact[0]!.scores.map((s) => s.score), [100, 95, 0]);
      assert.deepEqual(open.perContact[1]!.scores.map((s) => s.score), [100, 95, 77.5]);
      assert.deepEqual(open.perContact.map((c) => c.reference), [95, 95, 95]);
      assert.deepEqual(open.rows.map((r) => r.flagged), [false, false, true]);
      // agreement recomputed from the stored scores
      const rows = await storage.db.selectFrom('calibration_scores').select(['evaluator_id', 'interaction_id', 'score']).where('session_id', '=', id).execute();
      const matrix = [people.coach!, people.lead!, people.coach2!].map((p) => contacts.map((c) => Number(rows.find((r) => r.evaluator_id === p.id && r.interaction_id === c)!.score)));
      assert.equal(open.agreement!.alpha, krippendorffAlpha(matrix, 'interval'));
      // scores no longer change; a reference set by the lead replaces the median
      const late = await saveCalibrationScore(storage.db, people.lead!, id, contacts[0]!, answers()).catch((e: unknown) => e);
      assert.ok(late instanceof DomainError && late.code === 'calibration-revealed');
      await setCalibrationReferences(storage.db, people.coach!, id, [{ interactionId: contacts[0]!, score: 90 }]);
      const referenced = await readCalibration(storage.db, people.coach!, id);
      assert.deepEqual([referenced.perContact[0]!.reference, referenced.perContact[0]!.referenceSet], [90, true]);
    });

    it('never counts a calibration score in an advisor’s quality figures, where an evaluation of the same contact counts', async () => {
      const figures = () => qualityScores(storage.db, { advisorIds: [people.advisor!.id], from: 0, to: Date.now() + 3_600_000 });
      assert.deepEqual(await figures(), [], 'three calibration scores of each contact, none counted');
      // the control: the same contact evaluated for coaching is counted, alone
      const id = await createEvaluation(storage.db, people.coach!, { interactionId: contacts[0]! });
      await editEvaluation(storage.db, people.coach!, id, { answers: answers({ rephrasing: 'partial', 'proactive-offer': 'na' }).map((a) => ({ ...a, comment: '' })) });
      await submitEvaluation(storage.db, people.coach!, id, { disputeWindowMs: 3_600_000 });
      const [counted] = await figures();
      assert.deepEqual([counted?.n, counted?.meanScore], [1, 95]);
    });
  });
}
