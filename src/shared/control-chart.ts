import { limitsAround, proportionSigma } from './proportions.js';

/**
 * Control charts for attributes (Shewhart; Montgomery, Introduction to Statistical Quality Control;
 * NIST/SEMATECH e-Handbook of Statistical Methods, 6.3): what changed in a cause's trend and what
 * is noise. A u-chart follows a count per unit of exposure (complaints per 1,000 customers), a
 * p-chart a proportion (the share of contacts that are repeats); both with a base that varies from
 * period to period, so each point has limits of its own around one centre line. Three rules flag a
 * point: beyond the 3σ limits, a run on one side of the centre line, a trend. Pure functions over
 * counts; the worked examples are in docs/improvement.md#control-charts and the tests.
 */

/** Limits at centre ± 3σ. */
export const LIMIT_SIGMAS = 3;
/** Points in a row on one side of the centre line that make a run (the 8th and those after are flagged). */
export const RUN_LENGTH = 8;
/** Points in a row steadily rising or falling that make a trend (the 6th and those after are flagged). */
export const TREND_LENGTH = 6;

/** One period of a chart, as counted. */
export interface ChartPeriod {
  /** its label, passed through: "2026-03", a week */
  period: string;
  /** u-chart: events (complaints); p-chart: successes (repeat contacts) */
  count: number;
  /** u-chart: exposure in its unit (thousands of customers); p-chart: trials (contacts) */
  base: number;
}

export type ChartSide = 'above' | 'below';

/** Why a point is flagged; `code` is stable, the console words it. */
export type ChartFlag =
  /** outside the limits (Western Electric rule 1, Nelson rule 1) */
  | { code: 'beyond-limits'; side: ChartSide }
  /** the `length`-th point in a row on this side of the centre line (length ≥ RUN_LENGTH) */
  | { code: 'run'; side: ChartSide; length: number }
  /** the `length`-th point in a row steadily rising or falling (length ≥ TREND_LENGTH; Nelson rule 3) */
  | { code: 'trend'; direction: 'up' | 'down'; length: number };

export interface ChartPoint extends ChartPeriod {
  /** count / base; null without exposure */
  value: number | null;
  /** lower control limit, not below 0; null without exposure or without a centre line */
  lcl: number | null;
  /** upper control limit (not above 1 on a p-chart) */
  ucl: number | null;
  /** (value − centre) / σ of this point's base; null without limits or when σ is 0 */
  sigmas: number | null;
  flags: ChartFlag[];
}

export interface ControlChart {
  kind: 'p' | 'u';
  /** ū = Σcount / Σbase (or p̄) over the baseline; null when fewer than 2 of its periods have exposure */
  centre: number | null;
  /** how many of the first periods the centre line is computed from (phase I) */
  baseline: number;
  points: ChartPoint[];
}

export interface ChartOptions {
  /**
   * Compute the centre line from the first `baseline` periods only and apply it to all: limits
   * frozen on a reference period show what changed after it. Default: every period.
   */
  baseline?: number;
}

interface ChartModel {
  kind: 'p' | 'u';
  /** the standard deviation of one period's value around the centre, given its base (> 0) */
  sigma(centre: number, base: number): number;
  /** the highest value a point can take */
  ceiling: number;
  /** throws on a period that is not a count over a base */
  check(period: ChartPeriod, index: number): void;
}

const U_MODEL: ChartModel = {
  kind: 'u',
  // Poisson counts: the variance of c/n is ū/n.
  sigma: (centre, base) => Math.sqrt(centre / base),
  ceiling: Number.POSITIVE_INFINITY,
  check({ count, base }, index) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`period ${index}: a count is a whole number ≥ 0, not ${count}`);
    if (!Number.isFinite(base) || base < 0) throw new RangeError(`period ${index}: an exposure is a finite number ≥ 0, not ${base}`);
  },
};

const P_MODEL: ChartModel = {
  kind: 'p',
  sigma: proportionSigma,
  ceiling: 1,
  check({ count, base }, index) {
    if (!Number.isInteger(count) || !Number.isInteger(base) || count < 0 || count > base) {
      throw new RangeError(`period ${index}: a proportion needs whole counts 0 ≤ count ≤ base, not ${count} of ${base}`);
    }
  },
};

