import { compare, DEFAULT_MIN_RESPONSES, estimate, responsesOf, Z_95, type NpsCounts } from '../nps/statistics.js';
import { addDays, localDay } from '../shared/calendar.js';
import { twoProportionTest, wilsonInterval, type ProportionDifference } from '../shared/proportions.js';
import type { ActionMeasure } from '../storage/schema.js';

/**
 * The measured effect of an improvement action (docs/improvement.md, "The effect"): pure statistics
 * over the counts of two windows, before and after the day it was done, read by action-measures.ts.
 * Each measure is a figure with its 95% interval in each window and a test of the difference:
 *
 * - complaint rate: complaints coded to the causes per 1,000 customers per 4 weeks. The trials are
 *   customer-days (the customer base × the days of the window), so windows of different lengths, and
 *   an after window still running, compare fairly; Wilson intervals, the pooled two-proportion test
 *   with Newcombe's interval of the difference (src/shared/proportions.ts);
 * - NPS of the contacts whose reason (or comment topic) matches the causes: adjusted-Wald intervals
 *   and the NPS comparison of src/nps/statistics.ts, on one basis;
 * - repeat-contact rate of the contacts with those reasons: Wilson intervals, the two-proportion test.
 *
 * "Better" is fewer complaints, a higher NPS, fewer repeats; a difference is significant at α = 0.05.
 */

/** The significance level of every test here. */
export const ALPHA = 0.05;
/** The complaint rate is given per 1,000 customers per this many days (4 weeks). */
export const RATE_DAYS = 28;
/** The after window's days before its complaint rate is judged (or all of it, when it is shorter). */
export const MIN_AFTER_DAYS = 28;
/** Answers in each window before an NPS is judged: the threshold of a reliable NPS. */
export const MIN_ANSWERS = DEFAULT_MIN_RESPONSES;
/** Contacts in each window before a repeat rate is judged. */
export const MIN_CONTACTS = 30;

/** Days of Europe/Luxembourg, yyyymmdd: `from` included, `until` excluded. */
export interface DayRange {
  from: number;
  until: number;
  days: number;
}

export interface EffectWindows {
  before: DayRange;
  /** clipped to yesterday; complete once it has all its days */
  after: DayRange & { complete: boolean };
  /** as long as the after window, ending yesterday; null until it no longer overlaps the after window */
  latest: DayRange | null;
}

const range = (from: number, until: number): DayRange => {
  let days = 0;
  for (let d = from; d < until; d = addDays(d, 1)) days++;
  return { from, until, days };
};

/**
 * The windows of an action done at `doneAt`, seen at `now`: before [done − before weeks, done), after
 * [done, done + after weeks), in whole days, the day it was done the after window's first. The after
 * and latest windows end with yesterday: today's figures are still coming in.
 */
export function effectWindows(doneAt: number, beforeWeeks: number, afterWeeks: number, now: number): EffectWindows {
  const done = localDay(doneAt);
  const today = localDay(now);
  const afterEnd = addDays(done, 7 * afterWeeks);
  const afterUntil = Math.max(done, Math.min(afterEnd, today));
  const latestFrom = addDays(today, -7 * afterWeeks);
  return {
    before: range(addDays(done, -7 * beforeWeeks), done),
    after: { ...range(done, afterUntil), complete: afterUntil === afterEnd },
    latest: afterUntil === afterEnd && latestFrom >= afterEnd ? range(latestFrom, today) : null,
  };
}

/** Complaints coded to the causes in a window, and the customers they are counted against. */
export interface ComplaintWindow {
  complaints: number;
  /** the customer base at the end of the window */
  customers: number;
  days: number;
}

/** Contacts with the causes' reasons in a window and how many of them were repeat contacts. */
export interface RepeatWindow {
  contacts: number;
  repeats: number;
}

/** A window's figure with its 95% interval, in the measure's unit. */
export interface EffectPoint {
  value: number | null;
  low: number | null;
  high: number | null;
  /** complaint rate: customer-days; NPS: answers; repeat rate: contacts */
  n: number;
  /** complaints, answers, repeat contacts */
  count: number;
  customers: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
}

