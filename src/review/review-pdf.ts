import type { EffectMeasure, EffectMeasureName, MonthlyReview, ReviewAction, ReviewShare } from '../contract/review.js';
import { EFFECT_MEASURES } from '../contract/review.js';
import { type ChartBox, type Column, MUTED, PdfWriter } from './pdf-writer.js';
import { effectChart, npsTrendChart, paretoChart } from './review-charts.js';
import { reviewFormat, type ReviewFormat } from './review-format.js';
import { fill, REVIEW_LABELS, type ReviewLabels } from './review-labels.js';

/**
 * The monthly review as a PDF (docs/improvement.md, "The monthly review"): A4, a title block, then
 * the sections in the order of the pack (NPS, complaints, top causes, overdue cases, actions and
 * their effect, external studies), every figure formatted for the review's language, the charts
 * drawn as vectors. The same review gives the same bytes: the document's date is `generatedAt`.
 */

export interface RenderedReview {
  pdf: Buffer;
  pages: number;
  /** where each chart was drawn */
  charts: ChartBox[];
}

interface Context {
  w: PdfWriter;
  f: ReviewFormat;
  l: ReviewLabels;
}

const right = (header: string, weight: number): Column => ({ header, weight, align: 'right' });
const left = (header: string, weight: number, wrap = false): Column => ({ header, weight, wrap });

/** The review as a PDF in its language. */
export async function renderReviewPdf(review: MonthlyReview): Promise<RenderedReview> {
  const f = reviewFormat(review.language);
  const l = REVIEW_LABELS[review.language];
  const month = f.monthLong(review.month);
  const w = new PdfWriter({ title: `${l.title} – ${month}`, subject: l.audience, language: review.language, createdAt: new Date(review.generatedAt) });
  const c: Context = { w, f, l };
  titleBlock(c, review, month);
  npsSection(c, review);
  complaintsSection(c, review);
  causesSection(c, review);
  overdueSection(c, review);
  actionsSection(c, review);
  studiesSection(c, review);
  const pages = w.pageIndex + 1;
  const pdf = await w.finish({
    header: `${l.title} · ${month}`,
    footer: `Ecoute · ${fill(l.generated, { date: f.date(review.generatedAt) })}`,
    pageOf: (page, count) => fill(l.page, { page: f.count(page), pages: f.count(count) }),
  });
  return { pdf, pages, charts: w.charts };
}

function titleBlock({ w, f, l }: Context, review: MonthlyReview, month: string): void {
  w.textAt(l.title, w.left, w.y, { size: 22, bold: true });
  w.y += 30;
  w.textAt(month, w.left, w.y, { size: 16 });
  w.y += 24;
  w.textAt(l.audience, w.left, w.y, { size: 10, color: MUTED });
  w.y += 14;
  w.textAt(fill(l.generated, { date: f.date(review.generatedAt) }), w.left, w.y, { size: 9, color: MUTED });
  w.y += 13;
  w.textAt(fill(l.customerBase, { customers: f.count(review.customerBase.customers), date: f.date(review.customerBase.at) }), w.left, w.y, { size: 9, color: MUTED });
  w.y += 18;
}

function npsSection({ w, f, l }: Context, review: MonthlyReview): void {
  const { current, previous, change } = review.nps;
  w.heading(l.sections.nps, 120);
  const mark = (reliable: boolean) => (reliable ? '' : ' *');
  const ofResponses = (n: number, of: number) => (of > 0 ? `${f.count(n)} (${f.percent(n / of)})` : f.count(n));
  const interval = (low: number | null, high: number | null) => (low === null || high === null ? '–' : f.interval(f.number(low, 1), f.number(high, 1)));
  const rows: string[][] = [
    [l.npsRows.nps, f.points(current.value) + mark(current.reliable), previous ? f.points(previous.value) + mark(previous.reliable) : '–', change ? f.signed(change.difference, 1) : '–'],
    [l.npsRows.interval, interval(current.low, current.high), previous ? interval(previous.low, previous.high) : '–', change ? `${f.pValue(change.pValue)} · ${change.significant ? l.significant : l.notSignificant}` : ''],
    [l.npsRows.responses, f.count(current.responses), previous ? f.count(previous.responses) : '–', ''],
    ...(['promoters', 'passives', 'detractors'] as const).map((k) => [
      l.npsRows[k],
      ofResponses(current[k], current.responses),
      previous ? ofResponses(previous[k], previous.responses) : '–',
      '',
    ]),
  ];
  w.table([left(l.indicator, 3), right(f.monthLong(current.month), 2.2), right(previous ? f.monthLong(previous.month) : l.previous, 2.2), right(l.change, 3)], rows);
  if (!current.reliable || previous?.reliable === false) w.paragraph(l.unreliable, { size: 7.5, color: MUTED });
  const box = w.chartBox('nps-trend', 190);
  npsTrendChart(w, box, review.nps, f, l);
  w.y += box.height + 2;
  w.paragraph(l.trendCaption, { size: 7.5, color: MUTED, gap: 10 });
  w.subheading(l.significantChanges);
  if (review.nps.significantChanges.length === 0) {
    w.paragraph(l.noSignificantChange);
    return;
  }
  w.table(
    [left(l.dimension, 1.6), left(l.group, 3), right(f.monthLong(current.month), 1.6), right(l.previous, 1.6), right(l.difference, 1.4), right('p', 1.4)],
    review.nps.significantChanges.map((s) => [l.dimensions[s.dimension], s.label, f.points(s.value), f.points(s.previousValue), f.signed(s.difference, 1), f.pValue(s.pValue)]),
  );
}

