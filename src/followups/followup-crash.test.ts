/**
 * "None lost, none twice" for follow-ups (docs/followups.md), with a real crash: `ecoute worker`
 * runs as a child process against the test database and an SMSC simulator in this process; once
 * every survey is sent, the customers answer (a third detractors naming a churn word) while the
 * worker is killed with SIGKILL several times, then restarted until every answer is stored. Every
 * detractor's answer must have opened exactly one follow-up (one case, one opening event, one live
 * alert job), and no other answer any.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { databaseEnv, testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { silentLogger } from '../sms/gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { eventually, pendingWork } from '../surveys/survey-load.testkit.js';
import { seedPerson } from './followups.testkit.js';

const CALLS = 240;
const KILLS = 3;
const answerOf = (i: number) => (i % 3 === 0 ? '2 je vais résilier' : i % 3 === 1 ? '7' : '10 merci');

for (const engine of await testEngines()) {
  describe(`worker killed while detractors answer, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let calls: { msisdn: string; interactionId: string }[];
    const children = new Set<ChildProcess>();
    const count = async (table: 'survey_responses' | 'followups') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      await seedPerson(storage.db, 'team_lead', team.teamId, team.siteId);
      await surveyAlways(storage.db);
      calls = await seedEndedCalls(storage.db, CALLS, team.advisorId, 300_000);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: silentLogger, redeliveryDelayMs: 20 });
    });
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await simulator?.close();
      await storage?.close();
    });

    /** Starts `ecoute worker` on the test database; resolves once it is bound to the simulator. */
    async function startWorker(): Promise<ChildProcess> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
        env: { ...process.env, ...databaseEnv(storage), ECOUTE_SMSC_URL: simulator.url, ECOUTE_JOB_LEASE_MS: '1000', ECOUTE_SMS_SENDER: 'Service' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      child.once('exit', () => children.delete(child));
      let output = '';
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ecoute worker running')) resolve();
        });
        child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before running:\n${output}`)));
      });
      return child;
    }

    async function kill(child: ChildProcess): Promise<void> {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }

    it(`SIGKILL ${KILLS} times while ${CALLS} customers answer: each detractor's answer opens exactly one follow-up`, async () => {
      const sender = await startWorker();
      const sent = async () => Number((await storage.db.selectFrom('surveys').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
      await eventually('every survey sent', async () => (await sent()) === CALLS, 30_000);
      await kill(sender);

      // The customers answer all at once; the answers wait at the SMSC until a worker takes them.
      const replies = calls.map(({ msisdn }, i) => simulator.reply(msisdn, answerOf(i)));
      let kills = 0;
      for (let round = 0; round < KILLS; round++) {
        const stored = await count('survey_responses');
        const worker = await startWorker();
        await eventually('answers being stored', async () => (await count('survey_responses')) >= stored + 10, 20_000);
        if ((await count('survey_responses')) >= CALLS) break;
        await kill(worker);
        kills++;
      }
      assert.equal(kills, KILLS, 'every kill landed before the last answer');
      assert.ok((await count('survey_responses')) < CALLS, 'answers were still to store after the kills');

      const last = await startWorker();
      await Promise.all(replies);
      await eventually('every answer stored', async () => (await count('survey_responses')) === CALLS, 30_000).catch(async (error: Error) => {
        throw new Error(`${error.message}; ${await count('survey_responses')} answers\n${await pendingWork(storage)}`);
      });
      const stopped = new Promise((resolve) => last.once('exit', resolve));
      last.kill('SIGTERM');
      await stopped;

      const { db } = storage;
      const answered = await db.selectFrom('survey_responses').select('survey_id').execute();
      assert.equal(new Set(answered.map((r) => r.survey_id)).size, CALLS, 'one answer per survey');
      const detractors = calls.filter((_, i) => i % 3 === 0).map((c) => c.interactionId);
      const followups = await db.selectFrom('followups').select(['case_id', 'interaction_id', 'survey_id']).execute();
      assert.equal(followups.length, detractors.length, 'one follow-up per detractor');
      assert.deepEqual(new Set(followups.map((f) => f.interaction_id)), new Set(detractors), 'for the detractors, and nobody else');
      assert.equal(new Set(followups.map((f) => f.survey_id)).size, followups.length);
      const cases = await db.selectFrom('cases').select('id').where('kind', '=', 'followup').execute();
      assert.equal(cases.length, detractors.length, 'one case per follow-up');
      const openings = await db.selectFrom('case_events').select('case_id').where('action', '=', 'opened').execute();
      assert.equal(openings.length, detractors.length, 'one opening event per case');
      const alerts = await db.selectFrom('outbox').select('ref_id').where('topic', '=', 'followup.hot').execute();
      assert.deepEqual(new Set(alerts.map((a) => a.ref_id)), new Set(followups.map((f) => `${f.case_id}:1`)), 'one live alert per hot follow-up');
      assert.equal(alerts.length, detractors.length);
      assert.ok(simulator.stats.deliveryRetries > 0, 'answers in flight at a kill were delivered again');
    });
  });
}
