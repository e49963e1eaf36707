import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../storage/schema.js';
import { addDays, bucketsOf, dayStart, formatDay, isWholeMonths, localDay, periodComplete, periodOf, type Bucket, type Interval } from '../shared/calendar.js';
import { CONTACT_SEGMENT } from './contact-facts.js';
import { parseBasis } from './basis.js';
import { dimsOf, SURVEY_COLUMN, type Dimension } from './dimensions.js';
import { categoryOf, compare, estimate, npsOf, responsesOf, type NpsCounts } from './statistics.js';

/**
 * NPS reports: figures per period and group, from the aggregates (nps_counts) when the grouping and
 * the filters together name at most one dimension, or two over whole months; otherwise from the
 * surveys themselves (the raw source, slower, same numbers). One counting rule (docs/nps.md): NPS over answered responses, on
 * the response's own basis; a period and group with two bases gives two rows.
 */

export interface ReportQuery {
  /** first and last day (Europe/Luxembourg, yyyymmdd), inclusive */
  from: number;
  to: number;
  interval: Interval;
  groupBy: Dimension[];
  filters: Partial<Record<Dimension, string>>;
  /** below this many responses a figure is unreliable: shown, never ranked nor called significant */
  minResponses: number;
  /** read the surveys instead of the aggregates (the recomputation the aggregates are checked against) */
  source?: 'aggregates' | 'raw';
  /** the operator's day the report is read on (yyyymmdd): periods not over by then are running; default: today */
  today?: number;
}

/** The measures of one period, group and basis, as summed from the aggregates or the surveys. */
export interface Measures {
  sent: number;
  unparsed: number;
  resolvedYes: number;
  resolvedNo: number;
  /** answered responses per score, index = score */
  scores: number[];
  /** contacts (all of them, surveyed or not), those the advisor recorded as resolved, repeats, FCR */
  contacts: number;
  contactsResolved: number;
  repeats: number;
  fcr: number;
}

export interface ReportRow {
  period: string;
  start: string;
  end: string;
  /** the period is over (its calendar period ended before the report's day); false: still running, its figures will move */
  complete: boolean;
  /** the group's keys ('' where the value is unknown, e.g. a contact without reason) */
  group: Partial<Record<Dimension, string>>;
  basis: string;
  /** answered responses per score (index = score, 0…10) */
  scores: number[];
  sent: number;
  responses: number;
  /** responses / sent, % */
  responseRate: number | null;
  unparsed: number;
  promoters: number;
  passives: number;
  detractors: number;
  promotersShare: number | null;
  passivesShare: number | null;
  detractorsShare: number | null;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  standardError: number | null;
  n: number;
  reliable: boolean;
  /** 1 = best NPS of the period among reliable groups; null when unreliable or not grouped */
  rank: number | null;
  /** customer-reported resolution (the yes/no question), % of those who answered it */
  resolvedYes: number;
  resolvedNo: number;
  resolvedShare: number | null;
  /** the group's contacts, whatever the basis: advisor-recorded resolution, repeat contacts, first-contact resolution (docs/fcr.md) */
  contacts: number;
  advisorResolvedShare: number | null;
  repeats: number;
  repeatShare: number | null;
  fcr: number;
  fcrShare: number | null;
  /** the same group in the period before (for rolling periods: the 28 days before) */
  previous: { period: string; nps: number | null; n: number } | null;
  change: { difference: number; pValue: number; significant: boolean } | null;
  /** this group against the other groups of the period together (same basis): is it really different? */
  versusRest: { difference: number; pValue: number; significant: boolean } | null;
}

export interface Report {
  source: 'aggregates' | 'raw';
  rows: ReportRow[];
}

type Unit = { start: number; end: number };
/** Measures per unit index, then per group and basis (`key1 \u001f key2 \u001f basis`; contacts have basis ''). */
type Fetched = Map<number, Map<string, Measures>>;

