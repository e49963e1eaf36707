import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessTime,
  businessDeadline,
  businessTimeBetween,
  deadlineState,
  isBusinessDay,
  LUXEMBOURG_CALENDAR,
  nthBusinessDayAfter,
} from './business-calendar.js';
import { parseDateTime } from './local-time.js';

/** Worked dates, counted by hand on a wall calendar; business-calendar.property.test.ts has the generated ones. */

/** Local Luxembourg wall-clock time, or an ISO instant with its offset. */
function at(value: string): number {
  const parsed = parseDateTime(value);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.ms;
}
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('Luxembourg business days', () => {
  it('closes on every public holiday of 2026 and 2027, and on weekends', () => {
    const holidays2026 = [20260101, 20260406, 20260501, 20260514, 20260525, 20260623, 20260815, 20261101, 20261225, 20261226];
    // 9 May 2026 is a Saturday: closed anyway, and named as the holiday it is.
    for (const day of [...holidays2026, 20260509]) assert.equal(LUXEMBOURG_CALENDAR.isHoliday(day), true, String(day));
    const holidays2027 = [20270101, 20270329, 20270501, 20270506, 20270509, 20270517, 20270623, 20270815, 20271101, 20271225, 20271226];
    for (const day of holidays2027) {
      assert.equal(LUXEMBOURG_CALENDAR.isHoliday(day), true, String(day));
      assert.equal(isBusinessDay(day), false, String(day));
    }
    assert.equal(isBusinessDay(20260620), false, 'Saturday');
    assert.equal(isBusinessDay(20260621), false, 'Sunday');
    assert.equal(isBusinessDay(20260622), true, 'Monday');
  });

  it('works on Good Friday and Easter Sunday is a Sunday: only Easter Monday is a public holiday', () => {
    assert.equal(LUXEMBOURG_CALENDAR.isHoliday(20270326), false);
    assert.equal(isBusinessDay(20270326), true, 'Good Friday 2027');
    assert.equal(isBusinessDay(20260403), true, 'Good Friday 2026');
    assert.equal(LUXEMBOURG_CALENDAR.isHoliday(20270328), false, 'Easter Sunday is an observance, closed as a Sunday');
    assert.equal(isBusinessDay(20270329), false, 'Easter Monday 2027');
  });

  it('names holidays in French, German and English', () => {
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20260623), 'Fête nationale');
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20260623, 'de'), 'Nationalfeiertag');
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20270506, 'de'), 'Christi Himmelfahrt');
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20270506, 'en'), 'Ascension Day');
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20270326), null, 'Good Friday');
    assert.equal(LUXEMBOURG_CALENDAR.holidayName(20260622), null);
  });

  it('counts the n-th business day after a day', () => {
    assert.equal(nthBusinessDayAfter(20260605, 0), 20260605, 'a Friday, n = 0: the day itself');
    assert.equal(nthBusinessDayAfter(20260606, 0), 20260608, 'a Saturday, n = 0: the Monday');
    assert.equal(nthBusinessDayAfter(20260605, 1), 20260608, 'Friday + 1: Monday');
    assert.equal(nthBusinessDayAfter(20260606, 1), 20260608, 'Saturday + 1: Monday');
    assert.equal(nthBusinessDayAfter(20260605, 10), 20260619, 'two working weeks');
    // Thu 24 Dec 2026: Fri 25 and Sat 26 Christmas, Mon 28 (1), Tue 29, Wed 30, Thu 31 (4), Fri 1 Jan New Year, Mon 4 Jan (5).
    assert.equal(nthBusinessDayAfter(20261224, 5), 20270104);
    assert.throws(() => nthBusinessDayAfter(20260605, -1), RangeError);
    assert.throws(() => nthBusinessDayAfter(20260605, 1.5), RangeError);
  });
});

