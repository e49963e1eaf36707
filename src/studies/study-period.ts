import { parseDay } from '../shared/calendar.js';

/**
 * The period a study covers: calendar days of the operator (Europe/Luxembourg), first and last
 * day included, written YYYY-MM-DD (so that text order is date order).
 */
export interface Period {
  start: string;
  end: string;
}

/** `YYYY-MM-DD` naming a day that exists. */
export function isCalendarDate(value: string): boolean {
  return parseDay(value) !== null;
}

/** YYYY-MM-DD of a day of a month (1-based month; day 0 is the last day of the month before). */
function day(year: number, month: number, dayOfMonth: number): string {
  return new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10);
}

/** First and last day of `months` whole months from `firstMonth` (1-based). */
function months(year: number, firstMonth: number, count: number): Period {
  return { start: day(year, firstMonth, 1), end: day(year, firstMonth + count, 0) };
}

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const RANGE = /^(\S+)\s*\/\s*(\S+)$/;

const EXPECTED = 'expected a year 2025, a quarter 2025-Q1, a month 2025-03 or two dates 2025-01-06/2025-02-14';

/** `2025`, `2025-Q1`, `2025-03` or `2025-01-06/2025-02-14`. */
export function parsePeriod(raw: string): { ok: true; period: Period } | { ok: false; reason: string; code: string; params: Record<string, string> } {
  let m: RegExpExecArray | null;
  if ((m = YEAR.exec(raw))) return { ok: true, period: months(Number(m[1]), 1, 12) };
  if ((m = QUARTER.exec(raw))) return { ok: true, period: months(Number(m[1]), 3 * Number(m[2]) - 2, 3) };
  if ((m = MONTH.exec(raw))) return { ok: true, period: months(Number(m[1]), Number(m[2]), 1) };
  if ((m = RANGE.exec(raw))) {
    const [start, end] = [m[1]!, m[2]!];
    const bad = [start, end].filter((date) => !isCalendarDate(date));
    if (bad.length > 0) {
      return {
        ok: false, reason: `${bad.map((date) => `"${date}"`).join(' and ')} ${bad.length > 1 ? 'are not dates' : 'is not a date'} (${EXPECTED})`,
        code: 'period-not-dates', params: { value: bad.join(', ') },
      };
    }
    if (end < start) return { ok: false, reason: `"${raw}" ends before it starts`, code: 'period-backwards', params: { value: raw } };
    return { ok: true, period: { start, end } };
  }
  return { ok: false, reason: `"${raw}" is not a period (${EXPECTED})`, code: 'not-a-period', params: { value: raw } };
}

/** How a period reads: `2025`, `2025-Q1`, `2025-03` when it is one, otherwise `start/end`. */
export function periodLabel({ start, end }: Period): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  const matches = (period: Period) => period.start === start && period.end === end;
  if (matches(months(year, 1, 12))) return String(year);
  if (month % 3 === 1 && matches(months(year, month, 3))) return `${year}-Q${(month + 2) / 3}`;
  if (matches(months(year, month, 1))) return start.slice(0, 7);
  return `${start}/${end}`;
}
