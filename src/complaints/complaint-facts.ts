import type { Kysely } from 'kysely';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { localDay } from '../shared/calendar.js';
import type { ComplaintCountTable, ComplaintDurationTable, ComplaintFactTable, Database } from '../storage/schema.js';

/**
 * What each complaint counts for in the report (docs/complaints.md, "Reports"), computed from the
 * complaint and its events, and the monthly aggregates per category, team and channel kept up to
 * date from it: every change of a complaint records the difference between its fact before and after,
 * in the change's transaction.
 */

export const REPORT_DIMENSIONS = ['category', 'team', 'channel'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
/** What the aggregates are kept by: each report dimension, and category and channel within each team (a team lead's report). */
export const AGGREGATE_DIMENSIONS = [...REPORT_DIMENSIONS, 'team_category', 'team_channel'] as const;
export type AggregateDimension = (typeof AGGREGATE_DIMENSIONS)[number];
export const DURATION_MEASURES = ['ack_business', 'ack_calendar', 'answer_business', 'answer_calendar'] as const;
export type DurationMeasure = (typeof DURATION_MEASURES)[number];
export const COUNT_MEASURES = [
  'received', 'acknowledged', 'ack_on_time', 'answered', 'answer_on_time', 'reopened', 'fcr', 'rejected',
  'satisfaction_answered', 'satisfaction_promoters', 'satisfaction_detractors',
] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

export type ComplaintFact = ComplaintFactTable;

/** Width of a duration bucket: each is 5 % longer than the one before (a quantile is read to within 2.5 %). */
const RATIO = Math.log(1.05);

/** The bucket of a duration in minutes: 0 for under a minute, then log-scale buckets 5 % wide. */
export function durationBucket(minutes: number): number {
  return minutes < 1 ? 0 : 1 + Math.floor(Math.log(minutes) / RATIO + 1e-9);
}

/** The minutes a bucket stands for: its geometric middle (0 for bucket 0). */
export function bucketMinutes(bucket: number): number {
  return bucket === 0 ? 0 : Math.exp((bucket - 0.5) * RATIO);
}

/** What a fact's event rows must hold. */
export interface FactEvent {
  at: number;
  action: string;
  to_state: string;
  data: string | null;
}

export interface FactInput {
  case_id: string;
  received_at: number;
  category: string;
  channel: string;
  team_id: string | null;
  state: string;
  ack_due_at: number;
  answer_due_at: number;
  /** the category of the last answer to the satisfaction survey about its handling (src/surveys/complaint-satisfaction.ts) */
  satisfaction?: ComplaintFact['satisfaction'] | undefined;
}

const minutes = (ms: number) => Math.round(Math.max(0, ms) / 60_000);

/**
 * The fact of one complaint, from its events oldest first:
 * - acknowledged: the first `acknowledge` or `answer` (an answer acknowledges too); on time when at or
 *   before the acknowledgement deadline moved by the business time paused before it;
 * - answered: the first `answer`, on time against the first answer deadline moved the same way;
 * - durations from receipt, in business time without the time paused and in calendar time;
 * - reopened: a `reopen` ever; rejected: rejected now;
 * - first-contact resolution: first answered on the local day of receipt and never reopened;
 * - satisfaction: the category of the customer's last rating of the handling, if any.
 */
export function factOf(complaint: FactInput, events: readonly FactEvent[], cal: BusinessCalendar = LUXEMBOURG_CALENDAR): ComplaintFact {
  const received = Number(complaint.received_at);
  let paused = 0;
  let ack: { at: number; paused: number } | null = null;
  let answer: { at: number; paused: number } | null = null;
  let reopened = 0;
  for (const e of events) {
    const at = Number(e.at);
    if (e.data) {
      const pausedMs = (JSON.parse(e.data) as { pausedMs?: unknown }).pausedMs;
      if (typeof pausedMs === 'number') paused += pausedMs;
    }
    if (!ack && (e.action === 'acknowledge' || e.action === 'answer')) ack = { at, paused };
    if (!answer && e.action === 'answer') answer = { at, paused };
    if (e.action === 'reopen') reopened = 1;
  }
  const timed = (step: { at: number; paused: number } | null, due: number) =>
    step
      ? {
          business: minutes(businessTimeBetween(received, step.at, cal) - step.paused),
          calendar: minutes(step.at - received),
          onTime: step.at <= addBusinessTime(Number(due), step.paused, cal) ? 1 : 0,
        }
      : null;
  const a = timed(ack, complaint.ack_due_at);
  const r = timed(answer, complaint.answer_due_at);
  const day = localDay(received);
  return {
    case_id: complaint.case_id,
    month: Math.floor(day / 100),
    category: complaint.category,
    team_id: complaint.team_id ?? '',
    channel: complaint.channel,
    ack_business_min: a?.business ?? null,
    ack_calendar_min: a?.calendar ?? null,
    ack_on_time: (a?.onTime ?? 0) as 0 | 1,
    answer_business_min: r?.business ?? null,
    answer_calendar_min: r?.calendar ?? null,
    answer_on_time: (r?.onTime ?? 0) as 0 | 1,
    answered: answer ? 1 : 0,
    reopened: reopened as 0 | 1,
    fcr: answer && !reopened && localDay(answer.at) === day ? 1 : 0,
    rejected: complaint.state === 'rejected' ? 1 : 0,
    satisfaction: complaint.satisfaction ?? null,
  };
}

/** The value of a fact for a dimension: within a team, `<team id>|<category or channel>`. */
export function valueOf(fact: Pick<ComplaintFact, 'category' | 'team_id' | 'channel'>, dimension: AggregateDimension): string {
  if (dimension === 'team') return fact.team_id;
  if (dimension === 'team_category') return `${fact.team_id}|${fact.category}`;
  if (dimension === 'team_channel') return `${fact.team_id}|${fact.channel}`;
  return fact[dimension];
}

/** The counts a fact adds. */
export function countsOf(fact: ComplaintFact): Record<CountMeasure, number> {
  return {
    received: 1,
    acknowledged: fact.ack_business_min === null ? 0 : 1,
    ack_on_time: Number(fact.ack_on_time),
    answered: Number(fact.answered),
    answer_on_time: Number(fact.answer_on_time),
    reopened: Number(fact.reopened),
    fcr: Number(fact.fcr),
    rejected: Number(fact.rejected),
    satisfaction_answered: fact.satisfaction === null ? 0 : 1,
    satisfaction_promoters: fact.satisfaction === 'promoter' ? 1 : 0,
    satisfaction_detractors: fact.satisfaction === 'detractor' ? 1 : 0,
  };
}

/** The durations a fact adds, in minutes, by measure (the ones it has). */
export function durationsOf(fact: ComplaintFact): [DurationMeasure, number][] {
  const out: [DurationMeasure, number][] = [];
  const add = (m: DurationMeasure, v: number | null) => v !== null && out.push([m, Number(v)]);
  add('ack_business', fact.ack_business_min);
  add('ack_calendar', fact.ack_calendar_min);
  add('answer_business', fact.answer_business_min);
  add('answer_calendar', fact.answer_calendar_min);
  return out;
}

/** Differences to add to the aggregates, keyed by their primary key. */
export class FactDelta {
  readonly counts = new Map<string, { month: number; dimension: AggregateDimension; value: string; c: Record<CountMeasure, number> }>();
  /** per month, dimension value and measure: the difference of each bucket */
  readonly durations = new Map<string, { month: number; dimension: AggregateDimension; value: string; measure: DurationMeasure; buckets: Map<number, number> }>();

  /** Adds (sign 1) or takes away (sign −1) what a fact counts for. */
  add(fact: ComplaintFact, sign: 1 | -1): void {
    const counts = countsOf(fact);
    const durations = durationsOf(fact).map(([measure, min]) => [measure, durationBucket(min)] as const);
    const month = Number(fact.month);
    for (const dimension of AGGREGATE_DIMENSIONS) {
      const value = valueOf(fact, dimension);
      const key = `${dimension}|${month}|${value}`;
      let row = this.counts.get(key);
      if (!row) this.counts.set(key, (row = { month, dimension, value, c: Object.fromEntries(COUNT_MEASURES.map((m) => [m, 0])) as Record<CountMeasure, number> }));
      for (const m of COUNT_MEASURES) row.c[m] += sign * counts[m];
      for (const [measure, bucket] of durations) {
        const hkey = `${key}|${measure}`;
        let h = this.durations.get(hkey);
        if (!h) this.durations.set(hkey, (h = { month, dimension, value, measure, buckets: new Map() }));
        h.buckets.set(bucket, (h.buckets.get(bucket) ?? 0) + sign);
      }
    }
  }

  /**
   * The non-zero differences as rows: the counts per month and dimension value, and per measure the
   * histogram of the buckets that changed (bucket → difference). Added to empty aggregates, they are the aggregates.
   */
  rows(): { counts: ComplaintCountTable[]; durations: ComplaintDurationTable[] } {
    const counts = [...this.counts.values()]
      .filter((r) => COUNT_MEASURES.some((m) => r.c[m] !== 0))
      .map((r) => ({ month: r.month, dimension: r.dimension, value: r.value, ...r.c }));
    const durations: ComplaintDurationTable[] = [];
    for (const h of this.durations.values()) {
      const changed = new Map([...h.buckets].filter(([, n]) => n !== 0));
      if (changed.size > 0) durations.push({ month: h.month, dimension: h.dimension, value: h.value, measure: h.measure, histogram: formatHistogram(changed) });
    }
    return { counts, durations };
  }

  /** Writes the non-zero differences (upserts that add): in the caller's transaction. */
  async write(db: Kysely<Database>): Promise<void> {
    const { counts, durations } = this.rows();
    for (const row of counts) {
      await db
        .insertInto('complaint_counts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['dimension', 'month', 'value']).doUpdateSet((eb) =>
            Object.fromEntries(COUNT_MEASURES.map((m) => [m, eb(`complaint_counts.${m}`, '+', eb.ref(`excluded.${m}`))])) as Partial<Record<keyof ComplaintCountTable, never>>,
          ),
        )
        .execute();
    }
    for (const h of durations) {
      // The no-op update of an existing row locks it (PostgreSQL; SQLite holds the write lock): no concurrent change is lost.
      const { histogram } = await db
        .insertInto('complaint_durations')
        .values({ month: h.month, dimension: h.dimension, value: h.value, measure: h.measure, histogram: '{}' })
        .onConflict((oc) => oc.columns(['dimension', 'month', 'value', 'measure']).doUpdateSet((eb) => ({ histogram: eb.ref('complaint_durations.histogram') })))
        .returning('histogram')
        .executeTakeFirstOrThrow();
      const merged = parseHistogram(histogram);
      for (const [bucket, n] of parseHistogram(h.histogram)) {
        const sum = (merged.get(bucket) ?? 0) + n;
        if (sum === 0) merged.delete(bucket);
        else merged.set(bucket, sum);
      }
      await db
        .updateTable('complaint_durations')
        .set({ histogram: formatHistogram(merged) })
        .where('dimension', '=', h.dimension).where('month', '=', h.month).where('value', '=', h.value).where('measure', '=', h.measure)
        .execute();
    }
  }
}

