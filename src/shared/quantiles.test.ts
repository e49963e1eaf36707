import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianAndP90, quantile } from './quantiles.js';

describe('quantiles by nearest rank', () => {
  it('take the value of rank ⌈q·n⌉: always an observed value', () => {
    const values = [60, 2, 30, 4, 10];
    assert.equal(quantile(values, 0.5), 10);
    assert.equal(quantile(values, 0.9), 60);
    assert.equal(quantile(values, 0.2), 2);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2, 'an even count: the lower middle, not an average');
    assert.equal(quantile(Array.from({ length: 10 }, (_, i) => i + 1), 0.9), 9);
    assert.equal(quantile([7], 1), 7);
  });

  it('leave the values as they were and answer null without values', () => {
    const values = [3, 1, 2];
    quantile(values, 0.5);
    assert.deepEqual(values, [3, 1, 2]);
    assert.deepEqual(medianAndP90([]), { n: 0, median: null, p90: null });
    assert.throws(() => quantile([1], 0), RangeError);
  });
});
