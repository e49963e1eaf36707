import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { addDays, isoWeekday, localDay, wallTime } from './calendar.js';
import { LABEL_LANGUAGES, type LabelLanguage } from './languages.js';
import { OPERATOR_TIME_ZONE } from './local-time.js';

/**
 * Business days and business hours: the clocks of complaints and follow-ups ("acknowledged within
 * 2 business days", "paused while waiting for the customer"). Days are yyyymmdd integers of the
 * calendar's time zone (see calendar.ts); instants are UTC epoch milliseconds. Deadlines fall at
 * closing time of the N-th business day AFTER the local day of receipt, whatever the hour of
 * receipt. See docs/ARCHITECTURE.md (shared mechanisms).
 */

/** Opening hours, working days and holidays of a place of business. */
export interface BusinessCalendar {
  /** IANA zone the hours and days are read in */
  timeZone: string;
  /** opening time, minutes past local midnight */
  opensAtMinute: number;
  /** closing time, minutes past local midnight (after opening, same day) */
  closesAtMinute: number;
  /** working days of the week, ISO 8601: 1 Monday … 7 Sunday */
  weekdays: readonly number[];
  /** a legal holiday: closed whatever the weekday */
  isHoliday(day: number): boolean;
  /** the holiday's name, or null on any other day */
  holidayName(day: number, language?: LabelLanguage): string | null;
}

/** A day's holiday name in each label language. */
type HolidayNames = Record<LabelLanguage, string>;

/**
 * The public holidays of a country (ISO 3166 code), as the date-holidays library
 * computes them: moveable feasts from the date of Easter, no list to keep up to date. Only type
 * "public" counts (observances such as Good Friday in Luxembourg are working days). Each year is
 * computed once. The library takes some 200 ms to load (its astronomy and every country's rules):
 * it is loaded at the first question, so a process that never asks one never pays for it.
 */
export function publicHolidays(country: string): Pick<BusinessCalendar, 'isHoliday' | 'holidayName'> {
  let library: Holidays | undefined;
  const years = new Map<number, Map<number, HolidayNames>>();
  const yearOf = (year: number): Map<number, HolidayNames> => {
    let days = years.get(year);
    if (days) return days;
    library ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)(country);
    days = new Map();
    for (const language of LABEL_LANGUAGES) {
      for (const holiday of library.getHolidays(year, language)) {
        if (holiday.type !== 'public') continue;
        // `date` is the local date and time of its start: "2027-05-06 00:00:00".
        const day = Number(holiday.date.slice(0, 10).replaceAll('-', ''));
        const names = days.get(day) ?? { fr: holiday.name, de: holiday.name, en: holiday.name };
        names[language] = holiday.name;
        days.set(day, names);
      }
    }
    years.set(year, days);
    return days;
  };
  return {
    isHoliday: (day) => yearOf(Math.floor(day / 10_000)).has(day),
    holidayName: (day, language = 'fr') => yearOf(Math.floor(day / 10_000)).get(day)?.[language] ?? null,
  };
}

/**
 * The operator's calendar: Monday to Friday, 08:00 to 18:00 Europe/Luxembourg, closed on
 * Luxembourg's legal holidays (1 January, Easter Monday, 1 May, 9 May, Ascension, Whit Monday,
 * 23 June, 15 August, 1 November, 25 and 26 December).
 */
export const LUXEMBOURG_CALENDAR: BusinessCalendar = {
  timeZone: OPERATOR_TIME_ZONE,
  opensAtMinute: 8 * 60,
  closesAtMinute: 18 * 60,
  weekdays: [1, 2, 3, 4, 5],
  ...publicHolidays('LU'),
};

/** A calendar without a business day in a year would loop for ever: searches stop after this many days. */
const SEARCH_LIMIT_DAYS = 366;

/** A working day of the week that is not a holiday. */
export function isBusinessDay(day: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): boolean {
  return cal.weekdays.includes(isoWeekday(day)) && !cal.isHoliday(day);
}

