import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { addDays, bucketsOf, dayStart, formatDay, localDay, type Bucket } from '../shared/calendar.js';
import { SURVEY_COLUMN, type Dimension } from './dimensions.js';
import { categorise, npsReport, share, type ReportQuery } from './nps-report.js';
import { estimate, type NpsCounts } from './statistics.js';

/**
 * What customers talk about, and what it costs: topic trends per period, and the drivers of NPS —
 * for each topic of the comments and each contact reason, the share of detractors and how many
 * points NPS would gain if that group's detractors had been passives. Read from the aggregates
 * (topic_counts, nps_counts) when at most one dimension is filtered, otherwise from the responses.
 */

export interface TopicRow {
  period: string;
  start: string;
  end: string;
  basis: string;
  topic: string;
  /** responses whose comment mentions the topic */
  mentions: number;
  /** mentions / responses of the period, % */
  share: number | null;
  /** of the mentions, how many in a negative clause, % */
  negativeShare: number | null;
  nps: number | null;
  n: number;
  reliable: boolean;
}

export interface DriverRow {
  kind: 'topic' | 'reason';
  /** topic id or reason code ('' for contacts without reason) */
  key: string;
  basis: string;
  n: number;
  detractors: number;
  /** detractors / n, % */
  detractorShare: number | null;
  nps: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  reliable: boolean;
  /** points the period's NPS would gain if this group's detractors had been passives: 100 × detractors / all responses */
  impact: number;
  /** 1 = largest impact; unreliable groups are not ranked */
  rank: number | null;
}

type ScoreSums = { scores: number[]; negative: number };

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * Topic counts per period, topic and basis. Read per day, then summed per period: periods may
 * overlap (rolling 28 days), and a day belongs to every period that holds it.
 */
async function topicCounts(db: Kysely<Database>, query: ReportQuery, periods: readonly Bucket[]): Promise<Map<string, ScoreSums>> {
  const first = Math.min(...periods.map((p) => p.start));
  const last = Math.max(...periods.map((p) => p.end));
  const days = await topicDays(db, query.filters, first, last);
  const sums = new Map<string, ScoreSums>();
  periods.forEach((period, index) => {
    for (const [day, topics] of days) {
      if (day < period.start || day > period.end) continue;
      for (const [topicBasis, { scores, negative }] of topics) {
        const id = `${index}\u001f${topicBasis}`;
        const sum = sums.get(id);
        if (!sum) sums.set(id, { scores: [...scores], negative });
        else {
          sum.negative += negative;
          scores.forEach((n, i) => (sum.scores[i]! += n));
        }
      }
    }
  });
  return sums;
}


/** Topic counts per day, then per `topic \u001f basis`: from topic_counts with at most one filter, otherwise from the responses. */
async function topicDays(db: Kysely<Database>, filters: ReportQuery['filters'], first: number, last: number): Promise<Map<number, Map<string, ScoreSums>>> {
  const days = new Map<number, Map<string, ScoreSums>>();
  const add = (day: number, topic: string, basis: string, scores: number[], negative: number) => {
    let topics = days.get(day);
    if (!topics) days.set(day, (topics = new Map()));
    const id = `${topic}\u001f${basis}`;
    const sum = topics.get(id);
    if (!sum) topics.set(id, { scores, negative });
    else {
      sum.negative += negative;
      scores.forEach((n, i) => (sum.scores[i]! += n));
    }
  };
  const given = Object.entries(filters) as [Dimension, string][];
  if (given.length <= 1) {
    const [dim, key] = given[0] ?? ['', ''];
    const { rows } = await sql<Record<string, number | string>>`
      select day, topic, basis, negative, ${sql.join(SCORES.map((i) => sql.ref(`s${i}`)))}
      from topic_counts
      where dims = ${dim} and key1 = ${key} and day >= ${first} and day <= ${last}
    `.execute(db);
    for (const r of rows) add(Number(r.day), String(r.topic), String(r.basis), SCORES.map((i) => Number(r[`s${i}`])), Number(r.negative));
    return days;
  }
  const { rows } = await sql<{ contact_started_at: number; topics: string; score: number; basis: string }>`
    select s.contact_started_at, r.topics, r.score, r.scale_min || '-' || r.scale_max || '/' || r.promoter_min || '/' || r.detractor_max as basis
    from survey_responses r join surveys s on s.id = r.survey_id
    where r.topics is not null and r.score is not null
      and s.contact_started_at >= ${dayStart(first)} and s.contact_started_at < ${dayStart(addDays(last, 1))}
      ${sql.join(given.map(([d, v]) => sql`and coalesce(${sql.raw(SURVEY_COLUMN[d])}, '') = ${v}`), sql` `)}
  `.execute(db);
  for (const r of rows) {
    const day = localDay(Number(r.contact_started_at));
    for (const t of JSON.parse(r.topics) as { topic: string; sentiment: number }[]) {
      const scores = new Array<number>(11).fill(0);
      scores[r.score] = 1;
      add(day, t.topic, r.basis, scores, t.sentiment < 0 ? 1 : 0);
    }
  }
  return days;
}