/** after − before, in the measure's unit, with its 95% interval and the test. */
export interface EffectDifference {
  value: number;
  low: number;
  high: number;
  z: number;
  pValue: number;
  significant: boolean;
}

export type MeasureVerdict = 'pending' | 'better' | 'worse' | 'unchanged' | 'not-applicable';
export type PendingReason = 'no-after-days' | 'after-window-short' | 'no-customers' | 'too-few-answers' | 'too-few-contacts';

export interface MeasureEffect {
  measure: ActionMeasure;
  before: EffectPoint | null;
  after: EffectPoint | null;
  difference: EffectDifference | null;
  verdict: MeasureVerdict;
  /** why a verdict is still pending */
  pending: PendingReason | null;
}

/** Which change of each measure is an improvement. */
export const BETTER: Record<ActionMeasure, 'decrease' | 'increase'> = { complaint_rate: 'decrease', nps: 'increase', repeat_rate: 'decrease' };

const noFigure = { customers: null, promoters: null, passives: null, detractors: null };

/** A rate's point: successes / n × scale, its Wilson interval likewise. */
function ratePoint(successes: number, n: number, scale: number): Pick<EffectPoint, 'value' | 'low' | 'high'> {
  const w = wilsonInterval(successes, n);
  return w ? { value: w.rate * scale, low: w.low * scale, high: w.high * scale } : { value: null, low: null, high: null };
}

function rateDifference(d: ProportionDifference, scale: number): EffectDifference {
  return { value: d.difference * scale, low: d.low * scale, high: d.high * scale, z: d.z, pValue: d.pValue, significant: d.significant };
}

function judged(measure: ActionMeasure, difference: EffectDifference | null): MeasureVerdict {
  if (!difference) return 'pending';
  if (!difference.significant || difference.value === 0) return 'unchanged';
  return (difference.value < 0 ? 'decrease' : 'increase') === BETTER[measure] ? 'better' : 'worse';
}

/** The complaint rate of a window: per 1,000 customers per 4 weeks, over customer-days. */
export function complaintPoint(w: ComplaintWindow): EffectPoint {
  const n = w.customers * w.days;
  return { ...ratePoint(w.complaints, n, 1000 * RATE_DAYS), n, count: w.complaints, ...noFigure, customers: w.customers };
}

/**
 * The complaint rate before and after: pending while the after window has fewer than
 * MIN_AFTER_DAYS days (all of them, for a shorter window) or there are no customers to count against.
 */
export function complaintEffect(before: ComplaintWindow, after: ComplaintWindow, afterWindowDays: number): MeasureEffect {
  const points = { before: complaintPoint(before), after: complaintPoint(after) };
  const pending: PendingReason | null =
    after.days === 0 ? 'no-after-days'
    : after.days < Math.min(MIN_AFTER_DAYS, afterWindowDays) ? 'after-window-short'
    : points.before.n === 0 || points.after.n === 0 ? 'no-customers'
    : null;
  if (pending) return { measure: 'complaint_rate', ...points, difference: null, verdict: 'pending', pending };
  const test = twoProportionTest({ successes: after.complaints, n: points.after.n }, { successes: before.complaints, n: points.before.n }, ALPHA)!;
  const difference = rateDifference(test, 1000 * RATE_DAYS);
  return { measure: 'complaint_rate', ...points, difference, verdict: judged('complaint_rate', difference), pending: null };
}

function npsPoint(counts: NpsCounts): EffectPoint {
  const e = estimate(counts, MIN_ANSWERS);
  return { value: e.nps, low: e.ciLow, high: e.ciHigh, n: e.n, count: e.n, customers: null, ...counts };
}

/** The NPS before and after (one basis): pending until each window has MIN_ANSWERS answers. */
export function npsEffect(before: NpsCounts, after: NpsCounts, afterDays: number): MeasureEffect {
  const points = { before: npsPoint(before), after: npsPoint(after) };
  const pending: PendingReason | null =
    afterDays === 0 ? 'no-after-days' : responsesOf(before) < MIN_ANSWERS || responsesOf(after) < MIN_ANSWERS ? 'too-few-answers' : null;
  if (pending) return { measure: 'nps', ...points, difference: null, verdict: 'pending', pending };
  const test = compare(after, before, { alpha: ALPHA, minResponses: MIN_ANSWERS })!;
  const difference: EffectDifference = {
    value: test.difference, low: test.difference - Z_95 * test.standardError, high: test.difference + Z_95 * test.standardError,
    z: test.z, pValue: test.pValue, significant: test.significant,
  };
  return { measure: 'nps', ...points, difference, verdict: judged('nps', difference), pending: null };
}

