import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EFFECT_MEASURES, monthlyReview, type MonthlyReview } from '../contract/review.js';
import type { LabelLanguage } from '../shared/languages.js';
import { inkShare, pdfInfo, pdfText, renderPages, type GreyPage } from './pdf-raster.testkit.js';
import { measureValue, renderReviewPdf, type RenderedReview } from './review-pdf.js';
import { largeReview, reviewFixture } from './review-fixture.testkit.js';
import { reviewFormat } from './review-format.js';

/** The content area of an A4 page, between the header and footer rules, in points. */
const CONTENT = { x: 50, y: 50, width: 495, height: 730 };

/** Text as a reader copies it: no-break spaces as spaces, every run of white space as one space. */
const flat = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

/** What the fixture must show, written out by hand for each language. */
const EXPECTED: Record<LabelLanguage, { figures: string[]; sections: string[] }> = {
  fr: {
    figures: ['novembre 2026', '+32,2', '[29,1 ; 35,3]', '+29,5', '+2,8', 'p = 0,216', '1 296 (52,0 %)', 'Reçues 1 312', '92,1 % (1 021/1 108)', '[90,4 % ; 93,6 %]', '7,12', 'Base clients : 184 320 clients au 30/11/2026', 'Au 01/12/2026 : 23 réclamations et 41 suivis en retard.'],
    sections: ['Recommandation (NPS)', 'Réclamations', 'Causes principales (Pareto)', 'Réclamations et suivis en retard', "Actions d'amélioration et leur effet", 'Études externes'],
  },
  de: {
    figures: ['November 2026', '+32,2', '[29,1; 35,3]', '+29,5', '+2,8', 'p = 0,216', '1.296 (52,0 %)', 'Eingegangen 1.312', '92,1 % (1.021/1.108)', '[90,4 %; 93,6 %]', '7,12', 'Kundenbasis: 184.320 Kunden am 30.11.2026', 'Am 01.12.2026: 23 Beschwerden und 41 Nachfassungen überfällig.'],
    sections: ['Weiterempfehlung (NPS)', 'Beschwerden', 'Hauptursachen (Pareto)', 'Überfällige Beschwerden und Nachfassungen', 'Verbesserungsmaßnahmen und ihre Wirkung', 'Externe Studien'],
  },
  en: {
    figures: ['November 2026', '+32.2', '[29.1, 35.3]', '+29.5', '+2.8', 'p = 0.216', '1,296 (52.0%)', 'Received 1,312', '92.1% (1,021/1,108)', '[90.4%, 93.6%]', '7.12', 'Customer base: 184,320 customers on 30/11/2026', 'On 01/12/2026: 23 complaints and 41 follow-ups overdue.'],
    sections: ['Recommendation (NPS)', 'Complaints', 'Top causes (Pareto)', 'Overdue complaints and follow-ups', 'Improvement actions and their effect', 'External studies'],
  },
};

