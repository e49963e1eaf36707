import { z } from '@hono/zod-openapi';
import { LABEL_LANGUAGES } from '../shared/languages.js';

/**
 * The monthly management review (docs/improvement.md, "The monthly review"): the response of
 * GET /api/v1/review/monthly?month=YYYY-MM, and what the PDF and the CSV of the pack are made of.
 * Figures only: no customer's name or number, no advisor's score. Labels are in `language`.
 * Rates and shares are fractions (0–1); NPS figures are points (−100 to 100); intervals are 95 %.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).openapi({ example: '2026-11' });
const points = z.number().nullable().openapi({ description: 'NPS points, −100 to 100; null without responses' });
const count = z.number().int().nonnegative();

/** The NPS figures of one month. */
const npsFigures = z.object({
  month,
  value: points,
  low: points.openapi({ description: '95 % adjusted-Wald interval, in points' }),
  high: points,
  responses: count,
  promoters: count,
  passives: count,
  detractors: count,
  reliable: z.boolean().openapi({ description: 'enough responses to compare (the NPS reports’ threshold)' }),
});

/** The dimensions a significant change is reported in: never per advisor (no employee's score in the pack). */
export const REVIEW_DIMENSIONS = ['team', 'site', 'channel', 'segment', 'language', 'reason'] as const;
export type ReviewDimension = (typeof REVIEW_DIMENSIONS)[number];

export const reviewNps = z
  .object({
    current: npsFigures,
    previous: npsFigures.nullable().openapi({ description: 'the month before; null when Ecoute has none' }),
    change: z
      .object({
        difference: z.number().openapi({ description: 'current − previous, in points' }),
        pValue: z.number().min(0).max(1),
        significant: z.boolean(),
      })
      .nullable()
      .openapi({ description: 'null when either month has no responses' }),
    trend: z
      .array(z.object({ month, value: points, low: points, high: points, responses: count }))
      .openapi({ description: 'the 13 months up to this one, oldest first: the same month a year ago included' }),
    significantChanges: z
      .array(
        z.object({
          dimension: z.enum(REVIEW_DIMENSIONS),
          key: z.string(),
          label: z.string(),
          value: z.number(),
          previousValue: z.number(),
          difference: z.number(),
          pValue: z.number().min(0).max(1),
        }),
      )
      .openapi({ description: 'groups whose NPS moved significantly since the previous month, largest moves first' }),
  })
  .openapi('ReviewNps');

/** A share with its 95 % Wilson interval. */
const reviewShare = z
  .object({
    count,
    of: count.openapi({ description: 'the denominator' }),
    rate: z.number().min(0).max(1).nullable().openapi({ description: 'count / of; null when of is 0' }),
    low: z.number().min(0).max(1).nullable(),
    high: z.number().min(0).max(1).nullable(),
  })
  .openapi('ReviewShare');

export const reviewComplaints = z
  .object({
    received: count,
    answered: count,
    answeredOnTime: reviewShare.openapi({ description: 'of the complaints answered in the month, their first answer within its deadline' }),
    acknowledgedOnTime: reviewShare.openapi({ description: 'of the complaints acknowledged in the month' }),
    reopened: count,
    ratePerThousand: z.number().nullable().openapi({ description: 'complaints received per 1,000 customers of the base; null without customers' }),
    byCategory: z.array(z.object({ code: z.string(), label: z.string(), received: count })),
  })
  .openapi('ReviewComplaints');

export const reviewCause = z
  .object({
    code: z.string().openapi({ example: 'billing.roaming' }),
    label: z.string(),
    department: z.string().nullable().openapi({ description: "the owning department's label" }),
    complaints: count,
    detractors: count.openapi({ description: 'detractor follow-ups coded with the cause' }),
    repeatContacts: count,
    total: count.openapi({ description: 'complaints + detractors + repeat contacts: what the Pareto sorts and shares by' }),
    share: z.number().min(0).max(1),
    cumulativeShare: z.number().min(0).max(1),
    ratePerThousand: z.number().nullable().openapi({ description: 'complaints per 1,000 customers' }),
    refundedCents: count.openapi({ description: 'amounts refunded on its complaints' }),
  })
  .openapi('ReviewCause');

