import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../shared/errors.js';
import { INTERVALS, parseDay, periodCount } from '../shared/calendar.js';
import { DIMENSIONS } from './dimensions.js';
import { MAX_PERIODS, parseReportParams, type ReportParams } from './report-query.js';

// Properties of the NPS report parameters as people and scripts send them (API query string, CLI
// flags): any input is either a report that can be computed or a 400 naming each wrong parameter.

const NOW = Date.UTC(2026, 11, 4, 10);
const FIELDS = new Set(['from', 'to', 'interval', 'groupBy', ...DIMENSIONS]);

/** Dates as written: valid ones across the centuries, near misses, and anything. */
const dayText = fc.oneof(
  fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2027, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-1-5', '26-01-01', '2026/01/01', '', ' ', '0000-00-00', '1000-01-01', '9999-12-31'),
  fc.string({ maxLength: 12 }),
);
const intervalText = fc.oneof(fc.constantFrom(...INTERVALS), fc.constantFrom('', 'Month', 'hour', 'rolling7'), fc.string({ maxLength: 8 }));
const groupByText = fc.oneof(
  fc.subarray([...DIMENSIONS], { maxLength: 3 }).map((d) => d.join(',')),
  fc.array(fc.constantFrom(...DIMENSIONS, 'agent', ' team', 'team ', ''), { maxLength: 4 }).map((d) => d.join(',')),
  fc.string({ maxLength: 16 }),
);
const params: fc.Arbitrary<ReportParams> = fc.record(
  {
    from: dayText,
    to: dayText,
    interval: intervalText,
    groupBy: groupByText,
    filters: fc.dictionary(fc.oneof(fc.constantFrom(...DIMENSIONS), fc.string({ maxLength: 8 })), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

describe('NPS report parameters (property-based)', () => {
  it('give a report that can be computed, or a 400 that names each wrong parameter, never anything else', () => {
    fc.assert(
      fc.property(params, (p) => {
        let query;
        try {
          query = parseReportParams(p, 30, NOW);
        } catch (error) {
          assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
          assert.equal(error.status, 400, error.message);
          assert.ok(['invalid-input', 'too-many-periods'].includes(error.code), error.code);
          assert.ok(error.fields && error.fields.length > 0, `names the fields: ${error.message}`);
          for (const f of error.fields) assert.ok(FIELDS.has(f.field) || f.field in (p.filters ?? {}), `a parameter that was sent: ${f.field}`);
          return;
        }
        assert.ok(query.from <= query.to, `from ${query.from} after to ${query.to}`);
        assert.ok(INTERVALS.includes(query.interval), query.interval);
        assert.ok(query.groupBy.length <= 2 && query.groupBy.every((d) => (DIMENSIONS as readonly string[]).includes(d)), query.groupBy.join());
        assert.ok(periodCount(query.from, query.to, query.interval) <= MAX_PERIODS, 'within the period cap');
        for (const name of Object.keys(query.filters)) assert.ok((DIMENSIONS as readonly string[]).includes(name), name);
      }),
      { numRuns: 2000 },
    );
  });

  it('accept every well-formed range of a year or less by any interval, and read its dates as written', () => {
    const day = fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2990, 0, 1)), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 365 }), fc.constantFrom(...INTERVALS), (start, days, interval) => {
        const from = start.toISOString().slice(0, 10);
        const to = new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        const query = parseReportParams({ from, to, interval }, 30, NOW);
        assert.equal(query.from, parseDay(from));
        assert.equal(query.to, parseDay(to));
        assert.equal(query.interval, interval);
      }),
      { numRuns: 1000 },
    );
  });
});
