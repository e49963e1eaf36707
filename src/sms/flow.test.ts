import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Backoff, RateLimiter, Window } from './flow.js';

describe('Window', () => {
  it('lets `size` holders in and the others in order as slots free up', async () => {
    const window = new Window(2);
    const order: number[] = [];
    await window.acquire();
    await window.acquire();
    const third = window.acquire().then(() => order.push(3));
    const fourth = window.acquire().then(() => order.push(4));
    assert.equal(window.queued, 2);
    window.release();
    window.release();
    await Promise.all([third, fourth]);
    assert.deepEqual(order, [3, 4]);
    assert.equal(window.inUse, 2);
    const waiting = window.acquire();
    window.rejectWaiting(new Error('closed'));
    await assert.rejects(waiting, /closed/);
  });
});

describe('RateLimiter', () => {
  it('spaces requests 1/rate apart after the burst', () => {
    const limiter = new RateLimiter(100, 3);
    const waits = Array.from({ length: 6 }, () => limiter.reserve(0));
    assert.deepEqual(waits.map((w) => Math.round(w)), [0, 0, 0, 10, 20, 30]);
    assert.equal(Math.round(limiter.reserve(1000)), 0, 'idle time refills the bucket');
    assert.equal(new RateLimiter(0).reserve(0), 0, '0 = no cap');
  });
});

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap, jittered between 50 and 100 %', () => {
    const high = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 1);
    assert.deepEqual(Array.from({ length: 6 }, () => high.next()), [100, 200, 400, 800, 1000, 1000]);
    const low = new Backoff({ initialMs: 100, maxMs: 1000 }, () => 0);
    assert.deepEqual(Array.from({ length: 3 }, () => low.next()), [50, 100, 200]);
    high.reset();
    assert.equal(high.next(), 100);
  });
});
