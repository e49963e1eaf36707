import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { runEcoute, spawnEcoute } from './cli.testkit.js';

const HEADER = 'bill_number,account_number,period_start,period_end,amount_cents,issued_on,due_on,paid_at,pdf_url';
const dir = mkdtempSync(join(tmpdir(), 'ecoute-bills-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `bills-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const engine of await testEngines()) {
  describe(`ecoute bills import on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let account: string;
    const spawned = engine.name === 'sqlite' ? spawnEcoute : runEcoute;
    const bills = () => storage.db.selectFrom('bills').select(['bill_number', 'paid_at', 'pdf_url']).orderBy('bill_number').execute();

    before(async () => {
      storage = await engine.open();
      account = `A${(await seedCustomer(storage.db, { familyName: 'Fichier', lines: [{ msisdn: '+352621710001', plan: 'Love Duo' }], phones: [], emails: [] })).customerNumber}`;
    });
    after(() => storage?.close());

    it('records a file, changes nothing when the same file comes again, and updates the bills paid since', async () => {
      const rows = [
        `F-1,${account},2026-09-01,2026-09-30,4599,2026-10-01,2026-10-31,2026-10-20,https://billing.example.lu/F-1.pdf`,
        `F-2,${account},2026-10-01,2026-10-31,4599,2026-11-01,2026-11-30,,`,
        `F-2,${account},2026-10-01,2026-10-31,4599,2026-11-01,2026-11-30,,`,
        `F-3,${account},2026-11-01,2026-11-30,-1200,2026-12-01,2026-12-31,,`,
      ];
      const file = csv(HEADER, ...rows);
      const first = await spawned(['bills', 'import', file], storage);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /imported 3, rejected 0, duplicates skipped 1 /);
      assert.match(first.stdout, /bills created 3, updated 0, unchanged 1/);
      const again = await runEcoute(['bills', 'import', file], storage);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /imported 0, rejected 0, duplicates skipped 4 /);
      const paid = await runEcoute(['bills', 'import', csv(HEADER, rows[0]!, rows[1]!.replace(',,', ',2026-11-25,'), rows[3]!.replace(/,,$/, ',yes,'))], storage);
      assert.equal(paid.status, 0, paid.stderr);
      assert.match(paid.stdout, /bills created 0, updated 2, unchanged 1/);
      assert.ok((await bills()).every((b) => b.paid_at !== null));
    });

    it('records nothing from a file with errors, names each with its line and column, and records the valid rows with --skip-invalid', async () => {
      const file = csv(
        HEADER,
        `G-1,${account},2026-11-01,2026-11-30,2500,2026-12-01,2026-12-31,,`,
        `G-2,A-NOBODY,2026-11-01,2026-11-30,2500,2026-12-01,2026-12-31,,`,
        `G-3,${account},2026-11-31,2026-11-30,25.5,2026-12-01,2026-11-01,,http://billing.example.lu/G-3.pdf`,
        `F-1,${account},2026-09-01,2026-09-30,4600,2026-10-01,2026-10-31,2026-10-20,`,
        `G-1,${account},2026-11-01,2026-11-30,9999,2026-12-01,2026-12-31,,`,
      );
      const before = await bills();
      const dry = await runEcoute(['bills', 'import', file, '--dry-run'], storage);
      assert.match(dry.stdout, /dry run .*would import 1, rejected 4/);
      const refused = await runEcoute(['bills', 'import', file], storage);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /line 3, account_number: A-NOBODY is not the number of any account/);
      assert.match(refused.stderr, /line 4, period_start: /);
      assert.match(refused.stderr, /line 4, amount_cents: /);
      assert.match(refused.stderr, /line 4, due_on: |line 4, pdf_url: /);
      assert.match(refused.stderr, /line 5, amount_cents: differs from the bill held/);
      assert.match(refused.stderr, /line 6, bill_number: appears on line 2 with other values/);
      assert.match(refused.stderr, /nothing was imported/);
      assert.deepEqual(await bills(), before);
      const skipped = await runEcoute(['bills', 'import', file, '--skip-invalid'], storage);
      assert.equal(skipped.status, 0, skipped.stderr);
      assert.match(skipped.stdout, /imported 1, rejected 4/);
      assert.deepEqual((await bills()).map((b) => b.bill_number), ['F-1', 'F-2', 'F-3', 'G-1']);
      assert.match(readFileSync(file.replace(/\.csv$/, '.rejects.csv'), 'utf8'), /A-NOBODY/);
    });

    it('names a missing column and records nothing', async () => {
      const result = await runEcoute(['bills', 'import', csv('bill_number,account_number,period_start,period_end,amount_cents,issued_on', `H-1,${account},2026-11-01,2026-11-30,1,2026-12-01`)], storage);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /due_on/);
      assert.equal((await bills()).length, 4);
    });
  });
}
