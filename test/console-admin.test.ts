// The console's own rules for the administration pages that run outside the browser: their
// addresses, the end of a day in Luxembourg, and every study import error worded in each language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { luxembourgMidnight, nextDay } from '../web/src/admin-time.js';
import { adminpagesDe } from '../web/src/i18n/adminpages.de.js';
import { adminpagesEn } from '../web/src/i18n/adminpages.en.js';
import { adminpagesFr } from '../web/src/i18n/adminpages.fr.js';
import { parseRoute, routePath, type Route } from '../web/src/use-route.js';
import { readFileSync } from 'node:fs';

describe('console: administration pages helpers', () => {
  it('gives each administration page its own address, and sends an unknown one to the console', () => {
    for (const page of ['admin', 'admin-reasons', 'admin-tokens', 'admin-audit', 'admin-studies'] as const) {
      const route = { page } as Route;
      assert.deepEqual(parseRoute(routePath(route)), route);
    }
    assert.equal(routePath({ page: 'admin-audit' }), '/admin/audit');
    assert.deepEqual(parseRoute('/admin/toString'), { page: 'console' });
    assert.deepEqual(parseRoute('/admin/nothing-here'), { page: 'console' });
  });

  it('turns a day into the instant its Luxembourg midnight is, in winter and in summer', () => {
    assert.equal(luxembourgMidnight('2027-01-15'), '2027-01-14T23:00:00.000Z');
    assert.equal(luxembourgMidnight('2027-07-01'), '2027-06-30T22:00:00.000Z');
    // the last Sunday of March: midnight is still winter time
    assert.equal(luxembourgMidnight('2027-03-28'), '2027-03-27T23:00:00.000Z');
    assert.equal(nextDay('2026-12-31'), '2027-01-01');
  });

  it('words every code the studies import gives its errors, in French, German and English', () => {
    const sources = ['src/studies/study-figures.ts', 'src/studies/study-import.ts', 'src/studies/study-period.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
    const given = [...sources.matchAll(/code: '([a-z-]+)'/g), ...sources.matchAll(/fail\([^;]*?, '([a-z]+(?:-[a-z]+)+|required)'/gs)].map((m) => m[1]!);
    assert.ok(new Set(given).size >= 24, `found ${[...new Set(given)].join(', ')}`);
    for (const code of new Set(given)) {
      for (const [language, catalogue] of [['fr', adminpagesFr], ['de', adminpagesDe], ['en', adminpagesEn]] as const) {
        assert.ok(code in catalogue.studies.rowProblems, `${code} has no ${language} text`);
      }
    }
    assert.notEqual(adminpagesFr.studies.rowProblems['not-a-period'], adminpagesEn.studies.rowProblems['not-a-period']);
  });
});
