/**
 * NPS and how sure it is. Every figure here works on counts of one basis (one scale, one pair of
 * thresholds); callers never add counts across bases. See docs/nps.md for the rule and the
 * worked examples the tests check.
 */

import { normalCdf, Z_95 } from '../shared/normal.js';

export { normalCdf, Z_95 };

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsEstimate {
  /** answered responses (promoters + passives + detractors) */
  n: number;
  /** 100 × (promoters − detractors) / n, the figure shown; null without responses */
  nps: number | null;
  /** standard error of the raw NPS, in points */
  standardError: number | null;
  /** 95% adjusted-Wald interval (n + 3, promoters + ¾, detractors + ¾), in points */
  ciLow: number | null;
  ciHigh: number | null;
  /** centre of the adjusted-Wald interval, in points */
  adjustedNps: number | null;
  /** n at or above the reliability threshold: only reliable figures are ranked or compared */
  reliable: boolean;
}

export interface NpsDifference {
  /** a − b in NPS points (raw figures) */
  difference: number;
  /** standard error of the difference, from the adjusted-Wald variances */
  standardError: number;
  z: number;
  /** two-sided p-value */
  pValue: number;
  /** p < alpha, and both figures reliable */
  significant: boolean;
}

/** The threshold under which a figure is marked unreliable (ECOUTE_NPS_MIN_RESPONSES overrides). */
export const DEFAULT_MIN_RESPONSES = 30;

/** The category of a score on a basis: promoter from promoterMin up, detractor up to detractorMax, passive between. */
export function categoryOf(score: number, basis: { promoterMin: number; detractorMax: number }): 'promoter' | 'passive' | 'detractor' {
  if (score >= basis.promoterMin) return 'promoter';
  if (score <= basis.detractorMax) return 'detractor';
  return 'passive';
}

/** Answered responses: promoters + passives + detractors. */
export function responsesOf(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/** NPS = % promoters − % detractors, in points from −100 to 100; null without responses. */
export function npsOf(counts: NpsCounts): number | null {
  const n = responsesOf(counts);
  return n === 0 ? null : (100 * (counts.promoters - counts.detractors)) / n;
}

/** Share of promoters and detractors, and the per-response variance of the NPS score (+1/0/−1). */
function moments(promoters: number, detractors: number, n: number) {
  const p = promoters / n;
  const d = detractors / n;
  return { p, d, variance: p + d - (p - d) ** 2 };
}

/** The plain Wald interval: what most tools show; kept for comparison and for the worked examples. */
export function waldInterval(counts: NpsCounts, z = Z_95): { standardError: number; low: number; high: number } | null {
  const n = responsesOf(counts);
  if (n === 0) return null;
  const { p, d, variance } = moments(counts.promoters, counts.detractors, n);
  const standardError = 100 * Math.sqrt(variance / n);
  const centre = 100 * (p - d);
  return { standardError, low: centre - z * standardError, high: centre + z * standardError };
}

/**
 * The adjusted-Wald interval: add 3 responses, ¾ of them promoters and ¾ detractors, and take the
 * Wald interval of that. It keeps its coverage near 95% for small n and extreme scores, where the
 * plain interval is too narrow (and collapses to a point at NPS ±100).
 */
export function adjustedWald(counts: NpsCounts, z = Z_95): { centre: number; standardError: number; low: number; high: number } {
  const n = responsesOf(counts) + 3;
  const { p, d, variance } = moments(counts.promoters + 0.75, counts.detractors + 0.75, n);
  const standardError = 100 * Math.sqrt(variance / n);
  const centre = 100 * (p - d);
  return { centre, standardError, low: Math.max(-100, centre - z * standardError), high: Math.min(100, centre + z * standardError) };
}

export function estimate(counts: NpsCounts, minResponses = DEFAULT_MIN_RESPONSES): NpsEstimate {
  const n = responsesOf(counts);
  if (n === 0) return { n, nps: null, standardError: null, ciLow: null, ciHigh: null, adjustedNps: null, reliable: false };
  const adjusted = adjustedWald(counts);
  return {
    n,
    nps: npsOf(counts),
    standardError: waldInterval(counts)!.standardError,
    ciLow: adjusted.low,
    ciHigh: adjusted.high,
    adjustedNps: adjusted.centre,
    reliable: n >= minResponses,
  };
}

/**
 * Is the NPS of a different from that of b? Two independent samples (two periods, or two groups):
 * z = (NPS_a − NPS_b) / √(SE_a² + SE_b²), with the adjusted-Wald standard errors. A difference is
 * only called significant when both figures are reliable.
 */
export function compare(a: NpsCounts, b: NpsCounts, options: { alpha?: number; minResponses?: number } = {}): NpsDifference | null {
  const na = responsesOf(a);
  const nb = responsesOf(b);
  if (na === 0 || nb === 0) return null;
  const alpha = options.alpha ?? 0.05;
  const minResponses = options.minResponses ?? DEFAULT_MIN_RESPONSES;
  const difference = npsOf(a)! - npsOf(b)!;
  const standardError = Math.hypot(adjustedWald(a).standardError, adjustedWald(b).standardError);
  const z = difference / standardError;
  const pValue = 2 * (1 - normalCdf(Math.abs(z)));
  return { difference, standardError, z, pValue, significant: pValue < alpha && na >= minResponses && nb >= minResponses };
}
