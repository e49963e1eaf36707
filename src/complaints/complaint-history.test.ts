import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHistory, derivedState, historicActions } from './complaint-history.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const row = (o: Partial<Parameters<typeof checkHistory>[0]> = {}) => ({
  receivedAt: T0, acknowledgedAt: null, answeredAt: null, closedAt: null, rejectionReason: null, state: '', outcome: '', ...o,
});

describe('the history of an imported complaint', () => {
  it('derives the state from the dates and the rejection reason', () => {
    assert.equal(derivedState(row()), 'received');
    assert.equal(derivedState(row({ acknowledgedAt: T0 + H })), 'acknowledged');
    assert.equal(derivedState(row({ answeredAt: T0 + H })), 'answered');
    assert.equal(derivedState(row({ answeredAt: T0 + H, closedAt: T0 + 2 * H })), 'closed');
    assert.equal(derivedState(row({ closedAt: T0 + H, rejectionReason: 'Not ours' })), 'rejected');
  });

  it('takes a complaint to its state through the actions of the lifecycle, each at its time', () => {
    const closed = checkHistory(row({ acknowledgedAt: T0 + H, answeredAt: T0 + 2 * H, closedAt: T0 + 3 * H, outcome: 'Partially upheld' }), 2);
    assert.deepEqual(closed.errors, []);
    assert.deepEqual(historicActions(closed.history!).map((s) => [s.action, s.at - T0, s.input]), [
      ['acknowledge', H, {}], ['answer', 2 * H, { outcome: 'partially_upheld' }], ['close', 3 * H, { causeCode: 'unknown', unknownReason: 'imported from the back office without a root cause' }],
    ]);
    const investigating = checkHistory(row({ state: 'under investigation' }), 2);
    assert.deepEqual(historicActions(investigating.history!).map((s) => [s.action, s.at]), [['investigate', T0]]);
    const rejected = checkHistory(row({ acknowledgedAt: T0 + H, closedAt: T0 + 2 * H, rejectionReason: 'Not ours' }), 2);
    assert.deepEqual(historicActions(rejected.history!).map((s) => [s.action, s.input.reason ?? null]), [['acknowledge', null], ['reject', 'Not ours']]);
  });

  it('names every contradiction between the state, the outcome and the dates', () => {
    const { history, errors } = checkHistory(row({ state: 'answered', closedAt: T0 - H, rejectionReason: 'x' }), 7);
    assert.equal(history, undefined);
    assert.deepEqual(errors.map((e) => [e.line, e.field]), [[7, 'answered_at'], [7, 'closed_at'], [7, 'outcome'], [7, 'rejection_reason'], [7, 'closed_at']]);
    assert.deepEqual(checkHistory(row({ state: 'pending', outcome: 'won' }), 3).errors.map((e) => e.field), ['state', 'outcome']);
  });
});