describe('business-day deadlines: 18:00 of the n-th business day after the day of receipt', () => {
  const cases: [string, string, number, string][] = [
    // [why, received (local), business days, due (UTC)]
    ['Friday 17:00 → Tuesday 18:00 CEST', '2026-06-05 17:00', 2, '2026-06-09T16:00:00.000Z'],
    ['Saturday → Tuesday too', '2026-06-06 11:00', 2, '2026-06-09T16:00:00.000Z'],
    ['Friday 23:30 is still Friday', '2026-06-05 23:30', 2, '2026-06-09T16:00:00.000Z'],
    ['Monday 00:30 → Wednesday', '2026-06-08 00:30', 2, '2026-06-10T16:00:00.000Z'],
    ['Good Friday works, Easter Monday does not; summer time starts on Easter Sunday 2027', '2027-03-26 10:00', 2, '2027-03-31T16:00:00.000Z'],
    ['Thursday before Good Friday, 1 day → Good Friday 18:00 CET', '2027-03-25 15:00', 1, '2027-03-26T17:00:00.000Z'],
    ['Easter Monday 2026: received Friday 3 April → Tuesday 7 April', '2026-04-03 09:00', 1, '2026-04-07T16:00:00.000Z'],
    ['Ascension, Thursday 14 May 2026 → Friday 15', '2026-05-13 12:00', 1, '2026-05-15T16:00:00.000Z'],
    ['Ascension Thursday 6 May 2027, then 9 May on a Sunday', '2027-05-05 12:00', 2, '2027-05-10T16:00:00.000Z'],
    ['Whit Monday 25 May 2026 → Tuesday 26', '2026-05-22 16:00', 1, '2026-05-26T16:00:00.000Z'],
    ['9 May 2028, a Tuesday → Wednesday 10', '2028-05-08 12:00', 1, '2028-05-10T16:00:00.000Z'],
    ['9 May 2025, a Friday → Monday 12', '2025-05-08 12:00', 1, '2025-05-12T16:00:00.000Z'],
    ['National Day, Tuesday 23 June 2026 → Wednesday 24', '2026-06-22 09:00', 1, '2026-06-24T16:00:00.000Z'],
    ['Christmas on Friday and Saturday 2026: Mon 28, Tue 29, CET', '2026-12-24 10:00', 2, '2026-12-29T17:00:00.000Z'],
    ['Christmas on Monday and Tuesday 2028 → Wednesday 27', '2028-12-22 10:00', 1, '2028-12-27T17:00:00.000Z'],
    ['New Year on a Friday 2027 → Monday 4 January', '2026-12-31 10:00', 1, '2027-01-04T17:00:00.000Z'],
    ['answer within 10 from Christmas Eve 2026: 28-31 Dec, 4-8 Jan, Mon 11 Jan', '2026-12-24 10:00', 10, '2027-01-11T17:00:00.000Z'],
    ['into summer time (29 March 2026): Friday CET → Monday 18:00 CEST', '2026-03-27 10:00', 1, '2026-03-30T16:00:00.000Z'],
    ['out of summer time (25 October 2026): Friday CEST → Monday 18:00 CET', '2026-10-23 17:00', 1, '2026-10-26T17:00:00.000Z'],
    ['n = 0 on a business day: the same day 18:00', '2026-10-23 17:00', 0, '2026-10-23T16:00:00.000Z'],
    ['n = 0 on a Sunday: Monday 18:00', '2026-10-25 12:00', 0, '2026-10-26T17:00:00.000Z'],
  ];
  for (const [why, received, n, due] of cases) {
    it(why, () => assert.equal(iso(businessDeadline(at(received), n)), due));
  }

  it('reads the day of receipt in Luxembourg, not in UTC', () => {
    // Friday 22:30 UTC is Saturday 00:30 in summer: received Saturday → Tuesday.
    assert.equal(iso(businessDeadline(at('2026-06-05T22:30:00Z'), 1)), '2026-06-08T16:00:00.000Z');
    assert.equal(iso(businessDeadline(at('2026-06-04T22:30:00Z'), 1)), '2026-06-08T16:00:00.000Z', 'Friday 00:30 local → Monday');
  });
});

describe('business time', () => {
  it('counts only 08:00-18:00 of business days', () => {
    assert.equal(businessTimeBetween(at('2026-06-05 17:00'), at('2026-06-08 09:00')), 2 * HOUR, 'Friday 17-18 and Monday 8-9');
    assert.equal(businessTimeBetween(at('2026-06-08 08:00'), at('2026-06-12 18:00')), 50 * HOUR, 'a working week');
    assert.equal(businessTimeBetween(at('2026-06-08 20:00'), at('2026-06-09 07:00')), 0, 'a night');
    assert.equal(businessTimeBetween(at('2026-06-09 07:00'), at('2026-06-08 20:00')), 0, 'backwards');
    // Thursday 12-18 (6 h), Good Friday (10 h), Easter Monday (0), Tuesday 8-12 (4 h).
    assert.equal(businessTimeBetween(at('2027-03-25 12:00'), at('2027-03-30 12:00')), 20 * HOUR);
  });

  it('is not fooled by the clock changes', () => {
    assert.equal(businessTimeBetween(at('2026-03-27 17:00'), at('2026-03-30 09:00')), 2 * HOUR, 'into summer time');
    assert.equal(businessTimeBetween(at('2026-10-23 17:00'), at('2026-10-26 09:00')), 2 * HOUR, 'out of summer time');
  });

  it('moves an instant by business time, the way a paused clock moves its deadline', () => {
    assert.equal(iso(addBusinessTime(at('2026-06-05 18:00'), 2 * HOUR)), '2026-06-08T08:00:00.000Z', 'Friday 18:00 + 2 h → Monday 10:00');
    assert.equal(iso(addBusinessTime(at('2026-12-24 18:00'), 10 * HOUR)), '2026-12-28T17:00:00.000Z', 'a whole day stays at closing time');
    assert.equal(iso(addBusinessTime(at('2026-06-06 12:00'), 1)), '2026-06-08T06:00:00.001Z', 'from a Saturday: Monday opening');
    // Good Friday 12-18 uses 6 h, Easter Monday is closed, Tuesday 8-10 CEST.
    assert.equal(iso(addBusinessTime(at('2027-03-26 12:00'), 8 * HOUR)), '2027-03-30T08:00:00.000Z');
    assert.equal(addBusinessTime(at('2026-06-06 12:00'), 0), at('2026-06-06 12:00'), 'nothing to add: unchanged');
    assert.throws(() => addBusinessTime(0, -1), RangeError);
  });
});

describe('deadline state', () => {
  const due = at('2026-06-09 18:00');
  it('is due today from local midnight until the deadline, overdue after it', () => {
    assert.equal(deadlineState(due, at('2026-06-08 23:59')), 'upcoming');
    assert.equal(deadlineState(due, at('2026-06-09 00:00')), 'due-today');
    assert.equal(deadlineState(due, at('2026-06-09 17:59')), 'due-today');
    assert.equal(deadlineState(due, due), 'due-today', 'at the deadline, not yet past');
    assert.equal(deadlineState(due, due + 1), 'overdue');
    assert.equal(deadlineState(due, at('2026-06-12 10:00')), 'overdue');
  });
});
