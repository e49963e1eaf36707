/**
 * The dimensions NPS figures are grouped and filtered by, each a column of the survey's snapshot of
 * its contact, and the cells of the aggregates they make. Every survey is one fact; a fact adds to
 * 37 cells: all surveys and each dimension alone, per day and per month, and each pair of
 * dimensions (any two crossed) per month. Pairs per day would multiply the tables by the advisors ×
 * reasons of every day; crossed figures are read by month, quarter or year (finer ones come from
 * the surveys, see nps-report.ts).
 */

/** The dimensions, in the order pairs are written (team first: team leads filter on it). */
export const DIMENSIONS = ['team', 'site', 'channel', 'segment', 'language', 'reason', 'advisor'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A survey's snapshot: where its figures go. Absent values (no reason code, no account) are ''. */
export type DimensionKeys = Record<Dimension, string>;

/** The column of each dimension in a survey (alias `s`) or a response: its snapshot of the contact. */
export const SURVEY_COLUMN: Record<Dimension, string> = {
  team: 's.team_id', site: 's.site_id', channel: 's.channel', segment: 's.segment', language: 's.language', reason: 's.reason_code', advisor: 's.advisor_id',
};

/** A survey row's dimension keys. */
export function keysOf(s: {
  team_id: string | null; site_id: string | null; channel: string; segment: string | null; language: string; reason_code: string | null; advisor_id: string | null;
}): DimensionKeys {
  return {
    team: s.team_id ?? '', site: s.site_id ?? '', channel: s.channel, segment: s.segment ?? '', language: s.language,
    reason: s.reason_code ?? '', advisor: s.advisor_id ?? '',
  };
}

/** Prefix of the `dims` of single-dimension cells kept per month. */
const MONTHLY = 'm:';

/**
 * The cells of every fact: [dims, first dimension, second dimension, per month]. All and each
 * dimension alone per day, and again per month (`m:`, `m:team`: a monthly report reads a row per
 * month, not 30); each pair of dimensions per month.
 */
export const CELLS: readonly (readonly [dims: string, first: Dimension | null, second: Dimension | null, monthly: boolean])[] = [
  ['', null, null, false],
  ...DIMENSIONS.map((d) => [d, d, null, false] as const),
  [MONTHLY, null, null, true],
  ...DIMENSIONS.map((d) => [`${MONTHLY}${d}`, d, null, true] as const),
  ...DIMENSIONS.flatMap((a, i) => DIMENSIONS.slice(i + 1).map((b) => [`${a},${b}`, a, b, true] as const)),
];

/** The day monthly cells are kept on: the first of the month (yyyymm01). */
export function monthOf(day: number): number {
  return Math.floor(day / 100) * 100 + 1;
}

/**
 * The `dims` value of a grouping, in DIMENSIONS order: per day '' for all or `team`; per month
 * `m:` or `m:team`, and pairs (`team,reason`, always per month).
 */
export function dimsOf(dimensions: readonly Dimension[], monthly = false): { dims: string; order: Dimension[] } {
  const order = [...dimensions].sort((a, b) => DIMENSIONS.indexOf(a) - DIMENSIONS.indexOf(b));
  return { dims: monthly && order.length < 2 ? `${MONTHLY}${order.join(',')}` : order.join(','), order };
}
