import { EFFECT_MEASURES, type MonthlyReview } from '../contract/review.js';
import { toCsv } from '../shared/csv-export.js';

/**
 * The figures of the monthly review as one CSV file (docs/improvement.md, "The monthly review"): a
 * row per figure, `section,key,label,measure,value`, so that a spreadsheet filters a section or a
 * measure. `key` names the item within its section (a month, a cause's code, a reference), `label`
 * is its name in the review's language, `measure` the field of the API's MonthlyReview it comes
 * from (`effect.nps.before` for the NPS before an action). Values are as the API gives them: rates
 * and shares as fractions, NPS in points, amounts in cents, times in ISO 8601, full precision.
 */

export const REVIEW_CSV_COLUMNS = ['section', 'key', 'label', 'measure', 'value'] as const;

export const REVIEW_CSV_SECTIONS = [
  'review', 'nps', 'nps-trend', 'nps-significant-changes', 'complaints', 'complaints-by-category', 'top-causes',
  'overdue', 'overdue-oldest', 'actions', 'action-effects', 'external-studies',
] as const;
export type ReviewCsvSection = (typeof REVIEW_CSV_SECTIONS)[number];

type Value = string | number | boolean | null;

export interface ReviewCsvRow {
  section: ReviewCsvSection;
  key: string;
  label: string;
  measure: string;
  value: Value;
}

const item = (section: ReviewCsvSection, key: string, label: string, figures: Record<string, Value>): ReviewCsvRow[] =>
  Object.entries(figures).map(([measure, value]) => ({ section, key, label, measure, value }));

/** The rows of the CSV, section by section in the order of the PDF. */
export function reviewCsvRows(review: MonthlyReview): ReviewCsvRow[] {
  const { nps, complaints, overdue } = review;
  return [
    ...item('review', '', '', {
      month: review.month, generatedAt: review.generatedAt, language: review.language,
      customers: review.customerBase.customers, customersAt: review.customerBase.at,
    }),
    ...item('nps', 'current', nps.current.month, { ...nps.current }),
    ...(nps.previous ? item('nps', 'previous', nps.previous.month, { ...nps.previous }) : []),
    ...(nps.change ? item('nps', 'change', '', { ...nps.change }) : []),
    ...nps.trend.flatMap((m) => item('nps-trend', m.month, m.month, { value: m.value, low: m.low, high: m.high, responses: m.responses })),
    ...nps.significantChanges.flatMap((s) =>
      item('nps-significant-changes', `${s.dimension}:${s.key}`, s.label, {
        dimension: s.dimension, value: s.value, previousValue: s.previousValue, difference: s.difference, pValue: s.pValue,
      }),
    ),
    ...item('complaints', '', '', { received: complaints.received, answered: complaints.answered, reopened: complaints.reopened, ratePerThousand: complaints.ratePerThousand }),
    ...(['answeredOnTime', 'acknowledgedOnTime'] as const).flatMap((k) => item('complaints', k, '', { ...complaints[k] })),
    ...complaints.byCategory.flatMap((c) => item('complaints-by-category', c.code, c.label, { received: c.received })),
    ...review.topCauses.flatMap((c, i) =>
      item('top-causes', c.code, c.label, {
        rank: i + 1, department: c.department, complaints: c.complaints, detractors: c.detractors, repeatContacts: c.repeatContacts,
        total: c.total, share: c.share, cumulativeShare: c.cumulativeShare, ratePerThousand: c.ratePerThousand, refundedCents: c.refundedCents,
      }),
    ),
    ...item('overdue', '', '', { at: overdue.at, complaints: overdue.complaints, followups: overdue.followups }),
    ...overdue.oldest.flatMap((o) =>
      item('overdue-oldest', o.reference, '', { kind: o.kind, category: o.category, dueAt: o.dueAt, businessDaysOverdue: o.businessDaysOverdue }),
    ),
    ...review.actions.flatMap((a) => [
      ...item('actions', a.reference, a.title, {
        causes: a.causes.map((c) => c.code).join(' '), causeLabels: a.causes.map((c) => c.label).join('; '),
        department: a.department, owner: a.owner, status: a.status, statusLabel: a.statusLabel, dueAt: a.dueAt,
        measured: a.effect !== null, faded: a.faded,
      }),
      ...(a.effect
        ? [
            ...item('action-effects', a.reference, a.title, {
              beforeFrom: a.effect.beforeFrom, beforeTo: a.effect.beforeTo, afterFrom: a.effect.afterFrom, afterTo: a.effect.afterTo,
            }),
            ...EFFECT_MEASURES.flatMap((name) => {
              const measure = a.effect![name];
              if (!measure) return [];
              return Object.entries(measure).map(([field, value]): ReviewCsvRow => ({
                section: 'action-effects', key: a.reference, label: a.title, measure: `effect.${name}.${field}`, value,
              }));
            }),
          ]
        : []),
    ]),
    ...review.externalStudies.flatMap((s) =>
      item('external-studies', s.study, s.study, {
        firm: s.firm, fieldedFrom: s.fieldedFrom, fieldedTo: s.fieldedTo, nps: s.nps, low: s.low, high: s.high, respondents: s.respondents,
      }),
    ),
  ];
}

/** The review as a CSV document, every text cell neutralised against formulas (`toCsv`). */
export function reviewCsv(review: MonthlyReview): string {
  return toCsv(reviewCsvRows(review).map((row) => ({ ...row })), REVIEW_CSV_COLUMNS);
}
