import { sql, type Kysely } from 'kysely';
import { complaintScope, type Actor } from '../auth/policies.js';
import { addDays, bucketsOf, dayStart, parseDay, periodCount, type Bucket } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { LabelLanguage } from '../shared/languages.js';
import { estimate, type NpsEstimate } from '../nps/statistics.js';
import { wilsonInterval, type RateInterval } from '../shared/proportions.js';
import type { Database } from '../storage/schema.js';
import { bucketMinutes, COUNT_MEASURES, DURATION_MEASURES, parseHistogram, REPORT_DIMENSIONS, type CountMeasure, type DurationMeasure, type ReportDimension } from './complaint-facts.js';

/**
 * The complaints report (docs/complaints.md, "Reports"): per month, quarter or year of receipt and
 * per category, team or channel, the complaints received (and per 1,000 customers per month), the
 * shares acknowledged and answered on time (Wilson intervals), the times to acknowledge and to
 * answer (median and p90, business and calendar time), the reopen rate, first-contact resolution
 * the rejected share, and the customers' rating of the handling (NPS of the complaint survey). Read from the monthly aggregates (a team lead's from those kept within each team).
 */

export const REPORT_INTERVALS = ['month', 'quarter', 'year'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];
/** At most this many months in one report. */
export const MAX_REPORT_MONTHS = 60;

export interface ComplaintReportQuery {
  /** first and last day, YYYYMMDD: a first and a last day of a month */
  from: number;
  to: number;
  by: ReportDimension;
  interval: ReportInterval;
  /** only this team's complaints (a team lead's report) */
  teamId?: string | undefined;
  lang?: LabelLanguage | undefined;
}

