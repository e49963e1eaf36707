import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localInstants, offsetAt, parseDateTime } from './local-time.js';

const utc = (iso: string) => Date.parse(iso);
const read = (value: string) => {
  const parsed = parseDateTime(value);
  assert.ok(parsed.ok, `${value}: ${!parsed.ok ? parsed.reason : ''}`);
  return new Date(parsed.ms).toISOString();
};

describe('Luxembourg local time', () => {
  it('uses CET (+01:00) in winter and CEST (+02:00) in summer', () => {
    assert.equal(offsetAt(utc('2026-01-15T12:00:00Z')), 3_600_000);
    assert.equal(offsetAt(utc('2026-07-15T12:00:00Z')), 7_200_000);
    assert.equal(read('2026-01-15 09:30'), '2026-01-15T08:30:00.000Z');
    assert.equal(read('2026-07-15 09:30:15'), '2026-07-15T07:30:15.000Z');
    assert.equal(read('2026-07-15T09:30'), '2026-07-15T07:30:00.000Z');
  });

  it('converts across the spring-forward change of 2026-03-29 and refuses the hour that does not exist', () => {
    assert.equal(read('2026-03-29 01:59:59'), '2026-03-29T00:59:59.000Z');
    assert.equal(read('2026-03-29 03:00'), '2026-03-29T01:00:00.000Z');
    assert.equal(read('2026-03-29 12:00'), '2026-03-29T10:00:00.000Z');
    assert.equal(read('2026-03-28 23:30'), '2026-03-28T22:30:00.000Z');
    for (const missing of ['2026-03-29 02:00', '2026-03-29 02:30', '2026-03-29 02:59:59']) {
      const parsed = parseDateTime(missing);
      assert.equal(parsed.ok, false, missing);
      assert.match(!parsed.ok ? parsed.reason : '', /does not exist in Europe\/Luxembourg time.*UTC offset/);
    }
    assert.deepEqual(localInstants(Date.UTC(2026, 2, 29, 2, 30)), []);
  });

  it('converts across the fall-back change of 2026-10-25, reading the repeated hour as its first (summer) occurrence', () => {
    assert.equal(read('2026-10-25 01:59'), '2026-10-24T23:59:00.000Z');
    assert.equal(read('2026-10-25 02:00'), '2026-10-25T00:00:00.000Z');
    assert.equal(read('2026-10-25 02:30'), '2026-10-25T00:30:00.000Z');
    assert.equal(read('2026-10-25 03:00'), '2026-10-25T02:00:00.000Z');
    assert.deepEqual(localInstants(Date.UTC(2026, 9, 25, 2, 30)), [utc('2026-10-25T00:30:00Z'), utc('2026-10-25T01:30:00Z')]);
    // With the offset, either occurrence can be written.
    assert.equal(read('2026-10-25T02:30:00+01:00'), '2026-10-25T01:30:00.000Z');
    assert.equal(read('2026-10-25T02:30:00+02:00'), '2026-10-25T00:30:00.000Z');
  });

  it('reads ISO 8601 with an offset or Z as written, whatever the season', () => {
    assert.equal(read('2026-03-29T02:30:00+01:00'), '2026-03-29T01:30:00.000Z');
    assert.equal(read('2026-03-29T10:15:00.250Z'), '2026-03-29T10:15:00.250Z');
    assert.equal(read('2026-03-29T10:15:00-0500'), '2026-03-29T15:15:00.000Z');
    assert.equal(read('2026-03-29 10:15+02'), '2026-03-29T08:15:00.000Z');
  });

  it('refuses what is not a date and time, saying what is expected', () => {
    for (const bad of ['29/03/2026 10:00', '2026-03-29', '2026-02-30 10:00', '2026-13-01 10:00', '2026-03-29 24:00', 'yesterday']) {
      const parsed = parseDateTime(bad);
      assert.equal(parsed.ok, false, bad);
      assert.match(!parsed.ok ? parsed.reason : '', new RegExp(`^"${bad.replace(/[/+]/g, '\\$&')}"`));
    }
    const february = parseDateTime('2026-02-30 10:00');
    assert.match(!february.ok ? february.reason : '', /has no day 30/);
  });
});
