import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseEnv, testEngines } from '../../test/engines.js';
import { openSqlite, type Storage } from '../storage/database.js';
import { runEcoute, spawnEcoute } from './cli.testkit.js';

for (const engine of await testEngines()) {
  describe(`ecoute demo on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    /** The test database as the engine opened it: where `ecoute` finds it. */
    let database: Storage;
    let sqlitePath: string | undefined;
    /** Runs `ecoute demo` in this process. Its bulk load needs the SQLite file to itself: the test's connection is closed meanwhile. */
    const ecoute = async (...args: string[]) => {
      if (sqlitePath) await storage.close();
      const result = await runEcoute(['demo', ...args], database);
      if (sqlitePath) storage = openSqlite(sqlitePath);
      return result;
    };
    const count = async (table: 'parties' | 'sites' | 'teams' | 'users' | 'interactions' | 'surveys' | 'survey_responses' | 'followups' | 'complaints' | 'cause_codings' | 'actions' | 'evaluations' | 'trainings' | 'coaching_sessions' | 'usage_events') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = database = await engine.open();
      sqlitePath = databaseEnv(database).ECOUTE_SQLITE_PATH;
    });
    after(() => storage?.close());

    it('says so when another process has the SQLite file open, and changes nothing', { skip: engine.name !== 'sqlite' && 'SQLite only' }, async () => {
      // The test's own connection stays open: the real command, in a process of its own, cannot take the file.
      const refused = await spawnEcoute(['demo', '--customers', '10'], database);
      assert.equal(refused.status, 2, refused.stderr);
      assert.match(refused.stderr, /open in another process/);
      for (const table of ['parties', 'sites', 'teams', 'users', 'interactions'] as const) assert.equal(await count(table), 0, table);
      assert.equal(storage.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
    });

    it('loads customers, contacts, their survey history, follow-ups and complaints with their root causes, counted in the NPS aggregates', async () => {
      const run = await ecoute('--customers', '60', '--months', '3', '--seed', '5');
      assert.equal(run.status, 0, run.stderr);
      const [surveys, responses, followups, complaints, codings, actions, evaluations, trainings, coaching] = [
        await count('surveys'), await count('survey_responses'), await count('followups'), await count('complaints'), await count('cause_codings'), await count('actions'), await count('evaluations'),
        await count('trainings'), await count('coaching_sessions'),
      ];
      const completions = Number((await storage.db.selectFrom('training_attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'completed').executeTakeFirstOrThrow()).n);
      assert.ok(responses > 0, 'the demo has responses');
      const usageEvents = await count('usage_events');
      const usageLines = Number((await storage.db.selectFrom('usage_events').select((eb) => eb.fn.count<number>('line_id').distinct().as('n')).executeTakeFirstOrThrow()).n);
      assert.ok(usageEvents > 0 && usageLines > 0, 'the demo lines have usage');
      assert.match(run.stdout, new RegExp(`; ${surveys} surveys, ${responses} responses, ${followups} follow-ups, ${complaints} complaints, ${codings} root causes coded, ${actions} improvement actions, ${trainings} trainings \\(${completions} completions\\), ${evaluations} evaluations, ${coaching} coaching sessions, ${usageEvents} usage events on ${usageLines} lines; `));
      // The aggregates count every response once (all surveys, per day).
      const counted = await sql<{ n: number }>`
        select sum(s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10) as n from nps_counts where dims = ''
      `.execute(storage.db);
      assert.equal(Number(counted.rows[0]!.n), responses);
    });

    it('refuses a database that already has data, and changes nothing', async () => {
      const before = await count('parties');
      const run = await ecoute('--customers', '10');
      assert.equal(run.status, 2);
      assert.match(run.stderr, /already has data/);
      assert.equal(await count('parties'), before);
    });
  });
}
