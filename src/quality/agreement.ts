/**
 * Agreement between evaluators (docs/quality.md, "Calibration and agreement"). Pure: reads and writes
 * nothing. Ratings are a matrix of evaluators × units (a unit: one criterion of one contact, or one
 * contact's overall score), null where an evaluator gave no value.
 */
export type Ratings = readonly (readonly (number | null)[])[];
export type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), from the
 * coincidence matrix: every unit with at least two values adds, for each ordered pair of its values
 * from different evaluators, 1/(m − 1) (m its number of values); α = 1 − D_o / D_e, the observed
 * and expected disagreements under the metric's squared difference. Null when there is nothing to
 * compare (fewer than two pairable values, or no variation at all: D_e = 0).
 */
export function krippendorffAlpha(ratings: Ratings, metric: Metric = 'interval'): number | null {
  const units = ratings[0]?.length ?? 0;
  const coincidences = new Map<number, Map<number, number>>();
  const add = (c: number, k: number, w: number) => {
    const row = coincidences.get(c) ?? new Map<number, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincidences.set(c, row);
  };
  for (let u = 0; u < units; u++) {
    const values = ratings.map((r) => r[u]).filter((v): v is number => v !== null && v !== undefined);
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
  }
  const values = [...coincidences.keys()].sort((a, b) => a - b);
  const totals = new Map(values.map((c) => [c, [...coincidences.get(c)!.values()].reduce((s, x) => s + x, 0)]));
  const n = [...totals.values()].reduce((s, x) => s + x, 0);
  if (n < 2) return null;
  const delta = squaredDifference(metric, values, totals);
  let observed = 0;
  let expected = 0;
  for (const c of values) {
    for (const k of values) {
      observed += (coincidences.get(c)!.get(k) ?? 0) * delta(c, k);
      expected += totals.get(c)! * totals.get(k)! * delta(c, k);
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return expected === 0 ? null : 1 - observed / expected;
}

function squaredDifference(metric: Metric, values: readonly number[], totals: ReadonlyMap<number, number>): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (c - k) ** 2;
    case 'ratio':
      return (c, k) => (c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2);
    case 'ordinal': {
      const rank = new Map(values.map((v, i) => [v, i]));
      return (c, k) => {
        if (c === k) return 0;
        const [lo, hi] = rank.get(c)! < rank.get(k)! ? [rank.get(c)!, rank.get(k)!] : [rank.get(k)!, rank.get(c)!];
        let sum = 0;
        for (let g = lo; g <= hi; g++) sum += totals.get(values[g]!)!;
        return (sum - (totals.get(c)! + totals.get(k)!) / 2) ** 2;
      };
    }
  }
}

/** The intraclass correlations of Shrout & Fleiss (1979) for one rating by each judge, from complete data (targets with a missing value are left out). */
export interface Iccs {
  /** one-way random: each target rated by its own judges */
  icc11: number;
  /** two-way random, absolute agreement: the judges are a sample of all judges */
  icc21: number;
  /** two-way mixed, consistency: these judges only */
  icc31: number;
  targets: number;
  judges: number;
}

/** ICC(1,1), ICC(2,1) and ICC(3,1) from judges × targets ratings; null under two complete targets or two judges. */
export function intraclassCorrelations(ratings: Ratings): Iccs | null {
  const k = ratings.length;
  const targets = (ratings[0] ?? []).map((_, t) => ratings.map((r) => r[t])).filter((row): row is number[] => row.every((v) => v !== null && v !== undefined));
  const n = targets.length;
  if (n < 2 || k < 2) return null;
  const grand = targets.flat().reduce((s, x) => s + x, 0) / (n * k);
  const rowMeans = targets.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const colMeans = Array.from({ length: k }, (_, j) => targets.reduce((s, row) => s + row[j]!, 0) / n);
  const total = targets.flat().reduce((s, x) => s + (x - grand) ** 2, 0);
  const rows = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const cols = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
  const error = total - rows - cols;
  const msr = rows / (n - 1);
  const msc = cols / (k - 1);
  const mse = error / ((n - 1) * (k - 1));
  const msw = (total - rows) / (n * (k - 1));
  return {
    icc11: (msr - msw) / (msr + (k - 1) * msw),
    icc21: (msr - mse) / (msr + (k - 1) * mse + (k * (msc - mse)) / n),
    icc31: (msr - mse) / (msr + (k - 1) * mse),
    targets: n,
    judges: k,
  };
}

/** How far apart the evaluators are on one unit. */
export interface Spread {
  n: number;
  min: number | null;
  max: number | null;
  range: number | null;
  /** sample standard deviation (n − 1); null under two values */
  sd: number | null;
  median: number | null;
}

export function spreadOf(values: readonly (number | null)[]): Spread {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { n, min: null, max: null, range: null, sd: null, median: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return {
    n,
    min: xs[0]!,
    max: xs[n - 1]!,
    range: xs[n - 1]! - xs[0]!,
    sd: n < 2 ? null : Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)),
    median: median(xs),
  };
}

export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** An evaluator's distance from the reference scores. */
export interface EvaluatorDeviation {
  evaluator: number;
  /** units the evaluator and the reference both have */
  n: number;
  /** mean of |evaluator − reference| */
  meanAbsoluteDeviation: number | null;
  /** mean of evaluator − reference: positive is lenient, negative severe */
  bias: number | null;
  flagged: boolean;
}

/** Points of mean absolute deviation from the reference past which an evaluator is flagged ("grading the grader"). */
export const DEVIATION_FLAG_POINTS = 10;

/**
 * Each evaluator's mean absolute deviation and bias from the reference (by default, each unit's median
 * over the evaluators), flagged past `threshold` points.
 */
export function deviations(ratings: Ratings, reference?: readonly (number | null)[], threshold = DEVIATION_FLAG_POINTS): EvaluatorDeviation[] {
  const units = ratings[0]?.length ?? 0;
  const ref = reference ?? Array.from({ length: units }, (_, u) => spreadOf(ratings.map((r) => r[u] ?? null)).median);
  return ratings.map((row, evaluator) => {
    const diffs: number[] = [];
    row.forEach((v, u) => {
      const r = ref[u];
      if (v !== null && v !== undefined && r !== null && r !== undefined) diffs.push(v - r);
    });
    const mad = diffs.length === 0 ? null : diffs.reduce((s, d) => s + Math.abs(d), 0) / diffs.length;
    return {
      evaluator,
      n: diffs.length,
      meanAbsoluteDeviation: mad,
      bias: diffs.length === 0 ? null : diffs.reduce((s, d) => s + d, 0) / diffs.length,
      flagged: mad !== null && mad > threshold,
    };
  });
}

/** Krippendorff's reading of alpha: reliable at 0.800 and above, tentative from 0.667, unreliable below. */
export function alphaReading(alpha: number | null): 'reliable' | 'tentative' | 'unreliable' | 'undefined' {
  if (alpha === null) return 'undefined';
  return alpha >= 0.8 ? 'reliable' : alpha >= 0.667 ? 'tentative' : 'unreliable';
}
