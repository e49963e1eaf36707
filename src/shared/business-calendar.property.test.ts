import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addBusinessTime, businessDeadline, businessTimeBetween, isBusinessDay } from './business-calendar.js';

/**
 * Properties of the business calendar over generated instants (fast-check), each checked against a
 * model of its own: Luxembourg's holidays from a computed Easter, local time from Intl, days
 * walked one by one and business time counted quarter-hour by quarter-hour.
 * business-calendar.test.ts has the worked dates.
 */

const DAY = 86_400_000;
const QUARTER = 900_000;

/** Easter Sunday of a Gregorian year (Meeus/Jones/Butcher), as ms of its UTC midnight. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const yyyymmdd = (utcMidnight: number) => {
  const date = new Date(utcMidnight);
  return date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
};
const midnightOf = (day: number) => Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100);
const nextDay = (day: number) => yyyymmdd(midnightOf(day) + DAY);

/** Luxembourg's public holidays since 9 May became one (2019): fixed dates, and Easter + 1, + 39, + 50 days. */
const holidayYears = new Map<number, Set<number>>();
function holidaysOf(year: number): Set<number> {
  let days = holidayYears.get(year);
  if (!days) {
    const fixed = [101, 501, 509, 623, 815, 1101, 1225, 1226].map((monthDay) => year * 10_000 + monthDay);
    days = new Set([...fixed, ...[1, 39, 50].map((after) => yyyymmdd(easter(year) + after * DAY))]);
    holidayYears.set(year, days);
  }
  return days;
}
function modelBusinessDay(day: number): boolean {
  const weekday = new Date(midnightOf(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidaysOf(Math.floor(day / 10_000)).has(day);
}

const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Luxembourg',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});
/** The Luxembourg wall clock at an instant: its day and the milliseconds since local midnight. */
function wall(at: number): { day: number; sinceMidnight: number } {
  const parts: Record<string, number> = {};
  for (const part of wallFormat.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    day: parts.year! * 10_000 + parts.month! * 100 + parts.day!,
    sinceMidnight: ((parts.hour! * 60 + parts.minute!) * 60 + parts.second!) * 1000 + (((at % 1000) + 1000) % 1000),
  };
}
const OPENS = 8 * 3_600_000;
const CLOSES = 18 * 3_600_000;
const inBusinessHours = (at: number) => {
  const { day, sinceMidnight } = wall(at);
  return modelBusinessDay(day) && sinceMidnight >= OPENS && sinceMidnight < CLOSES;
};

/** Instants from 2020 to 2035, half of them within four days of a clock change, an Easter or a Christmas. */
const FROM = Date.UTC(2020, 0, 1);
const TO = Date.UTC(2035, 11, 31);
function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month, 0);
  return last - new Date(last).getUTCDay() * DAY;
}
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .record({
      year: fc.integer({ min: 2020, max: 2035 }),
      anchor: fc.constantFrom<(year: number) => number>((y) => lastSunday(y, 3), (y) => lastSunday(y, 10), easter, (y) => Date.UTC(y, 11, 25)),
      offset: fc.integer({ min: -4 * DAY, max: 4 * DAY }),
    })
    .map(({ year, anchor, offset }) => anchor(year) + offset),
);
const quarterHour = instant.map((at) => Math.floor(at / QUARTER) * QUARTER);

describe('business calendar, over generated instants', () => {
  it('agrees with the model on every day from 2019 to 2040', () => {
    for (let day = 20190101; day <= 20401231; day = nextDay(day)) assert.equal(isBusinessDay(day), modelBusinessDay(day), String(day));
  });

  it('puts every deadline at 18:00 of the n-th business day after the day of receipt, counted day by day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 15 }), (receivedAt, n) => {
        const due = wall(businessDeadline(receivedAt, n));
        assert.equal(due.sinceMidnight, CLOSES, 'at 18:00 local');
        assert.ok(modelBusinessDay(due.day), 'on a business day');
        const received = wall(receivedAt).day;
        let counted = 0;
        let firstOnOrAfter: number | null = modelBusinessDay(received) ? received : null;
        for (let day = nextDay(received); day <= due.day; day = nextDay(day)) {
          if (!modelBusinessDay(day)) continue;
          counted++;
          firstOnOrAfter ??= day;
        }
        if (n === 0) assert.equal(due.day, firstOnOrAfter);
        else assert.equal(counted, n);
      }),
      { numRuns: 500 },
    );
  });

  it('never brings a deadline forward for a later receipt or more business days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 * DAY }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (at, later, n, more) => {
        assert.ok(businessDeadline(at, n) <= businessDeadline(at + later, n));
        assert.ok(businessDeadline(at, n) <= businessDeadline(at, n + more));
        if (n >= 1 && more >= 1) assert.ok(businessDeadline(at, n) < businessDeadline(at, n + more));
      }),
      { numRuns: 300 },
    );
  });

  it('counts business time as a quarter-hour by quarter-hour walk does', () => {
    fc.assert(
      fc.property(quarterHour, fc.integer({ min: -8, max: 8 * 96 }), (from, quarters) => {
        const to = from + quarters * QUARTER;
        let expected = 0;
        for (let t = from; t < to; t += QUARTER) if (inBusinessHours(t)) expected += QUARTER;
        assert.equal(businessTimeBetween(from, to), expected);
      }),
      { numRuns: 150 },
    );
  });

  it('moves by business time to the earliest instant that far on, on business time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 12 * DAY }), (at, span) => {
        const target = at + span;
        const business = businessTimeBetween(at, target);
        const reached = addBusinessTime(at, business);
        assert.ok(reached <= target, 'at or before the target');
        assert.equal(businessTimeBetween(at, reached), business);
        assert.equal(businessTimeBetween(reached, target), 0);
        if (business > 0) assert.ok(inBusinessHours(reached - 1), 'the last millisecond used was business time');
      }),
      { numRuns: 300 },
    );
  });

  it('adds exactly the business time asked', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 300 * 3_600_000 }), (at, ms) => {
        const reached = addBusinessTime(at, ms);
        assert.equal(businessTimeBetween(at, reached), ms);
        if (ms > 0) assert.ok(addBusinessTime(at, ms - 1) < reached, 'the earliest such instant');
      }),
      { numRuns: 300 },
    );
  });
});
