import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalCdf, normalQuantile, Z_95 } from './normal.js';
import { controlLimits, twoProportionTest, wilsonInterval } from './proportions.js';

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The rate π at which the score statistic (p − π) / √(π(1 − π)/n) equals ±z, found by bisection. */
function scoreBound(successes: number, n: number, z: number, side: 'low' | 'high'): number {
  const p = successes / n;
  let [lo, hi] = side === 'low' ? [0, p] : [p, 1];
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const outside = Math.abs(p - mid) / Math.sqrt((mid * (1 - mid)) / n) > z;
    // Low side: π outside the interval is below the bound; high side: above it.
    if ((side === 'low') === outside) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('the normal distribution', () => {
  it('has its usual critical values', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - Z_95) < 1e-8);
    assert.equal(normalQuantile(0.5), 0);
    assert.equal(round(normalQuantile(0.995), 4), 2.5758);
    assert.equal(round(normalQuantile(0.05), 4), -1.6449);
    assert.equal(round(normalQuantile(0.001), 4), -3.0902);
    for (const p of [0.001, 0.02, 0.3, 0.7, 0.99]) assert.ok(Math.abs(normalCdf(normalQuantile(p)) - p) < 2e-7, String(p));
    assert.throws(() => normalQuantile(1), RangeError);
  });
});

describe('Wilson interval', () => {
  it('worked example: 81 of 263 (Newcombe 1998, single proportion)', () => {
    // p = 81/263 = 0.307985; z² = 3.841459; z²/n = 0.014606, so the denominator is 1.014606.
    // centre = (0.307985 + 0.007303) / 1.014606 = 0.310744.
    // p(1 − p)/n = 0.307985 × 0.692015 / 263 = 0.00081039; z²/4n² = 3.841459 / 276676 = 0.00001388.
    // half-width = 1.959964 × √0.00082427 / 1.014606 = 1.959964 × 0.028710 / 1.014606 = 0.055461.
    // 0.310744 ∓ 0.055461 = 0.2553 to 0.3662, as Newcombe reports.
    const interval = wilsonInterval(81, 263)!;
    assert.equal(round(interval.rate, 6), 0.307985);
    assert.deepEqual([round(interval.low), round(interval.high)], [0.2553, 0.3662]);
  });

  it('stays within [0, 1] at 0 and n successes, and has none without trials', () => {
    // 0 of 10: the high bound is z²/(n + z²) = 3.841459 / 13.841459 = 0.2775 (Newcombe 1998: 0 to 0.2775).
    assert.deepEqual(wilsonInterval(0, 10), { rate: 0, low: 0, high: wilsonInterval(0, 10)!.high });
    assert.equal(round(wilsonInterval(0, 10)!.high), 0.2775);
    assert.equal(wilsonInterval(10, 10)!.high, 1);
    assert.equal(round(wilsonInterval(10, 10)!.low), 0.7225);
    assert.equal(wilsonInterval(0, 0), null);
    assert.throws(() => wilsonInterval(3, 2), RangeError);
    assert.throws(() => wilsonInterval(1.5, 2), RangeError);
  });

  it('agrees with the score test inverted by bisection', () => {
    for (const [successes, n] of [[1, 7], [81, 263], [15, 148], [0, 29], [140, 141], [500, 1000], [3, 20_000], [12, 12]] as [number, number][]) {
      for (const z of [Z_95, 1.645, 2.576]) {
        const interval = wilsonInterval(successes, n, z)!;
        const low = successes === 0 ? 0 : scoreBound(successes, n, z, 'low');
        const high = successes === n ? 1 : scoreBound(successes, n, z, 'high');
        assert.ok(Math.abs(interval.low - low) < 1e-9, `${successes}/${n} low`);
        assert.ok(Math.abs(interval.high - high) < 1e-9, `${successes}/${n} high`);
      }
    }
  });
});