describe('the monthly review as a PDF', () => {
  let dir: string;
  const rendered = new Map<LabelLanguage, { review: MonthlyReview; result: RenderedReview; pages: GreyPage[]; text: string }>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecoute-review-'));
    for (const language of ['fr', 'de', 'en'] as const) {
      const review = monthlyReview.parse(reviewFixture(language));
      const result = await renderReviewPdf(review);
      rendered.set(language, { review, result, pages: renderPages(result.pdf, dir, language), text: pdfText(result.pdf, dir, language) });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is a PDF of four A4 pages in every language: title and NPS, then complaints and causes, overdue cases and actions, the last effects and studies', () => {
    for (const [language, { result, pages }] of rendered) {
      assert.equal(result.pdf.subarray(0, 5).toString('latin1'), '%PDF-', language);
      assert.equal(result.pages, 4, language);
      assert.equal(pages.length, 4, language);
      // A4 at 50 dpi: 595 × 842 points
      assert.deepEqual([pages[0]!.width, pages[0]!.height], [Math.ceil((595.28 * 50) / 72), Math.ceil((841.89 * 50) / 72)], language);
    }
  });

  it('has ink on every page between its header and footer, and in every chart', () => {
    for (const [language, { result, pages }] of rendered) {
      pages.forEach((page, i) => assert.ok(inkShare(page, CONTENT) > 0.03, `${language} page ${i + 1}: ${inkShare(page, CONTENT)}`));
      assert.deepEqual(
        result.charts.map((c) => c.kind),
        ['nps-trend', 'pareto', ...Array(7).fill('effect')],
        'a trend, a Pareto, and a chart per measured effect: 2 for A-2026-0002 (no repeat rate), 3 for A-2026-0003, 2 for A-2026-0007 (no NPS)',
      );
      const least = { 'nps-trend': 0.08, pareto: 0.1, effect: 0.04 };
      for (const chart of result.charts) {
        const ink = inkShare(pages[chart.page]!, chart);
        assert.ok(ink > least[chart.kind], `${language} ${chart.kind} on page ${chart.page + 1}: ${ink}`);
      }
    }
  });

  it('draws the data of its charts: a trend without responses leaves its chart with far less ink', async () => {
    const review = reviewFixture('en');
    const empty: MonthlyReview = { ...review, nps: { ...review.nps, trend: review.nps.trend.map((m) => ({ ...m, value: null, low: null, high: null, responses: 0 })) } };
    const withData = rendered.get('en')!;
    const without = await renderReviewPdf(empty);
    const [trend] = without.charts;
    const inkWith = inkShare(withData.pages[0]!, withData.result.charts[0]!);
    const inkWithout = inkShare(renderPages(without.pdf, dir, 'empty-trend')[0]!, trend!);
    assert.ok(inkWithout < inkWith / 2, `${inkWithout} vs ${inkWith}`);
  });

  for (const language of ['fr', 'de', 'en'] as const) {
    it(`shows the fixture's figures as a reader of ${language} writes them, under the section titles of ${language}`, () => {
      const { review, text } = rendered.get(language)!;
      const f = reviewFormat(language);
      const page = flat(text);
      for (const expected of [...EXPECTED[language].figures, ...EXPECTED[language].sections]) assert.ok(page.includes(expected), `${language}: ${expected}`);
      // every cause of the Pareto: its counts, share and cumulative share in the order of the table's columns
      for (const c of review.topCauses) {
        const row = [c.complaints, c.detractors, c.repeatContacts].map(f.count).concat([f.percent(c.share), f.percent(c.cumulativeShare)]);
        assert.ok(page.includes(flat(row.join(' '))), `${language}: ${c.code} ${row.join(' ')}`);
      }
      // every measured effect: before and after with their intervals
      for (const a of review.actions) {
        for (const name of EFFECT_MEASURES) {
          const m = a.effect?.[name];
          if (!m) continue;
          const v = measureValue(f, name);
          for (const [value, low, high] of [[m.before, m.beforeLow, m.beforeHigh], [m.after, m.afterLow, m.afterHigh]] as const) {
            const shown = flat(`${v(value)} ${f.interval(v(low), v(high))}`);
            assert.ok(page.includes(shown), `${language}: ${a.reference} ${name} ${shown}`);
          }
        }
      }
      for (const o of review.overdue.oldest) assert.ok(page.includes(o.reference), o.reference);
      for (const s of review.externalStudies) assert.ok(page.includes(flat(f.interval(f.number(s.low, 1), f.number(s.high, 1)))), s.study);
    });
  }

  it('numbers its pages "x of y" in the footer, in the language', () => {
    const want = { fr: 'Page 2 sur 4', de: 'Seite 2 von 4', en: 'Page 2 of 4' };
    for (const [language, { text }] of rendered) assert.ok(text.includes(want[language]), language);
  });

  it('makes the same bytes from the same review, dated when the review was generated', async () => {
    const again = await renderReviewPdf(reviewFixture('de'));
    assert.ok(again.pdf.equals(rendered.get('de')!.result.pdf));
    assert.match(pdfInfo(again.pdf, dir, 'info'), /^CreationDate:\s+2026-12-01T06:30:00Z$/m);
  });

  it('draws texts outside WinAnsi as their nearest equivalent, never as garbage', async () => {
    const review = reviewFixture('en');
    review.nps.significantChanges[0]!.label = 'p ≤ 5 − 2 → Łódź 東';
    const result = await renderReviewPdf(review);
    const text = flat(pdfText(result.pdf, dir, 'winansi'));
    assert.ok(text.includes('p <= 5 - 2 -> ?ódz ?'), text.slice(0, 2000));
    assert.ok(!text.includes('\ufffd'));
  });

  it('renders a busy month, 50 causes and 30 measured actions, on as many pages as it needs, each with ink', async () => {
    const review = monthlyReview.parse(largeReview('fr'));
    const result = await renderReviewPdf(review);
    const pages = renderPages(result.pdf, dir, 'large');
    assert.equal(pages.length, result.pages);
    assert.ok(result.pages > 4);
    pages.forEach((page, i) => assert.ok(inkShare(page, CONTENT) > 0.03, `page ${i + 1}`));
    assert.equal(result.charts.filter((c) => c.kind === 'effect').length, 90);
    const text = flat(pdfText(result.pdf, dir, 'large'));
    for (const a of review.actions) assert.ok(text.includes(a.reference), a.reference);
    assert.ok(text.includes('les 20 premières des 50 causes'));
  });
});
