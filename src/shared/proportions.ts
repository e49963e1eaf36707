import { normalCdf, normalQuantile, Z_95 } from './normal.js';

/**
 * Rates and how sure they are: the sibling of the NPS statistics (src/nps/statistics.ts) for
 * proportions: share of detractors called back, of complaints answered on time, rescue rate.
 * Pure functions over counts; each method is named and cited, and the tests check the worked
 * examples of the literature.
 */

/** Successes out of n trials. */
export interface ProportionCounts {
  successes: number;
  n: number;
}

export interface RateInterval {
  /** successes / n */
  rate: number;
  /** bounds of the Wilson score interval, within [0, 1] */
  low: number;
  high: number;
}

export interface ProportionDifference {
  /** rate of a − rate of b */
  difference: number;
  /** Newcombe's hybrid score interval of the difference, within [−1, 1] */
  low: number;
  high: number;
  /** pooled two-proportion z statistic */
  z: number;
  /** two-sided p-value of z */
  pValue: number;
  /** p < alpha */
  significant: boolean;
}

export interface ControlLimits {
  /** the centre line: the long-run rate p̄ (or ū, a rate per unit of exposure, on a u-chart) */
  centre: number;
  /** p̄ − k·σ, not below 0 */
  lower: number;
  /** p̄ + k·σ, not above 1 for a proportion */
  upper: number;
}

function checkCounts({ successes, n }: ProportionCounts): void {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(`a proportion needs whole counts 0 ≤ successes ≤ n, not ${successes} of ${n}`);
  }
}

/**
 * The Wilson score interval (Wilson 1927; Newcombe 1998, "Two-sided confidence intervals for the
 * single proportion", method 3): the rates π whose score test |p − π| / √(π(1 − π)/n) does not
 * exceed z,
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z·√(p(1 − p)/n + z²/4n²) / (1 + z²/n).
 * Unlike the Wald interval it stays inside [0, 1] and does not collapse at 0 or n successes.
 * Null without trials.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): RateInterval | null {
  checkCounts({ successes, n });
  if (n === 0) return null;
  const rate = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 or n successes a bound is exactly 0 or 1; rounding must not push it past.
  return { rate, low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/**
 * Is the rate of a different from that of b (two independent samples)? The difference with
 * Newcombe's hybrid score interval at level 1 − alpha (Newcombe 1998, "Interval estimation for the
 * difference between independent proportions", method 10): from the Wilson intervals of each rate,
 *   L = d − √((p₁ − l₁)² + (u₂ − p₂)²),  U = d + √((u₁ − p₁)² + (p₂ − l₂)²);
 * and the pooled z test, z = d / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), the square root of the 2×2 chi-square
 * without continuity correction. Null when either sample is empty.
 */
export function twoProportionTest(a: ProportionCounts, b: ProportionCounts, alpha = 0.05): ProportionDifference | null {
  checkCounts(a);
  checkCounts(b);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be between 0 and 1, not ${alpha}`);
  if (a.n === 0 || b.n === 0) return null;
  const zCritical = normalQuantile(1 - alpha / 2);
  const one = wilsonInterval(a.successes, a.n, zCritical)!;
  const two = wilsonInterval(b.successes, b.n, zCritical)!;
  const difference = one.rate - two.rate;
  const low = difference - Math.hypot(one.rate - one.low, two.high - two.rate);
  const high = difference + Math.hypot(one.high - one.rate, two.rate - two.low);
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  // Both samples all successes or all failures: no evidence of a difference.
  const z = standardError === 0 ? 0 : difference / standardError;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { difference, low: Math.max(-1, low), high: Math.min(1, high), z, pValue, significant: pValue < alpha };
}

/**
 * Limits of a p-chart (Shewhart; Montgomery, Introduction to Statistical Quality Control, control
 * charts for attributes): a period with n trials is out of control when its rate falls outside
 * p̄ ± k·√(p̄(1 − p̄)/n), k = 3 by default. Limits are clipped to [0, 1]. Null for a period without
 * trials. The whole chart, with its rules: src/shared/control-chart.ts.
 */
export function controlLimits(centre: number, n: number, sigmas = 3): ControlLimits | null {
  if (!(centre >= 0 && centre <= 1)) throw new RangeError(`a rate lies in [0, 1], not ${centre}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`trials must be a whole number ≥ 0, not ${n}`);
  if (n === 0) return null;
  return limitsAround(centre, proportionSigma(centre, n), sigmas, 1);
}

/** The standard deviation of the rate of n > 0 trials around a long-run rate p̄: √(p̄(1 − p̄)/n). */
export function proportionSigma(centre: number, n: number): number {
  return Math.sqrt((centre * (1 - centre)) / n);
}

/** centre ± k·σ, the lower limit not below 0 and the upper not above `ceiling` (1 for a proportion). */
export function limitsAround(centre: number, sigma: number, k: number, ceiling = Number.POSITIVE_INFINITY): ControlLimits {
  const spread = k * sigma;
  return { centre, lower: Math.max(0, centre - spread), upper: Math.min(ceiling, centre + spread) };
}
