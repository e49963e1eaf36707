import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SimulatedMessage, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { eventually } from './survey-load.testkit.js';
import { AUTOMATIC_PURPOSES } from '../notifications/automatic-sms.js';
import { handleInboundSms } from './survey-replies.js';
import { startSurveyRuntime, type SurveyRuntime } from './survey-runtime.js';

const quiet = { log: () => {}, warn: () => {}, info: () => {}, error: () => {} } as never;
const HOUR = 3_600_000;

for (const engine of await testEngines()) {
  describe(`automatic SMS never run away, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(async () => {
      await storage?.close();
    });

    const automatic = (msisdn: string) =>
      storage.db.selectFrom('sms_messages').select(['purpose', 'created_at']).where('msisdn', '=', msisdn).where('direction', '=', 'out').where('purpose', 'in', [...AUTOMATIC_PURPOSES]).orderBy('created_at').execute();
    const inbound = (msisdn: string, text: string, receivedAt: number, autoRepliesPerDay?: number) =>
      handleInboundSms(storage.db, { from: msisdn, to: 'ECOUTE', text, receivedAt }, autoRepliesPerDay === undefined ? {} : { autoRepliesPerDay });

    it('an opt-out is confirmed once: twenty STOPs give one confirmation, and the number stays opted out', async () => {
      const msisdn = '+352621900001';
      const t0 = Date.now();
      for (let i = 0; i < 20; i++) assert.equal((await inbound(msisdn, i % 2 ? 'STOP' : 'Stop svp', t0 + i * 1000)).outcome, 'opt_out');
      assert.deepEqual((await automatic(msisdn)).map((m) => m.purpose), ['opt_out_confirmation']);
      assert.ok(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', msisdn).executeTakeFirst());
      const replies = await storage.db.selectFrom('survey_replies').select('outcome').where('msisdn', '=', msisdn).execute();
      assert.equal(replies.length, 20, 'every STOP is kept');
    });

    it('a START from a number that is not opted out gets no confirmation', async () => {
      const msisdn = '+352621900002';
      assert.equal((await inbound(msisdn, 'START', Date.now())).outcome, 'opt_in');
      assert.deepEqual(await automatic(msisdn), []);
    });

    it('STOP and START in turn get at most 3 automatic SMS in any 24 hours, and more the next day', async () => {
      const msisdn = '+352621900003';
      const t0 = Date.now();
      for (let i = 0; i < 12; i++) await inbound(msisdn, i % 2 ? 'START' : 'STOP', t0 + i * 60_000);
      assert.deepEqual((await automatic(msisdn)).map((m) => m.purpose), ['opt_out_confirmation', 'opt_in_confirmation', 'opt_out_confirmation']);
      // The opt-outs themselves still change: 12 messages, the last one START.
      assert.equal(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', msisdn).executeTakeFirst(), undefined);
      // 23 hours after the first confirmation: still capped; 24 hours after it, one place is free again.
      await inbound(msisdn, 'STOP', t0 + 23 * HOUR);
      assert.equal((await automatic(msisdn)).length, 3);
      await inbound(msisdn, 'START', t0 + 23 * HOUR + 60_000);
      await inbound(msisdn, 'STOP', t0 + 24 * HOUR + 1);
      assert.equal((await automatic(msisdn)).length, 4);
    });

    it('the cap is configurable (0: no automatic SMS at all)', async () => {
      const msisdn = '+352621900004';
      const t0 = Date.now();
      for (let i = 0; i < 6; i++) await inbound(msisdn, i % 2 ? 'START' : 'STOP', t0 + i * 1000, 1);
      assert.equal((await automatic(msisdn)).length, 1);
      const silent = '+352621900005';
      await inbound(silent, 'STOP', t0, 0);
      assert.deepEqual(await automatic(silent), []);
      assert.ok(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', silent).executeTakeFirst(), 'the opt-out is recorded all the same');
    });
  });

  describe(`an SMSC peer that answers every SMS, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let runtime: SurveyRuntime;
    let advisorId: string;

    before(async () => {
      storage = await engine.open();
      advisorId = (await seedTeam(storage.db)).advisorId;
      await surveyAlways(storage.db);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: quiet });
      const gateway = new SmppGateway({ url: `smpp://ecoute:secret@127.0.0.1:${simulator.listeningPort}`, logger: quiet });
      runtime = await startSurveyRuntime({ storage, gateway, senderId: 'Service', worker: { idleMs: 10, log: () => {} } });
    });
    after(async () => {
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    /** Ends a call to a new number, whose phone then answers every SMS it gets with the next of `answers` (in a loop), for `ms`. */
    async function autoResponder(firstNumber: number, answers: string[], ms = 2500): Promise<SimulatedMessage[]> {
      const [call] = await seedEndedCalls(storage.db, 1, advisorId, firstNumber);
      const msisdn = call!.msisdn;
      let n = 0;
      const answer = (message: SimulatedMessage) => {
        if (message.to !== simulator.messagesTo(msisdn)[0]?.to) return;
        // a phone answers within a fraction of a second, after the SMSC acknowledged the message
        const text = answers[n++ % answers.length]!;
        setTimeout(() => void simulator.reply(msisdn, text).catch(() => {}), 100);
      };
      simulator.on('message', answer);
      try {
        runtime.worker.poke();
        await simulator.waitForMessage(msisdn);
        await new Promise((r) => setTimeout(r, ms));
      } finally {
        simulator.off('message', answer);
      }
      return simulator.messagesTo(msisdn);
    }

    it('STOP to every SMS: the survey and one confirmation, nothing more', async () => {
      const received = await autoResponder(700_001, ['STOP']);
      assert.equal(received.length, 2, received.map((m) => m.text).join(' | '));
      assert.match(received[1]!.text, /ne recevrez plus/);
    });

    it('STOP and START in turn to every SMS: the survey and 3 confirmations (the daily cap)', async () => {
      const received = await autoResponder(700_002, ['STOP', 'START']);
      assert.equal(received.length, 4, received.map((m) => m.text).join(' | '));
    });

    it('an unreadable answer to every SMS: the survey and one clarification', async () => {
      const received = await autoResponder(700_003, ["Je suis absent jusqu'au 12, merci de rappeler plus tard."]);
      assert.equal(received.length, 2, received.map((m) => m.text).join(' | '));
      await eventually('unparsed', () => storage.db.selectFrom('surveys').select('status').where('msisdn', '=', '+352621700003').where('status', '=', 'unparsed').executeTakeFirst());
    });
  });
}
