import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { meanInterval, studentTCdf, studentTQuantile } from './student-t.js';

describe("Student's t", () => {
  it('gives the two-sided 95% critical values of the printed tables', () => {
    // NIST/SEMATECH e-Handbook, table 1.3.6.7.2, upper 0.025 column
    const table: [number, number][] = [[1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [10, 2.228], [20, 2.086], [30, 2.042], [100, 1.984]];
    for (const [df, t] of table) assert.ok(Math.abs(studentTQuantile(0.975, df) - t) < 0.0006, `df ${df}: ${studentTQuantile(0.975, df)} vs ${t}`);
  });

  it('matches the closed forms for one and two degrees of freedom', () => {
    for (const p of [0.6, 0.8, 0.9, 0.95, 0.99, 0.999]) {
      assert.ok(Math.abs(studentTQuantile(p, 1) - Math.tan(Math.PI * (p - 0.5))) < 1e-7 * Math.max(1, Math.tan(Math.PI * (p - 0.5))));
      const two = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      assert.ok(Math.abs(studentTQuantile(p, 2) - two) < 1e-8, `p ${p}`);
    }
  });

  it('is the inverse of its CDF and symmetric', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 500 }), (p, df) => {
        const t = studentTQuantile(p, df);
        assert.ok(Math.abs(studentTCdf(t, df) - p) < 1e-9);
        assert.ok(Math.abs(studentTQuantile(1 - p, df) + t) < 1e-7 * Math.max(1, Math.abs(t)));
      }),
    );
  });

  it('refuses what is not a probability or a degree of freedom', () => {
    assert.throws(() => studentTQuantile(1, 3), RangeError);
    assert.throws(() => studentTQuantile(0.5, 0), RangeError);
  });

  it('gives the interval of a mean: scores 70, 80, 90, 100 → 85 ± 3.182 × 6.455', () => {
    // mean 85, sd √(500/3) = 12.910, standard error 6.455, t(0.975, 3) = 3.1824
    const ci = meanInterval(4, 85, Math.sqrt(500 / 3))!;
    assert.ok(Math.abs(ci.low - 64.457) < 0.01 && Math.abs(ci.high - 105.543) < 0.01, JSON.stringify(ci));
    assert.equal(meanInterval(1, 85, null), null);
  });
});
