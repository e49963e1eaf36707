import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { runEcoute, spawnEcoute } from './cli.testkit.js';

const HEADER = 'firm,study,period,segment,n,promoters,passives,detractors';

const dir = mkdtempSync(join(tmpdir(), 'ecoute-studies-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `studies-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const engine of await testEngines()) {
  describe(`ecoute studies on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const ecoute = (...args: string[]) => runEcoute(['studies', ...args], storage);
    // The real command in a process of its own once (on SQLite); the rest runs in this process.
    const spawned = engine.name === 'sqlite' ? spawnEcoute : runEcoute;

    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('imports a file (exit 0), and again as duplicates', async () => {
      const file = csv(HEADER, 'Institut Alzette,Baromètre,2025-Q1,residential,1000,45%,30%,25%', 'Institut Alzette,Baromètre,2025-Q1,business,500,"40,5%","34,5%",25%');
      const first = await ecoute('import', file);
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /: imported 2, rejected 0, duplicates skipped 0 /);
      const again = await ecoute('import', file);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /: imported 0, rejected 0, duplicates skipped 2 /);
    });

    it('prints every row error and exits 1 when nothing was imported; --skip-invalid imports the valid rows (exit 0)', async () => {
      const file = csv(HEADER, 'Moselle Research,Panel,2025,residential,1200,50%,30%,20%', 'Moselle Research,Panel,2025,business,-3,45%,30%,22%');
      const rejected = await spawned(['studies', 'import', file], storage);
      assert.equal(rejected.status, 1);
      assert.equal(
        rejected.stderr,
        [
          'line 3: promoters + passives + detractors = 97.0%, expected 100% (± 0.5)',
          'line 3, n: must be a positive whole number, got "-3"',
          'nothing was imported: 1 row has errors; fix it, or run again with --skip-invalid to import the 1 valid row',
          '',
        ].join('\n'),
      );
      const dry = await ecoute('import', file, '--dry-run', '--skip-invalid');
      assert.equal(dry.status, 0);
      assert.match(dry.stdout, /^dry run of .*: would import 1, rejected 1, /);

      const skipped = await ecoute('import', file, '--skip-invalid');
      assert.equal(skipped.status, 0);
      assert.match(skipped.stdout, /: imported 1, rejected 1, /);
      const rejects = file.replace(/\.csv$/, '.rejects.csv');
      assert.match(readFileSync(rejects, 'utf8'), /,3,"promoters \+ passives \+ detractors = 97\.0%, expected 100% \(± 0\.5\) \| n: must be a positive whole number, got ""-3""/);
    });

    it('exits 2 when the file cannot be read', async () => {
      const missing = await ecoute('import', join(dir, 'nope.csv'));
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nope\.csv: no such file/);
      const header = await ecoute('import', csv('firm,study,when,n,promoters,passives,detractors', 'A,B,2025,100,50%,30%,20%'));
      assert.equal(header.status, 2);
      assert.match(header.stderr, /unknown column "when".*missing column "period"/);
      assert.equal(existsSync(join(dir, 'nope.rejects.csv')), false);
    });

    it('lists the studies as a table, CSV or JSON', async () => {
      const table = await ecoute('list', '--from', '2025-01-01', '--to', '2025-03-31');
      assert.equal(table.status, 0, table.stderr);
      const lines = table.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^period\s+firm\s+study\s+segment\s+n\s+promoters\s+passives\s+detractors\s+NPS\s+95% CI\s+basis$/);
      assert.deepEqual(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 4)), [
        ['2025-Q1', 'Institut Alzette', 'Baromètre', 'business'],
        ['2025-Q1', 'Institut Alzette', 'Baromètre', 'residential'],
        ['2025', 'Moselle Research', 'Panel', 'residential'],
      ]);
      assert.match(lines[2]!, /1,000\s+45\.0%\s+30\.0%\s+25\.0%\s+20\.0\s+14\.9 to 25\.0\s+0-10, promoters ≥ 9, detractors ≤ 6$/);

      const json = await ecoute('list', '--from', '2025-01-01', '--to', '2025-03-31', '--segment', 'business', '--format', 'json');
      assert.equal(json.status, 0);
      const [business] = JSON.parse(json.stdout);
      assert.deepEqual([business.source, business.n, business.nps], ['external', 500, 15.5]);

      const csvOut = await ecoute('list', '--format', 'csv');
      assert.equal(csvOut.status, 0);
      assert.match(csvOut.stdout, /^period_start,period_end,firm,study,segment,n,promoters,passives,detractors,nps,ci95_low,ci95_high,scale,/);
      assert.equal(csvOut.stdout.trimEnd().split('\n').length, 4);

      assert.equal((await ecoute('list', '--to', '2024-12-31')).stdout, 'no external study in this period\n');
    });

    it('deletes a study by the id the list gives (exit 0), and exits 2 for an unknown id', async () => {
      const [study] = JSON.parse((await ecoute('list', '--segment', 'business', '--format', 'json')).stdout);
      const csvIds = (await ecoute('list', '--format', 'csv')).stdout.trimEnd().split('\n').slice(1).map((line) => line.split(',').at(-1));
      assert.ok(csvIds.includes(study.id), 'the CSV gives the ids');
      const deleted = await ecoute('delete', study.id);
      assert.equal(deleted.status, 0, deleted.stderr);
      assert.equal(deleted.stdout, `deleted: Institut Alzette, Baromètre, 2025-Q1, business (n 500, from ${study.sourceFile})\n`);
      assert.equal(JSON.parse((await ecoute('list', '--format', 'json')).stdout).length, 2);
      const unknown = await ecoute('delete', study.id);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /^error: No external study has id /);
    });

    it('refuses a bad date (exit 2) and an unknown format', async () => {
      const date = await ecoute('list', '--from', '2025-02-30');
      assert.equal(date.status, 2);
      assert.equal(date.stderr, 'error: from must be a date YYYY-MM-DD, got "2025-02-30"\n');
      const format = await ecoute('list', '--format', 'xml');
      assert.notEqual(format.status, 0);
      assert.match(format.stderr, /Allowed choices are table, csv, json/);
    });

    it('runs an import at the lowest CPU priority unless told --priority normal, and refuses another level', { skip: engine.name !== 'sqlite' || process.platform !== 'linux' }, async () => {
      const file = csv(HEADER, 'Institut Mamer,Suivi,2025-Q3,residential,800,45%,30%,25%');
      const before = getPriority(0);
      const bad = await ecoute('import', file, '--priority', 'urgent');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--priority.*must be low or normal/);
      assert.equal(getPriority(0), before, 'nothing changed');
      assert.equal((await ecoute('import', file, '--dry-run', '--priority', 'normal')).status, 0);
      assert.equal(getPriority(0), before);
      assert.equal((await ecoute('import', file)).status, 0);
      assert.equal(getPriority(0), 19);
    });
  });
}