export async function npsReport(db: Kysely<Database>, query: ReportQuery): Promise<Report> {
  const { order } = dimsOf([...new Set<Dimension>([...query.groupBy, ...(Object.keys(query.filters) as Dimension[])])]);
  const { buckets, previous } = bucketsOf(query.from, query.to, query.interval);
  const rolling = query.interval === 'rolling28';
  const today = query.today ?? localDay(Date.now());
  // What is read: units (days for day and rolling periods), from the period compared with the first to the last.
  const units: Unit[] =
    query.interval === 'day' || rolling
      ? daysFrom(previous.start, query.to)
      : [previous, ...buckets].map(({ start, end }) => ({ start, end }));
  // Whole months are read from the monthly rows; pairs of dimensions exist only per month, the rest is read from the surveys.
  const monthly = units.every((u) => isWholeMonths(u.start, u.end));
  const aggregated = order.length <= 1 || (order.length === 2 && monthly);
  const source = query.source ?? (aggregated ? 'aggregates' : 'raw');
  // The dimensions whose values are key1 and key2: the aggregates' own; read from the surveys, the grouped ones (filters go in the WHERE).
  const keyDims = source === 'aggregates' ? order : dimsOf(query.groupBy).order;
  const fetched =
    source === 'aggregates' ? await fromAggregates(db, dimsOf(order, monthly).dims, order, query.filters, units) : await fromSurveys(db, keyDims, query.filters, units);

  // Sum the units of each period, per group and basis.
  const sumPeriod = (period: Bucket): Map<string, Measures> => {
    const sums = new Map<string, Measures>();
    units.forEach((unit, index) => {
      if (unit.start < period.start || unit.end > period.end) return;
      for (const [groupId, m] of fetched.get(index) ?? []) {
        const sum = sums.get(groupId);
        sums.set(groupId, sum ? addMeasures(sum, m) : m);
      }
    });
    return sums;
  };
  const sumsByPeriod = new Map<string, Map<string, Measures>>();
  const sumsOf = (period: Bucket) => {
    const id = `${period.start}-${period.end}`;
    let sums = sumsByPeriod.get(id);
    if (!sums) sumsByPeriod.set(id, (sums = sumPeriod(period)));
    return sums;
  };

  const rows: ReportRow[] = [];
  buckets.forEach((period, i) => {
    const before = rolling ? periodOf(addDays(period.end, -28), 'rolling28') : i === 0 ? previous : buckets[i - 1]!;
    const current = sumsOf(period);
    const earlier = sumsOf(before);
    const periodRows: ReportRow[] = [];
    // A group's contacts go on each of its NPS rows; a group with contacts and no survey is one row without basis.
    const surveyed = new Set([...current.keys()].filter((id) => !id.endsWith('\u001f')).map((id) => id.slice(0, id.lastIndexOf('\u001f') + 1)));
    for (const [groupId, m] of current) {
      const [key1, key2, basis] = groupId.split('\u001f') as [string, string, string];
      const contacts = current.get(`${key1}\u001f${key2}\u001f`);
      if (basis === '' && surveyed.has(groupId)) continue;
      const keys = [key1, key2];
      const group: Partial<Record<Dimension, string>> = {};
      keyDims.forEach((d, k) => {
        if (query.groupBy.includes(d)) group[d] = keys[k]!;
      });
      const measures = basis === '' || !contacts ? m : { ...m, contacts: contacts.contacts, contactsResolved: contacts.contactsResolved, repeats: contacts.repeats, fcr: contacts.fcr };
      periodRows.push(rowOf(period, periodComplete(period, query.interval, today), group, basis, measures, earlier.get(groupId), before, query.minResponses));
    }
    // Rank the reliable groups of the period, and test each against the others together (per
    // basis: figures on two bases are not compared). Every response is in one group, so the
    // others are the period's total minus the group.
    if (query.groupBy.length > 0) {
      const byBasis = new Map<string, ReportRow[]>();
      for (const row of periodRows) byBasis.set(row.basis, [...(byBasis.get(row.basis) ?? []), row]);
      for (const [basis, list] of byBasis) {
        list.filter((r) => r.reliable).sort((a, b) => b.nps! - a.nps!).forEach((r, k, ranked) => {
          r.rank = k > 0 && ranked[k - 1]!.nps === r.nps ? ranked[k - 1]!.rank : k + 1;
        });
        if (basis === '') continue;
        const total = list.reduce((t, r) => ({ promoters: t.promoters + r.promoters, passives: t.passives + r.passives, detractors: t.detractors + r.detractors }), { promoters: 0, passives: 0, detractors: 0 });
        for (const r of list) {
          const rest = { promoters: total.promoters - r.promoters, passives: total.passives - r.passives, detractors: total.detractors - r.detractors };
          const test = r.n > 0 ? compare(r, rest, { minResponses: query.minResponses }) : null;
          r.versusRest = test ? { difference: test.difference, pValue: test.pValue, significant: test.significant } : null;
        }
      }
    }
    rows.push(...periodRows.sort((a, b) => groupOrder(a, b, query.groupBy)));
  });
  return { source, rows };
}

