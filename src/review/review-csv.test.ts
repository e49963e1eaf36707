import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { EFFECT_MEASURES } from '../contract/review.js';
import { REVIEW_CSV_COLUMNS, reviewCsv } from './review-csv.js';
import { largeReview, reviewFixture } from './review-fixture.testkit.js';

type Row = Record<(typeof REVIEW_CSV_COLUMNS)[number], string>;

/** The CSV read back: its rows, and one figure by section, key and measure. */
function readBack(csv: string) {
  const rows = parse(csv, { columns: true }) as Row[];
  const byId = new Map(rows.map((r) => [`${r.section}|${r.key}|${r.measure}`, r]));
  assert.equal(byId.size, rows.length, 'one row per section, key and measure');
  const value = (section: string, key: string, measure: string): string => {
    const row = byId.get(`${section}|${key}|${measure}`);
    assert.ok(row, `${section} ${key} ${measure}`);
    return row.value;
  };
  /** The cell as the API's value: numbers read back exactly, null as an empty cell. */
  const same = (section: string, key: string, measure: string, expected: string | number | boolean | null) => {
    const cell = value(section, key, measure);
    if (typeof expected === 'number') assert.equal(Number(cell), expected, `${section} ${key} ${measure}`);
    else assert.equal(cell, expected === null ? '' : String(expected), `${section} ${key} ${measure}`);
  };
  const keys = (section: string) => new Set(rows.filter((r) => r.section === section).map((r) => r.key));
  return { rows, value, same, keys };
}

describe('the monthly review as CSV', () => {
  const review = reviewFixture('fr');
  const csv = reviewCsv(review);

  it('has the columns section, key, label, measure, value', () => {
    assert.equal(csv.split('\n')[0], REVIEW_CSV_COLUMNS.join(','));
  });

  it('holds the NPS, its change and its 13 months as the API gives them', () => {
    const { same, keys } = readBack(csv);
    for (const [key, figures] of [['current', review.nps.current], ['previous', review.nps.previous!]] as const) {
      for (const [measure, v] of Object.entries(figures)) same('nps', key, measure, v);
    }
    same('nps', 'change', 'difference', 2.7721239428488325);
    same('nps', 'change', 'pValue', 0.2161099037215175);
    same('nps', 'change', 'significant', false);
    assert.deepEqual([...keys('nps-trend')], review.nps.trend.map((m) => m.month));
    for (const m of review.nps.trend) for (const measure of ['value', 'low', 'high', 'responses'] as const) same('nps-trend', m.month, measure, m[measure]);
    for (const s of review.nps.significantChanges) {
      for (const measure of ['dimension', 'value', 'previousValue', 'difference', 'pValue'] as const) same('nps-significant-changes', `${s.dimension}:${s.key}`, measure, s[measure]);
    }
  });

  it('holds the complaints, their on-time shares and their categories', () => {
    const { same, keys } = readBack(csv);
    same('complaints', '', 'received', 1312);
    same('complaints', '', 'ratePerThousand', (1312 / 184_320) * 1000);
    same('complaints', 'answeredOnTime', 'count', 1021);
    same('complaints', 'answeredOnTime', 'of', 1108);
    same('complaints', 'answeredOnTime', 'low', 0.9041459911563908);
    same('complaints', 'acknowledgedOnTime', 'high', 0.9631139508957729);
    assert.equal(keys('complaints-by-category').size, review.complaints.byCategory.length);
    for (const c of review.complaints.byCategory) same('complaints-by-category', c.code, 'received', c.received);
  });

  it('holds every cause of the Pareto, in its order, with its counts, shares and refunds', () => {
    const { same, rows, keys } = readBack(csv);
    assert.deepEqual([...keys('top-causes')], review.topCauses.map((c) => c.code));
    review.topCauses.forEach((c, i) => {
      same('top-causes', c.code, 'rank', i + 1);
      for (const measure of ['department', 'complaints', 'detractors', 'repeatContacts', 'total', 'share', 'cumulativeShare', 'ratePerThousand', 'refundedCents'] as const) {
        same('top-causes', c.code, measure, c[measure]);
      }
    });
    // worked by hand: 212 + 148 + 97 = 457 of the 1,846 cases coded in the month
    same('top-causes', 'billing.tariff.plan_change', 'total', 457);
    same('top-causes', 'billing.tariff.plan_change', 'share', 457 / 1846);
    assert.ok(rows.some((r) => r.section === 'top-causes' && r.label === 'Tarif non appliqué après un changement de formule'));
  });

  it('holds the overdue cases, every action and every measured effect', () => {
    const { same, keys } = readBack(csv);
    same('overdue', '', 'complaints', 23);
    same('overdue', '', 'followups', 41);
    for (const o of review.overdue.oldest) for (const measure of ['kind', 'category', 'dueAt', 'businessDaysOverdue'] as const) same('overdue-oldest', o.reference, measure, o[measure]);
    assert.deepEqual([...keys('actions')], review.actions.map((a) => a.reference));
    for (const a of review.actions) {
      same('actions', a.reference, 'causes', a.causes.map((c) => c.code).join(' '));
      same('actions', a.reference, 'owner', a.owner);
      same('actions', a.reference, 'measured', a.effect !== null);
      same('actions', a.reference, 'faded', a.faded);
      if (!a.effect) continue;
      same('action-effects', a.reference, 'afterTo', a.effect.afterTo);
      for (const name of EFFECT_MEASURES) {
        const m = a.effect[name];
        if (!m) continue;
        for (const [field, v] of Object.entries(m)) same('action-effects', a.reference, `effect.${name}.${field}`, v);
      }
    }
    assert.deepEqual([...keys('action-effects')], ['A-2026-0002', 'A-2026-0003', 'A-2026-0007']);
    for (const s of review.externalStudies) same('external-studies', s.study, 'respondents', s.respondents);
  });

  it('neutralises a label a spreadsheet would run as a formula, and leaves negative numbers as numbers', () => {
    const hostile = reviewFixture('en');
    hostile.topCauses[0]!.label = '=HYPERLINK("http://evil.example")';
    const { rows } = readBack(reviewCsv(hostile));
    const cause = rows.find((r) => r.section === 'top-causes' && r.key === hostile.topCauses[0]!.code)!;
    assert.equal(cause.label, '\'=HYPERLINK("http://evil.example")');
    const shop = rows.find((r) => r.section === 'nps-significant-changes' && r.measure === 'difference' && r.key === 'channel:shop')!;
    assert.equal(shop.value, '-25.62');
  });

  it('writes a busy month whole: a row per figure of its 50 causes and 30 actions', () => {
    const large = largeReview('de');
    const { keys, rows } = readBack(reviewCsv(large));
    assert.equal(keys('top-causes').size, 50);
    assert.equal(keys('actions').size, 30);
    // 4 window rows and 3 measures of 10 fields for each action
    assert.equal(rows.filter((r) => r.section === 'action-effects').length, 30 * (4 + 3 * 10));
  });
});
