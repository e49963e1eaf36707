import { formatDay, INTERVALS, parseDay, periodOf } from '../../src/contract/calendar.js';
import { LANGUAGES } from '../../src/contract/vocabulary.js';
import type { QueryValues } from './api.js';
import { CHANNELS } from './codes.js';
import { luxembourgDay } from './format.js';
import type { Dimension, Interval, User } from './types.js';

/** The dimensions, in the order the dashboard offers them. */
export const DIMENSIONS: readonly Dimension[] = ['team', 'site', 'advisor', 'channel', 'reason', 'segment', 'language'];

/** Dimensions keyed by ids, named by the report's labels; the others are codes with translated labels. */
export const NAMED_DIMENSIONS = ['team', 'site', 'advisor', 'reason'] as const satisfies readonly Dimension[];
export type NamedDimension = (typeof NAMED_DIMENSIONS)[number];

/** The codes of the other dimensions. */
export const DIMENSION_CODES: Record<Exclude<Dimension, NamedDimension>, readonly string[]> = {
  channel: CHANNELS,
  segment: ['residential', 'business'],
  language: LANGUAGES,
};

export type Filters = Partial<Record<Dimension, string>>;

/** Whose NPS figures the reader sees: the server's rule, as GET /auth/me tells it (src/auth/policies.ts `npsScope`). */
export type NpsScope = User['npsScope'];

/** What the dashboard offers a reader: the team filter only to those who see every team, the advisor dimension only to those who see figures per advisor. */
export interface NpsReader {
  /** the reader sees their own team only (the server pins it) */
  ownTeam: boolean;
  /** the dimensions the reader may group and filter by, in the dashboard's order */
  dimensions: readonly Dimension[];
}

export function readerOf(scope: NpsScope): NpsReader {
  return { ownTeam: scope.teams === 'own', dimensions: scope.advisors === 'none' ? DIMENSIONS.filter((d) => d !== 'advisor') : DIMENSIONS };
}

/**
 * What the dashboard shows, kept in the address so a view can be shared and reloaded. A filter
 * with an empty key selects the contacts where the dimension was not recorded, as in the API.
 */
export interface NpsView {
  /** first and last contact day, YYYY-MM-DD */
  from: string;
  to: string;
  interval: Interval;
  /** one dimension, or two crossed */
  groupBy: Dimension[];
  filters: Filters;
  /** the breakdown shows the last period of the range, or the whole range */
  table: 'latest' | 'total';
}

/** The last 12 calendar months to today (Luxembourg), as the API's default. */
export function defaultRange(): { from: string; to: string } {
  const to = luxembourgDay(new Date().toISOString());
  const [year, month] = to.split('-').map(Number) as [number, number];
  // month is 1-based: month - 1 is this month, 11 more back
  return { from: new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10), to };
}

/** The breakdown at first: by team, or by advisor for those who see their own team only (an advisor: their own row). */
const defaultGroup = ({ ownTeam, dimensions }: NpsReader): Dimension => (ownTeam && dimensions.includes('advisor') ? 'advisor' : 'team');

/**
 * The view of a query string; what is missing or not understood takes its default. Readers who
 * see their own team only get no team filter (the server applies theirs) and see it by advisor;
 * a dimension the reader may not use (advisor, for those who see no figures per advisor) is dropped.
 */
export function parseView(search: string, reader: NpsReader): NpsView {
  const { ownTeam, dimensions } = reader;
  const isDimension = (value: string): value is Dimension => (dimensions as readonly string[]).includes(value);
  const params = new URLSearchParams(search);
  const range = defaultRange();
  const day = (name: 'from' | 'to') => {
    const value = params.get(name);
    return value !== null && parseDay(value) !== null ? value : range[name];
  };
  const interval = params.get('interval') ?? '';
  const groupBy = [...new Set((params.get('by') ?? '').split(',').filter(isDimension))].slice(0, 2);
  const filters: Filters = {};
  for (const d of dimensions) {
    const key = params.get(d);
    if (key !== null && !(ownTeam && d === 'team')) filters[d] = key;
  }
  return {
    from: day('from'),
    to: day('to'),
    interval: (INTERVALS as readonly string[]).includes(interval) ? (interval as Interval) : 'month',
    groupBy: groupBy.length > 0 ? groupBy : [defaultGroup(reader)],
    filters,
    table: params.get('table') === 'total' ? 'total' : 'latest',
  };
}

/** The query string of a view: only what differs from the defaults, so a shared "last 12 months" stays the last 12 months. */
export function serializeView(view: NpsView, reader: NpsReader): string {
  const range = defaultRange();
  const params = new URLSearchParams();
  if (view.from !== range.from) params.set('from', view.from);
  if (view.to !== range.to) params.set('to', view.to);
  if (view.interval !== 'month') params.set('interval', view.interval);
  if (view.groupBy.join(',') !== defaultGroup(reader)) params.set('by', view.groupBy.join(','));
  for (const d of DIMENSIONS) {
    const key = view.filters[d];
    if (key !== undefined) params.set(d, key);
  }
  if (view.table === 'total') params.set('table', 'total');
  return params.toString();
}

/** The whole range with the filters, by `interval` when given: the trend (not grouped), topics, drivers. */
export function rangeParams(view: NpsView, interval?: Interval): QueryValues {
  return { from: view.from, to: view.to, interval, ...view.filters };
}

/** The range of the breakdown: the last period of the range (clipped to it), or the whole range. */
export function breakdownRange(view: NpsView): { from: string; to: string; interval: Interval } {
  if (view.table === 'total' || view.interval === 'total') return { from: view.from, to: view.to, interval: 'total' };
  // A rolling period is named by its last day: the window ending on `to`.
  if (view.interval === 'rolling28') return { from: view.to, to: view.to, interval: 'rolling28' };
  const last = periodOf(parseDay(view.to)!, view.interval);
  return { from: formatDay(Math.max(last.start, parseDay(view.from)!)), to: view.to, interval: view.interval };
}

/** The breakdown table, and its CSV: exactly the rows on screen. */
export function breakdownParams(view: NpsView): QueryValues {
  return { ...breakdownRange(view), groupBy: view.groupBy.join(','), ...view.filters };
}
