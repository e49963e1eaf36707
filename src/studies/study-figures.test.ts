import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFigures } from './study-figures.js';

/** Parses the figures of a row given as column → value (n null: wrong); returns them or the errors as `field: reason`. */
function figures(values: Record<string, string>, n: number | null = 1000) {
  const errors: string[] = [];
  const parsed = parseFigures((column) => values[column] ?? '', n ?? undefined, (field, reason) => errors.push(field === undefined ? reason : `${field}: ${reason}`));
  return errors.length > 0 ? errors : parsed;
}

const percents = (shares: { promoters: number; passives: number; detractors: number }) =>
  [shares.promoters, shares.passives, shares.detractors].map((share) => Math.round(share * 10_000) / 100);

/** score_0 … score_10 from a list starting at score `first`. */
const scores = (values: (number | string)[], first = 0) => Object.fromEntries(values.map((v, i) => [`score_${first + i}`, String(v)]));

describe('study figures', () => {
  it('reads shares written with %, as percentages, as fractions or with a decimal comma, on the default basis', () => {
    for (const [promoters, passives, detractors] of [
      ['45%', '30%', '25%'],
      ['45', '30', '25'],
      ['0.45', '0.3', '0.25'],
      ['45,0 %', '30,0\u202f%', '25,0%'],
    ]) {
      const parsed = figures({ promoters: promoters!, passives: passives!, detractors: detractors! });
      assert.ok(!Array.isArray(parsed) && parsed);
      assert.deepEqual(percents(parsed.shares), [45, 30, 25]);
      assert.deepEqual(parsed.basis, { scaleMin: 0, scaleMax: 10, promoterMin: 9, detractorMax: 6 });
      assert.equal(parsed.distribution, null);
    }
  });

  it('scales shares within half a point of 100% to add up to 1', () => {
    const parsed = figures({ promoters: '42,5%', passives: '33,1%', detractors: '24,2%' });
    assert.ok(!Array.isArray(parsed) && parsed);
    const { promoters, passives, detractors } = parsed.shares;
    assert.ok(Math.abs(promoters + passives + detractors - 1) < 1e-12);
    assert.ok(Math.abs(promoters - 42.5 / 99.8) < 1e-12);
  });

  it('refuses shares that do not add up, are written differently or are not numbers', () => {
    assert.deepEqual(figures({ promoters: '45%', passives: '30%', detractors: '22%' }), ['promoters + passives + detractors = 97.0%, expected 100% (± 0.5)']);
    assert.deepEqual(figures({ promoters: '45%', passives: '30', detractors: '25%' }), [
      'write promoters, passives and detractors the same way: all three with %, or none',
    ]);
    assert.deepEqual(figures({ promoters: 'many', passives: '-30', detractors: '' }), [
      'promoters: "many" is not a share (expected e.g. 42%, 42,5%, 42 or 0.42)',
      'passives: "-30" is not a share (expected e.g. 42%, 42,5%, 42 or 0.42)',
      'detractors: is required with promoters, passives and detractors',
    ]);
  });

  it('computes the shares from score counts adding up to n, on the basis given', () => {
    const counts = scores([20, 10, 10, 20, 30, 40, 70, 150, 200, 250, 200]);
    const parsed = figures(counts);
    assert.ok(!Array.isArray(parsed) && parsed);
    assert.deepEqual(percents(parsed.shares), [45, 35, 20]);
    assert.equal(parsed.distribution!.unit, 'count');
    assert.equal(parsed.distribution!.scores['10'], 200);
    // Same answers, stricter thresholds: promoters 10 only, detractors up to 7.
    const strict = figures({ ...counts, promoter_min: '10', detractor_max: '7' });
    assert.ok(!Array.isArray(strict) && strict);
    assert.deepEqual(percents(strict.shares), [20, 45, 35]);
  });

  it('reads score shares on a 1-10 scale, empty scores being nobody', () => {
    const parsed = figures({ ...scores(['2%', '', '3%', '5%', '5%', '10%', '20%', '25,5%', '29,5%'], 2), scale: '1-10' }, 700);
    assert.ok(!Array.isArray(parsed) && parsed);
    assert.deepEqual(percents(parsed.shares), [55, 30, 15]);
    assert.deepEqual(parsed.basis, { scaleMin: 1, scaleMax: 10, promoterMin: 9, detractorMax: 6 });
    assert.deepEqual(parsed.distribution, {
      unit: 'share',
      scores: { 1: 0, 2: 0.02, 3: 0, 4: 0.03, 5: 0.05, 6: 0.05, 7: 0.1, 8: 0.2, 9: 0.255, 10: 0.295 },
    });
  });

  it('refuses scores that add up to neither n nor 100%, scores outside the scale and a wrong basis', () => {
    assert.deepEqual(figures(scores([20, 10, 10, 20, 30, 40, 70, 150, 200, 250, 197])), [
      'score_0 … score_10 add up to 997: counts must add up to n (1000), shares to 100% (± 0.5)',
    ]);
    assert.deepEqual(figures({ ...scores([5, 10, 10]), scale: '1-10' }, 25), ['score_0: is outside the 1-10 scale: leave it empty']);
    assert.deepEqual(figures({ ...scores([10, 90]), scale: '0-5', promoter_min: 'nine', detractor_max: '11' }, 100), [
      'scale: "0-5" is not a scale Ecoute knows (0-10 or 1-10)',
      'promoter_min: "nine" is not a score of the 0-10 scale',
      'detractor_max: "11" is not a score of the 0-10 scale',
    ]);
    assert.deepEqual(figures({ promoters: '50%', passives: '30%', detractors: '20%', promoter_min: '7', detractor_max: '7' }), [
      'detractor_max: 7 must be below promoter_min (7)',
    ]);
  });

  it('wants either shares or scores, and leaves counts to the error on n when n is wrong', () => {
    assert.deepEqual(figures({ promoters: '50%', score_10: '3' }), [
      'give either the shares (promoters, passives, detractors) or the scores (score_0 … score_10), not both',
    ]);
    assert.deepEqual(figures({}), ['has no figures: give promoters, passives and detractors, or the scores score_0 … score_10']);
    assert.equal(figures(scores([1, 2, 3]), null), undefined);
  });
});
