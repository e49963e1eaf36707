import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Z_95 } from './normal.js';
import { marginOfError, sampleSizeFor } from './sample-size.js';

/** The rows of the tables of docs/quality.md, "Sampling", whose first header cell is `header`. */
function docTable(header: string): string[][] {
  const doc = readFileSync(new URL('../../docs/quality.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Sampling'));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${header} |`));
  assert.ok(start >= 0, `docs/quality.md has a "${header}" table`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

const optionalN = (cell: string | undefined) => (cell === '–' || cell === undefined ? undefined : Number(cell));

describe('margin of error and sample size', () => {
  it('matches the worked margins of docs/quality.md', () => {
    const rows = docTable('n');
    assert.ok(rows.length >= 4);
    for (const [n, p, population, points] of rows) {
      const margin = marginOfError(Number(n), Number(p), Z_95, optionalN(population));
      assert.equal(Math.round((margin ?? NaN) * 10_000) / 100, Number(points), `n=${n} p=${p} N=${population}`);
    }
  });

  it('matches the worked sizes of docs/quality.md', () => {
    const rows = docTable('target margin (points)');
    assert.ok(rows.length >= 4);
    for (const [points, p, population, size] of rows) {
      assert.equal(sampleSizeFor(Number(points) / 100, Number(p), Z_95, optionalN(population)), Number(size), `±${points} p=${p} N=${population}`);
    }
  });

  it('sizes the smallest sample that reaches the target margin', () => {
    for (const target of [0.02, 0.05, 0.1, 0.15, 0.3]) {
      for (const p of [0.5, 0.7, 0.9]) {
        for (const population of [undefined, 50, 1000]) {
          const n = sampleSizeFor(target, p, Z_95, population);
          assert.ok((marginOfError(n, p, Z_95, population) ?? 1) <= target + 1e-12);
          if (n > 1) assert.ok((marginOfError(n - 1, p, Z_95, population) ?? 1) > target);
        }
      }
    }
  });

  it('is zero for a whole population, null for no items, and refuses nonsense', () => {
    assert.equal(marginOfError(20, 0.5, Z_95, 20), 0);
    assert.equal(marginOfError(0), null);
    assert.throws(() => marginOfError(-1), RangeError);
    assert.throws(() => marginOfError(4, 1.2), RangeError);
    assert.throws(() => sampleSizeFor(0), RangeError);
    assert.throws(() => sampleSizeFor(0.05, 0.5, Z_95, 0), RangeError);
  });
});
