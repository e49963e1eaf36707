// The console's own rules for the cases workbench that run outside the browser: amounts typed in
// euros, the day a written complaint was received, the queue's address and filters, the pages' addresses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eurosToCents, luxembourgToday, parseQueueChoice, queueChoiceQuery, queueFilters, receivedAtOf, wordedReason } from '../web/src/cases.js';
import { parseRoute, routePath } from '../web/src/use-route.js';

describe('console: cases workbench helpers', () => {
  it('reads an amount in euros as integer cents, whatever the decimal mark; empty is none; anything else is refused', () => {
    assert.equal(eurosToCents('12'), 1200);
    assert.equal(eurosToCents('12,5'), 1250);
    assert.equal(eurosToCents('12.50'), 1250);
    assert.equal(eurosToCents(' 1 234,56 € '), 123456);
    assert.equal(eurosToCents('0,07'), 7);
    assert.equal(eurosToCents(''), null);
    assert.equal(eurosToCents('   '), null);
    for (const bad of ['douze', '12,345', '-3', '1,2,3', '12€50']) assert.equal(eurosToCents(bad), undefined, bad);
  });

  it('records a written complaint received today as now, another day at noon in Luxembourg, in winter and in summer', () => {
    const now = new Date('2026-12-04T14:03:00Z');
    assert.equal(luxembourgToday(now), '2026-12-04');
    assert.equal(luxembourgToday(new Date('2026-12-04T23:30:00Z')), '2026-12-05', 'after midnight in Luxembourg');
    assert.equal(receivedAtOf('2026-12-04', now), now.toISOString());
    assert.equal(receivedAtOf('2026-12-01', now), '2026-12-01T11:00:00.000Z');
    assert.equal(receivedAtOf('2026-07-15', now), '2026-07-15T10:00:00.000Z');
    assert.equal(receivedAtOf('2026-03-29', now), '2026-03-29T10:00:00.000Z', 'the day clocks go forward');
  });

  it('keeps the queue shown in its address, with the API filters of each tab', () => {
    const fallback = { kind: 'followup', tab: 'team' } as const;
    assert.deepEqual(parseQueueChoice('', fallback), fallback);
    assert.deepEqual(parseQueueChoice('kind=complaint&tab=overdue', fallback), { kind: 'complaint', tab: 'overdue' });
    assert.deepEqual(parseQueueChoice('kind=repair&tab=late', fallback), fallback);
    assert.equal(queueChoiceQuery({ kind: 'complaint', tab: 'due-today' }), 'kind=complaint&tab=due-today');
    assert.deepEqual(queueFilters('mine'), { assignee: 'me' });
    assert.deepEqual(queueFilters('team'), {});
    assert.deepEqual(queueFilters('hot'), { view: 'hot' });
  });

  it('routes /cases and /cases/<kind>/<id> both ways', () => {
    assert.deepEqual(parseRoute('/cases', '?kind=complaint&tab=hot'), { page: 'cases', query: 'kind=complaint&tab=hot' });
    assert.deepEqual(parseRoute('/cases/followup/0192-abc'), { page: 'case', kind: 'followup', id: '0192-abc' });
    assert.deepEqual(parseRoute('/cases/repair/1'), { page: 'cases', query: '' });
    assert.equal(routePath({ page: 'case', kind: 'complaint', id: 'a/b' }), '/cases/complaint/a%2Fb');
    assert.equal(routePath({ page: 'cases', query: '' }), '/cases');
  });

  it('words a field’s problem in the reader’s language from its code, never the server’s English reason', () => {
    const t = ((key: string) => `«${key}»`) as Parameters<typeof wordedReason>[1];
    assert.equal(wordedReason({ code: 'required', params: { action: 'reject' } }, t), '«cases.form.required»');
    assert.equal(wordedReason({ code: 'inactive-user' }, t), '«issues.fields.inactive-user»');
    assert.equal(wordedReason({ code: 'a-code-the-console-does-not-know' }, t), '«issues.fields.invalid»');
    assert.equal(wordedReason(undefined, t), undefined);
  });
});
