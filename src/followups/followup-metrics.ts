import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { basisKey } from '../nps/basis.js';
import { compare, estimate, type NpsCounts, type NpsEstimate } from '../nps/statistics.js';
import { addDays, dayStart, localDay, parseDay } from '../shared/calendar.js';
import { invalid } from '../shared/errors.js';
import { twoProportionTest, wilsonInterval, type ProportionDifference } from '../shared/proportions.js';
import { medianAndP90 } from '../shared/quantiles.js';
import type { Database, FollowupResolution } from '../storage/schema.js';
import { figuresRestriction, type Restriction } from './followup-access.js';

const DAY_MS = 86_400_000;
/** The longest period the figures are computed over in one request. */
const MAX_PERIOD_MS = 366 * DAY_MS;

/** What one follow-up contributes to the figures (docs/followups.md, "Measures"). */
export interface FollowupFact {
  openedAt: number;
  hot: boolean;
  /** the deadline set at opening */
  deadlineAt: number;
  firstAttemptAt: number | null;
  reachedAt: number | null;
  closedAt: number | null;
  resolution: FollowupResolution | null;
  /** the customer's first survey answer after the follow-up opened: its category and basis (null: none yet) */
  next: { category: 'promoter' | 'passive' | 'detractor'; basis: string } | null;
  /** the customer came back (inbound, same reason as the contact evaluated) within the FCR window after the follow-up opened */
  repeatContact: boolean;
}

/** A rate with its 95% Wilson interval. */
export interface Rate {
  successes: number;
  n: number;
  rate: number | null;
  ci95: { low: number; high: number } | null;
}

/** A rate among called-back detractors (reached) and among the others, and their difference. */
export interface RateComparison {
  calledBack: Rate;
  notCalledBack: Rate;
  difference: ProportionDifference | null;
}

export interface FollowupMetrics {
  from: number;
  to: number;
  teamId: string | null;
  mine: boolean;
  opened: number;
  hot: number;
  contacted: Rate;
  reached: Rate;
  contactedWithinDeadline: Rate;
  closedWithinDeadline: Rate;
  timeToFirstContact: { n: number; medianMs: number | null; p90Ms: number | null };
  rescue: RateComparison;
  nextNps: { basis: string; calledBack: NpsEstimate; notCalledBack: NpsEstimate; difference: number | null; pValue: number | null }[];
  repeatContact: RateComparison;
}

function rateOf(facts: readonly FollowupFact[], success: (f: FollowupFact) => boolean): Rate {
  const successes = facts.filter(success).length;
  const interval = wilsonInterval(successes, facts.length);
  return { successes, n: facts.length, rate: interval?.rate ?? null, ci95: interval && { low: interval.low, high: interval.high } };
}

function comparison(facts: readonly FollowupFact[], success: (f: FollowupFact) => boolean): RateComparison {
  const calledBack = rateOf(facts.filter((f) => f.reachedAt !== null), success);
  const notCalledBack = rateOf(facts.filter((f) => f.reachedAt === null), success);
  const difference = twoProportionTest(calledBack, notCalledBack);
  return { calledBack, notCalledBack, difference };
}

function npsCounts(facts: readonly FollowupFact[]): NpsCounts {
  const count = (category: string) => facts.filter((f) => f.next?.category === category).length;
  return { promoters: count('promoter'), passives: count('passive'), detractors: count('detractor') };
}

/**
 * The figures of the inner loop from the facts of a period's follow-ups, at `now`:
 * - contacted: at least one attempt, of all; reached: the customer reached, of all;
 * - contacted within deadline: first attempt at or before the deadline set at opening, of those
 *   whose deadline has passed or that were contacted (a follow-up still within its time is not yet
 *   a miss); closed within deadline: closed reached or unreachable by then, of those closed or past it;
 * - time to first contact: from opening to the first attempt, median and p90 (nearest rank);
 * - rescue: of the detractors who answered a survey again, those whose next answer is not a
 *   detractor's, called back (reached) vs not, with the difference (Newcombe's interval, z test);
 *   and the NPS of those next answers per basis (adjusted-Wald intervals, their difference);
 * - repeat contact: came back for the same reason within the FCR window, called back vs not, of
 *   those whose window has ended or who came back.
 */
export function computeMetrics(facts: readonly FollowupFact[], now: number, fcrWindowDays: number): Omit<FollowupMetrics, 'from' | 'to' | 'teamId' | 'mine'> {
  const due = facts.filter((f) => f.firstAttemptAt !== null || f.deadlineAt <= now);
  const closable = facts.filter((f) => f.closedAt !== null || f.deadlineAt <= now);
  const loopClosed = (f: FollowupFact) => f.closedAt !== null && f.closedAt <= f.deadlineAt && (f.resolution === 'reached' || f.resolution === 'unreachable');
  const delays = medianAndP90(facts.flatMap((f) => (f.firstAttemptAt === null ? [] : [f.firstAttemptAt - f.openedAt])));
  const answeredAgain = facts.filter((f) => f.next !== null);
  const bases = [...new Set(answeredAgain.map((f) => f.next!.basis))].sort();
  const windowEnded = facts.filter((f) => f.repeatContact || f.openedAt + fcrWindowDays * DAY_MS <= now);
  return {
    opened: facts.length,
    hot: facts.filter((f) => f.hot).length,
    contacted: rateOf(facts, (f) => f.firstAttemptAt !== null),
    reached: rateOf(facts, (f) => f.reachedAt !== null),
    contactedWithinDeadline: rateOf(due, (f) => f.firstAttemptAt !== null && f.firstAttemptAt <= f.deadlineAt),
    closedWithinDeadline: rateOf(closable, loopClosed),
    timeToFirstContact: { n: delays.n, medianMs: delays.median, p90Ms: delays.p90 },
    rescue: comparison(answeredAgain, (f) => f.next!.category !== 'detractor'),
    nextNps: bases.map((basis) => {
      const onBasis = answeredAgain.filter((f) => f.next!.basis === basis);
      const calledBack = npsCounts(onBasis.filter((f) => f.reachedAt !== null));
      const notCalledBack = npsCounts(onBasis.filter((f) => f.reachedAt === null));
      const difference = compare(calledBack, notCalledBack);
      return { basis, calledBack: estimate(calledBack), notCalledBack: estimate(notCalledBack), difference: difference?.difference ?? null, pValue: difference?.pValue ?? null };
    }),
    repeatContact: comparison(windowEnded, (f) => f.repeatContact),
  };
}

