import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjustedWald, categoryOf, compare, estimate, normalCdf, npsOf, responsesOf, waldInterval } from './statistics.js';

const round = (x: number | null | undefined, digits = 2) => (x == null ? x : Math.round(x * 10 ** digits) / 10 ** digits);

describe('NPS statistics', () => {
  it('puts each score in one category, the thresholds included', () => {
    const basis = { promoterMin: 9, detractorMax: 6 };
    const categories = Array.from({ length: 11 }, (_, score) => categoryOf(score, basis));
    assert.deepEqual(categories, [...Array(7).fill('detractor'), 'passive', 'passive', 'promoter', 'promoter']);
    assert.equal(categoryOf(8, { promoterMin: 8, detractorMax: 5 }), 'promoter');
    assert.equal(categoryOf(5, { promoterMin: 8, detractorMax: 5 }), 'detractor');
  });

  it('NPS is % promoters − % detractors, and none without responses', () => {
    assert.equal(npsOf({ promoters: 5, passives: 3, detractors: 2 }), 30);
    assert.equal(npsOf({ promoters: 0, passives: 0, detractors: 4 }), -100);
    assert.equal(npsOf({ promoters: 0, passives: 0, detractors: 0 }), null);
    assert.equal(responsesOf({ promoters: 5, passives: 3, detractors: 2 }), 10);
  });

  it('worked example 162 / 108 / 54', () => {
    const counts = { promoters: 162, passives: 108, detractors: 54 };
    assert.equal(round(npsOf(counts)), 33.33);
    const wald = waldInterval(counts)!;
    assert.equal(round(wald.standardError, 3), 4.141);
    assert.deepEqual([round(wald.low), round(wald.high)], [25.22, 41.45]);
    const adjusted = adjustedWald(counts);
    assert.equal(round(adjusted.centre), 33.03);
    assert.deepEqual([round(adjusted.low), round(adjusted.high)], [24.95, 41.11]);
    const e = estimate(counts);
    assert.equal(e.n, 324);
    assert.equal(round(e.nps), 33.33, 'the figure shown is the raw NPS, not the adjusted centre');
    assert.deepEqual([round(e.ciLow), round(e.ciHigh)], [24.95, 41.11]);
    assert.equal(e.reliable, true);
  });

  it('worked example 50 / 30 / 20', () => {
    const counts = { promoters: 50, passives: 30, detractors: 20 };
    assert.equal(round(npsOf(counts)), 30);
    const wald = waldInterval(counts)!;
    assert.equal(round(wald.standardError), 7.81);
    assert.deepEqual([round(wald.low), round(wald.high)], [14.69, 45.31]);
  });

  it('agrees with a recomputation from individual scores', () => {
    // 1-10 scale, promoters 9-10, detractors 1-6: score each response +1 / 0 / −1 and take mean and variance.
    const scores = [10, 9, 9, 8, 7, 7, 6, 3, 1, 10, 10, 5, 8, 9, 2, 10, 7, 9, 4, 10];
    const values: number[] = scores.map((s) => (s >= 9 ? 1 : s <= 6 ? -1 : 0));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
    const counts = { promoters: values.filter((v) => v === 1).length, passives: values.filter((v) => v === 0).length, detractors: values.filter((v) => v === -1).length };
    assert.equal(npsOf(counts), 100 * mean);
    assert.ok(Math.abs(waldInterval(counts)!.standardError - 100 * Math.sqrt(variance / values.length)) < 1e-9);
  });

  it('marks small samples unreliable, with a configurable threshold', () => {
    const counts = { promoters: 15, passives: 8, detractors: 6 };
    assert.equal(estimate(counts).reliable, false);
    assert.equal(estimate(counts, 20).reliable, true);
    assert.equal(estimate({ promoters: 0, passives: 0, detractors: 0 }).nps, null);
  });

  it('keeps the interval inside [-100, 100] and non-degenerate at the extremes', () => {
    const all = estimate({ promoters: 12, passives: 0, detractors: 0 });
    assert.equal(all.nps, 100);
    assert.ok(all.ciHigh! <= 100 && all.ciLow! < 100, 'a perfect score on 12 responses is not certain');
  });

  it('tests the difference between two periods', () => {
    const before = { promoters: 162, passives: 108, detractors: 54 };
    const same = compare(before, { promoters: 160, passives: 110, detractors: 55 })!;
    assert.equal(same.significant, false);
    const after = { promoters: 100, passives: 120, detractors: 104 };
    const diff = compare(before, after)!;
    assert.equal(round(diff.difference), round(npsOf(before)! - npsOf(after)!));
    assert.ok(diff.z > 1.96 && diff.pValue < 0.05 && diff.significant);
    const small = compare({ promoters: 20, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 20 })!;
    assert.equal(small.significant, false, 'never significant when a side has fewer than 30 responses');
  });

  it('normal CDF', () => {
    assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalCdf(-1) - 0.15865525) < 1e-6);
  });
});
