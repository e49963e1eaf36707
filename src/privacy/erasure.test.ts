import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { surveyAlways } from '../../test/fixtures.js';
import { createCustomer } from '../customers/customer-service.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { DIMENSIONS, type Dimension } from '../nps/dimensions.js';
import { npsReport } from '../nps/nps-report.js';
import { rebuildCounts } from '../nps/survey-facts.js';
import { numberHash } from '../shared/number-hash.js';
import type { Storage } from '../storage/database.js';
import { decideSurveys } from '../surveys/survey-decisions.js';
import { actOnComplaint, createComplaint } from '../complaints/complaint-service.js';
import { answerComplaintSurvey, askComplaintSatisfaction } from '../surveys/complaint-satisfaction.js';
import { actOnFollowup } from '../followups/followup-actions.js';
import { followUpAnswer } from '../followups/followup-opening.js';
import { createEvaluation, editEvaluation, submitEvaluation } from '../quality/evaluation-service.js';
import { eraseCustomer, ERASED, ERASED_NAME } from './erasure.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const KEY = 'test-privacy-key';
const ADVISOR = (teamId: string) => ({ kind: 'user' as const, id: 'advisor-1', role: 'advisor' as const, displayName: 'Advisor', teamId, language: 'fr' as const });
const ADMIN = { kind: 'user' as const, id: 'admin-1', role: 'admin' as const, displayName: 'Admin', teamId: null, language: 'fr' as const };
/** the criteria of the default scorecard */
const EVALUATION_KEYS = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'];
const TABLES = [
  'parties', 'accounts', 'lines', 'contact_points', 'interactions', 'calls', 'audit_log', 'surveys', 'survey_decisions', 'sms_messages', 'survey_replies',
  'survey_responses', 'opt_outs', 'outbox', 'consent_changes', 'erasures', 'nps_counts', 'topic_counts', 'contact_counts', 'cases', 'case_events', 'complaints',
  'followups', 'complaint_surveys',
] as const;

