import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQuiet, nextSendTime, type QuietHours } from './quiet-hours.js';

const rules: QuietHours = { quietStart: '20:00', quietEnd: '09:00', quietSundays: true };
const iso = (s: string) => Date.parse(s);

describe('quiet hours (Europe/Luxembourg)', () => {
  it('postpones an evening send to 09:00 the next morning, in winter and in summer time', () => {
    // Tuesday 1 December 2026, 20:05 in Luxembourg (CET, UTC+1)
    assert.equal(nextSendTime(iso('2026-12-01T19:05:00Z'), rules), iso('2026-12-02T08:00:00Z'));
    // Wednesday 1 July 2026, 21:00 in Luxembourg (CEST, UTC+2)
    assert.equal(nextSendTime(iso('2026-07-01T19:00:00Z'), rules), iso('2026-07-02T07:00:00Z'));
    // 08:59 on a Monday waits one minute
    assert.equal(nextSendTime(iso('2026-11-30T07:59:00Z'), rules), iso('2026-11-30T08:00:00Z'));
  });

  it('keeps daytime sends and skips Sundays to Monday 09:00', () => {
    const saturdayEvening = iso('2026-11-28T18:45:00Z'); // 19:45 local
    assert.equal(isQuiet(saturdayEvening, rules), false);
    assert.equal(nextSendTime(saturdayEvening, rules), saturdayEvening);
    assert.equal(nextSendTime(iso('2026-11-28T19:30:00Z'), rules), iso('2026-11-30T08:00:00Z'));
    assert.equal(nextSendTime(iso('2026-11-29T12:00:00Z'), rules), iso('2026-11-30T08:00:00Z'));
    assert.equal(nextSendTime(iso('2026-11-29T12:00:00Z'), { ...rules, quietSundays: false }), iso('2026-11-29T12:00:00Z'));
  });

  it('handles the night of the clock change', () => {
    // Saturday 24 October 2026 22:00 local (CEST) -> Sunday is quiet -> Monday 26 October 09:00 CET
    assert.equal(nextSendTime(iso('2026-10-24T20:00:00Z'), rules), iso('2026-10-26T08:00:00Z'));
  });
});
