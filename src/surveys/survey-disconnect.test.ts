/**
 * "Nothing lost, nothing twice" (docs/surveys.md) when the SMSC cuts the SMPP connection while
 * submit_sm are waiting for their response: the worker runs in this process, the simulator drops
 * every connection several times mid-window, and every ended call must still get exactly one
 * survey SMS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { silentLogger } from '../sms/gateway.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { checkExactlyOnce, eventually, pendingWork } from './survey-load.testkit.js';
import { startSurveyRuntime, type SurveyRuntime } from './survey-runtime.js';

const CALLS = 300;
const DROPS = 3;

for (const engine of await testEngines()) {
  describe(`survey sending through SMPP drops on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let gateway: SmppGateway;
    let runtime: SurveyRuntime | undefined;
    let calls: { msisdn: string; interactionId: string }[];

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      await surveyAlways(storage.db);
      calls = await seedEndedCalls(storage.db, CALLS, team.advisorId);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: silentLogger });
      // ~160 submits/s: the drops land while most surveys are still to send
      simulator.delayAcks(60);
      gateway = new SmppGateway({ url: simulator.url, window: 10, reconnect: { initialMs: 50, maxMs: 200 }, logger: silentLogger });
    });
    after(async () => {
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    it(`${DROPS} connection drops with submits in flight: each of ${CALLS} calls gets exactly one survey SMS`, async () => {
      runtime = await startSurveyRuntime({ storage, gateway, senderId: 'Service', worker: { idleMs: 20, log: () => {} } });
      for (let drop = 0; drop < DROPS; drop++) {
        const arrivedBefore = simulator.allMessages().length;
        await eventually('progress with submits in flight', async () => simulator.allMessages().length >= arrivedBefore + 20 && simulator.stats.inFlight > 0 && gateway.status().connected);
        simulator.dropConnections();
        await eventually('the gateway sees the drop', async () => gateway.stats.drops === drop + 1);
      }
      assert.ok(simulator.allMessages().length < CALLS, 'messages were still to send after the drops');
      // Submits cut by a drop are retried with the worker's backoff (5 s, then 10 s).
      await eventually(
        'every survey sent',
        async () => Number((await storage.db.selectFrom('surveys').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n) === CALLS,
        25_000,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; simulator ${simulator.allMessages().length} messages, ${JSON.stringify(simulator.stats)}\n${await pendingWork(storage)}`);
      });
      await runtime.stop();
      runtime = undefined;

      await checkExactlyOnce(storage, simulator, calls);
      assert.ok(simulator.stats.duplicates > 0, 'a resubmit after a drop was recognised as a duplicate');
    });
  });
}
