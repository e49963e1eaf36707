import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { caseTimeline, openCase } from '../cases/case-service.js';
import { FOLLOWUP } from './followup-kind.js';
import type { Storage } from '../storage/database.js';
import { followUpAnswer } from './followup-opening.js';
import { followupRules, saveFollowupRules } from './followup-rules.js';
import { answerSurvey, followupOfSurvey, reply, seedFollowupWorld, sentSurvey } from './followups.testkit.js';

/** Tuesday 1 December 2026, 10:00 in Luxembourg. */
const TUE_10 = Date.UTC(2026, 11, 1, 9, 0);
/** 18:00 in Luxembourg (UTC+1 in winter). */
const closing = (d: number) => Date.UTC(2026, 11, d, 17, 0);

for (const engine of await testEngines()) {
  describe(`a follow-up for every detractor, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
    });
    after(() => storage?.close());

    it('opens a hot follow-up for a 2 naming a churn word, in the answer’s transaction: the team lead’s, due the next business day at 18:00, pushed live', async () => {
      const answer = await answerSurvey(storage.db, world.advisor.id, '2 je vais résilier, troisième appel et toujours pas de réseau', { receivedAt: TUE_10 });
      assert.equal(answer.outcome, 'answer');
      const f = await followupOfSurvey(storage.db, answer.surveyId);
      assert.ok(f, 'a follow-up was opened');
      assert.deepEqual(
        {
          kind: f.kind, state: f.state, party: f.party_id, team: f.team_id, assignee: f.assignee_id, hot: Number(f.hot), due: Number(f.due_at), deadline: Number(f.deadline_at),
          score: Number(f.score), reasons: JSON.parse(f.hot_reasons), keywords: JSON.parse(f.hot_keywords), routedBy: f.routed_by, contact: f.interaction_id, opened: Number(f.opened_at),
        },
        {
          kind: 'followup', state: 'open', party: answer.partyId, team: world.teamId, assignee: world.lead.id, hot: 1, due: closing(2), deadline: closing(2),
          score: 2, reasons: ['score', 'keyword'], keywords: ['résilier'], routedBy: 'team_lead', contact: answer.interactionId, opened: TUE_10,
        },
      );
      const response = await storage.db.selectFrom('survey_responses').select(['id', 'topics']).where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
      assert.equal(f.response_id, response.id, 'it carries the answer, whose comment and topics are stored with it');
      assert.match(response.topics ?? '', /network/);
      const [opened] = await caseTimeline(storage.db, f.case_id);
      assert.deepEqual([opened!.action, opened!.actorKind, opened!.at, opened!.data?.surveyId], ['opened', 'system', TUE_10, answer.surveyId]);
      const jobs = await storage.db.selectFrom('outbox').select('ref_id').where('topic', '=', 'followup.hot').execute();
      assert.deepEqual(jobs.map((j) => j.ref_id), [`${f.case_id}:1`]);
    });

    it('gives a detractor without a hot sign two business days, and opens nothing for passives and promoters', async () => {
      const cold = await answerSurvey(storage.db, world.advisor.id, '5 trop cher', { receivedAt: TUE_10 });
      const f = await followupOfSurvey(storage.db, cold.surveyId);
      assert.deepEqual([Number(f?.hot), JSON.parse(f?.hot_reasons ?? 'null'), Number(f?.due_at)], [0, [], closing(3)]);
      for (const text of ['7', '10 parfait', '9']) {
        const answer = await answerSurvey(storage.db, world.advisor.id, text, { receivedAt: TUE_10 });
        assert.equal(answer.outcome, 'answer');
        assert.equal(await followupOfSurvey(storage.db, answer.surveyId), undefined, text);
      }
    });

    it('writes to promoters when the rules say so: a thank-you, or a review request; never to others, never twice', async () => {
      const messages = async (partyId: string) =>
        (await storage.db.selectFrom('notifications').select(['template_key', 'class', 'ref_type', 'body']).where('party_id', '=', partyId).execute()).map((n) => [n.template_key, n.class, n.ref_type, n.body]);
      const off = await answerSurvey(storage.db, world.advisor.id, '10', { receivedAt: TUE_10 });
      assert.deepEqual(await messages(off.partyId), [], 'off by default');
      const rules = await followupRules(storage.db);
      await saveFollowupRules(storage.db, { ...rules, thankPromoters: true }, world.manager);
      const thanked = await answerSurvey(storage.db, world.advisor.id, '9', { receivedAt: TUE_10 });
      assert.deepEqual((await messages(thanked.partyId)).map((m) => m.slice(0, 3)), [['followup.thanks', 'survey', 'customer']]);
      assert.equal((await reply(storage.db, thanked.msisdn, '9', TUE_10 + 60_000)).outcome, 'after_answer');
      assert.equal((await messages(thanked.partyId)).length, 1, 'once per survey');
      const passive = await answerSurvey(storage.db, world.advisor.id, '8', { receivedAt: TUE_10 });
      assert.deepEqual(await messages(passive.partyId), []);
      await saveFollowupRules(storage.db, { ...rules, thankPromoters: true, reviewUrl: 'https://avis.example.lu/ecoute' }, world.manager);
      const asked = await answerSurvey(storage.db, world.advisor.id, '10 super', { receivedAt: TUE_10 });
      const [review] = await messages(asked.partyId);
      assert.equal(review![0], 'followup.review-request');
      assert.match(String(review![3]), /https:\/\/avis\.example\.lu\/ecoute/);
      await assert.rejects(saveFollowupRules(storage.db, { ...rules, reviewUrl: 'javascript:alert(1)' }, world.manager), /reviewUrl/);
      await saveFollowupRules(storage.db, rules, world.manager);
    });

    it('makes a repeat contact hot', async () => {
      const answer = await answerSurvey(storage.db, world.advisor.id, '6', { receivedAt: TUE_10, repeat: true });
      const f = await followupOfSurvey(storage.db, answer.surveyId);
      assert.deepEqual(JSON.parse(f?.hot_reasons ?? 'null'), ['repeat']);
    });

    it('opens one follow-up per survey: a second reply, and the same answer seen again, open nothing more', async () => {
      const answer = await answerSurvey(storage.db, world.advisor.id, '1', { receivedAt: TUE_10 });
      const first = (await followupOfSurvey(storage.db, answer.surveyId))!;
      const response = await storage.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
      const again = await followUpAnswer(storage.db, {
        surveyId: answer.surveyId, responseId: response.id, interactionId: answer.interactionId, partyId: answer.partyId, score: 1, detractorMax: 6, promoterMin: 9,
        comment: null, receivedAt: TUE_10, teamId: world.teamId, siteId: world.siteId,
      });
      assert.equal(again, first.case_id);
      const count = async () => Number((await storage.db.selectFrom('followups').select((eb) => eb.fn.countAll().as('n')).where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow()).n);
      assert.equal(await count(), 1);
      const other = await openCase(storage.db, FOLLOWUP, { partyId: answer.partyId }, 'system');
      const row = await storage.db.selectFrom('followups').selectAll().where('case_id', '=', first.case_id).executeTakeFirstOrThrow();
      await assert.rejects(storage.db.insertInto('followups').values({ ...row, case_id: other.id }).execute(), /unique|duplicate/i, 'the unique survey id refuses a second follow-up');
      assert.equal(await count(), 1);
    });

    it('stores both or neither: an answer whose follow-up cannot open is not stored either, and is taken when sent again', async () => {
      const survey = await sentSurvey(storage.db, world.advisor.id, { at: TUE_10 });
      const rules = await storage.db.selectFrom('followup_rules').selectAll().executeTakeFirstOrThrow();
      await storage.db.deleteFrom('followup_rules').execute();
      await assert.rejects(reply(storage.db, survey.msisdn, '2 résilier', TUE_10), /no result/i);
      const stored = async () => ({
        responses: (await storage.db.selectFrom('survey_responses').select('id').where('survey_id', '=', survey.surveyId).execute()).length,
        followups: (await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', survey.surveyId).execute()).length,
        status: (await storage.db.selectFrom('surveys').select('status').where('id', '=', survey.surveyId).executeTakeFirstOrThrow()).status,
      });
      assert.deepEqual(await stored(), { responses: 0, followups: 0, status: 'sent' });
      await storage.db.insertInto('followup_rules').values(rules).execute();
      assert.equal((await reply(storage.db, survey.msisdn, '2 résilier', TUE_10)).outcome, 'answer');
      assert.deepEqual(await stored(), { responses: 1, followups: 1, status: 'answered' });
    });
  });
}
