/**
 * "Nothing lost, nothing twice" (docs/surveys.md), with a real crash: `ecoute worker` runs as a
 * child process against the test database and an SMSC simulator in this process, and is killed
 * with SIGKILL while submit_sm are in flight, several times, then restarted until every survey is
 * sent. Every ended call must have got exactly one survey SMS.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { databaseEnv, testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { silentLogger } from '../sms/gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { checkExactlyOnce, eventually, pendingWork } from './survey-load.testkit.js';

const CALLS = 300;
const KILLS = 3;
const LEASE_MS = 1000;

for (const engine of await testEngines()) {
  describe(`survey worker killed mid-send on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let calls: { msisdn: string; interactionId: string }[];
    const children = new Set<ChildProcess>();

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      await surveyAlways(storage.db);
      calls = await seedEndedCalls(storage.db, CALLS, team.advisorId);
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: silentLogger });
      simulator.delayAcks(50); // submit_sm always outstanding (~200/s): the kills land inside the window
    });
    after(async () => {
      for (const child of children) child.kill('SIGKILL');
      await simulator?.close();
      await storage?.close();
    });

    /** Starts `ecoute worker` on the test database; resolves once it is bound to the simulator. */
    async function startWorker(): Promise<ChildProcess> {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
        env: {
          ...process.env,
          ...databaseEnv(storage),
          ECOUTE_SMSC_URL: simulator.url,
          ECOUTE_JOB_LEASE_MS: String(LEASE_MS),
          ECOUTE_SMS_WINDOW: '10',
          ECOUTE_SMS_SENDER: 'Service',
        },
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

    it(`SIGKILL ${KILLS} times while submits are in flight: each of ${CALLS} calls gets exactly one survey SMS`, async () => {
      let kills = 0;
      for (let round = 0; round < KILLS; round++) {
        const worker = await startWorker();
        const arrivedBefore = simulator.allMessages().length;
        // Kill once this round has made progress and submit_sm are waiting for their response.
        await eventually('progress with submits in flight', async () => simulator.allMessages().length >= arrivedBefore + 30 && simulator.stats.inFlight > 0, 15_000);
        if (simulator.allMessages().length >= CALLS) break;
        await kill(worker);
        kills++;
        // The killed worker's submits still in flight reach the SMSC; their responses go nowhere.
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      assert.equal(kills, KILLS, 'every kill landed before the last message');
      assert.ok(simulator.allMessages().length < CALLS, 'messages were still to send after the kills');

      const last = await startWorker();
      await eventually(
        'every survey sent',
        async () => Number((await storage.db.selectFrom('surveys').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n) === CALLS,
        20_000,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; simulator ${simulator.allMessages().length} messages, ${JSON.stringify(simulator.stats)}\n${await pendingWork(storage)}`);
      });
      const stopped = new Promise((resolve) => last.once('exit', resolve));
      last.kill('SIGTERM');
      await stopped;

      await checkExactlyOnce(storage, simulator, calls);
      // The kills left submits unacknowledged: they were sent again and recognised by the SMSC.
      assert.ok(simulator.stats.duplicates > 0, 'a resubmit after a kill was recognised as a duplicate');
    });
  });
}