function shareCells(f: ReviewFormat, share: ReviewShare): [string, string] {
  if (share.rate === null || share.low === null || share.high === null) return ['–', ''];
  return [`${f.percent(share.rate)} (${f.count(share.count)}/${f.count(share.of)})`, f.interval(f.percent(share.low), f.percent(share.high))];
}

function complaintsSection({ w, f, l }: Context, review: MonthlyReview): void {
  const c = review.complaints;
  w.heading(l.sections.complaints);
  w.table(
    [left(l.indicator, 3), right(l.value, 2), right(l.interval, 2)],
    [
      [l.complaintRows.received, f.count(c.received), ''],
      [l.complaintRows.answered, f.count(c.answered), ''],
      [l.complaintRows.answeredOnTime, ...shareCells(f, c.answeredOnTime)],
      [l.complaintRows.acknowledgedOnTime, ...shareCells(f, c.acknowledgedOnTime)],
      [l.complaintRows.reopened, f.count(c.reopened), ''],
      [l.complaintRows.ratePerThousand, f.number(c.ratePerThousand, 2), ''],
    ],
  );
  w.subheading(l.byCategory);
  if (c.byCategory.length === 0) {
    w.paragraph(l.nothing);
    return;
  }
  const total = c.byCategory.reduce((sum, row) => sum + row.received, 0);
  w.table(
    [left(l.category, 4), right(l.received, 1.5), right(l.share, 1.5)],
    c.byCategory.map((row) => [row.label, f.count(row.received), f.percent(total > 0 ? row.received / total : null)]),
  );
}

function causesSection({ w, f, l }: Context, review: MonthlyReview): void {
  w.heading(l.sections.topCauses, 200);
  if (review.topCauses.length === 0) {
    w.paragraph(l.nothing);
    return;
  }
  const box = w.chartBox('pareto', 200);
  paretoChart(w, box, review.topCauses, f, l);
  w.y += box.height + 2;
  w.paragraph(l.paretoCaption, { size: 7.5, color: MUTED, gap: 8 });
  const k = l.causeColumns;
  w.table(
    [
      right(k.rank, 0.55), left(k.cause, 3.2, true), left(k.department, 1.9, true), right(k.complaints, 1), right(k.detractors, 1), right(k.repeats, 1.05),
      right(k.share, 1.05), right(k.cumulative, 1.05), right(k.perThousand, 1.15), right(k.refunds, 1.45),
    ],
    review.topCauses.map((c, i) => [
      f.count(i + 1), c.label, c.department ?? '–', f.count(c.complaints), f.count(c.detractors), f.count(c.repeatContacts),
      f.percent(c.share), f.percent(c.cumulativeShare), f.number(c.ratePerThousand, 2), f.euros(c.refundedCents),
    ]),
    { size: 7.5 },
  );
}

function overdueSection({ w, f, l }: Context, review: MonthlyReview): void {
  const o = review.overdue;
  w.heading(l.sections.overdue, 60);
  w.paragraph(fill(l.overdueCounts, { date: f.date(o.at), complaints: f.count(o.complaints), followups: f.count(o.followups) }));
  if (o.oldest.length === 0) return;
  w.subheading(l.oldestOverdue);
  const k = l.overdueColumns;
  w.table(
    [left(k.reference, 1.6), left(k.kind, 1.3), left(k.category, 2.6), right(k.dueAt, 1.3), right(k.days, 1.6)],
    o.oldest.map((row) => [row.reference, l.kinds[row.kind], row.category, f.date(row.dueAt), f.count(row.businessDaysOverdue)]),
  );
}

/** The effect of an action in a word: worse when any measure is significantly worse, better when any is better. */
function effectSummary(l: ReviewLabels, action: ReviewAction): string {
  if (!action.effect) return l.effectSummary.pending;
  const directions = EFFECT_MEASURES.map((m) => action.effect![m]?.direction ?? 'none');
  const word = directions.includes('worse') ? l.effectSummary.worse : directions.includes('better') ? l.effectSummary.better : l.effectSummary.none;
  return action.faded ? `${word}, ${l.effectSummary.faded}` : word;
}

