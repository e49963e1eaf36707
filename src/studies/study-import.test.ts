import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { testEngines } from '../../test/engines.js';
import { formatRowError } from '../imports/csv-rows.js';
import type { Storage } from '../storage/database.js';
import { importStudies } from './study-import.js';
import { deleteStudy, listStudies } from './study-service.js';

const HEADER = 'firm,study,period,segment,n,promoters,passives,detractors,method';
const SAMPLE = new URL('../../docs/examples/external-studies.csv', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'ecoute-studies-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(...lines: string[]): string {
  const path = join(dir, `studies-${++files}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

for (const engine of await testEngines()) {
  describe(`study import on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const count = async () =>
      Number((await storage.db.selectFrom('external_studies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('imports a file and lists each study with its NPS and 95% interval, on its own basis, marked external', async () => {
      const file = csv(
        HEADER,
        'Institut Alzette,Baromètre relationnel,2024-Q1,residential,1000,45%,30%,25%,"CATI, weighted"',
        'Institut Alzette,Baromètre relationnel,2024-Q1,Business,500,0.4,0.35,0.25,',
        'Moselle Research,Panel,2024,,800,50,30,20,',
      );
      const report = await importStudies(storage, { file, importedBy: 'user-1' });
      assert.deepEqual(report.errors, []);
      assert.deepEqual([report.status, report.rows, report.imported, report.rejected, report.duplicates], ['imported', 3, 3, 0, 0]);

      const studies = await listStudies(storage.db, { from: '2024-01-01', to: '2024-03-31' });
      assert.deepEqual(studies.map((s) => [s.firm, s.period.label, s.segment]), [
        ['Institut Alzette', '2024-Q1', 'business'],
        ['Institut Alzette', '2024-Q1', 'residential'],
        ['Moselle Research', '2024', null],
      ]);
      const residential = studies[1]!;
      // By hand, adjusted Wald: n' = 1003, p = 450.75 / 1003, d = 250.75 / 1003,
      // centre = 100 (p − d) = 19.940, SE = 100 √((p + d − (p − d)²) / 1003) = 2.5645, ± 1.96 SE: 14.91 to 24.97.
      assert.equal(residential.nps, 20);
      assert.deepEqual(residential.ci95, { low: 14.91, high: 24.97 });
      assert.equal(residential.source, 'external');
      assert.equal(residential.reliable, true);
      assert.deepEqual(residential.basis, { scaleMin: 0, scaleMax: 10, promoterMin: 9, detractorMax: 6 });
      assert.deepEqual(residential.period, { start: '2024-01-01', end: '2024-03-31', label: '2024-Q1' });
      assert.deepEqual([residential.study, residential.n, residential.method, residential.distribution], ['Baromètre relationnel', 1000, 'CATI, weighted', null]);
      assert.deepEqual([residential.sourceFile, residential.importedBy], [file.split('/').pop(), 'user-1']);
      assert.deepEqual([residential.promoters, residential.passives, residential.detractors], [0.45, 0.3, 0.25]);
      assert.equal(studies[0]!.nps, 15);
      assert.equal(studies[2]!.nps, 30);

      // Overlap with the range, and the segment.
      assert.deepEqual((await listStudies(storage.db, { from: '2024-04-01', to: '2024-12-31' })).map((s) => s.firm), ['Moselle Research']);
      assert.deepEqual((await listStudies(storage.db, { from: '2024-01-01', segment: 'Residential' })).map((s) => s.n), [1000]);
      assert.deepEqual(await listStudies(storage.db, { to: '2023-12-31' }), []);
    });

    it('imports the same file again as duplicates, and refuses a study already imported with other figures', async () => {
      const rows = ['Institut Alzette,Vague annuelle,2023,residential,1200,40%,35%,25%,', 'Institut Alzette,Vague annuelle,2023,business,600,35%,35%,30%,'];
      const first = await importStudies(storage, { file: csv(HEADER, ...rows) });
      assert.deepEqual([first.status, first.imported], ['imported', 2]);
      const before = await count();
      const again = await importStudies(storage, { file: csv(HEADER, ...rows) });
      assert.deepEqual([again.status, again.imported, again.rejected, again.duplicates], ['imported', 0, 0, 2]);
      assert.equal(await count(), before);

      const revised = await importStudies(storage, { file: csv(HEADER, rows[0]!, 'Institut Alzette,Vague annuelle,2023,business,600,36%,35%,29%,') });
      assert.deepEqual([revised.status, revised.imported, revised.duplicates], ['rejected', 0, 1]);
      assert.match(
        formatRowError(revised.errors[0]!),
        /^line 3: this study is already in Ecoute with other figures \(n 600, promoters 35\.0%, passives 35\.0%, detractors 30\.0%; from studies-\d+\.csv, imported on \d{4}-\d\d-\d\d\): an imported study is never overwritten; to correct it, delete it first \(ecoute studies delete [0-9a-f-]{36}\) and import the file again$/,
      );
      assert.equal(await count(), before);
      // Corrected the way the message says: the study deleted, the file imported again.
      const id = /ecoute studies delete ([0-9a-f-]{36})/.exec(revised.errors[0]!.reason)![1]!;
      const deleted = await deleteStudy(storage.db, id);
      assert.deepEqual([deleted.segment, deleted.n, deleted.promoters], ['business', 600, 0.35]);
      const corrected = await importStudies(storage, { file: csv(HEADER, rows[0]!, 'Institut Alzette,Vague annuelle,2023,business,600,36%,35%,29%,') });
      assert.deepEqual([corrected.status, corrected.imported, corrected.duplicates], ['imported', 1, 1]);
      assert.equal(await count(), before);
      await assert.rejects(deleteStudy(storage.db, id), /No external study has id/);
    });

    it('computes the shares from score counts or score shares, and reads a semicolon file with decimal commas', async () => {
      const scores = Array.from({ length: 11 }, (_, s) => `score_${s}`).join(';');
      const path = join(dir, 'excel.csv');
      writeFileSync(
        path,
        '\uFEFF' +
          [
            `firm;study;period;segment;n;${scores};scale;promoter_min;detractor_max`,
            'Moselle Research;Panel;2025-03;residential;1000;20;10;10;20;30;40;70;150;200;250;200;;;',
            'Moselle Research;Panel;2025-03;business;600;;2%;;3%;5%;5%;10%;10%;10%;25,5%;29,5%;1-10;9;6',
          ].join('\r\n') +
          '\r\n',
      );
      const report = await importStudies(storage, { file: path });
      assert.deepEqual(report.errors, []);
      assert.equal(report.imported, 2);
      const [business, residential] = await listStudies(storage.db, { from: '2025-03-01', to: '2025-03-31' });
      assert.equal(residential!.nps, 25);
      assert.deepEqual(residential!.distribution, { unit: 'count', scores: { 0: 20, 1: 10, 2: 10, 3: 20, 4: 30, 5: 40, 6: 70, 7: 150, 8: 200, 9: 250, 10: 200 } });
      assert.equal(business!.nps, 30);
      assert.deepEqual(business!.basis, { scaleMin: 1, scaleMax: 10, promoterMin: 9, detractorMax: 6 });
      assert.equal(business!.distribution!.unit, 'share');
      assert.equal(business!.distribution!.scores['9'], 0.255);

      const commas = await importStudies(storage, { file: csv(HEADER, 'Institut Alzette,Flash,2025-04,residential,900,"42,5%","33,1%","24,4%",') });
      assert.deepEqual(commas.errors, []);
      assert.equal((await listStudies(storage.db, { from: '2025-04-01', to: '2025-04-30' }))[0]!.nps, 18.1);
    });

    it('imports nothing from a file with errors and reports every error of every row', async () => {
      const before = await count();
      const report = await importStudies(
        storage,
        {
          file: csv(
            HEADER,
            'Institut Alzette,Baromètre,2026-Q1,residential,1000,45%,30%,25%,',
            ',,2026-Q5,business,-3,45%,30%,22%,',
            'Institut Alzette,Baromètre,2026-Q1,residential,1000,45%,30%,25%,',
            'Institut Alzette,Baromètre,2026-02-30/2026-03-31,business,1000,45%,30,25%,',
            'Institut Alzette,Baromètre,2026-Q2,business,1000,,,,',
            'Institut Alzette,Baromètre,2026-Q3,business,1000,45%',
          ),
        },
      );
      assert.deepEqual([report.status, report.rows, report.valid, report.imported, report.rejected], ['rejected', 6, 1, 0, 5]);
      assert.deepEqual(report.errors.map(formatRowError), [
        'line 3: promoters + passives + detractors = 97.0%, expected 100% (± 0.5)',
        'line 3, firm: is required',
        'line 3, study: is required',
        'line 3, period: "2026-Q5" is not a period (expected a year 2025, a quarter 2025-Q1, a month 2025-03 or two dates 2025-01-06/2025-02-14)',
        'line 3, n: must be a positive whole number, got "-3"',
        'line 4: the same study (firm, study, period and segment) is also on line 2',
        'line 5: write promoters, passives and detractors the same way: all three with %, or none',
        'line 5, period: "2026-02-30" is not a date (expected a year 2025, a quarter 2025-Q1, a month 2025-03 or two dates 2025-01-06/2025-02-14)',
        'line 6: has no figures: give promoters, passives and detractors, or the scores score_0 … score_10',
        'line 7: has 6 values but the header has 9 columns (a value containing "," must be in double quotes)',
      ]);
      assert.equal(report.errorCount, 10);
      assert.equal(await count(), before);
    });

    it('with skipInvalid imports the valid rows and writes the others, with line and error, to the reject file', async () => {
      const file = csv(HEADER, 'Institut Alzette,Baromètre,2022-Q1,residential,1000,45%,30%,25%,', 'Institut Alzette,Baromètre,2022-Q2,residential,0,45%,30%,25%,');
      const report = await importStudies(storage, { file, skipInvalid: true });
      assert.deepEqual([report.status, report.imported, report.rejected], ['imported', 1, 1]);
      assert.equal(report.rejectsFile, file.replace(/\.csv$/, '.rejects.csv'));
      const rejects = parse(readFileSync(report.rejectsFile!, 'utf8'), { columns: true }) as Record<string, string>[];
      assert.deepEqual(rejects.map((r) => [r.period, r.line, r.error]), [['2022-Q2', '3', 'n: must be a positive whole number, got "0"']]);
      assert.equal((await listStudies(storage.db, { from: '2022-01-01', to: '2022-12-31' })).length, 1);

      const dry = await importStudies(storage, { file: csv(HEADER, 'Institut Alzette,Baromètre,2021,,1000,45%,30%,25%,'), dryRun: true });
      assert.deepEqual([dry.status, dry.valid, dry.imported], ['validated', 1, 0]);
      assert.deepEqual(await listStudies(storage.db, { from: '2021-01-01', to: '2021-12-31' }), []);
    });

    it('refuses a header with unknown or missing columns, naming them, before reading any row', async () => {
      await assert.rejects(
        importStudies(storage, { file: csv('firm,study,period,sample,promoters,detractors', 'A,B,2025,100,50%,50%'), fileName: 'panel.csv' }),
        (error: any) =>
          error.code === 'invalid-header' &&
          error.message.startsWith('panel.csv, line 1 (header): unknown column "sample"') &&
          /missing columns "n", "passives"/.test(error.message),
      );
      await assert.rejects(
        importStudies(storage, { file: csv('firm,study,period,n,score_0,score_10', 'A,B,2025,100,50,50') }),
        (error: any) => error.code === 'invalid-header' && /missing columns "score_1", "score_2", .*"score_9"/.test(error.message),
      );
      assert.equal(existsSync(join(dir, 'panel.rejects.csv')), false);
    });

    it('imports the example file of the documentation', async () => {
      const report = await importStudies(storage, { file: SAMPLE });
      assert.deepEqual(report.errors, []);
      assert.deepEqual([report.status, report.imported], ['imported', 28]);
      const studies = await listStudies(storage.db, { from: '2026-01-01', to: '2026-03-31', segment: 'business' });
      assert.deepEqual(studies.map((s) => s.firm), ['Institut Alzette', 'Moselle Research']);
      assert.ok(studies.every((s) => s.ci95.low < s.nps && s.nps < s.ci95.high));
    });

    it('refuses a range that is not one, naming the parameter', async () => {
      await assert.rejects(listStudies(storage.db, { from: '2025-02-30' }), (error: any) => error.status === 400 && error.fields[0].field === 'from');
      await assert.rejects(listStudies(storage.db, { from: '2025-12-31', to: '2025-01-01' }), /from \(2025-12-31\) must not be after to \(2025-01-01\)/);
    });
  });
}
