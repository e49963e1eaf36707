import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { silentLogger } from '../sms/gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import type { Storage } from '../storage/database.js';
import { eventually } from './survey-load.testkit.js';
import { startSurveyRuntime, type SurveyRuntime } from './survey-runtime.js';

for (const engine of await testEngines()) {
  describe(`an SMSC that refuses the bind, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let runtime: SurveyRuntime;
    let server: RunningServer;
    let token: string;

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      await surveyAlways(storage.db);
      await seedEndedCalls(storage.db, 2, team.advisorId);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'right', logger: silentLogger });
      const gateway = new SmppGateway({
        url: `smpp://ecoute:wrong@127.0.0.1:${simulator.listeningPort}`,
        logger: silentLogger,
        submitTimeoutMs: 300,
        reconnect: { initialMs: 100, maxMs: 200 },
      });
      runtime = await startSurveyRuntime({ storage, gateway, senderId: 'ECOUTE', worker: { idleMs: 20, log: () => {} } });
      token = (await createApiToken(storage.db, 'ops', 'admin', ['surveys'])).token;
      server = await startServer({ storage, config: loadConfig(), port: 0, smsGateway: gateway });
    });
    after(async () => {
      await server?.close();
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    it('keeps the surveys queued with a readable error and a retry time, and says so over the API; then sends once the bind works', async () => {
      const get = async (path: string) => (await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
      const status = await eventually('a retry', async () => {
        const answer = await get('/surveys/gateway');
        return answer.retrying > 0 ? answer : undefined;
      });
      assert.equal(status.gateway.connected, false);
      assert.match(status.gateway.lastError, /ESME_RBINDFAIL/);
      assert.ok(Date.parse(status.nextRetryAt) > 0);
      const log = await get('/surveys/messages?limit=10');
      const waiting = log.items.filter((m: { purpose: string }) => m.purpose === 'survey');
      assert.ok(waiting.length > 0);
      for (const message of waiting) {
        assert.equal(message.status, 'queued');
        assert.ok(message.error, 'the reason it is not sent is shown');
        assert.ok(message.nextAttemptAt, 'and when it is tried again');
      }
      assert.equal(simulator.allMessages().length, 0);

      simulator.setCredentials('ecoute', 'wrong');
      await eventually('bound', async () => runtime.gateway.status().connected);
      await storage.db.updateTable('outbox').set({ run_after: Date.now() }).where('done_at', 'is', null).execute();
      runtime.worker.poke();
      await eventually('both surveys sent', async () => simulator.allMessages().length === 2);
    });
  });
}
