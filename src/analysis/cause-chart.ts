import { sql, type Kysely } from 'kysely';
import type { CHART_INTERVALS, CHART_MEASURES } from '../contract/analysis.js';
import { listCauses, listDepartments } from '../causes/cause-tree.js';
import { customerBase } from '../causes/customer-base.js';
import { bucketsOf, periodOf, type Bucket } from '../shared/calendar.js';
import { uChart, type ChartPoint } from '../shared/control-chart.js';
import { invalid, notFound } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { CodedSubject, Database } from '../storage/schema.js';
import { periodEnd, type AnalysisFilters, type FilterName, type Period } from './analysis-query.js';
import { causeDescriber, type CauseShown } from './cause-labels.js';
import { CODING_COLUMN, sourceFor, type CountSource } from './pareto.js';

/**
 * The control chart of a cause (docs/improvement.md, "Control chart of a cause"): per week or month,
 * what was coded with the cause and the causes under it per 1,000 customers of the base at the end of
 * that period, as a u-chart (`uChart`, src/shared/control-chart.ts) with its centre line, its 3σ
 * limits per period and the points flagged (beyond the limits, a run, a trend). The period is widened
 * to whole weeks or months: a partial first or last period would look like a drop.
 */

export type ChartInterval = (typeof CHART_INTERVALS)[number];
export type ChartMeasure = (typeof CHART_MEASURES)[number];

const KIND: Record<ChartMeasure, CodedSubject> = { complaints: 'complaint', detractors: 'followup', repeatContacts: 'contact' };

export interface CauseChartQuery extends Period {
  cause: string;
  interval: ChartInterval;
  measure: ChartMeasure;
  /** the centre line from the first this many periods (phase I); absent: every period */
  baselinePeriods?: number | undefined;
  filters: AnalysisFilters;
  language: Language;
}

export interface CauseChartPoint extends ChartPoint {
  /** the period's first and last day, yyyymmdd */
  start: number;
  end: number;
  /** customers of the base at the period's end (`base` is the same in thousands) */
  customers: number;
}

export interface CauseChart extends CauseShown {
  /** the query, its period widened to whole weeks or months */
  query: CauseChartQuery;
  source: CountSource;
  /** ū: the measure per 1,000 customers over the baseline; null with fewer than 2 periods with customers */
  centre: number | null;
  baseline: number;
  points: CauseChartPoint[];
}

/** The first day of the first period and the last day of the last period that hold the days asked. */
export function wholePeriods(period: Period, interval: ChartInterval): Period {
  return { from: periodOf(period.from, interval).start, to: periodOf(period.to, interval).end };
}

/** Per day, the codings of the kind with one of the causes, from the aggregates (one filter at most) or the codings. */
async function countsPerDay(db: Kysely<Database>, source: CountSource, period: Period, kind: CodedSubject, codes: string[], filters: AnalysisFilters): Promise<Map<number, number>> {
  let rows: { day: number; n: unknown }[];
  if (source === 'aggregates') {
    const [dim, key] = Object.entries(filters)[0] ?? ['', ''];
    rows = await db
      .selectFrom('cause_counts')
      .select(['day', (eb) => eb.fn.sum<number | string>('coded').as('n')])
      .where('dim', '=', dim).where('dim_key', '=', key).where('subject_kind', '=', kind).where('cause_code', 'in', codes)
      .where('day', '>=', period.from).where('day', '<=', period.to)
      .groupBy('day')
      .execute();
  } else {
    let query = db
      .selectFrom('cause_codings')
      .select(['day', sql<number | string>`count(*)`.as('n')])
      .where('subject_kind', '=', kind).where('cause_code', 'in', codes)
      .where('day', '>=', period.from).where('day', '<=', period.to);
    for (const [name, value] of Object.entries(filters) as [FilterName, string][]) query = query.where(CODING_COLUMN[name], '=', value);
    rows = await query.groupBy('day').execute();
  }
  return new Map(rows.map((r) => [Number(r.day), Number(r.n ?? 0)]));
}

/** The chart of a cause, for filters already scoped to the reader (`scopedFilters`). */
export async function causeChart(db: Kysely<Database>, asked: CauseChartQuery, source: CountSource = sourceFor(asked.filters)): Promise<CauseChart> {
  const query = { ...asked, ...wholePeriods(asked, asked.interval) };
  const { buckets } = bucketsOf(query.from, query.to, query.interval);
  if (query.baselinePeriods !== undefined && query.baselinePeriods > buckets.length) {
    throw invalid('baselinePeriods', `must be at most the ${buckets.length} periods of the chart`, 'too-large', { maximum: buckets.length });
  }
  const [tree, departments] = await Promise.all([listCauses(db, query.language, true), listDepartments(db, query.language, true)]);
  if (!tree.some((c) => c.code === query.cause)) throw notFound(`No cause has the code "${query.cause}" (GET /api/v1/causes?includeInactive=true lists them)`);
  const codes = tree.filter((c) => c.path.includes(query.cause)).map((c) => c.code);
  const describe = causeDescriber(tree, departments);
  const perDay = await countsPerDay(db, source, query, KIND[query.measure], codes, query.filters);
  const base = { segment: query.filters.segment as 'residential' | 'business' | undefined, plan: query.filters.plan };
  const customers: number[] = [];
  for (const bucket of buckets) customers.push(await customerBase(db, base, periodEnd(bucket.end)));
  const countOf = (bucket: Bucket) => [...perDay].reduce((n, [day, count]) => (day >= bucket.start && day <= bucket.end ? n + count : n), 0);
  const chart = uChart(
    buckets.map((bucket, i) => ({ period: bucket.label, count: countOf(bucket), base: customers[i]! / 1000 })),
    query.baselinePeriods === undefined ? {} : { baseline: query.baselinePeriods },
  );
  return {
    ...describe(query.cause),
    query,
    source,
    centre: chart.centre,
    baseline: chart.baseline,
    points: chart.points.map((point, i) => ({ ...point, start: buckets[i]!.start, end: buckets[i]!.end, customers: customers[i]! })),
  };
}