/** The formatter of a measure's values: a rate per 1,000 with two decimals, NPS points, a share as a percentage. */
export function measureValue(f: ReviewFormat, name: EffectMeasureName): (v: number) => string {
  if (name === 'complaintRate') return (v) => f.number(v, 2);
  if (name === 'nps') return (v) => f.number(v, 1);
  return (v) => f.percent(v);
}

/** A measure's line under the action's charts: before and after with their intervals, the difference, p and its direction. */
export function effectLine(f: ReviewFormat, l: ReviewLabels, name: EffectMeasureName, m: EffectMeasure): string {
  const v = measureValue(f, name);
  const difference = name === 'repeatRate' ? `${f.signed(m.difference * 100, 1)} ${l.percentagePoints}` : f.signed(m.difference, name === 'nps' ? 1 : 2);
  return [
    `${l.measures[name]}${l.colon}${l.before} ${v(m.before)} ${f.interval(v(m.beforeLow), v(m.beforeHigh))}`,
    `${l.after} ${v(m.after)} ${f.interval(v(m.afterLow), v(m.afterHigh))}`,
    `${l.difference} ${difference}`,
    f.pValue(m.pValue),
    l.effectSummary[m.direction],
  ].join(' · ');
}

function actionsSection({ w, f, l }: Context, review: MonthlyReview): void {
  w.heading(l.sections.actions);
  if (review.actions.length === 0) {
    w.paragraph(l.nothing);
    return;
  }
  const k = l.actionColumns;
  w.table(
    [
      left(k.reference, 1.6), left(k.title, 2.7, true), left(k.causes, 2.1, true), left(k.department, 1.7, true), left(k.owner, 2, true),
      left(k.status, 1.95, true), right(k.dueAt, 1.45), left(k.effect, 1.7, true),
    ],
    review.actions.map((a) => [
      a.reference, a.title, a.causes.map((c) => c.label).join(', '), a.department ?? '–', a.owner ?? '–', a.statusLabel,
      a.dueAt ? f.date(a.dueAt) : '–', effectSummary(l, a),
    ]),
    { size: 7.5 },
  );
  for (const action of review.actions) {
    const effect = action.effect;
    if (!effect) continue;
    const measures = EFFECT_MEASURES.filter((m) => effect[m] !== null);
    const lines = measures.map((m) => effectLine(f, l, m, effect[m]!));
    const linesHeight = lines.reduce((sum, line) => sum + w.heightOf(line, w.width, 7.5) + 2, 0);
    w.ensure(16 + 14 + 104 + linesHeight + 10);
    w.subheading(`${action.reference} · ${action.title}`, 0);
    const windows = { beforeFrom: f.date(effect.beforeFrom), beforeTo: f.date(effect.beforeTo), afterFrom: f.date(effect.afterFrom), afterTo: f.date(effect.afterTo) };
    w.paragraph(`${l.effectTitle} – ${fill(l.windows, windows)}`, { size: 7.5, color: MUTED, gap: 4 });
    const gap = 14;
    const width = (w.width - 2 * gap) / 3;
    const top = w.y;
    EFFECT_MEASURES.forEach((m, i) => {
      const x = w.left + i * (width + gap);
      const measure = effect[m];
      if (!measure) {
        w.textAt(l.measures[m], x, top, { size: 7.5, bold: true, width });
        w.textAt('–', x, top + 40, { size: 9, color: MUTED, width, align: 'center' });
        return;
      }
      w.y = top;
      effectChart(w, w.chartBox('effect', 100, x, width), l.measures[m], measure, measureValue(f, m), l);
    });
    w.y = top + 104;
    for (const line of lines) w.paragraph(line, { size: 7.5, gap: 2 });
    w.y += 8;
  }
}

function studiesSection({ w, f, l }: Context, review: MonthlyReview): void {
  w.heading(l.sections.studies, 60);
  if (review.externalStudies.length === 0) {
    w.paragraph(l.nothing);
    return;
  }
  w.paragraph(l.studiesNote, { size: 8, color: MUTED });
  const k = l.studyColumns;
  w.table(
    [left(k.study, 3, true), left(k.firm, 1.8), left(k.fielded, 2.4), right(k.nps, 1), right(k.interval, 2), right(k.respondents, 1.3)],
    review.externalStudies.map((s) => [
      s.study, s.firm, `${f.date(s.fieldedFrom)} – ${f.date(s.fieldedTo)}`, f.points(s.nps), f.interval(f.number(s.low, 1), f.number(s.high, 1)), f.count(s.respondents),
    ]),
  );
}
