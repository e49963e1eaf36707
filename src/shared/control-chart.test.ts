import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pChart, uChart, type ChartPeriod, type ControlChart } from './control-chart.js';

const round = (x: number | null, digits = 6) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

const months = (rows: [count: number, base: number][]): ChartPeriod[] =>
  rows.map(([count, base], i) => ({ period: `2026-${String(i + 1).padStart(2, '0')}`, count, base }));

/** Each point as [value, lcl, ucl, sigmas], rounded to 6 decimals. */
const figures = (chart: ControlChart) => chart.points.map((p) => [p.value, p.lcl, p.ucl, p.sigmas].map((x) => round(x)));
const flagged = (chart: ControlChart) => chart.points.flatMap((p) => (p.flags.length > 0 ? [[p.period, p.flags]] : []));

describe('u-chart: complaints per 1,000 customers, the worked examples of docs/improvement.md', () => {
  // Six months; bases 50,000, 40,000, 60,000, 50,000, 40,000, 60,000 customers (n in thousands).
  const sixMonths = months([[90, 50], [72, 40], [108, 60], [90, 50], [72, 40], [168, 60]]);

  it('example 1: one month beyond its upper limit', () => {
    // ū = Σc/Σn = (90 + 72 + 108 + 90 + 72 + 168) / (50 + 40 + 60 + 50 + 40 + 60) = 600 / 300 = 2.0 per 1,000.
    // n = 50: σ = √(2/50) = √0.04 = 0.2, limits 2 ± 0.6 = [1.4, 2.6]; value 90/50 = 1.8, (1.8 − 2)/0.2 = −1σ.
    // n = 40: σ = √(2/40) = √0.05 = 0.223607, 3σ = 0.670820, limits [1.329180, 2.670820]; 72/40 = 1.8, −0.2/0.223607 = −0.894427σ.
    // n = 60: σ = √(2/60) = 0.182574, 3σ = 0.547723, limits [1.452277, 2.547723]; 108/60 = 1.8, −1.095445σ.
    // June: 168/60 = 2.8 > 2.547723, (2.8 − 2)/0.182574 = 4.381780σ: beyond the limits, above.
    const chart = uChart(sixMonths);
    assert.equal(chart.centre, 2);
    assert.equal(chart.baseline, 6);
    assert.deepEqual(figures(chart), [
      [1.8, 1.4, 2.6, -1],
      [1.8, 1.32918, 2.67082, -0.894427],
      [1.8, 1.452277, 2.547723, -1.095445],
      [1.8, 1.4, 2.6, -1],
      [1.8, 1.32918, 2.67082, -0.894427],
      [2.8, 1.452277, 2.547723, 4.38178],
    ]);
    // Five months below the centre line are not yet a run; five equal values are no trend.
    assert.deepEqual(flagged(chart), [['2026-06', [{ code: 'beyond-limits', side: 'above' }]]]);
  });

  it('example 1 with the limits frozen on the first five months (phase I)', () => {
    // ū = 432 / 240 = 1.8: the five months sit on the centre line (0σ), which breaks any run.
    // June: σ = √(1.8/60) = √0.03 = 0.173205, limits 1.8 ± 0.519615 = [1.280385, 2.319615]; 2.8 is (2.8 − 1.8)/0.173205 = 5.773503σ.
    const chart = uChart(sixMonths, { baseline: 5 });
    assert.equal(chart.centre, 1.8);
    assert.equal(chart.baseline, 5);
    assert.deepEqual(figures(chart)[5], [2.8, 1.280385, 2.319615, 5.773503]);
    assert.deepEqual(chart.points.slice(0, 5).map((p) => p.sigmas), [0, 0, 0, 0, 0]);
    assert.deepEqual(flagged(chart), [['2026-06', [{ code: 'beyond-limits', side: 'above' }]]]);
  });

  it('example 3: a trend of six months rising', () => {
    // Seven months of 50,000 customers, 80, 85, …, 110 complaints: 1.6, 1.7, …, 2.2 per 1,000.
    // ū = 665 / 350 = 1.9; σ = √(1.9/50) = √0.038 = 0.194936, 3σ = 0.584808, limits [1.315192, 2.484808]: all inside.
    // April (95/50 = 1.9) is on the centre line: three months below, three above, no run.
    // Rising from January: June is the 6th point (flagged, length 6), July the 7th.
    const chart = uChart(months([[80, 50], [85, 50], [90, 50], [95, 50], [100, 50], [105, 50], [110, 50]]));
    assert.equal(chart.centre, 1.9);
    assert.deepEqual(
      chart.points.map((p) => round(p.sigmas)),
      [-1.538968, -1.025978, -0.512989, 0, 0.512989, 1.025978, 1.538968],
    );
    assert.deepEqual([round(chart.points[0]!.lcl), round(chart.points[0]!.ucl)], [1.315192, 2.484808]);
    assert.deepEqual(flagged(chart), [
      ['2026-06', [{ code: 'trend', direction: 'up', length: 6 }]],
      ['2026-07', [{ code: 'trend', direction: 'up', length: 7 }]],
    ]);
  });

  it('flags a month below its lower limit, and floors a lower limit at 0', () => {
    // Bases of 100 (100,000 customers): ū = (200 + 200 + 200 + 0)/400 = 1.5, σ = √(1.5/100) = 0.122474,
    // limits 1.5 ± 0.367423 = [1.132577, 1.867423]; 2.0 is above (4.082483σ), 0 below (−12.247449σ).
    const chart = uChart(months([[200, 100], [200, 100], [200, 100], [0, 100]]));
    assert.deepEqual(figures(chart)[3], [0, 1.132577, 1.867423, -12.247449]);
    assert.deepEqual(flagged(chart).map(([period, flags]) => [period, (flags as { side: string }[])[0]!.side]), [
      ['2026-01', 'above'],
      ['2026-02', 'above'],
      ['2026-03', 'above'],
      ['2026-04', 'below'],
    ]);
    // ū = 4/2 = 2 over 1 unit each: 2 − 3√2 < 0, the lower limit is 0; 2 + 3√2 = 6.242641.
    assert.deepEqual(figures(uChart(months([[1, 1], [3, 1]]))).map((f) => f.slice(1, 3)), [[0, 6.242641], [0, 6.242641]]);
  });
});

