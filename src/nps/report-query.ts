import { npsScope, type Actor } from '../auth/policies.js';
import { DomainError, forbidden, type FieldIssue } from '../shared/errors.js';
import { MAX_REPORT_PERIODS } from '../contract/calendar.js';
import { formatDay, INTERVALS, localDay, parseDay, periodCount, type Interval } from '../shared/calendar.js';
import { DIMENSIONS, type Dimension } from './dimensions.js';
import type { ReportQuery } from './nps-report.js';

/** The parameters of a report as people write them (API query string, CLI flags). */
export interface ReportParams {
  from?: string | undefined;
  to?: string | undefined;
  interval?: string | undefined;
  /** one or two dimensions, comma-separated */
  groupBy?: string | undefined;
  /** filters: dimension → key */
  filters?: Partial<Record<string, string | undefined>>;
}

/** Longest report: more periods than this is a table nobody reads (and a slow query). */
export const MAX_PERIODS = MAX_REPORT_PERIODS;

/** The days a report may cover. */
const FIRST_DAY = 19700101;
const LAST_DAY = 29991231;

/**
 * Reads and checks report parameters: every problem is named with its parameter (400), nothing is
 * guessed. Defaults: the last 12 calendar months to today, by month, not grouped.
 */
export function parseReportParams(params: ReportParams, minResponses: number, now = Date.now()): ReportQuery {
  const problems: FieldIssue[] = [];
  const today = localDay(now);
  const day = (field: 'from' | 'to', fallback: number) => {
    const raw = params[field];
    if (raw === undefined || raw === '') return fallback;
    const parsed = parseDay(raw);
    if (parsed === null) problems.push({ field, reason: `must be a date written YYYY-MM-DD, got "${raw}"`, code: 'invalid-format', params: { format: 'date' } });
    return parsed ?? fallback;
  };
  const to = day('to', today);
  const from = day('from', firstOfMonthsBack(to, 11));
  if (from > to) problems.push({ field: 'from', reason: `must not be after to (${params.from} is after ${params.to ?? 'today'})`, code: 'from-after-to' });

  const interval = (params.interval || 'month') as Interval;
  if (!INTERVALS.includes(interval)) problems.push({ field: 'interval', reason: `must be one of ${INTERVALS.join(', ')}; got "${params.interval}"`, code: 'not-one-of', params: { options: INTERVALS.join(', ') } });

  const groupBy = (params.groupBy ?? '').split(',').map((d) => d.trim()).filter(Boolean) as Dimension[];
  for (const d of groupBy) {
    if (!DIMENSIONS.includes(d)) problems.push({ field: 'groupBy', reason: `unknown dimension "${d}"; the dimensions are ${DIMENSIONS.join(', ')}`, code: 'not-one-of', params: { options: DIMENSIONS.join(', ') } });
  }
  if (groupBy.length > 2) problems.push({ field: 'groupBy', reason: 'at most two dimensions can be crossed', code: 'too-many', params: { maximum: 2 } });
  if (new Set(groupBy).size !== groupBy.length) problems.push({ field: 'groupBy', reason: 'names a dimension twice', code: 'repeated' });

  const filters: Partial<Record<Dimension, string>> = {};
  for (const [name, value] of Object.entries(params.filters ?? {})) {
    if (value === undefined) continue;
    if (!DIMENSIONS.includes(name as Dimension)) problems.push({ field: name, reason: `is not a dimension; filter on ${DIMENSIONS.join(', ')}`, code: 'unknown-field', params: { keys: name } });
    else filters[name as Dimension] = value;
  }

  if (problems.length > 0) {
    throw new DomainError(400, 'invalid-input', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);
  }
  // Counted, not built: a range of thousands of years is refused at once (the periods would take seconds to build).
  const periods = periodCount(from, to, interval);
  if (periods > MAX_PERIODS) {
    const reason = `gives ${periods} periods from ${formatDay(from)} to ${formatDay(to)}, more than ${MAX_PERIODS}; choose a longer interval or a shorter range`;
    throw new DomainError(400, 'too-many-periods', `interval ${reason}`, [{ field: 'interval', reason, code: 'too-many-periods', params: { periods, max: MAX_PERIODS } }], { periods, max: MAX_PERIODS, interval });
  }
  // Contacts are stored as instants since 1970; a period compared with the one before reaches back as far again.
  const outside = (['from', 'to'] as const).filter((field) => ({ from, to })[field] < FIRST_DAY || ({ from, to })[field] > LAST_DAY);
  if (outside.length > 0) {
    const reason = `must be between ${formatDay(FIRST_DAY)} and ${formatDay(LAST_DAY)}`;
    throw new DomainError(400, 'invalid-input', outside.map((field) => `${field} ${reason}`).join('; '), outside.map((field) => ({ field, reason, code: 'out-of-range', params: { minimum: formatDay(FIRST_DAY), maximum: formatDay(LAST_DAY) } })));
  }
  return { from, to, interval, groupBy, filters, minResponses, today };
}

/** The first day of the month `months` before the month of `day`. */
function firstOfMonthsBack(day: number, months: number): number {
  const index = Math.floor(day / 10_000) * 12 + (Math.floor(day / 100) % 100) - 1 - months;
  return Math.floor(index / 12) * 10_000 + ((index % 12) + 1) * 100 + 1;
}

/**
 * A report narrowed to what the reader may see (npsScope in auth/policies.ts). A filter outside
 * one's scope is refused, not silently replaced. Own-team readers get their team as a filter; a
 * reader who sees only their own figures per advisor gets themselves as the advisor filter when
 * the figures are per advisor (grouped by advisor) and always for comments (`comments`), which
 * are read one by one: without a filter they see their team's total.
 */
export function scopeQuery(query: ReportQuery, actor: Actor, use: 'figures' | 'comments' = 'figures'): ReportQuery {
  const scope = npsScope(actor);
  if (scope.teams === 'none') throw forbidden('You may not read NPS figures');
  const filters = { ...query.filters };
  if (scope.teams === 'own') {
    if (scope.teamId === null) throw forbidden('Accounts without a team see no NPS figures; ask an admin to set your team');
    if (filters.team !== undefined && filters.team !== scope.teamId) throw forbidden('You see the figures of your own team only');
    filters.team = scope.teamId;
  }
  const perAdvisor = query.groupBy.includes('advisor') || filters.advisor !== undefined || use === 'comments';
  if (scope.advisors === 'none' && (query.groupBy.includes('advisor') || filters.advisor !== undefined)) {
    throw forbidden("Figures per advisor are their performance data, which your role does not see; group and filter by team, site, channel or reason");
  }
  if (scope.advisors === 'self' && perAdvisor) {
    if (filters.advisor !== undefined && filters.advisor !== scope.advisorId) {
      throw forbidden("You see your own figures and your team's total, not a colleague's");
    }
    filters.advisor = scope.advisorId ?? '';
  }
  return scope.teams === 'all' && scope.advisors !== 'self' ? query : { ...query, filters };
}

/** Whether the comments a reader is shown may name the advisor of their contact. */
export function showsAdvisors(actor: Actor): boolean {
  return npsScope(actor).advisors !== 'none';
}