/** Days of the figures when none are given: the last 90 days to today. */
const DEFAULT_DAYS = 90;

/**
 * The period of the figures from calendar days (`YYYY-MM-DD`, Europe/Luxembourg, both included):
 * [start of `from`, start of the day after `to`); default the last 90 days to today.
 */
export function metricsPeriod(from: string | undefined, to: string | undefined, now = Date.now()): { from: number; to: number } {
  const day = (field: 'from' | 'to', value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const parsed = parseDay(value);
    if (parsed === null) throw invalid(field, `must be a date such as 2026-12-01, got "${value}"`, 'invalid-format', { format: 'date' });
    return parsed;
  };
  const last = day('to', to, localDay(now));
  const first = day('from', from, addDays(last, 1 - DEFAULT_DAYS));
  if (first > last) throw invalid('from', `must not be after to (${from} is after ${to ?? 'today'})`, 'from-after-to');
  return { from: dayStart(first), to: dayStart(addDays(last, 1)) };
}

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** The facts of the follow-ups opened in [from, to) within a restriction (a team, the reader's own). */
export async function followupFacts(db: Kysely<Database>, from: number, to: number, restriction: Restriction, fcrWindowDays: number): Promise<FollowupFact[]> {
  const windowMs = fcrWindowDays * DAY_MS;
  let inner = db
    .selectFrom('followups as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .select([
      'f.opened_at', 'c.hot', 'f.deadline_at', 'f.first_attempt_at', 'f.reached_at', 'c.closed_at', 'f.resolution',
      (eb) =>
        eb
          .selectFrom('survey_responses as r')
          .select('r.id')
          .whereRef('r.party_id', '=', 'c.party_id')
          .whereRef('r.received_at', '>', 'f.opened_at')
          .where('r.category', 'is not', null)
          .orderBy('r.received_at')
          .orderBy('r.id')
          .limit(1)
          .as('next_id'),
      (eb) =>
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('interactions as back')
                .select('back.id')
                .whereRef('back.party_id', '=', 'c.party_id')
                .whereRef('back.reason_code', '=', 'i.reason_code')
                .where('back.direction', '=', 'inbound')
                .whereRef('back.started_at', '>', 'f.opened_at')
                .where((w) => w('back.started_at', '<=', w('f.opened_at', '+', windowMs))),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('repeat_contact'),
    ])
    .where('f.opened_at', '>=', from)
    .where('f.opened_at', '<', to);
  if (restriction.teamId !== undefined) inner = inner.where('c.team_id', '=', restriction.teamId);
  if (restriction.assigneeId !== undefined) inner = inner.where('c.assignee_id', '=', restriction.assigneeId);
  const rows = await db
    .selectFrom(inner.as('facts'))
    .leftJoin('survey_responses as nx', 'nx.id', 'facts.next_id')
    .selectAll('facts')
    .select(['nx.category', 'nx.scale_min', 'nx.scale_max', 'nx.promoter_min', 'nx.detractor_max'])
    .execute();
  return rows.map((r) => ({
    openedAt: Number(r.opened_at),
    hot: Number(r.hot) === 1,
    deadlineAt: Number(r.deadline_at),
    firstAttemptAt: num(r.first_attempt_at),
    reachedAt: num(r.reached_at),
    closedAt: num(r.closed_at),
    resolution: r.resolution,
    next:
      r.category === null || r.category === undefined
        ? null
        : {
            category: r.category,
            basis: basisKey({ scaleMin: Number(r.scale_min), scaleMax: Number(r.scale_max), promoterMin: Number(r.promoter_min), detractorMax: Number(r.detractor_max) }),
          },
    repeatContact: Number(r.repeat_contact) === 1,
  }));
}

/**
 * The figures of the follow-ups opened in [from, to), for a team or the reader's own, within what
 * the reader may see (followup-access.ts: never a colleague's). At most a year at a time.
 */
export async function followupMetrics(
  db: Kysely<Database>,
  actor: Actor,
  query: { from: number; to: number; teamId?: string | undefined; mine?: boolean | undefined },
  options: { fcrWindowDays: number; now?: number },
): Promise<FollowupMetrics> {
  if (!(query.to > query.from)) throw invalid('to', 'must be after from', 'from-after-to');
  if (query.to - query.from > MAX_PERIOD_MS) throw invalid('to', 'must be at most 366 days after from', 'period-too-long', { max: 366 });
  const restriction = figuresRestriction(actor, query);
  const facts = await followupFacts(db, query.from, query.to, restriction, options.fcrWindowDays);
  return {
    from: query.from, to: query.to, teamId: restriction.teamId ?? null, mine: restriction.assigneeId !== undefined,
    ...computeMetrics(facts, options.now ?? Date.now(), options.fcrWindowDays),
  };
}
