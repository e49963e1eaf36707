import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { localDay } from '../shared/calendar.js';
import { npsReport } from '../nps/nps-report.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { activeRules, saveRules } from './survey-rules.js';
import { eventually } from './survey-load.testkit.js';
import { startSurveyRuntime, type SurveyRuntime } from './survey-runtime.js';

const MOBILE = '+352621123456';
const quiet = { log: () => {}, warn: () => {}, info: () => {}, error: () => {} } as never;

for (const engine of await testEngines()) {
  describe(`survey loop over SMPP on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let runtime: SurveyRuntime;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    let partyId: string;

    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      partyId = (await seedCustomer(storage.db)).id;
      const rules = (await activeRules(storage.db))!;
      // No quiet hours and no delay, so the test does not depend on the hour it runs at.
      await saveRules(storage.db, rules.id, { ...rules, delayMinutes: 0, quietStart: '00:00', quietEnd: '00:00', quietSundays: false, quarantineDays: 0 });
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: quiet });
      const gateway = new SmppGateway({ url: `smpp://ecoute:secret@127.0.0.1:${simulator.listeningPort}`, logger: quiet });
      runtime = await startSurveyRuntime({ storage, gateway, senderId: 'Service', worker: { idleMs: 20, log: () => {} } });
    });
    after(async () => {
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    const endCall = async (externalId: string, seconds = 120) => {
      const endedAt = Date.now() - 1000;
      const { id } = await recordInteraction(
        storage.db,
        { externalId, partyId, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: endedAt - seconds * 1000, endedAt, advisorId: team.advisorId, phone: MOBILE, resolved: true },
        7,
      );
      runtime.worker.poke();
      return id;
    };
    const surveyOf = (interactionId: string) =>
      eventually(`survey of ${interactionId}`, () => storage.db.selectFrom('surveys').selectAll().where('interaction_id', '=', interactionId).where('status', '=', 'sent').executeTakeFirst());

    it('an ended call produces one SMS in the customer\'s language; the reply becomes a response tied to that contact', async () => {
      const interactionId = await endCall('call-1');
      const sms = await simulator.waitForMessage(MOBILE);
      assert.match(sms.text, /De 1 à 10/);
      const survey = await surveyOf(interactionId);
      await simulator.reply(MOBILE, '9 super conseiller, merci');
      const response = await eventually('response', () => storage.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).executeTakeFirst());
      assert.equal(response.score, 9);
      assert.equal(response.category, 'promoter');
      assert.equal(response.interaction_id, interactionId);
      assert.equal(response.team_id, team.teamId);
      assert.equal(response.advisor_id, team.advisorId);
      assert.equal(response.channel, 'phone');
      assert.equal(response.reason_code, 'billing');
      assert.match(response.comment ?? '', /super conseiller/);
      assert.deepEqual(JSON.parse(response.topics ?? '[]').map((t: { topic: string }) => t.topic), ['advisor'], 'the comment is analysed');
      // The aggregates counted the survey when it was sent and the score when it came: the team's NPS today.
      const today = localDay(Date.now());
      const { rows } = await npsReport(storage.db, { from: today, to: today, interval: 'day', groupBy: [], filters: { team: team.teamId }, minResponses: 30 });
      assert.deepEqual(rows.map((r) => [r.sent, r.n, r.promoters, r.nps]), [[1, 1, 1, 100]]);
      const thanks = await eventually('thanks', async () => simulator.messagesTo(MOBILE).find((m) => /Merci pour votre réponse/.test(m.text)));
      assert.equal(thanks.encoding, 'gsm7');
      const decision = await storage.db.selectFrom('survey_decisions').selectAll().where('interaction_id', '=', interactionId).executeTakeFirstOrThrow();
      assert.deepEqual([decision.outcome, decision.reason], ['survey', 'eligible']);
      await eventually('delivery receipt', () => storage.db.selectFrom('sms_messages').select('status').where('survey_id', '=', survey.id).where('purpose', '=', 'survey').where('status', '=', 'delivered').executeTakeFirst());
    });

    it('an unclear reply gets one clarification, then is kept as unparsed with its raw text', async () => {
      const interactionId = await endCall('call-2');
      const survey = await surveyOf(interactionId);
      const before = simulator.messagesTo(MOBILE).length;
      await simulator.reply(MOBILE, '8,5');
      await eventually('clarification', async () => simulator.messagesTo(MOBILE).length > before && /pas compris/.test(simulator.messagesTo(MOBILE).at(-1)!.text));
      await simulator.reply(MOBILE, 'bof bof');
      await eventually('unparsed', () => storage.db.selectFrom('surveys').select('status').where('id', '=', survey.id).where('status', '=', 'unparsed').executeTakeFirst());
      const replies = await storage.db.selectFrom('survey_replies').select(['text', 'outcome']).where('survey_id', '=', survey.id).orderBy('received_at').execute();
      assert.deepEqual(replies, [{ text: '8,5', outcome: 'clarification' }, { text: 'bof bof', outcome: 'unparsed' }]);
      const responses = await storage.db.selectFrom('survey_responses').select('id').where('survey_id', '=', survey.id).execute();
      assert.equal(responses.length, 0);
    });

    it('STOP opts the number out with a confirmation; later calls are skipped with reason opted_out; START opts back in', async () => {
      await simulator.reply(MOBILE, 'Arrêt');
      await eventually('opt-out confirmation', async () => /ne recevrez plus/.test(simulator.messagesTo(MOBILE).at(-1)!.text));
      assert.ok(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', MOBILE).executeTakeFirst());
      const interactionId = await endCall('call-3');
      const decision = await eventually('decision', () => storage.db.selectFrom('survey_decisions').selectAll().where('interaction_id', '=', interactionId).executeTakeFirst());
      assert.deepEqual([decision.outcome, decision.reason], ['skipped', 'opted_out']);
      await simulator.reply(MOBILE, 'start');
      await eventually('opt-in', async () => !(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', MOBILE).executeTakeFirst()));
    });

    it('a short call is not surveyed, and the reason is stored', async () => {
      const interactionId = await endCall('call-4', 10);
      const decision = await eventually('decision', () => storage.db.selectFrom('survey_decisions').selectAll().where('interaction_id', '=', interactionId).executeTakeFirst());
      assert.deepEqual([decision.outcome, decision.reason], ['skipped', 'short_contact']);
    });
  });
}
