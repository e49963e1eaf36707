import { sql, type Kysely } from 'kysely';
import { RECURRENCE_DAYS } from '../causes/cause-codings.js';
import type { ParetoSortName } from '../contract/analysis.js';
import { listCauses, listDepartments, type Cause, type Department } from '../causes/cause-tree.js';
import { customerBase } from '../causes/customer-base.js';
import type { Language } from '../shared/languages.js';
import type { CodedSubject, Database } from '../storage/schema.js';
import { causeDescriber, type CauseShown } from './cause-labels.js';
import { periodEnd, type AnalysisFilters, type FilterName, type Period } from './analysis-query.js';

/**
 * The Pareto of causes (docs/improvement.md, "Pareto"): per cause (or rolled up to the first or second
 * level of the tree) the complaints, detractor follow-ups and repeat contacts coded with it in a
 * period, their share of the measure sorted by and the cumulative share, what they cost and how often
 * they recurred, and the complaint rate per 1,000 customers of the base. Read from the daily
 * aggregates (`cause_counts`) when at most one filter is given, from the codings themselves when
 * several combine: both give the same figures.
 */

/** What the rows are sorted by, and their shares taken of (`PARETO_SORTS`). */
export type ParetoSort = ParetoSortName;
/** The levels of the tree a Pareto rolls causes up to (none: the causes as coded). */
export const PARETO_LEVELS = [1, 2] as const;
export type ParetoLevel = (typeof PARETO_LEVELS)[number];

/** Where the figures were read: the daily aggregates (at most one filter) or the codings (several). */
export type CountSource = 'aggregates' | 'codings';

/** One cause and kind of subject in a period: how many were coded, how many recurred, what they cost. */
export interface CauseCount {
  causeCode: string;
  kind: CodedSubject;
  coded: number;
  recurrences: number;
  amountCents: number;
  refundCents: number;
  extraContacts: number;
}

export interface ParetoMeasures {
  complaints: number;
  /** detractor follow-ups coded with the cause */
  detractors: number;
  repeatContacts: number;
  /** complaints + detractors + repeat contacts */
  total: number;
  /** codings whose customer's previous coding of the same cause was within 90 days */
  recurrences: number;
  /** amounts the complaints disputed and refunded, in cents */
  disputedCents: number;
  refundedCents: number;
  /** contacts beyond the first about them */
  extraContacts: number;
  /** complaints per 1,000 customers of the base; null without customers */
  complaintsPerThousandCustomers: number | null;
}

export interface ParetoRow extends ParetoMeasures, CauseShown {
  /** the sort measure of this row over its total (null when the total is 0) */
  share: number | null;
  /** the same of this row and every row before it */
  cumulativeShare: number | null;
}

export interface ParetoQuery extends Period {
  filters: AnalysisFilters;
  level?: ParetoLevel | undefined;
  sort: ParetoSort;
  language: Language;
}

export interface Pareto {
  query: ParetoQuery;
  source: CountSource;
  /** customers of the filtered base at the end of the period (`customerBase`) */
  base: { customers: number; at: number };
  rows: ParetoRow[];
  totals: ParetoMeasures;
}

/** The column of `cause_codings` each filter is on. */
export const CODING_COLUMN: Record<FilterName, 'segment' | 'channel' | 'team_id' | 'site_id' | 'plan'> = {
  segment: 'segment', channel: 'channel', team: 'team_id', site: 'site_id', plan: 'plan',
};

const RECURRENCE_MS = RECURRENCE_DAYS * 86_400_000;

/** The aggregates answer when they hold every filter in one dimension: none or one. */
export const sourceFor = (filters: AnalysisFilters): CountSource => (Object.keys(filters).length <= 1 ? 'aggregates' : 'codings');

/** Per cause and kind, the period's counts from the daily aggregates, in the whole or in the one dimension filtered. */
export async function countsFromAggregates(db: Kysely<Database>, period: Period, filters: AnalysisFilters): Promise<CauseCount[]> {
  const [dim, key] = Object.entries(filters)[0] ?? ['', ''];
  if (Object.keys(filters).length > 1) throw new Error('the aggregates hold one dimension at a time');
  const rows = await db
    .selectFrom('cause_counts')
    .select(['cause_code', 'subject_kind'])
    .select((eb) => [
      eb.fn.sum<number | string>('coded').as('coded'),
      eb.fn.sum<number | string>('recurrences').as('recurrences'),
      eb.fn.sum<number | string>('amount_cents').as('amount_cents'),
      eb.fn.sum<number | string>('refund_cents').as('refund_cents'),
      eb.fn.sum<number | string>('extra_contacts').as('extra_contacts'),
    ])
    .where('dim', '=', dim)
    .where('dim_key', '=', key)
    .where('day', '>=', period.from)
    .where('day', '<=', period.to)
    .groupBy(['cause_code', 'subject_kind'])
    .execute();
  return rows.map(countOf);
}

/** The query of the same from the codings, filtered on every column asked (a team's reads the index on team and day). */
export function codingCountsQuery(db: Kysely<Database>, period: Period, filters: AnalysisFilters) {
  let query = db
    .selectFrom('cause_codings')
    .select(['cause_code', 'subject_kind'])
    .select((eb) => [
      eb.fn.countAll<number | string>().as('coded'),
      sql<number | string>`sum(case when previous_at is not null and occurred_at - previous_at <= ${RECURRENCE_MS} then 1 else 0 end)`.as('recurrences'),
      eb.fn.sum<number | string>('amount_cents').as('amount_cents'),
      eb.fn.sum<number | string>('refund_cents').as('refund_cents'),
      eb.fn.sum<number | string>('extra_contacts').as('extra_contacts'),
    ])
    .where('day', '>=', period.from)
    .where('day', '<=', period.to);
  for (const [name, value] of Object.entries(filters) as [FilterName, string][]) query = query.where(CODING_COLUMN[name], '=', value);
  return query.groupBy(['cause_code', 'subject_kind']);
}

