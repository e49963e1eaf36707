import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { niceScale, tickDigits } from './review-charts.js';

describe('the scales of the review’s charts', () => {
  it('hold the range between round bounds, in steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    // the NPS of 13 months with their intervals, from 0: 36.7 / 5 = 7.3, so steps of 10 up to 40
    assert.deepEqual(niceScale(0, 36.7), { lo: 0, hi: 40, step: 10 });
    // 7 points / 5 = 1.4: steps of 2, from 26 to 34
    assert.deepEqual(niceScale(26, 33), { lo: 26, hi: 34, step: 2 });
    // a repeat rate of 15.5 % to 23.3 % in three intervals: steps of 0.05 (5 points)
    const rate = niceScale(0.155, 0.233, 3);
    assert.equal(rate.step, 0.05);
    assert.ok(Math.abs(rate.lo - 0.15) < 1e-12 && Math.abs(rate.hi - 0.25) < 1e-12);
  });

  it('count in whole steps: 12 cases in five intervals go by 5, not by 2.5', () => {
    assert.deepEqual(niceScale(0, 12, 5), { lo: 0, hi: 12.5, step: 2.5 });
    assert.deepEqual(niceScale(0, 12, 5, true), { lo: 0, hi: 15, step: 5 });
    assert.deepEqual(niceScale(0, 3, 5, true), { lo: 0, hi: 3, step: 1 });
  });

  it('widen a single value so that it sits inside the chart', () => {
    // 20 ± 10 %: 18 to 22, 4 / 3 = 1.3, so steps of 2
    assert.deepEqual(niceScale(20, 20, 3), { lo: 18, hi: 22, step: 2 });
  });

  it('write the ticks with as many decimals as the step needs', () => {
    assert.deepEqual([10, 5, 2.5, 0.5, 0.25, 0.05, 0.025].map(tickDigits), [0, 0, 1, 1, 2, 2, 3]);
  });
});
