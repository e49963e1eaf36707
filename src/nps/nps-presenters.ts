import { npsReportRow, type DriverRow as DriverOut, type Labels, type NpsReportRow, type TopicRow as TopicOut, type Verbatim as VerbatimOut } from '../contract/nps.js';
import type { Dimension as ContractDimension } from '../contract/nps.js';
import type { Dimension } from './dimensions.js';
import type { TableRow } from './nps-table.js';
import type { DriverRow, TopicRow } from './topics.js';
import type { Verbatim } from './verbatims.js';

// The contract's dimension list is the one the figures are kept by: this fails to compile when they differ.
const sameDimensions: [Dimension, ContractDimension] extends [ContractDimension, Dimension] ? true : never = true;
void sameDimensions;

const REPORT_COLUMNS = Object.keys(npsReportRow.shape) as (keyof NpsReportRow)[];

/** A row of the NPS table with the columns the contract names, and no other. */
export function presentReportRow(row: TableRow): NpsReportRow {
  const out: Record<string, unknown> = {};
  for (const column of REPORT_COLUMNS) if (column in row) out[column] = row[column];
  return out as NpsReportRow;
}

/** The names of the grouped ids, per dimension. */
export function presentLabels(labels: Partial<Record<Dimension, Record<string, string>>>): Labels {
  return Object.fromEntries(Object.entries(labels).map(([d, names]) => [d, { ...names }]));
}

/** A topic of the comments in one period. */
export function presentTopicRow(r: TopicRow): TopicOut {
  return {
    period: r.period, start: r.start, end: r.end, basis: r.basis, topic: r.topic, mentions: r.mentions, share: r.share,
    negativeShare: r.negativeShare, nps: r.nps, n: r.n, reliable: r.reliable,
  };
}

/** A topic or reason ranked by what its detractors cost. */
export function presentDriverRow(r: DriverRow): DriverOut {
  return {
    kind: r.kind, key: r.key, basis: r.basis, n: r.n, detractors: r.detractors, detractorShare: r.detractorShare, nps: r.nps,
    ciLow: r.ciLow, ciHigh: r.ciHigh, reliable: r.reliable, impact: r.impact, rank: r.rank,
  };
}

/** A comment behind a figure, without who wrote it; without the advisor of its contact for a reader who sees no figures per advisor. */
export function presentVerbatim(v: Verbatim, show: { advisor: boolean }): VerbatimOut {
  return {
    id: v.id, contactAt: v.contactAt, score: v.score, category: v.category, basis: v.basis, comment: v.comment, language: v.language,
    sentiment: v.sentiment, sentimentLabel: v.sentimentLabel,
    topics: v.topics.map((t) => ({ topic: t.topic, spans: t.spans.map((s) => ({ start: s.start, end: s.end })), sentiment: t.sentiment })),
    team: v.team, advisor: show.advisor ? v.advisor : null, reason: v.reason, channel: v.channel,
  };
}
