import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCalendarDate, parsePeriod, periodLabel } from './study-period.js';

const period = (raw: string) => {
  const parsed = parsePeriod(raw);
  return parsed.ok ? parsed.period : parsed.reason;
};

describe('study periods', () => {
  it('reads a year, a quarter, a month and two dates as first and last day', () => {
    assert.deepEqual(period('2025'), { start: '2025-01-01', end: '2025-12-31' });
    assert.deepEqual(period('2025-Q1'), { start: '2025-01-01', end: '2025-03-31' });
    assert.deepEqual(period('2026-q4'), { start: '2026-10-01', end: '2026-12-31' });
    assert.deepEqual(period('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(period('2025-02'), { start: '2025-02-01', end: '2025-02-28' });
    assert.deepEqual(period('2025-01-06/2025-02-14'), { start: '2025-01-06', end: '2025-02-14' });
    assert.deepEqual(period('2025-01-06 / 2025-01-06'), { start: '2025-01-06', end: '2025-01-06' });
  });

  it('says what is wrong and what is expected', () => {
    assert.match(period('2025-Q5') as string, /^"2025-Q5" is not a period \(expected a year 2025, a quarter 2025-Q1, a month 2025-03/);
    assert.match(period('2025-13') as string, /is not a period/);
    assert.match(period('Q1 2025') as string, /is not a period/);
    assert.match(period('2025-02-30/2025-03-31') as string, /^"2025-02-30" is not a date/);
    assert.match(period('2025-3-1/2025-03-32') as string, /^"2025-3-1" and "2025-03-32" are not dates/);
    assert.equal(period('2025-03-31/2025-03-01'), '"2025-03-31/2025-03-01" ends before it starts');
  });

  it('checks calendar dates', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2025-02-29'), false);
    assert.equal(isCalendarDate('2025-1-01'), false);
  });

  it('labels a period the way it would be written', () => {
    for (const raw of ['2025', '2025-Q3', '2025-11', '2025-01-06/2025-02-14', '2025-01-01/2025-06-30']) {
      assert.equal(periodLabel(period(raw) as { start: string; end: string }), raw);
    }
  });
});