describe('p-chart: the share of contacts that are repeats', () => {
  it('example 2: a run of eight weeks above the centre line', () => {
    // Weeks 1–4: 27 repeats of 300 contacts (0.09); weeks 5–13: 26 of 200 (0.13).
    // p̄ = (4 × 27 + 9 × 26) / (4 × 300 + 9 × 200) = 342 / 3000 = 0.114.
    // n = 300: σ = √(0.114 × 0.886 / 300) = √0.00033668 = 0.018349, 3σ = 0.055047, limits [0.058953, 0.169047].
    // n = 200: σ = √(0.114 × 0.886 / 200) = √0.00050502 = 0.022473, 3σ = 0.067418, limits [0.046582, 0.181418].
    // Every week is inside its limits; weeks 5–13 are nine in a row above: weeks 12 (8th) and 13 (9th) flagged.
    // Equal values break a trend: no trend.
    const weeks = [...Array(13).keys()].map((i) => ({ period: `W${i + 1}`, count: i < 4 ? 27 : 26, base: i < 4 ? 300 : 200 }));
    const chart = pChart(weeks);
    assert.equal(chart.kind, 'p');
    assert.equal(round(chart.centre), 0.114);
    assert.deepEqual(figures(chart)[0], [0.09, 0.058953, 0.169047, -1.307984]);
    assert.deepEqual(figures(chart)[4], [0.13, 0.046582, 0.181418, 0.711977]);
    assert.deepEqual(flagged(chart), [
      ['W12', [{ code: 'run', side: 'above', length: 8 }]],
      ['W13', [{ code: 'run', side: 'above', length: 9 }]],
    ]);
  });

  it('clips its limits to [0, 1]', () => {
    // p̄ = 18/20 = 0.9; n = 10: σ = √(0.9 × 0.1 / 10) = 0.094868, 0.9 + 0.284605 > 1: the upper limit is 1.
    const chart = pChart(months([[9, 10], [9, 10]]));
    assert.deepEqual(figures(chart)[0]!.slice(1, 3), [0.615395, 1]);
    // p̄ = 0: σ = 0, limits [0, 0], no sigma distance.
    const none = pChart(months([[0, 10], [0, 20]]));
    assert.deepEqual(figures(none), [[0, 0, 0, null], [0, 0, 0, null]]);
    assert.deepEqual(flagged(none), []);
  });

  it('flags what moves once the limits are frozen on a period without any', () => {
    // p̄ of the first two weeks is 0: any repeat after is above the limit 0.
    const chart = pChart(months([[0, 10], [0, 20], [1, 30]]), { baseline: 2 });
    assert.deepEqual(flagged(chart), [['2026-03', [{ code: 'beyond-limits', side: 'above' }]]]);
  });
});

