import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { runEcoute, spawnEcoute } from './cli.testkit.js';

const HEADER = 'event_id,msisdn,occurred_at,type,quantity,country';
const dir = mkdtempSync(join(tmpdir(), 'ecoute-usage-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `usage-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
const recent = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

for (const engine of await testEngines()) {
  describe(`ecoute usage import on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const spawned = engine.name === 'sqlite' ? spawnEcoute : runEcoute;
    const total = async () => Number((await sql<{ n: number }>`select coalesce(sum(used), 0) as n from usage_counters`.execute(storage.db)).rows[0]!.n);

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Fichier', lines: [{ msisdn: '+352621700001', plan: 'Love Duo' }], phones: [], emails: [] });
    });
    after(() => storage?.close());

    it('counts a file, and counts nothing more when the same file comes again', async () => {
      const file = csv(
        HEADER,
        `u1,+352621700001,${recent(30)},data,1000,LU`,
        `u2,621 700 001,${recent(20)},voice,60,FR`,
        `u2,621 700 001,${recent(20)},voice,60,FR`,
        `u3,00352621700001,${recent(10)},SMS,1,lu`,
      );
      const first = await spawned(['usage', 'import', file], storage);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /imported 3, rejected 0, duplicates skipped 1 /);
      assert.equal(await total(), 1061);
      const again = await runEcoute(['usage', 'import', file], storage);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /imported 0, rejected 0, duplicates skipped 4 /);
      assert.equal(await total(), 1061);
    });

    it('counts nothing from a file with errors, names each with its line and column, and counts the valid rows with --skip-invalid', async () => {
      const file = csv(HEADER, `v1,+352621700001,${recent(5)},data,500,LU`, `v2,+352621700009,${recent(5)},data,5,LU`, `v3,+352621700001,yesterday,data,-1,ZZ`);
      const before = await total();
      const refused = await runEcoute(['usage', 'import', file], storage);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /line 3, msisdn: .*not a line of any customer/);
      assert.match(refused.stderr, /line 4, occurred_at: /);
      assert.match(refused.stderr, /line 4, quantity: /);
      assert.match(refused.stderr, /line 4, country: /);
      assert.match(refused.stderr, /nothing was imported/);
      assert.equal(await total(), before);
      const skipped = await runEcoute(['usage', 'import', file, '--skip-invalid'], storage);
      assert.equal(skipped.status, 0, skipped.stderr);
      assert.match(skipped.stdout, /imported 1, rejected 2/);
      assert.equal(await total(), before + 500);
      assert.match(readFileSync(file.replace(/\.csv$/, '.rejects.csv'), 'utf8'), /v2/);
    });

    it('names a missing column and counts nothing', async () => {
      const result = await runEcoute(['usage', 'import', csv('event_id,msisdn,type,quantity,country', 'w1,+352621700001,data,1,LU')], storage);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /occurred_at/);
    });
  });
}
