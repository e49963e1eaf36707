import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pChart, RUN_LENGTH, TREND_LENGTH, uChart, type ChartPeriod, type ControlChart } from './control-chart.js';

/**
 * Properties of the control charts over generated periods (fast-check), each checked against a
 * recomputation of its own: the centre and limits from the sums written out again, runs and trends
 * by walking back from every point. control-chart.test.ts has the worked examples.
 */

const close = (a: number | null, b: number | null, what: string) => {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);
};

/**
 * Periods in stretches, so that runs and trends happen: a level (counts around one value over one
 * base, ties with the centre line among them), a ramp (counts rising or falling by a step, equal
 * values now and then), or a spread (counts up to 400 over bases up to 100); now and then a period
 * without exposure, some of which still count.
 */
const level = fc
  .tuple(
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: 1, max: 5 }),
    fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 1, maxLength: 12 }),
  )
  .map(([count, base, noise]) => noise.map((n): [number, number] => [Math.max(0, count + n), base]));
const ramp = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(-2, -1, 0, 1, 2), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 5 }))
  .map(([start, step, length, base]) => [...Array(length).keys()].map((i): [number, number] => [Math.max(0, start + step * i), base]));
const spread = fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 100 })), { maxLength: 12 });
const noExposure = fc.integer({ min: 0, max: 3 }).map((count): [number, number][] => [[count, 0]]);
const stretches = fc
  .array(
    fc.oneof(
      { arbitrary: level, weight: 3 },
      { arbitrary: ramp, weight: 3 },
      { arbitrary: spread, weight: 1 },
      { arbitrary: noExposure, weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.flat());
const uPeriods = stretches.map((rows) => rows.map(([count, base], i): ChartPeriod => ({ period: `P${i}`, count, base })));

/** The same stretches as trials: successes capped at the trials, the bases of a level or ramp times 10. */
const pPeriods = stretches.map((rows) =>
  rows.map(([count, base], i): ChartPeriod => {
    const trials = base <= 5 ? base * 10 : base;
    return { period: `P${i}`, count: Math.min(count, trials), base: trials };
  }),
);

/** A chart's periods and a baseline among them (undefined: all). */
const withBaseline = (periods: fc.Arbitrary<ChartPeriod[]>) =>
  periods.chain((list) =>
    fc.tuple(
      fc.constant(list),
      list.length === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 1, max: list.length }), { nil: undefined }),
    ),
  );

/** The chart recomputed from its definition, without its flags. */
function recompute(kind: 'u' | 'p', periods: ChartPeriod[], baseline = periods.length) {
  let count = 0;
  let base = 0;
  let withExposure = 0;
  for (const period of periods.slice(0, baseline)) {
    if (period.base === 0) continue;
    count += period.count;
    base += period.base;
    withExposure += 1;
  }
  const centre = withExposure >= 2 ? count / base : null;
  return {
    centre,
    points: periods.map((period) => {
      if (centre === null || period.base === 0) return { lcl: null, ucl: null };
      const variance = kind === 'u' ? centre / period.base : (centre * (1 - centre)) / period.base;
      const sigma = Math.sqrt(variance);
      return { lcl: Math.max(0, centre - 3 * sigma), ucl: kind === 'u' ? centre + 3 * sigma : Math.min(1, centre + 3 * sigma) };
    }),
  };
}

/** For each point with a value: how many points with a value, ending at it, are strictly on its side of the centre. */
function naiveRuns(values: number[], centre: number): number[] {
  return values.map((value, i) => {
    const side = Math.sign(value - centre);
    if (side === 0) return 0;
    let length = 0;
    while (i - length >= 0 && Math.sign(values[i - length]! - centre) === side) length += 1;
    return length * side;
  });
}

/** For each point with a value: how many points, ending at it, rise (positive) or fall (negative) strictly one after another. */
function naiveTrends(values: number[]): number[] {
  return values.map((value, i) => {
    if (i === 0 || values[i - 1] === value) return 0;
    const direction = Math.sign(value - values[i - 1]!);
    let length = 1;
    while (i - length >= 0 && Math.sign(values[i - length + 1]! - values[i - length]!) === direction) length += 1;
    return length * direction;
  });
}