/**
 * u-chart: a count per unit of exposure with a base nᵢ that varies (complaints per 1,000 customers,
 * nᵢ in thousands of customers). Centre ū = Σc / Σn; a period's limits ū ± 3·√(ū / nᵢ), the lower
 * not below 0. A period may have a count without exposure (a base not yet known): it is shown, with
 * no value, and left out of the centre line and of the rules.
 */
export function uChart(periods: readonly ChartPeriod[], options: ChartOptions = {}): ControlChart {
  return controlChart(U_MODEL, periods, options);
}

/** p-chart: a proportion with nᵢ trials that vary. Centre p̄ = Σx / Σn; limits p̄ ± 3·√(p̄(1 − p̄) / nᵢ) within [0, 1]. */
export function pChart(periods: readonly ChartPeriod[], options: ChartOptions = {}): ControlChart {
  return controlChart(P_MODEL, periods, options);
}

function controlChart(model: ChartModel, periods: readonly ChartPeriod[], options: ChartOptions): ControlChart {
  periods.forEach((period, index) => model.check(period, index));
  const baseline = options.baseline ?? periods.length;
  if (options.baseline !== undefined && !(Number.isInteger(baseline) && baseline >= 1 && baseline <= periods.length)) {
    throw new RangeError(`the baseline is a number of periods from 1 to ${periods.length}, not ${options.baseline}`);
  }
  const reference = periods.slice(0, baseline).filter((period) => period.base > 0);
  const centre = reference.length < 2 ? null : sum(reference, 'count') / sum(reference, 'base');
  const points = periods.map((period) => pointOf(model, period, centre));
  if (centre !== null) flagRunsAndTrends(points, centre);
  return { kind: model.kind, centre, baseline, points };
}

function pointOf(model: ChartModel, period: ChartPeriod, centre: number | null): ChartPoint {
  const { period: label, count, base } = period;
  const value = base > 0 ? count / base : null;
  if (value === null || centre === null) return { period: label, count, base, value, lcl: null, ucl: null, sigmas: null, flags: [] };
  const sigma = model.sigma(centre, base);
  const { lower, upper } = limitsAround(centre, sigma, LIMIT_SIGMAS, model.ceiling);
  const flags: ChartFlag[] = [];
  if (value > upper) flags.push({ code: 'beyond-limits', side: 'above' });
  else if (value < lower) flags.push({ code: 'beyond-limits', side: 'below' });
  return { period: label, count, base, value, lcl: lower, ucl: upper, sigmas: sigma > 0 ? (value - centre) / sigma : null, flags };
}

/**
 * Runs and trends over the points that have a value, in order (a period without exposure is passed
 * over: it neither breaks nor extends a run). A point on the centre line breaks a run; a point equal
 * to the one before breaks a trend, and starts the next one.
 */
function flagRunsAndTrends(points: ChartPoint[], centre: number): void {
  let run = 0;
  let runSide = 0;
  let trend = 0;
  let trendDirection = 0;
  let previous: number | null = null;
  for (const point of points) {
    const value = point.value;
    if (value === null) continue;
    const side = Math.sign(value - centre);
    run = side === 0 ? 0 : side === runSide ? run + 1 : 1;
    runSide = side;
    if (run >= RUN_LENGTH) point.flags.push({ code: 'run', side: side > 0 ? 'above' : 'below', length: run });
    const direction = previous === null ? 0 : Math.sign(value - previous);
    trend = direction === 0 ? 1 : direction === trendDirection ? trend + 1 : 2;
    trendDirection = direction;
    if (trend >= TREND_LENGTH) point.flags.push({ code: 'trend', direction: direction > 0 ? 'up' : 'down', length: trend });
    previous = value;
  }
}

function sum(periods: readonly ChartPeriod[], field: 'count' | 'base'): number {
  return periods.reduce((total, period) => total + period[field], 0);
}