function groupOrder(a: ReportRow, b: ReportRow, groupBy: Dimension[]): number {
  for (const d of groupBy) {
    const c = (a.group[d] ?? '').localeCompare(b.group[d] ?? '');
    if (c !== 0) return c;
  }
  return a.basis.localeCompare(b.basis);
}

function daysFrom(from: number, to: number): Unit[] {
  const days: Unit[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push({ start: day, end: day });
  return days;
}

function addMeasures(a: Measures, b: Measures): Measures {
  return {
    sent: a.sent + b.sent, unparsed: a.unparsed + b.unparsed, resolvedYes: a.resolvedYes + b.resolvedYes, resolvedNo: a.resolvedNo + b.resolvedNo,
    scores: a.scores.map((s, i) => s + b.scores[i]!),
    contacts: a.contacts + b.contacts, contactsResolved: a.contactsResolved + b.contactsResolved, repeats: a.repeats + b.repeats, fcr: a.fcr + b.fcr,
  };
}

/** Promoters, passives and detractors of score counts, on their basis. */
export function categorise(scores: readonly number[], basis: string): NpsCounts {
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  if (basis === '') return counts; // contacts only: no survey
  const thresholds = parseBasis(basis);
  scores.forEach((count, score) => {
    const category = categoryOf(score, thresholds);
    if (category === 'promoter') counts.promoters += count;
    else if (category === 'detractor') counts.detractors += count;
    else counts.passives += count;
  });
  return counts;
}

/** part / whole in %, null without a whole. */
export const share = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole);

function rowOf(
  period: Bucket, complete: boolean, group: Partial<Record<Dimension, string>>, basis: string, m: Measures, before: Measures | undefined, beforePeriod: Bucket, minResponses: number,
): ReportRow {
  const counts = categorise(m.scores, basis);
  const e = estimate(counts, minResponses);
  const earlier = before ? categorise(before.scores, basis) : null;
  const earlierN = earlier ? responsesOf(earlier) : 0;
  const change = earlier && earlierN > 0 && e.n > 0 ? compare(counts, earlier, { minResponses }) : null;
  return {
    period: period.label, start: formatDay(period.start), end: formatDay(period.end), complete, group, basis, scores: [...m.scores],
    sent: m.sent, responses: e.n, responseRate: share(e.n, m.sent), unparsed: m.unparsed,
    ...counts,
    promotersShare: share(counts.promoters, e.n), passivesShare: share(counts.passives, e.n), detractorsShare: share(counts.detractors, e.n),
    nps: e.nps, ciLow: e.ciLow, ciHigh: e.ciHigh, standardError: e.standardError, n: e.n, reliable: e.reliable, rank: null,
    resolvedYes: m.resolvedYes, resolvedNo: m.resolvedNo, resolvedShare: share(m.resolvedYes, m.resolvedYes + m.resolvedNo),
    contacts: m.contacts, advisorResolvedShare: share(m.contactsResolved, m.contacts), repeats: m.repeats, repeatShare: share(m.repeats, m.contacts),
    fcr: m.fcr, fcrShare: share(m.fcr, m.contacts),
    previous: earlier ? { period: beforePeriod.label, nps: npsOf(earlier), n: earlierN } : null,
    change: change ? { difference: change.difference, pValue: change.pValue, significant: change.significant } : null,
    versusRest: null,
  };
}

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/** Measures of a row of NPS counts, or of contact counts (the other half is zero). */
function measuresOf(r: Record<string, unknown>): Measures {
  const n = (column: string) => Number(r[column] ?? 0);
  return {
    sent: n('sent'), unparsed: n('unparsed'), resolvedYes: n('resolved_yes'), resolvedNo: n('resolved_no'), scores: SCORES.map((i) => n(`s${i}`)),
    contacts: n('contacts'), contactsResolved: n('contacts_resolved'), repeats: n('repeats'), fcr: n('fcr'),
  };
}