function checkAgainstRecomputation(kind: 'u' | 'p', chart: ControlChart, periods: ChartPeriod[], baseline?: number): void {
  const expected = recompute(kind, periods, baseline);
  close(chart.centre, expected.centre, 'centre');
  const valued = chart.points.filter((point) => point.value !== null);
  const runs = chart.centre === null ? [] : naiveRuns(valued.map((point) => point.value!), chart.centre);
  const trends = naiveTrends(valued.map((point) => point.value!));
  chart.points.forEach((point, i) => {
    const { count, base } = periods[i]!;
    assert.equal(point.value, base === 0 ? null : count / base);
    close(point.lcl, expected.points[i]!.lcl, `lcl of ${i}`);
    close(point.ucl, expected.points[i]!.ucl, `ucl of ${i}`);
    if (point.lcl === null || point.ucl === null || point.value === null || chart.centre === null) {
      assert.deepEqual([point.sigmas, point.flags], [null, []], 'no limits, no flags');
      return;
    }
    assert.ok(point.lcl <= chart.centre && chart.centre <= point.ucl, 'the limits contain the centre');
    assert.ok(point.lcl >= 0 && (kind === 'u' || point.ucl <= 1), 'the limits stay where values can be');
    const beyond = point.flags.find((flag) => flag.code === 'beyond-limits');
    const side = point.value > point.ucl ? 'above' : point.value < point.lcl ? 'below' : undefined;
    assert.deepEqual(beyond, side && { code: 'beyond-limits', side }, 'beyond the limits iff outside them');
    const v = valued.indexOf(point);
    const run = runs[v]!;
    assert.deepEqual(
      point.flags.find((flag) => flag.code === 'run'),
      Math.abs(run) >= RUN_LENGTH ? { code: 'run', side: run > 0 ? 'above' : 'below', length: Math.abs(run) } : undefined,
      `run at ${i}`,
    );
    const trend = trends[v]!;
    assert.deepEqual(
      point.flags.find((flag) => flag.code === 'trend'),
      Math.abs(trend) >= TREND_LENGTH ? { code: 'trend', direction: trend > 0 ? 'up' : 'down', length: Math.abs(trend) } : undefined,
      `trend at ${i}`,
    );
  });
}

describe('control charts, over generated periods', () => {
  it('u-chart: centre, limits and flags as recomputed, with or without a baseline', () => {
    fc.assert(
      fc.property(withBaseline(uPeriods), ([periods, baseline]) => {
        checkAgainstRecomputation('u', uChart(periods, { baseline }), periods, baseline);
      }),
      { numRuns: 2_000 },
    );
  });

  it('p-chart: centre, limits and flags as recomputed, with or without a baseline', () => {
    fc.assert(
      fc.property(withBaseline(pPeriods), ([periods, baseline]) => {
        checkAgainstRecomputation('p', pChart(periods, { baseline }), periods, baseline);
      }),
      { numRuns: 2_000 },
    );
  });

  it('u-chart: beyond the limits iff more than 3σ from the centre (the lower limit at 0 never cuts a value)', () => {
    fc.assert(
      fc.property(uPeriods, (periods) => {
        for (const point of uChart(periods).points) {
          if (point.sigmas === null || Math.abs(Math.abs(point.sigmas) - 3) < 1e-9) continue;
          const beyond = point.flags.some((flag) => flag.code === 'beyond-limits');
          assert.equal(beyond, Math.abs(point.sigmas) > 3, `${point.period} at ${point.sigmas}σ`);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('u-chart: k times the counts over k times the bases keeps the values and the runs and trends, σ distances × √k', () => {
    fc.assert(
      fc.property(uPeriods, fc.integer({ min: 2, max: 50 }), (periods, k) => {
        const one = uChart(periods);
        const scaled = uChart(periods.map((period) => ({ ...period, count: period.count * k, base: period.base * k })));
        close(scaled.centre, one.centre, 'centre');
        scaled.points.forEach((point, i) => {
          const before = one.points[i]!;
          assert.equal(point.value, before.value);
          close(point.sigmas, before.sigmas === null ? null : before.sigmas * Math.sqrt(k), 'sigmas');
          assert.deepEqual(
            point.flags.filter((flag) => flag.code !== 'beyond-limits'),
            before.flags.filter((flag) => flag.code !== 'beyond-limits'),
          );
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it('u-chart: the unit of exposure (per customer, not per thousand) scales values and limits, and changes no σ distance or flag', () => {
    fc.assert(
      fc.property(uPeriods, (periods) => {
        const perThousand = uChart(periods);
        const perCustomer = uChart(periods.map((period) => ({ ...period, base: period.base * 1000 })));
        close(perCustomer.centre, perThousand.centre === null ? null : perThousand.centre / 1000, 'centre');
        perCustomer.points.forEach((point, i) => {
          const before = perThousand.points[i]!;
          for (const field of ['value', 'lcl', 'ucl'] as const) {
            close(point[field], before[field] === null ? null : before[field]! / 1000, field);
          }
          close(point.sigmas, before.sigmas, 'sigmas');
          if (before.sigmas === null || Math.abs(Math.abs(before.sigmas) - 3) > 1e-9) assert.deepEqual(point.flags, before.flags);
        });
      }),
      { numRuns: 1_000 },
    );
  });
});