describe('the rules and their conventions', () => {
  // Base 10 throughout; counts give the values directly (count / 10).
  const chartOf = (counts: number[]) => uChart(months(counts.map((count) => [count, 10])));

  it('a point on the centre line breaks a run', () => {
    // Centre (7 × 12 + 10 + 7 × 8 + 10) / (16 × 10) = 160/160 = 1: seven at 1.2, one on the line, seven at 0.8, one on the line.
    const counts = [12, 12, 12, 12, 12, 12, 12, 10, 8, 8, 8, 8, 8, 8, 8, 10];
    const chart = chartOf(counts);
    assert.equal(chart.centre, 1);
    assert.deepEqual(flagged(chart), []);
    // Without the tie, the eighth point above is flagged.
    const run = chartOf([12, 12, 12, 12, 12, 12, 12, 12, 8, 8, 8, 8, 8, 8, 8, 8]);
    assert.deepEqual(flagged(run).map(([period]) => period), ['2026-08', '2026-16']);
    assert.deepEqual(run.points[15]!.flags, [{ code: 'run', side: 'below', length: 8 }]);
  });

  it('an equal value breaks a trend and starts the next', () => {
    // 5 6 7 8 9 9 8 7 6 5 4: rising to 9 is five points; the second 9 starts a fall of six: 9 8 7 6 5 4.
    const chart = chartOf([5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4]);
    assert.deepEqual(flagged(chart), [['2026-11', [{ code: 'trend', direction: 'down', length: 6 }]]]);
  });

  it('shows a period without exposure with no limits, leaves it out of the centre and passes over it', () => {
    // Eight months at 1.2 and eight at 0.8 around a centre of 1, with a month of no customers among them
    // that still counts 5 complaints: not in the centre line, no value, and the run goes on past it.
    const above: [number, number][] = Array(8).fill([12, 10]);
    const below: [number, number][] = Array(8).fill([8, 10]);
    const periods = months([...above.slice(0, 3), [5, 0], ...above.slice(3), ...below]);
    const chart = uChart(periods);
    assert.equal(chart.centre, 1);
    assert.deepEqual(chart.points[3], { period: '2026-04', count: 5, base: 0, value: null, lcl: null, ucl: null, sigmas: null, flags: [] });
    assert.deepEqual(flagged(chart).map(([period]) => period), ['2026-09', '2026-17']);
  });

  it('draws no limits with fewer than two periods that have exposure', () => {
    const chart = uChart(months([[4, 2], [3, 0], [0, 0]]));
    assert.equal(chart.centre, null);
    assert.deepEqual(figures(chart), [[2, null, null, null], [null, null, null, null], [null, null, null, null]]);
    assert.deepEqual(flagged(chart), []);
    assert.deepEqual(uChart([]), { kind: 'u', centre: null, baseline: 0, points: [] });
    // A baseline of one period has no centre either, even with more periods after it.
    assert.equal(uChart(months([[4, 2], [3, 1]]), { baseline: 1 }).centre, null);
  });
});

describe('control-chart input', () => {
  it('refuses what is not a count over a base', () => {
    assert.throws(() => uChart(months([[-1, 10]])), /period 0: a count is a whole number ≥ 0, not -1/);
    assert.throws(() => uChart(months([[1.5, 10]])), /a count is a whole number/);
    assert.throws(() => uChart(months([[1, 10], [1, Number.NaN]])), /period 1: an exposure is a finite number ≥ 0, not NaN/);
    assert.throws(() => uChart(months([[1, Number.POSITIVE_INFINITY]])), /an exposure is a finite number/);
    assert.throws(() => uChart(months([[1, -2]])), /an exposure is a finite number/);
    assert.throws(() => pChart(months([[11, 10]])), /0 ≤ count ≤ base, not 11 of 10/);
    assert.throws(() => pChart(months([[1, 10.5]])), /a proportion needs whole counts/);
  });

  it('refuses a baseline that is not a number of its periods', () => {
    const periods = months([[1, 10], [2, 10], [3, 10]]);
    for (const baseline of [0, 4, 1.5, Number.NaN]) {
      assert.throws(() => uChart(periods, { baseline }), /the baseline is a number of periods from 1 to 3/);
    }
    assert.equal(uChart(periods, { baseline: 3 }).baseline, 3);
  });
});