export const reviewOverdue = z
  .object({
    at: z.string().openapi({ description: 'when the overdue cases were counted (ISO 8601)' }),
    complaints: count,
    followups: count,
    oldest: z.array(
      z.object({
        reference: z.string().openapi({ example: 'R-2026-000412' }),
        kind: z.enum(['complaint', 'followup']),
        category: z.string().openapi({ description: "the complaint's category or the follow-up's reason, labelled" }),
        dueAt: z.string(),
        businessDaysOverdue: count,
      }),
    ),
  })
  .openapi('ReviewOverdue');

/** One measure of an action's effect: the window before against the window after. */
export const effectMeasure = z
  .object({
    before: z.number(),
    after: z.number(),
    beforeLow: z.number(),
    beforeHigh: z.number(),
    afterLow: z.number(),
    afterHigh: z.number(),
    difference: z.number().openapi({ description: 'after − before' }),
    pValue: z.number().min(0).max(1),
    significant: z.boolean(),
    direction: z.enum(['better', 'worse', 'none']).openapi({ description: 'none unless significant; better is lower for rates, higher for the NPS' }),
  })
  .openapi('EffectMeasure');
export type EffectMeasure = z.infer<typeof effectMeasure>;

export const EFFECT_MEASURES = ['complaintRate', 'nps', 'repeatRate'] as const;
export type EffectMeasureName = (typeof EFFECT_MEASURES)[number];

export const reviewAction = z
  .object({
    reference: z.string().openapi({ example: 'A-2026-0007' }),
    title: z.string(),
    causes: z.array(z.object({ code: z.string(), label: z.string() })),
    department: z.string().nullable(),
    owner: z.string().nullable().openapi({ description: "the owner's display name (staff)" }),
    status: z.string().openapi({ description: "the action's state" }),
    statusLabel: z.string(),
    dueAt: z.string().nullable(),
    effect: z
      .object({
        beforeFrom: z.string(),
        beforeTo: z.string(),
        afterFrom: z.string(),
        afterTo: z.string(),
        complaintRate: effectMeasure.nullable().openapi({ description: 'complaints on its causes per 1,000 customers a month' }),
        nps: effectMeasure.nullable().openapi({ description: 'NPS of the contacts about its causes, in points; null when no reason or topic matches them' }),
        repeatRate: effectMeasure.nullable().openapi({ description: 'share of contacts about its causes followed by a repeat contact' }),
      })
      .nullable()
      .openapi({ description: 'null until the window after the action is complete' }),
    faded: z.boolean().openapi({ description: 'an effect measured earlier no longer holds' }),
  })
  .openapi('ReviewAction');

export const reviewExternalStudy = z
  .object({
    study: z.string(),
    firm: z.string(),
    fieldedFrom: z.string(),
    fieldedTo: z.string(),
    nps: z.number(),
    low: z.number(),
    high: z.number(),
    respondents: count,
  })
  .openapi('ReviewExternalStudy');

export const monthlyReview = z
  .object({
    month,
    generatedAt: z.string().openapi({ description: 'ISO 8601; also the PDF’s creation date' }),
    language: z.enum(LABEL_LANGUAGES).openapi({ description: 'the language of the labels and of the PDF' }),
    customerBase: z.object({ customers: count, at: z.string() }).openapi({ description: 'customers at the end of the month: the base of the rates per 1,000' }),
    nps: reviewNps,
    complaints: reviewComplaints,
    topCauses: z.array(reviewCause).openapi({ description: 'the Pareto of the month, largest first' }),
    overdue: reviewOverdue,
    actions: z.array(reviewAction),
    externalStudies: z.array(reviewExternalStudy).openapi({ description: 'relational studies fielded in the 13 months: beside the NPS, never merged into it' }),
  })
  .openapi('MonthlyReview');

export type MonthlyReview = z.infer<typeof monthlyReview>;
export type ReviewNps = z.infer<typeof reviewNps>;
export type ReviewComplaints = z.infer<typeof reviewComplaints>;
export type ReviewShare = z.infer<typeof reviewShare>;
export type ReviewCause = z.infer<typeof reviewCause>;
export type ReviewOverdue = z.infer<typeof reviewOverdue>;
export type ReviewAction = z.infer<typeof reviewAction>;
export type ReviewExternalStudy = z.infer<typeof reviewExternalStudy>;
