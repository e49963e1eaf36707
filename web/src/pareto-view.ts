import { CHART_INTERVALS, CHART_MEASURES, CODED_SUBJECTS, PARETO_SORTS } from '../../src/contract/analysis.js';
import { parseDay } from '../../src/contract/calendar.js';
import type { QueryValues } from './api.js';
import { COMPLAINT_CHANNELS } from './codes.js';
import { luxembourgToday } from './cases.js';

export type ParetoSort = (typeof PARETO_SORTS)[number];
export type ItemKind = (typeof CODED_SUBJECTS)[number];
export type ChartInterval = (typeof CHART_INTERVALS)[number];
export type ChartMeasure = (typeof CHART_MEASURES)[number];
export const SEGMENTS = ['residential', 'business'] as const;

/**
 * What the Pareto board shows, kept in the address so a view can be shared and reloaded: the
 * period and filters, the level and sort of the bars, and the cause chosen with what is shown of it.
 */
export interface ParetoView {
  /** first and last day, YYYY-MM-DD */
  from: string;
  to: string;
  level: '' | '1' | '2';
  sort: ParetoSort;
  segment?: string | undefined;
  channel?: string | undefined;
  team?: string | undefined;
  plan?: string | undefined;
  /** the cause whose items and control chart are open */
  cause?: string | undefined;
  kind: ItemKind;
  interval: ChartInterval;
  measure: ChartMeasure;
}

const oneOf = <T extends string>(value: string | null, list: readonly T[], fallback: T): T => (value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback);
const text = (value: string | null) => (value === null || value === '' ? undefined : value);

/** The last 12 calendar months to today (Luxembourg), as the NPS dashboard's: at most 366 days. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const to = luxembourgToday(now);
  const [year, month] = to.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10), to };
}

/** The view of a query string; anything unreadable falls back to its default. */
export function parseParetoView(query: string): ParetoView {
  const q = new URLSearchParams(query);
  const range = defaultRange();
  const day = (name: 'from' | 'to') => {
    const value = q.get(name);
    return value !== null && parseDay(value) !== null ? value : range[name];
  };
  return {
    from: day('from'),
    to: day('to'),
    level: oneOf(q.get('level'), ['', '1', '2'] as const, ''),
    sort: oneOf(q.get('sort'), PARETO_SORTS, 'total'),
    segment: (SEGMENTS as readonly string[]).includes(q.get('segment') ?? '') ? q.get('segment')! : undefined,
    channel: (COMPLAINT_CHANNELS as readonly string[]).includes(q.get('channel') ?? '') ? q.get('channel')! : undefined,
    team: text(q.get('team')),
    plan: text(q.get('plan')),
    cause: text(q.get('cause')),
    kind: oneOf(q.get('kind'), CODED_SUBJECTS, 'complaint'),
    interval: oneOf(q.get('interval'), CHART_INTERVALS, 'month'),
    measure: oneOf(q.get('measure'), CHART_MEASURES, 'complaints'),
  };
}

/** The query string of a view, without the defaults. */
export function serializeParetoView(view: ParetoView): string {
  const q = new URLSearchParams();
  const range = defaultRange();
  if (view.from !== range.from) q.set('from', view.from);
  if (view.to !== range.to) q.set('to', view.to);
  if (view.level) q.set('level', view.level);
  if (view.sort !== 'total') q.set('sort', view.sort);
  for (const name of ['segment', 'channel', 'team', 'plan', 'cause'] as const) if (view[name]) q.set(name, view[name]!);
  if (view.cause) {
    if (view.kind !== 'complaint') q.set('kind', view.kind);
    if (view.interval !== 'month') q.set('interval', view.interval);
    if (view.measure !== 'complaints') q.set('measure', view.measure);
  }
  return q.toString();
}

/** The period and filters as the API takes them. */
export function filterParams(view: ParetoView): QueryValues {
  return { from: view.from, to: view.to, segment: view.segment, channel: view.channel, team: view.team, plan: view.plan };
}

/** Days from `from` to `to`, both counted. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}
