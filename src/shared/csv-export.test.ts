import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { neutraliseCsvCell, toCsv } from './csv-export.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

describe('CSV exports are safe to open in a spreadsheet (OWASP CSV injection)', () => {
  it('neutralises a cell starting with = + - @, a tab or a carriage return', () => {
    for (const cell of ['=HYPERLINK("http://evil.example","clic")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1']) {
      assert.equal(neutraliseCsvCell(cell), `'${cell}`, JSON.stringify(cell));
    }
  });

  it('leaves ordinary text and plain numbers as they are', () => {
    for (const cell of ['Weber', 'Hotline Mobile', '', '-12.5', '+352621123456', '42', '1e-3', 'a=b', ' =x']) {
      assert.equal(neutraliseCsvCell(cell), cell, JSON.stringify(cell));
    }
  });

  it('writes every text cell of a document neutralised, numbers and booleans as they are', () => {
    const csv = toCsv([{ team: '=HYPERLINK("http://evil.example")', nps: -12.5, reliable: true, change: '-3.0' }], ['team', 'nps', 'reliable', 'change']);
    assert.deepEqual(parse(csv, { columns: true }), [{ team: '\'=HYPERLINK("http://evil.example")', nps: '-12.5', reliable: 'true', change: '-3.0' }]);
  });

  it('is the only writer of CSV exports in src/ (the import reject files, written for re-import, aside)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const writers = files(SRC)
      .filter((f) => !/\.test\.ts$|\.testkit\.ts$/.test(f) && /from 'csv-stringify/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f))
      .sort();
    assert.deepEqual(writers, ['imports/csv-rows.ts', 'shared/csv-export.ts']);
  });
});