/** The first business day on or after `day`. */
function firstBusinessDayFrom(day: number, cal: BusinessCalendar): number {
  for (let d = day, i = 0; i < SEARCH_LIMIT_DAYS; d = addDays(d, 1), i++) {
    if (isBusinessDay(d, cal)) return d;
  }
  throw new RangeError(`no business day in the ${SEARCH_LIMIT_DAYS} days from ${day}`);
}

/**
 * The n-th business day after `day` (n ≥ 1: Friday and 1 → Monday, also from Saturday); n = 0 is
 * `day` itself when it is a business day, else the next one.
 */
export function nthBusinessDayAfter(day: number, n: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`business days must be a whole number ≥ 0, not ${n}`);
  let d = n === 0 ? day : addDays(day, 1);
  for (let counted = 0; ; counted++) {
    d = firstBusinessDayFrom(d, cal);
    if (counted + 1 >= n) return d;
    d = addDays(d, 1);
  }
}

/**
 * Closing time of the n-th business day after the local day of `receivedAt`: received Friday
 * 17:00 (or Saturday) with n = 2 → Tuesday 18:00, in the offset in force that Tuesday.
 */
export function businessDeadline(receivedAt: number, businessDays: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): number {
  const due = nthBusinessDayAfter(localDay(receivedAt, cal.timeZone), businessDays, cal);
  return wallTime(due, cal.closesAtMinute, cal.timeZone);
}

/** Business hours of the days each calendar was asked about (a deadline asks for a few days, a year of complaints for a few hundred). */
const hoursOfDays = new WeakMap<BusinessCalendar, Map<number, Readonly<{ opens: number; closes: number }> | null>>();

/** Opening and closing instants of a day's business hours, or null when it is not a business day. */
export function businessHoursOf(day: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): Readonly<{ opens: number; closes: number }> | null {
  let days = hoursOfDays.get(cal);
  if (!days) hoursOfDays.set(cal, (days = new Map()));
  let hours = days.get(day);
  if (hours === undefined) {
    hours = isBusinessDay(day, cal) ? Object.freeze({ opens: wallTime(day, cal.opensAtMinute, cal.timeZone), closes: wallTime(day, cal.closesAtMinute, cal.timeZone) }) : null;
    if (days.size >= 100_000) days.clear();
    days.set(day, hours);
  }
  return hours;
}

/** Milliseconds of business hours between two instants (0 when `to` is not after `from`). */
export function businessTimeBetween(from: number, to: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): number {
  if (!(to > from)) return 0;
  let total = 0;
  const last = localDay(to, cal.timeZone);
  for (let day = localDay(from, cal.timeZone); day <= last; day = addDays(day, 1)) {
    const hours = businessHoursOf(day, cal);
    if (hours) total += Math.max(0, Math.min(to, hours.closes) - Math.max(from, hours.opens));
  }
  return total;
}

/**
 * The earliest instant after `ms` of business time from `at` (so `at` itself for 0): how far a
 * deadline moves when its clock was paused that long. A deadline at closing time moved by whole
 * business days stays at closing time.
 */
export function addBusinessTime(at: number, ms: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`business time must be ≥ 0 ms, not ${ms}`);
  let remaining = ms;
  if (remaining === 0) return at;
  for (let day = localDay(at, cal.timeZone); ; day = addDays(day, 1)) {
    day = firstBusinessDayFrom(day, cal);
    const hours = businessHoursOf(day, cal)!;
    const start = Math.max(at, hours.opens);
    if (start >= hours.closes) continue;
    if (remaining <= hours.closes - start) return start + remaining;
    remaining -= hours.closes - start;
  }
}

export type DeadlineState = 'overdue' | 'due-today' | 'upcoming';

/** Past due, due later on the same local day, or due on a later day. */
export function deadlineState(dueAt: number, now: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR): DeadlineState {
  if (now > dueAt) return 'overdue';
  return localDay(now, cal.timeZone) === localDay(dueAt, cal.timeZone) ? 'due-today' : 'upcoming';
}