/** A stored histogram: bucket → complaints. */
export function parseHistogram(text: string): Map<number, number> {
  return new Map(Object.entries(JSON.parse(text) as Record<string, number>).map(([bucket, n]) => [Number(bucket), n]));
}

export function formatHistogram(histogram: ReadonlyMap<number, number>): string {
  return JSON.stringify(Object.fromEntries([...histogram].sort((a, b) => a[0] - b[0])));
}

const SAME_KEYS = Object.keys({
  month: 0, category: 0, team_id: 0, channel: 0, ack_business_min: 0, ack_calendar_min: 0, ack_on_time: 0, answer_business_min: 0,
  answer_calendar_min: 0, answer_on_time: 0, answered: 0, reopened: 0, fcr: 0, rejected: 0, satisfaction: 0,
} satisfies Record<Exclude<keyof ComplaintFact, 'case_id'>, 0>) as Exclude<keyof ComplaintFact, 'case_id'>[];

const num = (v: unknown) => (v === null ? null : Number(v));

/**
 * Recomputes a complaint's fact from its rows and events and adds the difference to the aggregates:
 * in the transaction of the change (intake, every action, an import). Nothing written when the fact
 * is the same (a comment, an assignment within the team).
 */
export async function recordComplaintFact(db: Kysely<Database>, caseId: string, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): Promise<void> {
  const row = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .select(['complaints.case_id', 'complaints.received_at', 'complaints.category', 'complaints.channel', 'complaints.ack_due_at', 'complaints.answer_due_at', 'cases.team_id', 'cases.state'])
    .where('complaints.case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const events = await db.selectFrom('case_events').select(['at', 'action', 'to_state', 'data']).where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
  const rated = await db
    .selectFrom('complaint_surveys')
    .select('category')
    .where('case_id', '=', caseId)
    .where('status', '=', 'answered')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fact = factOf(
    { ...row, received_at: Number(row.received_at), ack_due_at: Number(row.ack_due_at), answer_due_at: Number(row.answer_due_at), satisfaction: rated?.category ?? null },
    events,
    cal,
  );
  const stored = await db.selectFrom('complaint_facts').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  const before = stored && (Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, typeof v === 'string' ? v : num(v)])) as unknown as ComplaintFact);
  if (before && SAME_KEYS.every((k) => before[k] === fact[k])) return;
  const delta = new FactDelta();
  if (before) delta.add(before, -1);
  delta.add(fact, 1);
  await delta.write(db);
  if (before) await db.updateTable('complaint_facts').set(fact).where('case_id', '=', caseId).execute();
  else await db.insertInto('complaint_facts').values(fact).execute();
}
