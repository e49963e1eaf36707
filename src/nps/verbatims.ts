import { sql, type Kysely } from 'kysely';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import type { Database, Language } from '../storage/schema.js';
import { labelOf } from '../text/sentiment.js';
import type { SentimentLabel } from '../text/index.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { SURVEY_COLUMN, type Dimension } from './dimensions.js';
import type { ReportQuery } from './nps-report.js';

/**
 * The comments behind a figure: answered responses with a comment, in the report's range and
 * filters, newest contact first, with the analysis of each (language, sentiment, topics and the
 * spans that matched, for highlighting). No customer identity: the comment and its context only.
 * A comment is still the customer's personal data: the page says whose comments it holds
 * (`parties`), for the audit trail, and the API writes a read for each.
 */

export interface Verbatim {
  id: string;
  contactAt: string;
  score: number;
  category: string | null;
  basis: string;
  comment: string;
  language: string | null;
  sentiment: number | null;
  sentimentLabel: SentimentLabel | null;
  topics: { topic: string; spans: { start: number; end: number }[]; sentiment: number }[];
  team: string | null;
  advisor: string | null;
  reason: string | null;
  channel: string;
}

export interface VerbatimQuery extends Pick<ReportQuery, 'from' | 'to' | 'filters'> {
  category?: 'promoter' | 'passive' | 'detractor' | undefined;
  topic?: string | undefined;
  limit: number;
  /** cursor from the previous page (`next`) */
  before?: string | undefined;
}



export interface VerbatimPage {
  items: Verbatim[];
  next: string | null;
  /** the customers whose comments the page holds (for the audit trail; never sent to the reader) */
  parties: string[];
}

export async function verbatims(db: Kysely<Database>, query: VerbatimQuery): Promise<VerbatimPage> {
  const conditions = [
    sql`r.comment is not null`,
    sql`r.score is not null`,
    sql`r.interaction_started_at >= ${dayStart(query.from)}`,
    sql`r.interaction_started_at < ${dayStart(addDays(query.to, 1))}`,
  ];
  for (const [d, value] of Object.entries(query.filters) as [Dimension, string][]) conditions.push(sql`coalesce(${sql.raw(SURVEY_COLUMN[d])}, '') = ${value}`);
  if (query.category) conditions.push(sql`r.category = ${query.category}`);
  // Topics are stored as JSON written by JSON.stringify: `"topic":"billing"` has no spaces.
  if (query.topic) conditions.push(sql`r.topics like ${`%"topic":${JSON.stringify(query.topic)}%`}`);
  if (query.before !== undefined) conditions.push(after('r.interaction_started_at', 'r.id', parseBefore(query.before)));
  const { rows } = await sql<{
    id: string; interaction_started_at: number; score: number; category: string | null; scale_min: number; scale_max: number; promoter_min: number; detractor_max: number;
    comment: string; language: Language | null; sentiment: number | null; topics: string | null; team_id: string | null; advisor_id: string | null;
    reason_code: string | null; channel: string; party_id: string;
  }>`
    select r.id, r.party_id, r.interaction_started_at, r.score, r.category, r.scale_min, r.scale_max, r.promoter_min, r.detractor_max, r.comment,
      r.language, r.sentiment, r.topics, s.team_id, s.advisor_id, s.reason_code, s.channel
    from survey_responses r join surveys s on s.id = r.survey_id
    where ${sql.join(conditions, sql` and `)}
    order by r.interaction_started_at desc, r.id desc
    limit ${query.limit + 1}
  `.execute(db);
  const { items: page, next } = pageOf(rows, query.limit, (r) => [Number(r.interaction_started_at), r.id]);
  return {
    items: page.map((r) => ({
      id: r.id, contactAt: new Date(Number(r.interaction_started_at)).toISOString(), score: r.score, category: r.category,
      basis: `${r.scale_min}-${r.scale_max}/${r.promoter_min}/${r.detractor_max}`, comment: r.comment, language: r.language,
      sentiment: r.sentiment === null ? null : Number(r.sentiment), sentimentLabel: r.sentiment === null ? null : labelOf(Number(r.sentiment)), topics: r.topics ? JSON.parse(r.topics) : [],
      team: r.team_id, advisor: r.advisor_id, reason: r.reason_code, channel: r.channel,
    })),
    next,
    parties: [...new Set(page.map((r) => r.party_id))],
  };
}
