// The Pareto board's own rules that run outside the browser: its view kept in the address, the API
// parameters it asks with, the flagged points said in words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagText } from '../web/src/control-flags.js';
import { improvementFr } from '../web/src/i18n/improvement.fr.js';
import type { Translate } from '../web/src/i18n/index.js';
import { daysIn, defaultRange, filterParams, parseParetoView, serializeParetoView } from '../web/src/pareto-view.js';
import { parseRoute, routePath } from '../web/src/use-route.js';

describe('console: the Pareto board', () => {
  it('keeps its view in the address without the defaults, and reads back what it wrote', () => {
    const range = defaultRange();
    const view = parseParetoView('');
    assert.deepEqual([view.from, view.to, view.level, view.sort, view.kind, view.interval, view.measure, view.cause], [range.from, range.to, '', 'total', 'complaint', 'month', 'complaints', undefined]);
    assert.equal(serializeParetoView(view), '');
    const query = 'from=2025-11-01&to=2026-06-30&level=1&sort=disputed&segment=business&channel=letter&team=t1&plan=Love+Duo&cause=billing&kind=contact&interval=week&measure=detractors';
    const read = parseParetoView(query);
    assert.equal(serializeParetoView(read), query);
    assert.deepEqual(filterParams(read), { from: '2025-11-01', to: '2026-06-30', segment: 'business', channel: 'letter', team: 't1', plan: 'Love Duo' });
  });

  it('falls back to the defaults on what it cannot read, and forgets what belongs to a cause when none is chosen', () => {
    const view = parseParetoView('from=2026-02-30&level=3&sort=nps&segment=vip&channel=fax&kind=letter&interval=day');
    const range = defaultRange();
    assert.deepEqual([view.from, view.level, view.sort, view.segment, view.channel, view.kind, view.interval], [range.from, '', 'total', undefined, undefined, 'complaint', 'month']);
    assert.equal(serializeParetoView({ ...parseParetoView('kind=contact&interval=week'), cause: undefined }), '');
  });

  it('opens on the last 12 calendar months to today in Luxembourg, within the longest period', () => {
    assert.deepEqual(defaultRange(new Date('2026-12-31T23:30:00Z')), { from: '2026-02-01', to: '2027-01-01' });
    assert.deepEqual(defaultRange(new Date('2026-03-31T12:00:00Z')), { from: '2025-04-01', to: '2026-03-31' });
    assert.equal(daysIn('2025-04-01', '2026-03-31'), 365);
  });

  it('counts the days of a period both ends included, as the server does', () => {
    assert.equal(daysIn('2026-01-01', '2026-12-31'), 365);
    assert.equal(daysIn('2024-01-01', '2024-12-31'), 366);
    assert.equal(daysIn('2026-03-01', '2026-03-31'), 31, 'across the change to summer time');
  });

  it('routes /pareto with its view both ways', () => {
    assert.deepEqual(parseRoute('/pareto', '?cause=billing'), { page: 'pareto', query: 'cause=billing' });
    assert.equal(routePath({ page: 'pareto', query: 'cause=billing' }), '/pareto?cause=billing');
    assert.equal(routePath({ page: 'pareto', query: '' }), '/pareto');
  });

  it('says each flagged point of a control chart in words, with its numbers written the reader\'s way', () => {
    // the French catalogue, interpolated as i18next does
    const t = ((key: string, values: Record<string, string | number> = {}) => {
      const text = key.split('.').slice(1).reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], improvementFr) as string;
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
    }) as Translate;
    const june = { period: '2026-06', start: '2026-06-01', end: '2026-06-30', count: 14, customers: 2000, value: 7, lcl: 0, ucl: 5, sigmas: 5, flags: [] };
    assert.equal(flagText(june, { code: 'beyond-limits', side: 'above' }, t, 'fr'), '2026-06 : 7,00 pour 1 000 clients, au-dessus de la limite haute (5,00).');
    assert.equal(flagText(june, { code: 'run', side: 'below', length: 9 }, t, 'fr'), '2026-06 : 9e point d’affilée en dessous de la ligne centrale.');
    assert.equal(flagText(june, { code: 'trend', direction: 'up', length: 6 }, t, 'fr'), '2026-06 : 6e point d’affilée en hausse.');
  });
});