/** CASE expression giving each row the index of the unit it falls in; null between units (a clipped period and the one before). */
function unitCase(column: RawBuilder<unknown>, bounds: readonly (readonly [number, number])[]): RawBuilder<number | null> {
  return sql<number | null>`case ${sql.join(bounds.map(([start, end], i) => sql`when ${column} between ${sql.lit(start)} and ${sql.lit(end)} then ${sql.lit(i)}`), sql` `)} end`;
}

function collect(rows: Record<string, unknown>[], unitOf: (unit: number) => number = (unit) => unit, fetched: Fetched = new Map()): Fetched {
  for (const r of rows) {
    if (r.unit === null) continue;
    const unit = unitOf(Number(r.unit));
    let groups = fetched.get(unit);
    if (!groups) fetched.set(unit, (groups = new Map()));
    groups.set(`${r.key1}\u001f${r.key2}\u001f${r.basis ?? ''}`, measuresOf(r));
  }
  return fetched;
}

async function fromAggregates(db: Kysely<Database>, dims: string, order: Dimension[], filters: ReportQuery['filters'], units: Unit[]): Promise<Fetched> {
  const conditions = [sql`dims = ${dims}`, sql`day >= ${units[0]!.start}`, sql`day <= ${units.at(-1)!.end}`];
  order.forEach((d, k) => {
    const value = filters[d];
    if (value !== undefined) conditions.push(sql`${sql.ref(k === 0 ? 'key1' : 'key2')} = ${value}`);
  });
  // Day units are the day column itself; longer units a CASE over their last days.
  const byDay = units.every((u) => u.start === u.end);
  const dayIndex = new Map(units.map((u, i) => [u.start, i]));
  const unitExpr = byDay ? sql.ref('day') : unitCase(sql.ref('day'), units.map((u) => [u.start, u.end]));
  const { rows } = await sql<Record<string, unknown>>`
    select ${unitExpr} as unit, key1, key2, basis,
      sum(sent) as sent, sum(unparsed) as unparsed, sum(resolved_yes) as resolved_yes, sum(resolved_no) as resolved_no,
      ${sql.join(SCORES.map((i) => sql`sum(${sql.ref(`s${i}`)}) as ${sql.ref(`s${i}`)}`))}
    from nps_counts
    where ${sql.join(conditions, sql` and `)}
    group by 1, key1, key2, basis
  `.execute(db);
  const contacts = await sql<Record<string, unknown>>`
    select ${unitExpr} as unit, key1, key2, sum(contacts) as contacts, sum(resolved) as contacts_resolved, sum(repeats) as repeats, sum(fcr) as fcr
    from contact_counts
    where ${sql.join(conditions, sql` and `)}
    group by 1, key1, key2
    having sum(contacts) > 0
  `.execute(db);
  const unitOf = byDay ? (day: number) => dayIndex.get(day)! : undefined;
  return collect(contacts.rows, unitOf, collect(rows, unitOf));
}



