import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { complaintMessageHandlers } from '../complaints/complaint-messages.js';
import { actOnComplaint, createComplaint } from '../complaints/complaint-service.js';
import { CLASS_RULES } from '../notifications/message-classes.js';
import { notificationHandler } from '../notifications/notification-sending.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { askComplaintSatisfaction } from './complaint-satisfaction.js';
import { eventually } from './survey-load.testkit.js';
import { changeRules, currentRules } from './survey-rules.js';
import { startSurveyRuntime, type SurveyRuntime } from './survey-runtime.js';

const quiet = { log: () => {}, warn: () => {}, info: () => {}, error: () => {} } as never;
const ANY_HOUR = { ...CLASS_RULES, service: { ...CLASS_RULES.service, quietHours: null }, regulatory: { ...CLASS_RULES.regulatory, quietHours: null } };

for (const engine of await testEngines()) {
  describe(`the satisfaction survey about a complaint's handling, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let runtime: SurveyRuntime;
    let advisor: Actor;
    let number = 720_000;

    /** A customer with a mobile number and a complaint taken to `closed`: its reference, case id and number. */
    const closedComplaint = async (language: 'fr' | 'de' | 'en' = 'de') => {
      const msisdn = `+352621${number++}`;
      const party = await seedCustomer(storage.db, { familyName: `Hoffmann ${number}`, preferredLanguage: language, lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] });
      const { id, reference } = await createComplaint(storage.db, { partyId: party.id, channel: 'phone', category: 'billing', description: 'Roaming billed twice' }, advisor);
      for (const action of ['acknowledge', 'answer', 'close'] as const) await actOnComplaint(storage.db, id, action, action === 'answer' ? { outcome: 'upheld' } : action === 'close' ? { causeCode: 'billing.roaming' } : {}, advisor);
      return { id, reference, msisdn, partyId: party.id };
    };
    const closingEvent = async (caseId: string) =>
      (await storage.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).where('to_state', '=', 'closed').executeTakeFirstOrThrow()).id;
    const surveysOf = (caseId: string) => storage.db.selectFrom('complaint_surveys').selectAll().where('case_id', '=', caseId).execute();
    /** Lets the worker's own job for the closing run, then forgets its survey: the test asks again, on its own terms. */
    const forgetWorkerSurvey = async (caseId: string) => {
      runtime.worker.poke();
      await eventually("the worker's survey", async () => (await surveysOf(caseId)).length === 1);
      await storage.db.deleteFrom('complaint_surveys').where('case_id', '=', caseId).execute();
    };

    before(async () => {
      storage = await engine.open();
      await surveyAlways(storage.db);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: quiet });
      const gateway = new SmppGateway({ url: `smpp://ecoute:secret@127.0.0.1:${simulator.listeningPort}`, logger: quiet });
      const handler = notificationHandler({ db: storage.db, autoRepliesPerDay: 10, numberKey: 'test-key', classes: ANY_HOUR });
      runtime = await startSurveyRuntime({
        storage, gateway, senderId: 'Service', numberKey: 'test-key', autoRepliesPerDay: 10, worker: { idleMs: 20, log: () => {} },
        handlers: { 'notification.send': handler, ...complaintMessageHandlers(storage.db) },
      });
      const team = await seedTeam(storage.db);
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
    });
    after(async () => {
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    it('closed: the question in the customer language with the reference; the answer is stored on its own basis, thanked, and never counted as a contact response', async () => {
      const responsesBefore = await storage.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const countsBefore = await storage.db.selectFrom('nps_counts').select((eb) => eb.fn.sum('s8').as('n')).executeTakeFirstOrThrow();
      const { id, reference, msisdn } = await closedComplaint('de');
      runtime.worker.poke();
      const question = await eventually('the survey question', async () => simulator.messagesTo(msisdn).find((m) => m.text.includes('abgeschlossen')));
      assert.equal(question.text, `Ihre Beschwerde ${reference} ist abgeschlossen. Wie bewerten Sie ihre Bearbeitung von 1 bis 10? Antwort kostenlos. STOPP: keine Umfragen mehr. Ein Wort dazu? Nach der Note.`);

      await simulator.reply(msisdn, '8 schnell erledigt, danke');
      await eventually('thanks', async () => simulator.messagesTo(msisdn).find((m) => m.text.startsWith('Vielen Dank für Ihre Antwort! Sie hilft uns, Beschwerden')));
      const [survey] = await surveysOf(id);
      assert.equal(survey!.status, 'answered');
      assert.equal(survey!.score, 8);
      assert.equal(survey!.category, 'passive');
      assert.equal(survey!.comment, 'schnell erledigt, danke');
      assert.deepEqual([survey!.promoter_min, survey!.detractor_max], [9, 6]);
      const reply = await storage.db.selectFrom('survey_replies').selectAll().where('complaint_survey_id', '=', survey!.id).executeTakeFirstOrThrow();
      assert.deepEqual([reply.outcome, reply.survey_id], ['answer', null]);

      const responsesAfter = await storage.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const countsAfter = await storage.db.selectFrom('nps_counts').select((eb) => eb.fn.sum('s8').as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(responsesAfter.n), Number(responsesBefore.n), 'no contact response');
      assert.equal(Number(countsAfter.n ?? 0), Number(countsBefore.n ?? 0), 'no contact NPS count');

      await simulator.reply(msisdn, '10');
      await eventually('the second reply kept as after the answer', async () =>
        (await storage.db.selectFrom('survey_replies').select('outcome').where('complaint_survey_id', '=', survey!.id).execute()).some((r) => r.outcome === 'after_answer'),
      );
      assert.equal((await surveysOf(id))[0]!.score, 8, 'the answer stays');
    });

    it('one survey per closing however often its job runs; a reply it cannot read gets one clarification, then is kept unparsed', async () => {
      const { id, msisdn } = await closedComplaint('fr');
      const eventId = await closingEvent(id);
      await askComplaintSatisfaction(storage.db, eventId, { numberKey: 'test-key' });
      await askComplaintSatisfaction(storage.db, eventId, { numberKey: 'test-key' });
      runtime.worker.poke();
      await eventually('the question', async () => simulator.messagesTo(msisdn).find((m) => m.text.includes('est close')));
      assert.equal((await surveysOf(id)).length, 1);
      assert.equal(simulator.messagesTo(msisdn).filter((m) => m.text.includes('est close')).length, 1);
      await simulator.reply(msisdn, 'bof');
      await eventually('clarification', async () => simulator.messagesTo(msisdn).find((m) => /pas compris/.test(m.text)));
      await simulator.reply(msisdn, 'toujours bof');
      await eventually('unparsed', async () => (await surveysOf(id))[0]!.status === 'unparsed');
      assert.equal((await surveysOf(id))[0]!.score, null);
    });

    it('a number that said STOP, or a customer without a mobile number, is not asked: the row says why; with surveys switched off, nobody is', async () => {
      const stopped = await closedComplaint('en');
      await storage.db.insertInto('opt_outs').values({ msisdn: stopped.msisdn, opted_out_at: Date.now(), keyword: 'STOP' }).execute();
      await forgetWorkerSurvey(stopped.id);
      await askComplaintSatisfaction(storage.db, await closingEvent(stopped.id), { numberKey: 'test-key' });
      assert.deepEqual((await surveysOf(stopped.id)).map((s) => [s.status, s.last_error]), [['skipped', 'opted-out']]);

      const party = await seedCustomer(storage.db, { familyName: 'Landline', lines: [], phones: [], emails: [] });
      const { id } = await createComplaint(storage.db, { partyId: party.id, channel: 'letter', category: 'billing', description: 'Wrong bill', receivedAt: Date.now() }, advisor);
      for (const action of ['acknowledge', 'answer', 'close'] as const) await actOnComplaint(storage.db, id, action, action === 'answer' ? { outcome: 'upheld' } : action === 'close' ? { causeCode: 'billing.roaming' } : {}, advisor);
      await forgetWorkerSurvey(id);
      await askComplaintSatisfaction(storage.db, await closingEvent(id), { numberKey: 'test-key' });
      assert.deepEqual((await surveysOf(id)).map((s) => [s.status, s.msisdn, s.last_error]), [['skipped', null, 'no-mobile']]);

      const rules = await currentRules(storage.db);
      await changeRules(storage.db, { ...rules, active: false });
      try {
        const off = await closedComplaint('fr');
        await forgetWorkerSurvey(off.id);
        await askComplaintSatisfaction(storage.db, await closingEvent(off.id), { numberKey: 'test-key' });
        assert.deepEqual((await surveysOf(off.id)).map((s) => [s.status, s.last_error]), [['skipped', 'surveys-off']]);
      } finally {
        await changeRules(storage.db, rules);
      }
    });

    it('too late, or in quiet hours: not asked days after the closing; the job waits for the end of the quiet hours', async () => {
      const { id } = await closedComplaint('fr');
      await forgetWorkerSurvey(id);
      const eventId = await closingEvent(id);
      // Tuesday 2 March 2027, 22:00 in Luxembourg: quiet hours of the default rules (20:00-09:00)
      const rules = await currentRules(storage.db);
      await changeRules(storage.db, { ...rules, quietStart: '20:00', quietEnd: '09:00' });
      try {
        const night = Date.UTC(2027, 2, 2, 21, 0);
        const waited = await askComplaintSatisfaction(storage.db, eventId, { numberKey: 'test-key', now: night });
        assert.equal(waited.done, false);
        assert.equal(!waited.done && waited.retryAt, Date.UTC(2027, 2, 3, 8, 0), '09:00 in Luxembourg the next morning');
        assert.equal((await surveysOf(id)).length, 0);
        const late = await askComplaintSatisfaction(storage.db, eventId, { numberKey: 'test-key', now: Date.UTC(2027, 2, 3, 10, 0) });
        assert.equal(late.done, true);
        assert.deepEqual((await surveysOf(id)).map((s) => [s.status, s.last_error]), [['skipped', 'too-late']]);
      } finally {
        await changeRules(storage.db, rules);
      }
    });

    it('the survey asked last takes the reply: a contact survey sent after the complaint one gets the next answer', async () => {
      const { id, msisdn } = await closedComplaint('fr');
      runtime.worker.poke();
      await eventually('the complaint question', async () => simulator.messagesTo(msisdn).find((m) => m.text.includes('est close')));
      await storage.db.updateTable('complaint_surveys').set({ sent_at: Date.now() - 60_000 }).where('case_id', '=', id).execute();
      const [call] = await seedEndedCalls(storage.db, 1, advisor.id, 990_000);
      runtime.worker.poke();
      const contact = await eventually('the contact survey sent', async () =>
        storage.db.selectFrom('surveys').selectAll().where('interaction_id', '=', call!.interactionId).where('status', '=', 'sent').executeTakeFirst(),
      );
      // that call's survey, as if it had gone to the complaint's number after the complaint's question
      await storage.db.updateTable('surveys').set({ msisdn, sent_at: Date.now() }).where('id', '=', contact.id).execute();
      await simulator.reply(msisdn, '9');
      await eventually('the contact survey answered', async () => (await storage.db.selectFrom('surveys').select('status').where('id', '=', contact.id).executeTakeFirst())?.status === 'answered');
      assert.equal((await surveysOf(id))[0]!.status, 'sent', 'the complaint survey still waits');
    });
  });
}