/** Mentions of each topic per period, with the share of responses and the NPS of those who mention it. */
export async function topicTrends(db: Kysely<Database>, query: ReportQuery): Promise<TopicRow[]> {
  const { buckets } = bucketsOf(query.from, query.to, query.interval);
  const totals = await npsReport(db, { ...query, groupBy: [] });
  const counts = await topicCounts(db, query, buckets);
  const rows: TopicRow[] = [];
  for (const [id, sum] of counts) {
    const [unit, topic, basis] = id.split('\u001f') as [string, string, string];
    const period = buckets[Number(unit)]!;
    const total = totals.rows.find((r) => r.period === period.label && r.basis === basis);
    const e = estimate(categorise(sum.scores, basis), query.minResponses);
    rows.push({
      period: period.label, start: formatDay(period.start), end: formatDay(period.end), basis, topic, mentions: e.n,
      share: share(e.n, total?.n ?? 0), negativeShare: share(sum.negative, e.n), nps: e.nps, n: e.n, reliable: e.reliable,
    });
  }
  return rows.sort((a, b) => a.start.localeCompare(b.start) || a.basis.localeCompare(b.basis) || b.mentions - a.mentions || a.topic.localeCompare(b.topic));
}

/** Drivers over the whole range: topics and reasons ranked by the NPS points their detractors cost. */
export async function drivers(db: Kysely<Database>, query: ReportQuery): Promise<DriverRow[]> {
  const whole = { ...query, interval: 'total' as const };
  const period: Bucket = { label: '', start: query.from, end: query.to };
  const totals = await npsReport(db, { ...whole, groupBy: [] });
  const groups: { kind: DriverRow['kind']; key: string; basis: string; counts: NpsCounts }[] = [];
  for (const [id, sum] of await topicCounts(db, query, [period])) {
    const [, topic, basis] = id.split('\u001f') as [string, string, string];
    groups.push({ kind: 'topic', key: topic, basis, counts: categorise(sum.scores, basis) });
  }
  const byReason = query.filters.reason === undefined ? await npsReport(db, { ...whole, groupBy: ['reason'] }) : { rows: [] };
  for (const r of byReason.rows) {
    groups.push({ kind: 'reason', key: r.group.reason ?? '', basis: r.basis, counts: { promoters: r.promoters, passives: r.passives, detractors: r.detractors } });
  }
  const rows = groups.map(({ kind, key, basis, counts }): DriverRow => {
    const e = estimate(counts, query.minResponses);
    const all = totals.rows.find((t) => t.basis === basis)?.n ?? 0;
    return {
      kind, key, basis, n: e.n, detractors: counts.detractors, detractorShare: share(counts.detractors, e.n), nps: e.nps,
      ciLow: e.ciLow, ciHigh: e.ciHigh, reliable: e.reliable, impact: all === 0 ? 0 : (100 * counts.detractors) / all, rank: null,
    };
  });
  for (const kind of ['topic', 'reason'] as const) {
    const bases = new Set(rows.map((r) => r.basis));
    for (const basis of bases) {
      rows
        .filter((r) => r.kind === kind && r.basis === basis && r.reliable)
        .sort((a, b) => b.impact - a.impact)
        .forEach((r, i) => (r.rank = i + 1));
    }
  }
  return rows.sort((a, b) => a.kind.localeCompare(b.kind) || a.basis.localeCompare(b.basis) || b.impact - a.impact || a.key.localeCompare(b.key));
}
