import { MAX_ANALYSIS_DAYS } from '../contract/analysis.js';
import { analysisScope, type Actor } from '../auth/policies.js';
import { addDays, dayStart, daysBetween, formatDay, parseDay } from '../shared/calendar.js';
import { DomainError, forbidden, type FieldIssue } from '../shared/errors.js';

/**
 * The parameters the analysis of causes shares (docs/improvement.md, "Pareto"): a period of days
 * (Europe/Luxembourg, both inclusive) and filters on what a coding is counted by, each checked with a
 * 400 naming the parameter; and what a reader's scope makes of the filters (a team lead's figures are
 * their own team's).
 */

/** The dimensions a coding is filtered by, as the API names them (the columns of `cause_codings`). */
export const FILTERS = ['segment', 'channel', 'team', 'site', 'plan'] as const;
export type FilterName = (typeof FILTERS)[number];
export type AnalysisFilters = Partial<Record<FilterName, string>>;

/** Longest period of a Pareto, a recurrence table or a drill-down: a year, a leap year's too. */
export const MAX_PERIOD_DAYS = MAX_ANALYSIS_DAYS;

export interface Period {
  /** first and last day, yyyymmdd, inclusive */
  from: number;
  to: number;
}

const bad = (problems: FieldIssue[]) =>
  new DomainError(400, 'invalid-input', problems.map((p) => `${p.field} ${p.reason}`).join('; '), problems);

/**
 * `from` and `to` (YYYY-MM-DD, required), `from` not after `to`, at most `maxDays` days from one to
 * the other inclusive (`period-too-long`, params days and max, beyond).
 */
export function parsePeriod(raw: { from?: string | undefined; to?: string | undefined }, maxDays = MAX_PERIOD_DAYS): Period {
  const problems: FieldIssue[] = [];
  const day = (field: 'from' | 'to') => {
    const value = raw[field];
    if (value === undefined || value === '') {
      problems.push({ field, reason: 'is required: a day written YYYY-MM-DD', code: 'required' });
      return null;
    }
    const parsed = parseDay(value);
    if (parsed === null) problems.push({ field, reason: `must be a day written YYYY-MM-DD, got "${value}"`, code: 'invalid-format', params: { format: 'date' } });
    return parsed;
  };
  const from = day('from');
  const to = day('to');
  if (from !== null && to !== null && from > to) problems.push({ field: 'from', reason: `must not be after to (${formatDay(from)} is after ${formatDay(to)})`, code: 'from-after-to' });
  if (problems.length > 0 || from === null || to === null) throw bad(problems);
  const days = daysBetween(from, to) + 1;
  if (days > maxDays) {
    const reason = `is ${days} days after from (both counted); a period is at most ${maxDays} days`;
    throw new DomainError(400, 'period-too-long', `to ${reason}`, [{ field: 'to', reason, code: 'period-too-long', params: { days, max: maxDays } }], { days, max: maxDays });
  }
  return { from, to };
}

/** The filters given (empty values dropped). */
export function filtersOf(raw: Partial<Record<FilterName, string | undefined>>): AnalysisFilters {
  const filters: AnalysisFilters = {};
  for (const name of FILTERS) {
    const value = raw[name];
    if (value !== undefined && value !== '') filters[name] = value;
  }
  return filters;
}

/**
 * The filters a reader's figures are taken with: as asked for a reader of every team; a team lead's
 * forced to their own team (another team: 403; no team: 403).
 */
export function scopedFilters(actor: Actor, filters: AnalysisFilters): AnalysisFilters {
  const scope = analysisScope(actor);
  if (scope.teams === 'all') return filters;
  if (scope.teamId === null) throw forbidden('Your account belongs to no team: ask an administrator to set it');
  if (filters.team !== undefined && filters.team !== scope.teamId) throw forbidden("You see your own team's figures only");
  return { ...filters, team: scope.teamId };
}

/** The instant a period ends: the last millisecond of its last day (the customer base of a rate is counted then). */
export const periodEnd = (to: number): number => dayStart(addDays(to, 1)) - 1;