function repeatPoint(w: RepeatWindow): EffectPoint {
  return { ...ratePoint(w.repeats, w.contacts, 100), n: w.contacts, count: w.repeats, ...noFigure };
}

/** The repeat-contact rate before and after, in %: pending until each window has MIN_CONTACTS contacts. */
export function repeatEffect(before: RepeatWindow, after: RepeatWindow, afterDays: number): MeasureEffect {
  const points = { before: repeatPoint(before), after: repeatPoint(after) };
  const pending: PendingReason | null =
    afterDays === 0 ? 'no-after-days' : before.contacts < MIN_CONTACTS || after.contacts < MIN_CONTACTS ? 'too-few-contacts' : null;
  if (pending) return { measure: 'repeat_rate', ...points, difference: null, verdict: 'pending', pending };
  const test = twoProportionTest({ successes: after.repeats, n: after.contacts }, { successes: before.repeats, n: before.contacts }, ALPHA)!;
  const difference = rateDifference(test, 100);
  return { measure: 'repeat_rate', ...points, difference, verdict: judged('repeat_rate', difference), pending: null };
}

/** A measure nothing of the causes matches (no reason, no topic): nothing to judge. */
export function notApplicable(measure: ActionMeasure): MeasureEffect {
  return { measure, before: null, after: null, difference: null, verdict: 'not-applicable', pending: null };
}

/**
 * The basis NPS figures are compared on: the one with the most answers over both windows (the
 * earliest key on a tie); answers on other bases are left out. Null without any answer.
 */
export function pickBasis(before: ReadonlyMap<string, NpsCounts>, after: ReadonlyMap<string, NpsCounts>): string | null {
  let best: string | null = null;
  let most = 0;
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const n = responsesOf(before.get(key) ?? EMPTY) + responsesOf(after.get(key) ?? EMPTY);
    if (n > most) [best, most] = [key, n];
  }
  return best;
}

export const EMPTY: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };

export interface ActionTarget {
  measure: ActionMeasure;
  direction: 'decrease' | 'increase';
  value: number | null;
}

/**
 * Whether the target's measure changed significantly in the intended direction (what verifying an
 * action takes), and whether its after figure reached the target value (shown, not required).
 */
export function targetOutcome(target: ActionTarget, measures: readonly MeasureEffect[]): { verifiable: boolean; met: boolean | null } {
  const effect = measures.find((m) => m.measure === target.measure);
  const d = effect?.difference;
  const verifiable = effect !== undefined && effect.pending === null && d != null && d.significant && (d.value < 0 ? 'decrease' : 'increase') === target.direction && d.value !== 0;
  const after = effect?.after?.value ?? null;
  const met = target.value === null || after === null ? null : target.direction === 'decrease' ? after <= target.value : after >= target.value;
  return { verifiable, met };
}

export interface Fade {
  /** false until there is a latest window apart from the after window */
  assessed: boolean;
  faded: boolean;
  latest: EffectPoint | null;
  /** latest − after */
  difference: EffectDifference | null;
}

/**
 * Has the effect faded? The complaint rate of the latest window (as long as the after window, ending
 * yesterday) significantly above that of the after window: the cause is rising again.
 */
export function fadeOf(after: ComplaintWindow, latest: ComplaintWindow | null): Fade {
  if (latest === null) return { assessed: false, faded: false, latest: null, difference: null };
  const points = { after: complaintPoint(after), latest: complaintPoint(latest) };
  const test = points.after.n > 0 && points.latest.n > 0 ? twoProportionTest({ successes: latest.complaints, n: points.latest.n }, { successes: after.complaints, n: points.after.n }, ALPHA) : null;
  const difference = test ? rateDifference(test, 1000 * RATE_DAYS) : null;
  return { assessed: difference !== null, faded: difference !== null && difference.significant && difference.value > 0, latest: points.latest, difference };
}
