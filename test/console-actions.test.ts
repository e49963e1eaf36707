// The console's own rules for the improvement actions board that run outside the browser: the
// board's address (its list, the action open, a cause to create one on), figures and p-values as
// read, the vertical range of an effect chart.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boardQuery, chartRange, formatMeasure, formatP, parseBoardQuery, TAB_STATES } from '../web/src/actions.js';
import { parseRoute, routePath } from '../web/src/use-route.js';

describe('console: improvement actions helpers', () => {
  it('keeps the list, the action open and the cause to create one on in the address; the Pareto board links /actions?cause=', () => {
    assert.deepEqual(parseRoute('/actions', '?cause=billing.roaming'), { page: 'actions', query: 'cause=billing.roaming' });
    assert.deepEqual(parseBoardQuery('cause=billing.roaming'), { tab: 'open', cause: 'billing.roaming' });
    assert.deepEqual(parseBoardQuery('status=done&id=a1'), { tab: 'done', id: 'a1' });
    assert.deepEqual(parseBoardQuery('status=nonsense'), { tab: 'open' });
    assert.equal(boardQuery({ tab: 'open' }), '');
    assert.equal(boardQuery({ tab: 'verified', id: 'a1' }), 'status=verified&id=a1');
    assert.equal(routePath({ page: 'actions', query: boardQuery({ tab: 'all', cause: 'network' }) }), '/actions?status=all&cause=network');
    assert.deepEqual(TAB_STATES.open, ['proposed', 'approved', 'in_progress']);
    assert.equal(TAB_STATES.all, undefined, 'every state');
  });

  it('writes each measure with its digits and unit, in the reader\'s language, and small p-values as < 0.001', () => {
    assert.equal(formatMeasure('complaint_rate', 2.1, 'fr-LU'), '2,10');
    assert.equal(formatMeasure('nps', 30, 'en-GB', true), '+30.0');
    assert.equal(formatMeasure('nps', -15, 'en-GB', true), '-15.0');
    assert.equal(formatMeasure('repeat_rate', 15, 'de-LU'), '15,0\u00a0%');
    assert.equal(formatMeasure('nps', null, 'fr-LU'), '—');
    assert.equal(formatP(0.00018, 'en-GB'), '< 0.001');
    assert.equal(formatP(0.0352, 'fr-LU'), '0,035');
  });

  it('draws a chart over every figure and bound, rates from zero, NPS within ±100, never a flat range', () => {
    const close = (r: { min: number; max: number }, min: number, max: number) => assert.ok(Math.abs(r.min - min) < 1e-9 && Math.abs(r.max - max) < 1e-9, JSON.stringify(r));
    close(chartRange('complaint_rate', [2.1, 1.7, 2.6, 1.05, 0.78, 1.42]), 0, 2.86);
    close(chartRange('nps', [-15, -39.2, 11.3, 30, 7.3, 49.3]), -48.05, 58.15);
    close(chartRange('nps', [-100, 100]), -100, 100);
    close(chartRange('repeat_rate', [0, 0]), 0, 1.2);
    close(chartRange('complaint_rate', [null, undefined]), 0, 1.1);
  });
});
