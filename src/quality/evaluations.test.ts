import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedEndedCalls, seedTeam } from '../../test/fixtures.js';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import type { Role } from '../shared/roles.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { listEvaluations, qualityScores, readEvaluation } from './evaluation-queries.js';
import { acknowledgeEvaluation, createEvaluation, decideEvaluation, disputeEvaluation, editEvaluation, submitEvaluation } from './evaluation-service.js';
import { defaultScorecardVersion } from './scorecards.js';

const HOUR = 3_600_000;
const settings = { disputeWindowMs: 72 * HOUR };
const ALL_YES = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'].map((criterion) => ({ criterion, answer: 'yes' as const, comment: '' }));

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

for (const engine of await testEngines()) {
  describe(`evaluations on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const people: Record<string, Actor> = {};
    let contacts: { interactionId: string }[];

    const actor = (id: string, role: Role, teamId: string | null): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'fr' });
    const state = async (id: string) => (await storage.db.selectFrom('evaluations').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
    const audits = async () => Number((await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('via', '=', 'evaluations').executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      const north = await seedTeam(storage.db, 'North');
      const south = await seedTeam(storage.db, 'South');
      const user = async (email: string, role: Role, teamId: string | null) => actor(await createUser(storage.db, { email, displayName: email, role, teamId, siteId: null, password: 'correct horse' }), role, teamId);
      people.advisor = actor(north.advisorId, 'advisor', north.teamId);
      people.colleague = await user('colleague@ecoute.test', 'advisor', north.teamId);
      people.lead = await user('lead@ecoute.test', 'team_lead', north.teamId);
      people.otherLead = await user('lead.south@ecoute.test', 'team_lead', south.teamId);
      people.coach = await user('coach@ecoute.test', 'quality_coach', null);
      people.coach2 = await user('coach2@ecoute.test', 'quality_coach', null);
      people.cx = await user('cx@ecoute.test', 'cx_manager', null);
      contacts = await seedEndedCalls(storage.db, 3, north.advisorId);
    });
    after(() => storage.close());

    it('runs the whole loop: a critical failure scores 0, the advisor disputes within the window, a second evaluator decides and the evaluation is locked', async () => {
      const t0 = Date.UTC(2026, 11, 1, 9);
      const id = await createEvaluation(storage.db, people.coach!, { interactionId: contacts[0]!.interactionId }, t0);
      await editEvaluation(storage.db, people.coach!, id, { answers: ALL_YES.map((a) => (a.criterion === 'correct-information' ? { ...a, answer: 'no' } : a)), strengths: 'Warm welcome', markers: [{ atMs: 42_000, kind: 'improve', text: 'Wrong roaming price' }] }, t0);
      // the advisor does not see a draft
      await assert.rejects(readEvaluation(storage.db, people.advisor!, id), /no evaluation/);
      await submitEvaluation(storage.db, people.coach!, id, settings, t0 + HOUR);
      const submitted = await readEvaluation(storage.db, people.advisor!, id, t0 + 2 * HOUR);
      assert.deepEqual([submitted.score, submitted.pass, submitted.criticalFailures, submitted.rawScore], [0, false, ['correct-information'], 85]); // 100 standard points less 20, plus 5 of bonus
      assert.deepEqual(submitted.can, { edit: false, acknowledge: true, dispute: true, decide: false });
      // a colleague never reads it; nor a lead of another team; a CX manager reads no evaluation
      for (const reader of [people.colleague!, people.otherLead!, people.cx!]) await assert.rejects(readEvaluation(storage.db, reader, id), /no evaluation/);

      await disputeEvaluation(storage.db, people.advisor!, id, [{ criterion: 'correct-information', comment: 'The price I gave was the new one', proposedAnswer: 'yes' }], t0 + 3 * HOUR);
      assert.equal(await state(id), 'disputed');
      // the first evaluator cannot decide; the second (the team lead) does
      const own = await refusal(decideEvaluation(storage.db, people.coach!, id, [{ criterion: 'correct-information', decision: 'accept' }], t0 + 4 * HOUR));
      assert.equal(own.code, 'second-evaluator-required');
      await decideEvaluation(storage.db, people.lead!, id, [{ criterion: 'correct-information', decision: 'accept', comment: 'Checked the price list' }], t0 + 5 * HOUR);
      const decided = await readEvaluation(storage.db, people.lead!, id, t0 + 5 * HOUR);
      assert.deepEqual([decided.state, decided.score, decided.pass, decided.criticalFailures, decided.reviewer?.id], ['decided', 100, true, [], people.lead!.id]);
      assert.deepEqual(decided.events.map((e) => e.to), ['draft', 'submitted', 'disputed', 'decided']);
      assert.deepEqual(decided.can, { edit: false, acknowledge: false, dispute: false, decide: false });
      // locked: no step changes it
      const locked = await refusal(acknowledgeEvaluation(storage.db, people.advisor!, id, t0 + 6 * HOUR));
      assert.equal(locked.code, 'evaluation-step-not-allowed');
      assert.equal(await state(id), 'decided');
    });

    it('refuses a dispute after the window and lets the advisor acknowledge instead', async () => {
      const t0 = Date.UTC(2026, 11, 2, 9);
      const id = await createEvaluation(storage.db, people.lead!, { interactionId: contacts[1]!.interactionId }, t0);
      await editEvaluation(storage.db, people.lead!, id, { answers: ALL_YES }, t0);
      await submitEvaluation(storage.db, people.lead!, id, settings, t0);
      const late = await refusal(disputeEvaluation(storage.db, people.advisor!, id, [{ criterion: 'greeting', comment: 'x', proposedAnswer: 'yes' }], t0 + 72 * HOUR + 1));
      assert.equal(late.code, 'dispute-window-closed');
      assert.equal(await state(id), 'submitted');
      await acknowledgeEvaluation(storage.db, people.advisor!, id, t0 + 73 * HOUR);
      assert.equal(await state(id), 'acknowledged');
    });

    it('refuses what does not fit, changing nothing: an incomplete submission, partial on a critical criterion, an unknown criterion, someone else’s draft, a lead outside the team', async () => {
      const id = await createEvaluation(storage.db, people.coach!, { interactionId: contacts[2]!.interactionId });
      await editEvaluation(storage.db, people.coach!, id, { answers: [{ criterion: 'greeting', answer: 'yes', comment: '' }] });
      assert.equal((await refusal(submitEvaluation(storage.db, people.coach!, id, settings))).code, 'evaluation-incomplete');
      const bad = await refusal(editEvaluation(storage.db, people.coach!, id, { answers: [{ criterion: 'identity-verified', answer: 'partial', comment: '' }, { criterion: 'nope', answer: 'yes', comment: '' }] }));
      assert.deepEqual(bad.fields.map((f) => f.code), ['critical-yes-no', 'unknown-criterion']);
      const answers = await storage.db.selectFrom('evaluation_answers').select(['criterion_key', 'answer']).where('evaluation_id', '=', id).execute();
      assert.deepEqual(answers, [{ criterion_key: 'greeting', answer: 'yes' }]);
      assert.equal((await refusal(editEvaluation(storage.db, people.coach2!, id, { strengths: 'mine now' }))).code, 'evaluation-step-not-allowed');
      assert.equal((await refusal(createEvaluation(storage.db, people.otherLead!, { interactionId: contacts[2]!.interactionId }))).code, 'outside-your-reach');
      assert.equal((await refusal(createEvaluation(storage.db, people.advisor!, { interactionId: contacts[2]!.interactionId }))).status, 403);
    });

    it('lists within reach, audits the reads of a contact, and counts only submitted coaching evaluations in the quality figures', async () => {
      const listed = async (reader: Actor) => (await listEvaluations(storage.db, reader, { limit: 50 })).items.length;
      assert.deepEqual([await listed(people.coach!), await listed(people.lead!), await listed(people.advisor!), await listed(people.colleague!), await listed(people.otherLead!), await listed(people.cx!)], [3, 3, 2, 0, 0, 0]);
      const before = await audits();
      const [first] = (await listEvaluations(storage.db, people.coach!, { limit: 1 })).items;
      await readEvaluation(storage.db, people.coach!, first!.id);
      assert.equal(await audits(), before + 1);
      // a calibration evaluation never counts
      await storage.db.updateTable('evaluations').set({ purpose: 'calibration' }).where('id', '=', first!.id).execute();
      const scores = await qualityScores(storage.db, { advisorIds: [people.advisor!.id], from: 0, to: Date.now() + HOUR });
      const raw = await storage.db.selectFrom('evaluations').select(['score', 'pass']).where('purpose', '=', 'coaching').where('state', '!=', 'draft').execute();
      assert.equal(scores[0]!.n, raw.length);
      assert.equal(scores[0]!.meanScore, Math.round((raw.reduce((s, r) => s + Number(r.score), 0) / raw.length) * 10) / 10);
      assert.equal(scores[0]!.passRate, raw.filter((r) => r.pass === 1).length / raw.length);
      const version = await defaultScorecardVersion(storage.db);
      assert.equal(version?.state, 'published');
    });
  });
}