/** Every aggregate row, and every NPS / FCR / contact figure by month: totals, each dimension, and two pairs, from the aggregates and from the rows. */
async function figures(storage: Storage) {
  const rows = async (table: 'nps_counts' | 'topic_counts' | 'contact_counts') =>
    (await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by 1, 2, 3, 4, 5`.execute(storage.db)).rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) && k !== 'key1' && k !== 'key2' ? Number(v) : v])),
    );
  const groupings: Dimension[][] = [[], ...DIMENSIONS.map((d) => [d]), ['team', 'reason'], ['channel', 'segment']];
  const reports = [];
  for (const source of ['aggregates', 'raw'] as const) {
    for (const groupBy of groupings) {
      reports.push(await npsReport(storage.db, { from: 20251101, to: 20261130, interval: 'month', groupBy, filters: {}, minResponses: 30, source }));
    }
  }
  return { nps: await rows('nps_counts'), topics: await rows('topic_counts'), contacts: await rows('contact_counts'), reports };
}

/** Every row of every table, as text: what a search for a number or an e-mail would find. */
async function everything(storage: Storage): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) parts.push(JSON.stringify((await sql`select * from ${sql.table(table)}`.execute(storage.db)).rows));
  return parts.join('\n');
}

const count = async (storage: Storage, table: (typeof TABLES)[number]) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(storage.db)).rows[0]!.n);

for (const engine of await testEngines()) {
  describe(`erasure on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    /** customers with answered surveys with comments, repeat contacts, notes, an opt-out */
    let victims: { id: string; number: string; customerNumber: string; emails: string[]; phones: string[] }[];
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 120, seed: 11, interactionsPerCustomer: 10, now: NOW });
      await loadDemoSurveys(storage, { seed: 11, now: NOW });
      await rebuildCounts(storage);
      const { rows } = await sql<{ party_id: string }>`
        select r.party_id from survey_responses r
        where r.comment is not null and exists (select 1 from interactions i where i.party_id = r.party_id and i.repeat_of is not null)
        group by r.party_id order by r.party_id limit 3`.execute(storage.db);
      assert.equal(rows.length, 3, 'the demo has customers with comments and repeat contacts');
      victims = [];
      const team = await storage.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirstOrThrow();
      for (const { party_id: id } of rows) {
        const party = await storage.db.selectFrom('parties').select('customer_number').where('id', '=', id).executeTakeFirstOrThrow();
        const line = await storage.db.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select('lines.msisdn').where('accounts.party_id', '=', id).orderBy('lines.msisdn').executeTakeFirstOrThrow();
        const points = await storage.db.selectFrom('contact_points').select(['kind', 'value']).where('party_id', '=', id).execute();
        victims.push({
          id, number: line.msisdn, customerNumber: party.customer_number,
          emails: points.filter((p) => p.kind === 'email').map((p) => p.value), phones: points.filter((p) => p.kind === 'phone').map((p) => p.value),
        });
        await storage.db.updateTable('interactions').set({ notes: 'Customer angry, lives Rue de la Gare 12' }).where('party_id', '=', id).execute();
        const complaint = await createComplaint(storage.db, { partyId: id, channel: 'letter', category: 'billing', description: 'I live Rue de la Gare 12', receivedAt: NOW, teamId: team.id }, ADVISOR(team.id), { now: NOW });
        await actOnComplaint(storage.db, complaint.id, 'edit', { reason: 'moved to Rue de la Gare 14', description: 'I live Rue de la Gare 14' }, ADVISOR(team.id), { now: NOW });
        await actOnComplaint(storage.db, complaint.id, 'answer', { outcome: 'upheld' }, ADVISOR(team.id), { now: NOW });
        await actOnComplaint(storage.db, complaint.id, 'close', { causeCode: 'network.coverage' }, ADVISOR(team.id), { now: NOW });
        const closing = await storage.db.selectFrom('case_events').select('id').where('case_id', '=', complaint.id).where('to_state', '=', 'closed').executeTakeFirstOrThrow();
        await storage.db.updateTable('parties').set({ consent_surveys: 1 }).where('id', '=', id).execute();
        await askComplaintSatisfaction(storage.db, closing.id, { numberKey: KEY, now: NOW });
        const asked = await storage.db.selectFrom('complaint_surveys').selectAll().where('event_id', '=', closing.id).executeTakeFirstOrThrow();
        assert.equal(asked.status, 'sent', asked.last_error ?? '');
        await answerComplaintSurvey(storage.db, asked, { score: 4, comment: 'Come and see, Rue de la Gare 12', receivedAt: NOW + 60_000 });
        const answer = await storage.db.selectFrom('survey_responses').selectAll().where('party_id', '=', id).orderBy('received_at').executeTakeFirstOrThrow();
        const followup = (await followUpAnswer(storage.db, {
          surveyId: answer.survey_id, responseId: answer.id, interactionId: answer.interaction_id, partyId: id, score: 1, detractorMax: 6, promoterMin: 9, comment: answer.comment,
          receivedAt: Number(answer.received_at), teamId: team.id, siteId: null,
        }))!;
        await actOnFollowup(storage.db, followup, 'attempt', { reached: true, at: NOW }, 'system', { now: NOW });
        await actOnFollowup(storage.db, followup, 'close', { cause: 'Coverage at Rue de la Gare 12', actionTaken: 'Technician sent to Rue de la Gare 12', causeCategory: 'network' }, 'system', { now: NOW });
      }
      await storage.db.insertInto('opt_outs').values({ msisdn: victims[0]!.number, opted_out_at: NOW - 86_400_000, keyword: 'STOP' }).execute();
      // a coach evaluated a contact of each: the texts tell of the customer
      const coach = await storage.db.selectFrom('users').select(['id', 'team_id']).where('role', '=', 'quality_coach').orderBy('id').executeTakeFirstOrThrow();
      const coachActor = { kind: 'user' as const, id: coach.id, role: 'quality_coach' as const, displayName: 'Coach', teamId: coach.team_id, language: 'fr' as const };
      for (const victim of victims) {
        const contact = await storage.db.selectFrom('interactions').select('id').where('party_id', '=', victim.id).where('advisor_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
        const id = await createEvaluation(storage.db, coachActor, { interactionId: contact.id }, NOW);
        await editEvaluation(storage.db, coachActor, id, { answers: EVALUATION_KEYS.map((criterion) => ({ criterion, answer: criterion === 'greeting' ? ('no' as const) : ('yes' as const), comment: criterion === 'greeting' ? 'Did not greet Mr Weber of Rue de la Gare 12' : '' })), strengths: 'Found the bill of Rue de la Gare 12', markers: [{ atMs: 1000, kind: 'improve', text: 'Rue de la Gare 12 read aloud' }] }, NOW);
        await submitEvaluation(storage.db, coachActor, id, { disputeWindowMs: 72 * 3_600_000 }, NOW);
      }
    });
    after(() => storage?.close());

    it('refuses an unknown id, a missing reason and changes nothing', async () => {
      const before = await everything(storage);
      await assert.rejects(eraseCustomer(storage.db, 'no-such-id', { reason: 'ticket 1', actor: ADMIN, via: 'api' }, KEY), (e: any) => e.status === 404 && e.code === 'not-found' && /no-such-id/.test(e.message));
      await assert.rejects(eraseCustomer(storage.db, victims[0]!.id, { reason: '  ', actor: ADMIN, via: 'api' }, KEY), (e: any) => e.status === 400 && e.fields[0].field === 'reason');
      assert.equal(await everything(storage), before);
    });

    it('is all or nothing: a failure at the last step leaves every table as it was', async () => {
      const victim = victims[2]!;
      // An erasure record already there makes the last insert fail (erasures are unique per customer).
      await storage.db.insertInto('erasures').values({ id: 'blocker', party_id: victim.id, erased_at: 0, actor_kind: 'system', actor_id: 'test', reason: 'x', counts: '{}' }).execute();
      const before = await everything(storage);
      await assert.rejects(eraseCustomer(storage.db, victim.id, { reason: 'ticket 2', actor: ADMIN, via: 'api' }, KEY));
      assert.equal(await everything(storage), before);
      await storage.db.deleteFrom('erasures').where('id', '=', 'blocker').execute();
    });

    it('erases every personal datum and keeps every NPS, FCR and contact figure exactly, also after a rebuild', async () => {
      const beforeFigures = await figures(storage);
      assert.ok(beforeFigures.nps.length > 50 && beforeFigures.contacts.length > 50 && beforeFigures.topics.length > 10);
      const terms = (id: string) => storage.db.selectFrom('party_search_terms').select('term').where('party_id', '=', id).execute();
      for (const victim of victims) {
        assert.ok((await terms(victim.id)).length > 0, 'a customer is found by the words of their name');
        const erasure = await eraseCustomer(storage.db, victim.id, { reason: 'request DPO-2026-114', actor: ADMIN, via: 'api' }, KEY);
        assert.ok(erasure.counts.interactions! > 0 && erasure.counts.survey_responses! > 0 && erasure.counts.sms_messages! > 0, JSON.stringify(erasure.counts));
      }
      assert.deepEqual(await figures(storage), beforeFigures);
      await rebuildCounts(storage);
      assert.deepEqual(await figures(storage), beforeFigures);

      const dump = await everything(storage);
      for (const victim of victims) {
        for (const value of [victim.number, victim.customerNumber, ...victim.emails, ...victim.phones]) assert.ok(!dump.includes(value), `${value} is still stored`);
        const party = await storage.db.selectFrom('parties').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
        assert.deepEqual([party.given_name, party.family_name, party.organisation_name, party.display_name, party.search_name], [null, null, null, ERASED_NAME, '']);
        assert.deepEqual(await terms(victim.id), [], 'an erased customer is found by no search');
        assert.equal(party.locality, null);
        assert.equal(party.consent_surveys, 0);
        assert.ok(party.erased_at !== null);
        const complaint = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').select(['complaints.description', 'complaints.outcome', 'cases.state']).where('cases.party_id', '=', victim.id).executeTakeFirstOrThrow();
        assert.deepEqual(complaint, { description: '', outcome: 'upheld', state: 'closed' }, 'the complaint keeps its figures, not the customer’s words');
        const survey = await storage.db.selectFrom('complaint_surveys').select(['score', 'comment', 'msisdn']).where('party_id', '=', victim.id).executeTakeFirstOrThrow();
        assert.deepEqual(survey, { score: 4, comment: null, msisdn: ERASED }, 'the complaint survey keeps its score, not the number or the words');
        const followup = await storage.db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').select(['followups.cause', 'followups.action_taken', 'followups.cause_category', 'followups.resolution', 'cases.state']).where('cases.party_id', '=', victim.id).executeTakeFirstOrThrow();
        assert.deepEqual(followup, { cause: null, action_taken: null, cause_category: 'network', resolution: 'reached', state: 'closed' }, 'the follow-up keeps its outcome, not the customer’s words');
        const notes = await storage.db.selectFrom('interactions').select('notes').where('party_id', '=', victim.id).where('notes', 'is not', null).execute();
        assert.equal(notes.length, 0);
        const evaluation = await storage.db.selectFrom('evaluations').innerJoin('interactions', 'interactions.id', 'evaluations.interaction_id').select(['evaluations.id', 'evaluations.strengths', 'evaluations.markers', 'evaluations.state', 'evaluations.score']).where('interactions.party_id', '=', victim.id).executeTakeFirstOrThrow();
        assert.deepEqual([evaluation.strengths, evaluation.markers, evaluation.state], ['', '[]', 'submitted'], 'the evaluation keeps its state, not the words about the contact');
        assert.ok(evaluation.score !== null, 'and its score (the advisor’s figures)');
        const answerComments = await storage.db.selectFrom('evaluation_answers').select('comment').where('evaluation_id', '=', evaluation.id).where('comment', '!=', '').execute();
        assert.equal(answerComments.length, 0);
        const comments = await storage.db.selectFrom('survey_responses').select('comment').where('party_id', '=', victim.id).where('comment', 'is not', null).execute();
        assert.equal(comments.length, 0);
        const surveys = (await storage.db.selectFrom('surveys').select('id').where('party_id', '=', victim.id).execute()).map((s) => s.id);
        const texts = await storage.db.selectFrom('survey_replies').select('text').where('survey_id', 'in', surveys).where('text', '!=', '').execute();
        assert.equal(texts.length, 0);
        const sms = await storage.db.selectFrom('sms_messages').select('text').where('survey_id', 'in', surveys).where('text', '!=', '').execute();
        assert.equal(sms.length, 0);
      }
      assert.ok(!dump.includes('Rue de la Gare'));
    });

    it('records who erased whom, when and why, without personal data, and refuses a second erasure', async () => {
      const victim = victims[0]!;
      const record = await storage.db.selectFrom('erasures').selectAll().where('party_id', '=', victim.id).executeTakeFirstOrThrow();
      assert.deepEqual([record.actor_kind, record.actor_id, record.reason], ['user', 'admin-1', 'request DPO-2026-114']);
      assert.ok(!record.counts.includes('+352'));
      const audit = await storage.db.selectFrom('audit_log').selectAll().where('party_id', '=', victim.id).where('action', '=', 'customer.erase').execute();
      assert.equal(audit.length, 1);
      const erasures = await count(storage, 'erasures');
      await assert.rejects(eraseCustomer(storage.db, victim.id, { reason: 'again', actor: ADMIN, via: 'api' }, KEY), (e: any) => e.status === 409 && e.code === 'already-erased');
      assert.equal(await count(storage, 'erasures'), erasures);
    });

    it('refuses a new contact on an erased customer, writing nothing', async () => {
      const victim = victims[0]!;
      const contacts = await count(storage, 'interactions');
      await assert.rejects(
        recordInteraction(storage.db, { partyId: victim.id, channel: 'phone', direction: 'inbound', startedAt: Date.now() - 60_000, endedAt: Date.now() }, 7),
        (e: any) => e.status === 409 && e.code === 'customer-erased' && e.fields[0].field === 'customerId',
      );
      assert.equal(await count(storage, 'interactions'), contacts);
    });

    it('keeps an opted-out number opted out, as its keyed hash: a new customer with that number gets no survey', async () => {
      const number = victims[0]!.number;
      const optOuts = await storage.db.selectFrom('opt_outs').select(['msisdn', 'keyword']).execute();
      assert.ok(!optOuts.some((o) => o.msisdn === number));
      assert.ok(optOuts.some((o) => o.msisdn === numberHash(KEY, number) && o.keyword === 'STOP'));

      await surveyAlways(storage.db);
      const advisor = await storage.db.selectFrom('users').select('id').where('role', '=', 'advisor').executeTakeFirstOrThrow();
      const decide = async (msisdn: string, key: string) => {
        const party = await createCustomer(storage.db, { kind: 'individual', familyName: 'Neumann', preferredLanguage: 'fr', segment: 'residential', lines: [{ msisdn, plan: 'Love Duo' }] });
        const at = Date.now() - 120_000;
        const { id } = await recordInteraction(storage.db, { partyId: party.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: at, endedAt: at + 90_000, advisorId: advisor.id, phone: msisdn }, 7);
        await decideSurveys(storage.db, [id], key);
        return (await storage.db.selectFrom('survey_decisions').select('reason').where('interaction_id', '=', id).executeTakeFirstOrThrow()).reason;
      };
      assert.equal(await decide(number, KEY), 'opted_out');
      // Without the key the hash means nothing: another number, or another key, is surveyed.
      assert.equal(await decide('+352691777001', KEY), 'eligible');
    });
  });
}
