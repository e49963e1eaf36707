import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { alphaReading, deviations, intraclassCorrelations, krippendorffAlpha, spreadOf } from './agreement.js';

const _ = null;
/** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers × 12 units, values 1–5, with missing values. */
const KRIPPENDORFF = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
/** Shrout & Fleiss (1979), table 2: 4 judges × 6 targets. */
const SHROUT_FLEISS = [
  [9, 6, 8, 7, 10, 6],
  [2, 1, 4, 1, 5, 2],
  [5, 3, 6, 2, 6, 4],
  [8, 2, 8, 6, 9, 7],
];
const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

describe('agreement between evaluators (worked examples of docs/quality.md)', () => {
  it("gives Krippendorff's published alphas for his reliability data", () => {
    assert.deepEqual(
      (['nominal', 'ordinal', 'interval', 'ratio'] as const).map((m) => round3(krippendorffAlpha(KRIPPENDORFF, m))),
      [0.743, 0.815, 0.849, 0.797],
    );
  });

  it('gives Shrout and Fleiss’s published ICC(1,1), ICC(2,1) and ICC(3,1)', () => {
    const icc = intraclassCorrelations(SHROUT_FLEISS)!;
    assert.deepEqual([icc.icc11, icc.icc21, icc.icc31].map((x) => Math.round(x * 100) / 100), [0.17, 0.29, 0.71]);
  });

  it('is 1 when everyone agrees on varied values, and undefined without variation or pairs', () => {
    assert.equal(krippendorffAlpha([[1, 2, 3], [1, 2, 3]], 'interval'), 1);
    assert.equal(krippendorffAlpha([[4, 4], [4, 4]], 'interval'), null);
    assert.equal(krippendorffAlpha([[1, _], [_, 2]], 'interval'), null);
  });

  it('agrees with a computation from the pairs themselves (no coincidence matrix) on any data', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 10 }), { nil: null, freq: 4 });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 8 }), fc.array(cell, { minLength: 40, maxLength: 40 }), (coders, units, cells) => {
        const data = Array.from({ length: coders }, (_, c) => Array.from({ length: units }, (_, u) => cells[(c * units + u) % cells.length]!));
        for (const metric of ['nominal', 'interval'] as const) {
          const d = metric === 'nominal' ? (a: number, b: number) => (a === b ? 0 : 1) : (a: number, b: number) => (a - b) ** 2;
          const pairable = Array.from({ length: units }, (_, u) => data.map((r) => r[u]).filter((v): v is number => v !== null)).filter((vs) => vs.length >= 2);
          const all = pairable.flat();
          const n = all.length;
          let within = 0;
          for (const vs of pairable) for (let i = 0; i < vs.length; i++) for (let j = 0; j < vs.length; j++) if (i !== j) within += d(vs[i]!, vs[j]!) / (vs.length - 1);
          let between = 0;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) between += d(all[i]!, all[j]!);
          const expected = n < 2 || between === 0 ? null : 1 - within / n / (between / (n * (n - 1)));
          const got = krippendorffAlpha(data, metric);
          if (expected === null) assert.equal(got, null);
          else assert.ok(Math.abs(got! - expected) < 1e-9, `${metric}: ${got} vs ${expected}`);
        }
      }),
    );
  });

  it('measures each evaluator against the median and flags the one far from it', () => {
    // three evaluators close together, one severe by about 20 points
    const scores = [
      [80, 90, 70, 85],
      [82, 88, 72, 80],
      [78, 92, 68, 86],
      [60, 65, 50, 62],
    ];
    const d = deviations(scores);
    // medians per contact: 79, 89, 69, 82.5
    assert.deepEqual(d.map((x) => x.flagged), [false, false, false, true]);
    assert.equal(d[3]!.meanAbsoluteDeviation, (19 + 24 + 19 + 20.5) / 4);
    assert.equal(d[3]!.bias, -(19 + 24 + 19 + 20.5) / 4);
    assert.deepEqual(spreadOf([80, 82, 78, 60]), { n: 4, min: 60, max: 82, range: 22, sd: Math.sqrt(((75 - 80) ** 2 + (75 - 82) ** 2 + (75 - 78) ** 2 + (75 - 60) ** 2) / 3), median: 79 });
    assert.deepEqual([0.85, 0.7, 0.5, null].map(alphaReading), ['reliable', 'tentative', 'unreliable', 'undefined']);
  });
});