async function fromSurveys(db: Kysely<Database>, keyDims: Dimension[], filters: ReportQuery['filters'], units: Unit[]): Promise<Fetched> {
  const keyExpr = (k: number) => (keyDims[k] ? sql`coalesce(${sql.raw(SURVEY_COLUMN[keyDims[k]])}, '')` : sql`''`);
  const conditions = [
    sql`s.sent_at is not null`,
    sql`s.contact_started_at >= ${dayStart(units[0]!.start)}`,
    sql`s.contact_started_at < ${dayStart(addDays(units.at(-1)!.end, 1))}`,
  ];
  for (const [d, value] of Object.entries(filters) as [Dimension, string][]) conditions.push(sql`coalesce(${sql.raw(SURVEY_COLUMN[d])}, '') = ${value}`);
  // Unit boundaries as instants: from the first instant of the first day to the last of the last day.
  const unitExpr = unitCase(sql.ref('s.contact_started_at'), units.map((u) => [dayStart(u.start), dayStart(addDays(u.end, 1)) - 1]));
  const { rows } = await sql<Record<string, unknown>>`
    select ${unitExpr} as unit, ${keyExpr(0)} as key1, ${keyExpr(1)} as key2,
      v.scale_min || '-' || v.scale_max || '/' || v.promoter_min || '/' || v.detractor_max as basis,
      count(*) as sent,
      sum(case when s.status = 'unparsed' then 1 else 0 end) as unparsed,
      sum(case when r.resolved = 1 and r.score is not null then 1 else 0 end) as resolved_yes,
      sum(case when r.resolved = 0 and r.score is not null then 1 else 0 end) as resolved_no,
      ${sql.join(SCORES.map((i) => sql`sum(case when r.score = ${sql.lit(i)} then 1 else 0 end) as ${sql.ref(`s${i}`)}`))}
    from surveys s
    join survey_versions v on v.id = s.version_id
    left join survey_responses r on r.survey_id = s.id
    where ${sql.join(conditions, sql` and `)}
    group by 1, 2, 3, 4
  `.execute(db);
  return collect(await fromContacts(db, keyDims, filters, units), undefined, collect(rows));
}

/** A contact's dimensions: its snapshot, the segment of its account (or the customer's), the customer's language. */
const CONTACT_COLUMN: Record<Dimension, string> = {
  team: 'i.team_id', site: 'i.site_id', channel: 'i.channel', reason: 'i.reason_code', advisor: 'i.advisor_id', language: 'p.preferred_language',
  segment: CONTACT_SEGMENT,
};

async function fromContacts(db: Kysely<Database>, keyDims: Dimension[], filters: ReportQuery['filters'], units: Unit[]): Promise<Record<string, unknown>[]> {
  const keyExpr = (k: number) => (keyDims[k] ? sql`coalesce(${sql.raw(CONTACT_COLUMN[keyDims[k]])}, '')` : sql`''`);
  const conditions = [sql`i.started_at >= ${dayStart(units[0]!.start)}`, sql`i.started_at < ${dayStart(addDays(units.at(-1)!.end, 1))}`];
  for (const [d, value] of Object.entries(filters) as [Dimension, string][]) conditions.push(sql`coalesce(${sql.raw(CONTACT_COLUMN[d])}, '') = ${value}`);
  const unitExpr = unitCase(sql.ref('i.started_at'), units.map((u) => [dayStart(u.start), dayStart(addDays(u.end, 1)) - 1]));
  const { rows } = await sql<Record<string, unknown>>`
    select ${unitExpr} as unit, ${keyExpr(0)} as key1, ${keyExpr(1)} as key2, count(*) as contacts,
      sum(case when i.resolved = 1 then 1 else 0 end) as contacts_resolved,
      sum(case when i.repeat_of is not null then 1 else 0 end) as repeats,
      sum(case when i.resolved = 1 and i.next_contact_at is null then 1 else 0 end) as fcr
    from interactions i
    join parties p on p.id = i.party_id
    left join accounts a on a.id = i.account_id
    where ${sql.join(conditions, sql` and `)}
    group by 1, 2, 3
  `.execute(db);
  return rows;
}
