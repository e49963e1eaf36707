/**
 * Quantiles of durations (time to first contact, to acknowledge, to answer) by the nearest-rank
 * method (Hyndman & Fan 1996, definition 1): the q-quantile of n values is the value of rank
 * ⌈q·n⌉ in ascending order, so a median or a p90 is always a time that was observed, never an
 * average of two. Null without values.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (!(q > 0 && q <= 1)) throw new RangeError(`a quantile lies in (0, 1], not ${q}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1]!;
}

/** The median and the 90th percentile (nearest rank), with how many values they are of. */
export function medianAndP90(values: readonly number[]): { n: number; median: number | null; p90: number | null } {
  return { n: values.length, median: quantile(values, 0.5), p90: quantile(values, 0.9) };
}
