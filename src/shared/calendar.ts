import { localInstants, OPERATOR_TIME_ZONE, offsetAt } from './local-time.js';

/**
 * Calendar days of the operator (Europe/Luxembourg) as yyyymmdd integers: sortable, readable in
 * the database, and month / quarter / year are integer arithmetic on them (the aggregates group by
 * these in SQL). Day arithmetic goes through UTC dates, which have no clock changes.
 */

export type Interval = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'rolling28' | 'total';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month', 'quarter', 'year', 'rolling28', 'total'];

/** yyyymmdd of days since 1970-01-01, as computed (aggregating a million facts asks for a few hundred days). */
const dayNumbers = new Map<number, number>();

/** The calendar day an instant falls in, in Europe/Luxembourg unless another zone is named. */
export function localDay(at: number, timeZone: string = OPERATOR_TIME_ZONE): number {
  const days = Math.floor((at + offsetAt(at, timeZone)) / 86_400_000);
  let day = dayNumbers.get(days);
  if (day === undefined) {
    const date = new Date(days * 86_400_000);
    day = date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
    dayNumbers.set(days, day);
  }
  return day;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → day, or null when it is not a real calendar date. */
export function parseDay(value: string): number | null {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return y * 10_000 + mo * 100 + d;
}

function toDate(day: number): Date {
  return new Date(Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100));
}

function fromDate(date: Date): number {
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** The instant a day starts: local midnight (clocks never change at midnight in Luxembourg). */
export function dayStart(day: number, timeZone: string = OPERATOR_TIME_ZONE): number {
  return wallTime(day, 0, timeZone);
}

/**
 * The instant the wall clock shows `minute` minutes past midnight on `day`. A time that happens
 * twice (fall back) is the first of the two; one that does not exist (spring forward) is read with
 * the offset in force before the change, which lands that far past the jump.
 */
export function wallTime(day: number, minute: number, timeZone: string = OPERATOR_TIME_ZONE): number {
  const local = toDate(day).getTime() + minute * 60_000;
  return localInstants(local, timeZone)[0] ?? local - offsetAt(local - 14 * 3_600_000, timeZone);
}

/** ISO 8601 day of the week: 1 Monday … 7 Sunday. */
export function isoWeekday(day: number): number {
  return ((toDate(day).getUTCDay() + 6) % 7) + 1;
}

export function formatDay(day: number): string {
  return toDate(day).toISOString().slice(0, 10);
}

export function addDays(day: number, days: number): number {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return fromDate(date);
}

/** From the first day of a month to the last day of a month (the same or a later one). */
export function isWholeMonths(from: number, to: number): boolean {
  return from % 100 === 1 && addDays(to, 1) % 100 === 1;
}

function addMonths(firstOfMonth: number, months: number): number {
  const index = Math.floor(firstOfMonth / 10_000) * 12 + (Math.floor(firstOfMonth / 100) % 100) - 1 + months;
  return Math.floor(index / 12) * 10_000 + ((index % 12) + 1) * 100 + 1;
}

/** Months from the first of `from`'s month to the end of `to`'s month. */
function monthsBetween(from: number, to: number): number {
  return (Math.floor(to / 10_000) - Math.floor(from / 10_000)) * 12 + (Math.floor(to / 100) % 100) - (Math.floor(from / 100) % 100) + 1;
}

export function daysBetween(from: number, to: number): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / 86_400_000);
}

