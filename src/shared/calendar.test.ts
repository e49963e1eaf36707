import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, bucketsOf, dayStart, formatDay, INTERVALS, isoWeek, isoWeekday, localDay, parseDay, periodCount, TooManyPeriods, wallTime } from './calendar.js';

describe('operator calendar', () => {
  it('puts an instant on its Europe/Luxembourg day, across clock changes', () => {
    assert.equal(localDay(Date.parse('2026-03-28T23:30:00Z')), 20260329, 'CET: 00:30 local');
    assert.equal(localDay(Date.parse('2026-06-30T22:30:00Z')), 20260701, 'CEST: 00:30 local');
    assert.equal(localDay(Date.parse('2026-06-30T21:59:59Z')), 20260630);
    assert.equal(localDay(Date.parse('2026-12-31T23:00:00Z')), 20270101);
  });

  it('reads days and wall-clock times in another zone when one is named', () => {
    assert.equal(localDay(Date.parse('2026-06-30T23:30:00Z'), 'America/New_York'), 20260630);
    assert.equal(new Date(dayStart(20260701, 'America/New_York')).toISOString(), '2026-07-01T04:00:00.000Z');
    assert.equal(new Date(dayStart(20260701)).toISOString(), '2026-06-30T22:00:00.000Z');
  });

  it('finds the instant of a wall-clock time, across clock changes', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    assert.equal(iso(wallTime(20260327, 18 * 60)), '2026-03-27T17:00:00.000Z', 'CET');
    assert.equal(iso(wallTime(20260330, 18 * 60)), '2026-03-30T16:00:00.000Z', 'CEST');
    assert.equal(iso(wallTime(20260329, 150)), '2026-03-29T01:30:00.000Z', '02:30 does not exist that night: 03:30 CEST');
    assert.equal(iso(wallTime(20261025, 150)), '2026-10-25T00:30:00.000Z', '02:30 happens twice: the first, in summer time');
  });

  it('numbers the days of the week from Monday 1 to Sunday 7', () => {
    assert.deepEqual([20260622, 20260626, 20260627, 20260628].map(isoWeekday), [1, 5, 6, 7]);
  });

  it('reads only real dates', () => {
    assert.equal(parseDay('2026-02-28'), 20260228);
    assert.equal(parseDay('2026-02-29'), null);
    assert.equal(parseDay('2026-13-01'), null);
    assert.equal(parseDay('26-01-01'), null);
    assert.equal(formatDay(20240229), '2024-02-29');
  });

  it('numbers ISO weeks', () => {
    assert.deepEqual(isoWeek(20260101), { label: '2026-W01', monday: 20251229 });
    assert.deepEqual(isoWeek(20270101), { label: '2026-W53', monday: 20261228 });
    assert.equal(isoWeek(20261126).label, '2026-W48');
  });

  it('cuts a range into clipped periods and names the one before', () => {
    const months = bucketsOf(20260115, 20260410, 'month');
    assert.deepEqual(months.buckets.map((b) => [b.label, b.start, b.end]), [
      ['2026-01', 20260115, 20260131], ['2026-02', 20260201, 20260228], ['2026-03', 20260301, 20260331], ['2026-04', 20260401, 20260410],
    ]);
    assert.deepEqual(months.previous, { label: '2025-12', start: 20251201, end: 20251231 });
    const quarters = bucketsOf(20260101, 20261231, 'quarter');
    assert.deepEqual(quarters.buckets.map((b) => b.label), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    assert.equal(quarters.buckets[1]!.end, 20260630);
    // A total over whole months compares with as many months before; otherwise as many days before.
    assert.deepEqual(bucketsOf(20260301, 20260331, 'total').previous, { label: '2026-02-01/2026-02-28', start: 20260201, end: 20260228 });
    assert.deepEqual(bucketsOf(20260101, 20261031, 'total').previous, { label: '2025-03-01/2025-12-31', start: 20250301, end: 20251231 });
    assert.deepEqual(bucketsOf(20260305, 20260314, 'total').previous, { label: '2026-02-23/2026-03-04', start: 20260223, end: 20260304 });
    const rolling = bucketsOf(20260301, 20260303, 'rolling28');
    assert.deepEqual(rolling.buckets.map((b) => [b.label, b.start, b.end]), [
      ['2026-03-01', 20260202, 20260301], ['2026-03-02', 20260203, 20260302], ['2026-03-03', 20260204, 20260303],
    ]);
    assert.equal(bucketsOf(20260101, 20261231, 'day').buckets.length, 365);
  });

  it('counts the periods of a range without building them, as many as bucketsOf builds', () => {
    // Ranges starting and ending on every kind of day over three years: week and year boundaries, leap day, clock changes.
    for (let from = 20231225; from < 20260101; from = addDays(from, 37)) {
      for (const length of [0, 1, 6, 7, 27, 28, 31, 59, 90, 366, 800]) {
        const to = addDays(from, length);
        for (const interval of INTERVALS) assert.equal(periodCount(from, to, interval), bucketsOf(from, to, interval).buckets.length, `${from}-${to} ${interval}`);
      }
    }
    assert.equal(periodCount(10000101, 99991231, 'rolling28'), 3_287_182);
    assert.equal(periodCount(10000101, 99991231, 'year'), 9000);
  });

  it('refuses to build more periods than its limit, before building any', () => {
    assert.throws(
      () => bucketsOf(10000101, 99991231, 'rolling28'),
      (error: unknown) => error instanceof TooManyPeriods && error.periods === 3_287_182 && error.limit === 100_000,
    );
    assert.throws(() => bucketsOf(20260101, 20261231, 'day', 364), TooManyPeriods);
    assert.equal(bucketsOf(20260101, 20261231, 'day', 365).buckets.length, 365);
  });
});