/** The same from the codings. */
export async function countsFromCodings(db: Kysely<Database>, period: Period, filters: AnalysisFilters): Promise<CauseCount[]> {
  return (await codingCountsQuery(db, period, filters).execute()).map(countOf);
}

const countOf = (r: { cause_code: string; subject_kind: string; coded: unknown; recurrences: unknown; amount_cents: unknown; refund_cents: unknown; extra_contacts: unknown }): CauseCount => ({
  causeCode: r.cause_code,
  kind: r.subject_kind as CodedSubject,
  coded: Number(r.coded ?? 0),
  recurrences: Number(r.recurrences ?? 0),
  amountCents: Number(r.amount_cents ?? 0),
  refundCents: Number(r.refund_cents ?? 0),
  extraContacts: Number(r.extra_contacts ?? 0),
});

/** The measure a row is sorted by. */
const SORT_MEASURE: Record<ParetoSort, (m: ParetoMeasures) => number> = {
  total: (m) => m.total,
  complaints: (m) => m.complaints,
  detractors: (m) => m.detractors,
  repeatContacts: (m) => m.repeatContacts,
  disputed: (m) => m.disputedCents,
  refunded: (m) => m.refundedCents,
  extraContacts: (m) => m.extraContacts,
  recurrences: (m) => m.recurrences,
};

const emptyMeasures = (): ParetoMeasures => ({
  complaints: 0, detractors: 0, repeatContacts: 0, total: 0, recurrences: 0, disputedCents: 0, refundedCents: 0, extraContacts: 0, complaintsPerThousandCustomers: null,
});

function add(into: ParetoMeasures, c: CauseCount): void {
  if (c.kind === 'complaint') into.complaints += c.coded;
  else if (c.kind === 'followup') into.detractors += c.coded;
  else into.repeatContacts += c.coded;
  into.total += c.coded;
  into.recurrences += c.recurrences;
  into.disputedCents += c.amountCents;
  into.refundedCents += c.refundCents;
  into.extraContacts += c.extraContacts;
}

const perThousand = (count: number, customers: number): number | null => (customers > 0 ? (count * 1000) / customers : null);

/** The cause a coded cause counts under at a level: its ancestor at that depth, or itself when it is shallower. */
export function rolledUp(cause: Pick<Cause, 'code' | 'path'> | undefined, code: string, level: ParetoLevel | undefined): string {
  if (level === undefined || !cause) return code;
  return cause.path[Math.min(level, cause.path.length) - 1]!;
}

/**
 * The rows of a Pareto from the counts of a period: rolled up to `level`, each cause with its label
 * and department, sorted by the measure descending (ties by code), with the shares of that measure;
 * causes nothing was coded with in the period are left out.
 */
export function paretoOf(
  counts: readonly CauseCount[],
  tree: readonly Cause[],
  departments: readonly Department[],
  options: { level?: ParetoLevel | undefined; sort: ParetoSort; customers: number },
): { rows: ParetoRow[]; totals: ParetoMeasures } {
  const causes = new Map(tree.map((c) => [c.code, c]));
  const describe = causeDescriber(tree, departments);
  const byCause = new Map<string, ParetoMeasures>();
  const totals = emptyMeasures();
  for (const c of counts) {
    const code = rolledUp(causes.get(c.causeCode), c.causeCode, options.level);
    const into = byCause.get(code) ?? emptyMeasures();
    byCause.set(code, into);
    add(into, c);
    add(totals, c);
  }
  const measure = SORT_MEASURE[options.sort];
  const sorted = [...byCause.entries()]
    .filter(([, m]) => m.total > 0)
    .sort(([a, ma], [b, mb]) => measure(mb) - measure(ma) || (a < b ? -1 : a > b ? 1 : 0));
  const whole = measure(totals);
  let running = 0;
  const rows = sorted.map(([code, m]): ParetoRow => {
    running += measure(m);
    return {
      ...describe(code),
      ...m,
      complaintsPerThousandCustomers: perThousand(m.complaints, options.customers),
      share: whole > 0 ? measure(m) / whole : null,
      cumulativeShare: whole > 0 ? running / whole : null,
    };
  });
  return { rows, totals: { ...totals, complaintsPerThousandCustomers: perThousand(totals.complaints, options.customers) } };
}

/** The Pareto of a period for filters already scoped to the reader (`scopedFilters`). `source` forces where it is read from (tests). */
export async function pareto(db: Kysely<Database>, query: ParetoQuery, source: CountSource = sourceFor(query.filters)): Promise<Pareto> {
  const at = periodEnd(query.to);
  const [counts, tree, departments, customers] = await Promise.all([
    source === 'aggregates' ? countsFromAggregates(db, query, query.filters) : countsFromCodings(db, query, query.filters),
    listCauses(db, query.language, true),
    listDepartments(db, query.language, true),
    customerBase(db, { segment: query.filters.segment as 'residential' | 'business' | undefined, plan: query.filters.plan }, at),
  ]);
  return { query, source, base: { customers, at }, ...paretoOf(counts, tree, departments, { level: query.level, sort: query.sort, customers }) };
}