/** ISO 8601 week: Monday to Sunday, week 1 holds the year's first Thursday. */
export function isoWeek(day: number): { label: string; monday: number } {
  const monday = addDays(day, 1 - isoWeekday(day));
  const thursday = toDate(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { label: `${year}-W${String(week).padStart(2, '0')}`, monday };
}

/** One period of a report: its label and first and last day (inclusive). */
export interface Bucket {
  label: string;
  start: number;
  end: number;
}

/** The calendar period of an interval that holds `day` (not clipped). `rolling28` is the 28 days ending on `day`. */
export function periodOf(day: number, interval: Exclude<Interval, 'total'>): Bucket {
  const year = Math.floor(day / 10_000);
  const month = Math.floor(day / 100) % 100;
  switch (interval) {
    case 'day':
      return { label: formatDay(day), start: day, end: day };
    case 'week': {
      const { label, monday } = isoWeek(day);
      return { label, start: monday, end: addDays(monday, 6) };
    }
    case 'month': {
      const start = year * 10_000 + month * 100 + 1;
      return { label: formatDay(start).slice(0, 7), start, end: fromDate(new Date(Date.UTC(year, month, 0))) };
    }
    case 'quarter': {
      const q = Math.floor((month - 1) / 3);
      const start = year * 10_000 + (q * 3 + 1) * 100 + 1;
      return { label: `${year}-Q${q + 1}`, start, end: fromDate(new Date(Date.UTC(year, q * 3 + 3, 0))) };
    }
    case 'year':
      return { label: String(year), start: year * 10_000 + 101, end: year * 10_000 + 1231 };
    case 'rolling28':
      return { label: formatDay(day), start: addDays(day, -27), end: day };
  }
}

/** Periods `bucketsOf` builds at most unless told otherwise: far beyond any report (their cap is lower), bounded all the same. */
export const DEFAULT_PERIOD_LIMIT = 100_000;

/**
 * How many periods `bucketsOf` cuts a range into, counted by arithmetic on the days: a range of
 * thousands of years is measured in microseconds, before anything is built.
 */
export function periodCount(from: number, to: number, interval: Interval): number {
  if (from > to) return 0;
  const year = (day: number) => Math.floor(day / 10_000);
  const month = (day: number) => Math.floor(day / 100) % 100;
  switch (interval) {
    case 'total':
      return 1;
    case 'day':
    case 'rolling28':
      return daysBetween(from, to) + 1;
    case 'week':
      return daysBetween(isoWeek(from).monday, isoWeek(to).monday) / 7 + 1;
    case 'month':
      return monthsBetween(from, to);
    case 'quarter':
      return (year(to) - year(from)) * 4 + Math.floor((month(to) - 1) / 3) - Math.floor((month(from) - 1) / 3) + 1;
    case 'year':
      return year(to) - year(from) + 1;
  }
}

/** A range cut into more periods than a caller allows (`bucketsOf`'s `limit`). */
export class TooManyPeriods extends RangeError {
  constructor(
    readonly periods: number,
    readonly limit: number,
  ) {
    super(`${periods} periods, more than ${limit}`);
    this.name = 'TooManyPeriods';
  }
}

/**
 * The periods of a report from `from` to `to` (inclusive), each clipped to the range (a month
 * report starting on the 15th has a first period of half a month), and the period just before
 * the first, the one it is compared with. `total` is one period; the one before it has the same
 * length. Rolling periods are one per day, each the 28 days ending that day. More periods than
 * `limit` throw `TooManyPeriods` before any is built.
 */
export function bucketsOf(from: number, to: number, interval: Interval, limit = DEFAULT_PERIOD_LIMIT): { buckets: Bucket[]; previous: Bucket } {
  // Counted before a single period is built: past the limit nothing is.
  const count = periodCount(from, to, interval);
  if (count > limit) throw new TooManyPeriods(count, limit);
  if (interval === 'total') {
    const before = addDays(from, -1);
    // Whole months compare with as many whole months before; other ranges with as many days before.
    const start = isWholeMonths(from, to) ? addMonths(from, -monthsBetween(from, to)) : addDays(from, -(daysBetween(from, to) + 1));
    return {
      buckets: [{ label: `${formatDay(from)}/${formatDay(to)}`, start: from, end: to }],
      previous: { label: `${formatDay(start)}/${formatDay(before)}`, start, end: before },
    };
  }
  const buckets: Bucket[] = [];
  for (let day = from; day <= to; ) {
    const period = periodOf(day, interval);
    if (interval === 'rolling28') {
      buckets.push(period);
      day = addDays(day, 1);
    } else {
      buckets.push({ label: period.label, start: Math.max(period.start, from), end: Math.min(period.end, to) });
      day = addDays(period.end, 1);
    }
  }
  const previous = periodOf(interval === 'rolling28' ? addDays(from, -28) : addDays(periodOf(from, interval).start, -1), interval);
  return { buckets, previous };
}

/**
 * Whether a report's period is over on `today` (the operator's calendar): its whole calendar period
 * ended before today. A period clipped to the range counts by its calendar period (a month report to
 * the 4th of a running month shows a running month); a day, a rolling 28 days and the range
 * (`total`) end on their own last day. A period that is not over is still running (or to come).
 */
export function periodComplete(period: Bucket, interval: Interval, today: number): boolean {
  const end = interval === 'total' || interval === 'rolling28' || interval === 'day' ? period.end : periodOf(period.start, interval).end;
  return end < today;
}