describe('difference of two proportions', () => {
  it('matches the hybrid score intervals of Newcombe 1998 (difference of proportions, method 10, examples a-h)', () => {
    // Example (a), by hand: 56/70 = 0.8, Wilson 0.6918 to 0.8770; 48/80 = 0.6, Wilson 0.4905 to 0.7004.
    // L = 0.2 − √((0.8 − 0.6918)² + (0.7004 − 0.6)²) = 0.2 − √(0.011700 + 0.010076) = 0.2 − 0.1476 = 0.0524;
    // U = 0.2 + √((0.8770 − 0.8)² + (0.6 − 0.4905)²) = 0.2 + √(0.005922 + 0.012000) = 0.2 + 0.1339 = 0.3339.
    const examples: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.809],
      [6, 7, 2, 7, 0.0582, 0.8062],
      [5, 56, 0, 29, -0.0381, 0.1926],
      [0, 10, 0, 20, -0.1611, 0.2775],
      [0, 10, 0, 10, -0.2775, 0.2775],
      [10, 10, 0, 20, 0.6791, 1],
      [10, 10, 0, 10, 0.6075, 1],
    ];
    for (const [a, m, b, n, low, high] of examples) {
      const result = twoProportionTest({ successes: a, n: m }, { successes: b, n })!;
      assert.equal(round(result.difference, 10), round(a / m - b / n, 10));
      assert.deepEqual([round(result.low), round(result.high)], [low, high], `${a}/${m} − ${b}/${n}`);
    }
  });

  it('tests with the pooled z, the square root of the 2×2 chi-square', () => {
    // 56/70 vs 48/80: pooled 104/150 = 0.693333; SE = √(0.693333 × 0.306667 × (1/70 + 1/80)) = 0.075467; z = 0.2 / 0.075467 = 2.6502.
    const result = twoProportionTest({ successes: 56, n: 70 }, { successes: 48, n: 80 })!;
    assert.equal(round(result.z), 2.6502);
    assert.equal(round(result.pValue, 3), 0.008);
    assert.equal(result.significant, true);
    // The 2×2 table [[56, 14], [48, 32]]: chi² = N (ad − bc)² / (row and column totals).
    for (const [a, m, b, n] of [[56, 70, 48, 80], [5, 56, 0, 29], [30, 100, 41, 120], [1, 3, 200, 400]] as const) {
      const [c, d] = [m - a, n - b];
      const chi2 = ((m + n) * (a * d - c * b) ** 2) / (m * n * (a + b) * (c + d));
      const z = twoProportionTest({ successes: a, n: m }, { successes: b, n })!.z;
      assert.ok(Math.abs(z * z - chi2) < 1e-9, `${a}/${m} vs ${b}/${n}`);
      assert.equal(Math.sign(z), Math.sign(a / m - b / n));
    }
  });

  it('calls nothing significant without evidence, and nothing at all without trials', () => {
    const same = twoProportionTest({ successes: 20, n: 100 }, { successes: 40, n: 200 })!;
    assert.deepEqual([same.difference, same.z, same.significant], [0, 0, false]);
    assert.equal(round(same.pValue, 6), 1);
    const none = twoProportionTest({ successes: 0, n: 10 }, { successes: 0, n: 20 })!;
    assert.deepEqual([none.z, round(none.pValue, 6), none.significant], [0, 1, false]);
    // 5/56 vs 0/29: z = 1.6586, p = 0.097: not significant at 5%, significant at 10%.
    assert.equal(twoProportionTest({ successes: 5, n: 56 }, { successes: 0, n: 29 })!.significant, false);
    assert.equal(twoProportionTest({ successes: 5, n: 56 }, { successes: 0, n: 29 }, 0.1)!.significant, true);
    assert.equal(twoProportionTest({ successes: 0, n: 0 }, { successes: 1, n: 2 }), null);
    assert.equal(twoProportionTest({ successes: 1, n: 2 }, { successes: 0, n: 0 }), null);
  });

  it('widens the interval with the confidence level', () => {
    const at95 = twoProportionTest({ successes: 56, n: 70 }, { successes: 48, n: 80 })!;
    const at99 = twoProportionTest({ successes: 56, n: 70 }, { successes: 48, n: 80 }, 0.01)!;
    assert.ok(at99.low < at95.low && at99.high > at95.high);
  });
});

describe('p-chart control limits', () => {
  it('worked example: 347 nonconforming in 30 samples of 50 (Montgomery, orange-juice cans)', () => {
    // p̄ = 347/1500 = 0.231333; σ = √(0.231333 × 0.768667 / 50) = √0.00355636 = 0.059635; 3σ = 0.178905:
    // limits 0.0524 and 0.4102, as Montgomery reports.
    const limits = controlLimits(347 / 1500, 50)!;
    assert.deepEqual([round(limits.centre), round(limits.lower), round(limits.upper)], [0.2313, 0.0524, 0.4102]);
  });

  it('clips to [0, 1] and has none for a period without trials', () => {
    // σ = √(0.02 × 0.98 / 30) = 0.025560: 0.02 − 3σ < 0.
    assert.equal(controlLimits(0.02, 30)!.lower, 0);
    assert.equal(controlLimits(0.99, 10)!.upper, 1);
    assert.equal(round(controlLimits(0.5, 100, 2)!.upper), 0.6, '2σ: 0.5 + 2 × 0.05');
    assert.equal(controlLimits(0.3, 0), null);
    assert.throws(() => controlLimits(1.2, 10), RangeError);
  });

  it('agrees with the binomial variance recomputed from its outcomes', () => {
    // n trials at rate p: the sample rate has variance Σ over k of P(k) (k/n − p)².
    const [p, n] = [0.15, 40];
    let variance = 0;
    let probability = (1 - p) ** n;
    for (let k = 0; k <= n; k++) {
      variance += probability * (k / n - p) ** 2;
      probability *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
    const limits = controlLimits(p, n)!;
    assert.ok(Math.abs(limits.upper - (p + 3 * Math.sqrt(variance))) < 1e-12);
  });
});