export interface Quantiles {
  /** hours, to within 2.5 % (log-scale buckets); null without any complaint */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface Share extends ProportionOf {
  interval: RateInterval | null;
}
interface ProportionOf {
  successes: number;
  n: number;
}

export interface ComplaintReportRow {
  period: Bucket;
  group: string;
  label: string;
  received: number;
  /** received / customers × 1,000 / months in the period */
  perThousandCustomersPerMonth: number | null;
  acknowledgedOnTime: Share;
  answeredOnTime: Share;
  timeToAcknowledge: { business: Quantiles; calendar: Quantiles };
  timeToAnswer: { business: Quantiles; calendar: Quantiles };
  reopened: Share;
  firstContactResolution: Share;
  rejected: Share;
  /** the customers' rating of the handling (the complaint survey, on its own basis): NPS with its 95 % adjusted-Wald interval */
  satisfaction: NpsEstimate & { promoters: number; passives: number; detractors: number };
}

export interface ComplaintReport {
  query: ComplaintReportQuery;
  /** customers (parties not erased) at the end of each period, by period label */
  customers: Record<string, number>;
  rows: ComplaintReportRow[];
}

const bad = (field: string, reason: string) => new DomainError(400, 'invalid-input', `${field}: ${reason}`, [{ field, reason }]);

/** Checks the parameters of a report: 400 naming each bad one. */
export function parseComplaintReportParams(raw: { from?: string | undefined; to?: string | undefined; by?: string | undefined; interval?: string | undefined }): Omit<ComplaintReportQuery, 'teamId'> {
  const from = raw.from === undefined ? null : parseDay(raw.from);
  const to = raw.to === undefined ? null : parseDay(raw.to);
  if (from === null) throw bad('from', 'is required: the first day of a month, YYYY-MM-DD');
  if (from % 100 !== 1) throw bad('from', 'must be the first day of a month (the report counts whole months)');
  if (to === null) throw bad('to', 'is required: the last day of a month, YYYY-MM-DD');
  if (Math.floor(addDays(to, 1) / 100) === Math.floor(to / 100)) throw bad('to', 'must be the last day of a month (the report counts whole months)');
  if (to < from) throw bad('to', 'must not be before from');
  if (periodCount(from, to, 'month') > MAX_REPORT_MONTHS) throw bad('to', `the report covers at most ${MAX_REPORT_MONTHS} months`);
  const by = raw.by ?? 'category';
  if (!(REPORT_DIMENSIONS as readonly string[]).includes(by)) throw bad('by', `must be ${REPORT_DIMENSIONS.join(', ')}`);
  const interval = raw.interval ?? 'month';
  if (!(REPORT_INTERVALS as readonly string[]).includes(interval)) throw bad('interval', `must be ${REPORT_INTERVALS.join(', ')}`);
  return { from, to, by: by as ReportDimension, interval: interval as ReportInterval };
}

/** The team a reader's report is restricted to: none for a reader of every team, their own for a team lead. */
export function reportTeam(actor: Actor): string | undefined {
  const scope = complaintScope(actor);
  if (scope.teams === 'all') return undefined;
  if (scope.teamId === null) throw new DomainError(403, 'forbidden', 'Your account belongs to no team: ask an administrator to set it');
  return scope.teamId;
}

/** Counts and duration histograms of one period and group, added up. */
class Cell {
  readonly counts = Object.fromEntries(COUNT_MEASURES.map((m) => [m, 0])) as Record<CountMeasure, number>;
  readonly histograms = new Map<DurationMeasure, Map<number, number>>(DURATION_MEASURES.map((m) => [m, new Map()]));
  addHistogram(measure: DurationMeasure, bucket: number, n: number): void {
    const h = this.histograms.get(measure)!;
    h.set(bucket, (h.get(bucket) ?? 0) + n);
  }
}

/** The nearest-rank quantiles of a histogram, in hours (the bucket's middle); null when it is empty. */
export function quantilesHours(histogram: Map<number, number>, qs: readonly number[]): (number | null)[] {
  const sorted = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  return qs.map((q) => {
    if (total === 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (const [bucket, n] of sorted) {
      seen += n;
      if (seen >= rank) return Math.round((bucketMinutes(bucket) / 60) * 100) / 100;
    }
    return null;
  });
}

const share = (successes: number, n: number): Share => ({ successes, n, interval: wilsonInterval(successes, n) });

/** The rating of the handling from its counts: the NPS of the complaint survey, never mixed with the contacts'. */
function satisfactionOf(answered: number, promoters: number, detractors: number): ComplaintReportRow['satisfaction'] {
  const counts = { promoters, passives: answered - promoters - detractors, detractors };
  return { ...counts, ...estimate(counts) };
}
const quantiles = (h: Map<number, number>): Quantiles => {
  const [medianHours, p90Hours] = quantilesHours(h, [0.5, 0.9]);
  return { medianHours: medianHours!, p90Hours: p90Hours! };
};

/**
 * Customers at the end of each period: parties created before it and not erased by then. Those
 * created before the first period are counted on the index of creation times; those created since,
 * and the erased ones (a partial index), are counted per period by the engine.
 */
async function customersAt(db: Kysely<Database>, buckets: readonly Bucket[]): Promise<Record<string, number>> {
  const ends = buckets.map((b) => dayStart(addDays(b.end, 1)));
  const first = dayStart(buckets[0]!.start);
  const last = ends[ends.length - 1]!;
  const periodOf = sql<number>`case ${sql.join(ends.map((end, i) => sql`when created_at < ${end} then ${sql.lit(i)}`), sql` `)} end`;
  // the first period by whose end a customer was both created and erased: gone from then on
  const gonePeriod = sql<number>`case ${sql.join(ends.map((end, i) => sql`when erased_at < ${end} and created_at < ${end} then ${sql.lit(i)}`), sql` `)} end`;
  const [before, created, erased] = await Promise.all([
    db.selectFrom('parties').select(sql<number>`count(*)`.as('n')).where('created_at', '<', first).executeTakeFirstOrThrow(),
    db.selectFrom('parties').select([periodOf.as('period'), sql<number>`count(*)`.as('n')]).where('created_at', '>=', first).where('created_at', '<', last).groupBy('period').execute(),
    db.selectFrom('parties').select([gonePeriod.as('period'), sql<number>`count(*)`.as('n')]).where('erased_at', 'is not', null).where('erased_at', '<', last).groupBy('period').execute(),
  ]);
  const goneIn = new Map(erased.map((r) => [Number(r.period), Number(r.n)]));
  const createdIn = new Map(created.map((r) => [Number(r.period), Number(r.n)]));
  let total = Number(before.n);
  return Object.fromEntries(
    buckets.map((b, i) => {
      total += (createdIn.get(i) ?? 0) - (goneIn.get(i) ?? 0);
      return [b.label, total];
    }),
  );
}

/** Labels of the groups: category labels in the language, team names, channel codes. */
async function labelsOf(db: Kysely<Database>, by: ReportDimension, lang: LabelLanguage): Promise<Map<string, string>> {
  if (by === 'category') {
    const rows = await db.selectFrom('complaint_categories').select((eb) => ['code', eb.ref(`label_${lang}` as 'label_en').as('label')]).execute();
    return new Map(rows.map((r) => [r.code, r.label]));
  }
  if (by === 'team') return new Map((await db.selectFrom('teams').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
  return new Map();
}

/** The report: rows by period (oldest first), then group. */
export async function complaintReport(db: Kysely<Database>, query: ComplaintReportQuery): Promise<ComplaintReport> {
  const { buckets } = bucketsOf(query.from, query.to, query.interval);
  const firstMonth = Math.floor(query.from / 100);
  const lastMonth = Math.floor(query.to / 100);
  const periodOfMonth = (month: number) => buckets.findIndex((b) => Math.floor(b.start / 100) <= month && month <= Math.floor(b.end / 100));
  const cells = new Map<string, Cell>();
  const cellOf = (month: number, group: string) => {
    const key = `${periodOfMonth(month)}|${group}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = new Cell()));
    return cell;
  };

  // A team's report reads the aggregates kept within each team: values `<team id>|<code>`.
  const dimension = query.teamId === undefined || query.by === 'team' ? query.by : (`team_${query.by}` as const);
  const prefix = query.teamId !== undefined && query.by !== 'team' ? `${query.teamId}|` : '';
  const team = query.teamId;
  const [counts, durations] = await Promise.all([
    db
      .selectFrom('complaint_counts').selectAll()
      .where('dimension', '=', dimension).where('month', '>=', firstMonth).where('month', '<=', lastMonth)
      .$if(team !== undefined && prefix === '', (q) => q.where('value', '=', team!))
      .$if(prefix !== '', (q) => q.where('value', '>=', prefix).where('value', '<', `${team}}`))
      .execute(),
    db
      .selectFrom('complaint_durations').select(['month', 'value', 'measure', 'histogram'])
      .where('dimension', '=', dimension).where('month', '>=', firstMonth).where('month', '<=', lastMonth)
      .$if(team !== undefined && prefix === '', (q) => q.where('value', '=', team!))
      .$if(prefix !== '', (q) => q.where('value', '>=', prefix).where('value', '<', `${team}}`))
      .execute(),
  ]);
  for (const r of counts) {
    const cell = cellOf(Number(r.month), r.value.slice(prefix.length));
    for (const m of COUNT_MEASURES) cell.counts[m] += Number(r[m]);
  }
  for (const d of durations) {
    const cell = cellOf(Number(d.month), d.value.slice(prefix.length));
    for (const [bucket, n] of parseHistogram(d.histogram)) cell.addHistogram(d.measure as DurationMeasure, bucket, n);
  }

  const [customers, labels] = await Promise.all([customersAt(db, buckets), labelsOf(db, query.by, query.lang ?? 'en')]);
  const rows: ComplaintReportRow[] = [];
  for (const [key, cell] of cells) {
    const [index, group] = [Number(key.slice(0, key.indexOf('|'))), key.slice(key.indexOf('|') + 1)];
    const period = buckets[index]!;
    const c = cell.counts;
    if (c.received === 0) continue;
    const months = periodCount(period.start, period.end, 'month');
    const base = customers[period.label] ?? 0;
    const h = (m: DurationMeasure) => cell.histograms.get(m)!;
    rows.push({
      period, group, label: labels.get(group) ?? (group === '' ? '(no team)' : group),
      received: c.received,
      perThousandCustomersPerMonth: base > 0 ? Math.round((c.received / base / months) * 1000 * 1000) / 1000 : null,
      acknowledgedOnTime: share(c.ack_on_time, c.acknowledged),
      answeredOnTime: share(c.answer_on_time, c.answered),
      timeToAcknowledge: { business: quantiles(h('ack_business')), calendar: quantiles(h('ack_calendar')) },
      timeToAnswer: { business: quantiles(h('answer_business')), calendar: quantiles(h('answer_calendar')) },
      reopened: share(c.reopened, c.answered),
      firstContactResolution: share(c.fcr, c.answered),
      rejected: share(c.rejected, c.received),
      satisfaction: satisfactionOf(c.satisfaction_answered, c.satisfaction_promoters, c.satisfaction_detractors),
    });
  }
  rows.sort((a, b) => a.period.start - b.period.start || a.group.localeCompare(b.group));
  return { query, customers, rows };
}
