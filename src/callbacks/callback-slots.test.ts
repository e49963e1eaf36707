import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wallTime } from '../shared/calendar.js';
import { SLOT_BUSINESS_DAYS, SLOT_LEAD_MS, SLOT_MS, slotsAfter } from './callback-slots.js';

const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg' }).format(ms);
const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

describe('callback slots', () => {
  it('offers the half-hour slots of the opening hours of 5 business days, from an hour after now', () => {
    // Monday 11 January 2027, 07:00 in Luxembourg
    const now = wallTime(20270111, 7 * 60);
    const slots = slotsAfter(now);
    assert.equal(slots.length, 20 * SLOT_BUSINESS_DAYS, 'twenty slots a day, 08:00 to 18:00');
    assert.equal(hhmm(slots[0]!.start), '08:00');
    assert.equal(hhmm(slots.at(-1)!.end), '18:00');
    assert.deepEqual([...new Set(slots.map((s) => dayOf(s.start)))], ['2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15']);
    for (const s of slots) {
      assert.equal(s.end - s.start, SLOT_MS);
      assert.ok(hhmm(s.start) >= '08:00' && hhmm(s.end) <= '18:00', local.format(s.start));
      assert.ok(!/^(Sat|Sun)/.test(local.format(s.start)), local.format(s.start));
    }
  });

  it('offers none in the past nor within the hour, and none on a weekend', () => {
    // Friday 15 January 2027, 16:10: 17:30 is the only slot left that day, then Monday
    const now = wallTime(20270115, 16 * 60 + 10);
    const slots = slotsAfter(now);
    assert.ok(slots.every((s) => s.start >= now + SLOT_LEAD_MS));
    assert.deepEqual(slots.filter((s) => dayOf(s.start) === '2027-01-15').map((s) => hhmm(s.start)), ['17:30']);
    assert.equal(dayOf(slots[1]!.start), '2027-01-18', 'Monday after the weekend');
    // at 17:00 nothing is left that day: the five days are the next five business days
    const late = slotsAfter(wallTime(20270115, 17 * 60));
    assert.equal(dayOf(late[0]!.start), '2027-01-18');
    assert.equal(late.length, 100);
  });

  it('offers none on a Luxembourg public holiday (Ascension, Thursday 6 May 2027)', () => {
    const slots = slotsAfter(wallTime(20270505, 12 * 60));
    const days = [...new Set(slots.map((s) => dayOf(s.start)))];
    assert.deepEqual(days, ['2027-05-05', '2027-05-07', '2027-05-10', '2027-05-11', '2027-05-12']);
  });

  it('keeps the opening hours across a change of clocks (Tuesday 30 March 2027, summer time; Easter Monday before it is a holiday)', () => {
    const slots = slotsAfter(wallTime(20270329, 6 * 60));
    assert.equal(dayOf(slots[0]!.start), '2027-03-30');
    assert.equal(hhmm(slots[0]!.start), '08:00');
    assert.equal(slots[0]!.start, Date.UTC(2027, 2, 30, 6), '08:00 CEST is 06:00 UTC');
  });
});
