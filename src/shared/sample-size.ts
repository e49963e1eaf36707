import { Z_95 } from './normal.js';

/**
 * How precise a proportion measured on a sample is, and how large the sample must be for a given
 * precision: the normal approximation of a simple random sample (Cochran, "Sampling Techniques",
 * 3rd ed., 1977, §4.4). The quality coach's sample (src/quality/sample-draw.ts) uses it for the
 * team's quality score: the share of points obtained, a proportion p, pooled over the team's
 * advisors. Worked examples in docs/quality.md, "Sampling"; the tests check them.
 *
 *   margin   e = z·√(p(1 − p)/n)                          (× √((N − n)/(N − 1)) with a population N)
 *   size    n₀ = z²·p(1 − p)/e²,  rounded up               (n = n₀ / (1 + (n₀ − 1)/N) with a population N)
 *
 * p = 0.5 is the cautious default (the largest p(1 − p)). The finite-population correction is
 * optional: give N (the period's eligible contacts) when the sample is a sizeable share of them.
 */

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a proportion is within [0, 1], not ${p}`);
}

function checkZ(z: number): void {
  if (!(z > 0 && Number.isFinite(z))) throw new RangeError(`a critical value is positive, not ${z}`);
}

function checkPopulation(population: number | undefined): void {
  if (population !== undefined && !(Number.isInteger(population) && population >= 1)) {
    throw new RangeError(`a population is a whole number ≥ 1, not ${population}`);
  }
}

/**
 * The half-width of the confidence interval (as a proportion: 0.05 = ±5 points) of a proportion p
 * measured on n items, at critical value z (1.96 for 95%); with `population`, corrected for sampling
 * without replacement from it (0 when the sample is the whole population). Null without items.
 */
export function marginOfError(n: number, p = 0.5, z = Z_95, population?: number): number | null {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`a sample size is a whole number ≥ 0, not ${n}`);
  checkP(p);
  checkZ(z);
  checkPopulation(population);
  if (n === 0) return null;
  const margin = z * Math.sqrt((p * (1 - p)) / n);
  if (population === undefined) return margin;
  if (n >= population) return 0;
  return margin * Math.sqrt((population - n) / (population - 1));
}

/**
 * The smallest n whose margin of error at critical value z does not exceed `margin` (0 < margin ≤ 1)
 * for a proportion p; with `population`, the corrected size, never above the population.
 */
export function sampleSizeFor(margin: number, p = 0.5, z = Z_95, population?: number): number {
  if (!(margin > 0 && margin <= 1)) throw new RangeError(`a margin is within (0, 1], not ${margin}`);
  checkP(p);
  checkZ(z);
  checkPopulation(population);
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  // Rounding guards against 384.00000000001 becoming 385.
  const ceil = (x: number) => Math.max(1, Math.ceil(x - 1e-9));
  if (population === undefined) return ceil(n0);
  return Math.min(population, ceil(n0 / (1 + (n0 - 1) / population)));
}
