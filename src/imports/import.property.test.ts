import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngines } from '../../test/engines.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { importCustomers } from './customer-import.js';

/**
 * Any file, however malformed: the import either refuses the whole file with a clear error, or reports
 * each bad row with its line and column; and the database holds all of the file's valid rows or none
 * of them, never part (fast-check generates the files).
 */

const COLUMNS = ['customer_number', 'given_name', 'family_name', 'phones', 'lines', 'consent_surveys'];

const dir = mkdtempSync(join(tmpdir(), 'ecoute-import-prop-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

let unique = 0;
/** A cell: a sensible value for its column, or anything at all (quotes, delimiters, line breaks, any code unit). */
const cell = (column: string) =>
  fc.oneof(
    { weight: 30, arbitrary: sensible(column) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '"', '""', ',', ';', '\n', '\r\n', '"a""b', ' ', '\uFEFF', '\u0000') },
  );
function sensible(column: string): fc.Arbitrary<string> {
  switch (column) {
    case 'customer_number':
      return fc.constantFrom('', '', '', '', '', 'C00000001', 'X-1', 'bad number!');
    case 'phones':
      return fc.constantFrom('', '', '+352 26 12 34 56', '+352 26 12 34 56', '62x', '12');
    case 'lines':
      // Mostly numbers never used before (a fresh one each time), sometimes the same one twice.
      return fc.constantFrom('fresh', 'fresh', 'fresh', 'fresh', 'fresh', '+352 691 000 001:Love Duo', '691 000 002', '').map((v) => (v === 'fresh' ? `+352 691 ${String(100_000 + ++unique).slice(-6)}:Love Duo` : v));
    case 'consent_surveys':
      return fc.constantFrom('', 'yes', 'no', '', 'yes', 'maybe');
    default:
      return fc.constantFrom('Anna', 'Léa', 'Muller', 'Weber', '');
  }
}
/** A record written as a spreadsheet would (quoted when needed), or raw, which may break the file's structure. */
const record = fc
  .tuple(
    fc.tuple(...COLUMNS.map(cell)),
    fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    fc.oneof({ weight: 20, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }),
  )
  .map(([cells, quoted, extra]) => {
    const values = extra < 0 ? cells.slice(0, cells.length + extra) : [...cells, ...Array(extra).fill('x')];
    return values.map((v) => (quoted && /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
  });
const file = fc.record({ records: fc.array(record, { minLength: 1, maxLength: 8 }), skipInvalid: fc.boolean(), crlf: fc.boolean() });

for (const engine of await testEngines()) {
  describe(`customer import of generated files on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());
    const counts = async () => {
      const out = { parties: 0, accounts: 0, lines: 0, contact_points: 0, import_staged_rows: 0 };
      for (const table of ['parties', 'accounts', 'lines', 'contact_points', 'import_staged_rows'] as const) {
        out[table] = Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      }
      return out;
    };

    it('imports all of a file or none of it, and names every error', async () => {
      await fc.assert(
        fc.asyncProperty(file, async ({ records, skipInvalid, crlf }) => {
          const path = join(dir, `generated-${++files}.csv`);
          writeFileSync(path, [COLUMNS.join(','), ...records].join(crlf ? '\r\n' : '\n'));
          const before = await counts();
          let report;
          try {
            report = await importCustomers(storage, { file: path, skipInvalid, batchSize: 4 });
          } catch (error) {
            // The file as a whole is refused, with what is wrong and where; nothing was written.
            assert.ok(error instanceof DomainError, `not a DomainError: ${(error as Error).stack}`);
            assert.match(error.code, /^invalid-(file|header|input)$/);
            assert.match(error.message, /line \d+|no such file/);
            assert.deepEqual(await counts(), before);
            return;
          }
          const after = await counts();
          assert.equal(after.import_staged_rows, 0, 'no staged row stays behind');
          for (const error of report.errors) {
            assert.ok(error.line >= 2, `line ${error.line}`);
            assert.ok(error.field === undefined || COLUMNS.includes(error.field), `field ${error.field}`);
            assert.ok(error.reason.trim().length > 0);
          }
          assert.ok(report.errorCount >= report.rejected);
          assert.equal(report.valid + report.rejected + report.duplicates, report.rows);
          // All or nothing: a customer per imported row, and none at all from a rejected file.
          assert.equal(after.parties - before.parties, report.imported);
          assert.equal(after.accounts - before.accounts, report.imported);
          if (!skipInvalid && report.rejected > 0) {
            assert.equal(report.status, 'rejected');
            assert.deepEqual(after, before);
          }
          if (report.status === 'imported') assert.equal(report.imported, report.valid);
        }),
        { numRuns: engine.name === 'sqlite' ? 150 : 40 },
      );
    });
  });
}
