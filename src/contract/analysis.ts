import { z } from '@hono/zod-openapi';

/** The analysis of causes (docs/improvement.md, "Pareto", "Recurrence", "Rates"). */

/** What a Pareto's rows are sorted by, and their shares taken of. */
export const PARETO_SORTS = ['total', 'complaints', 'detractors', 'repeatContacts', 'disputed', 'refunded', 'extraContacts', 'recurrences'] as const;
export type ParetoSortName = (typeof PARETO_SORTS)[number];
/** What is coded with a cause: complaints, detractor follow-ups, repeat contacts. */
export const CODED_SUBJECTS = ['complaint', 'followup', 'contact'] as const;
export type CodedSubjectName = (typeof CODED_SUBJECTS)[number];
/** The longest period of a Pareto, a recurrence table or the items behind a cause, in days. */
export const MAX_ANALYSIS_DAYS = 366;

const time = z.string().openapi({ description: 'ISO 8601' });
const day = z.string().openapi({ description: 'YYYY-MM-DD, Europe/Luxembourg', example: '2026-03-01' });

const causeShown = {
  cause: z.object({
    code: z.string().openapi({ example: 'billing.roaming' }),
    label: z.string().openapi({ description: "in the reader's language" }),
    path: z.array(z.string()).openapi({ description: 'the codes from the root down to this cause' }),
  }),
  department: z.object({ code: z.string(), label: z.string() }).nullable().openapi({ description: 'the department that owns the cause' }),
};

export const analysisFilters = z
  .object({ segment: z.string().optional(), channel: z.string().optional(), team: z.string().optional(), site: z.string().optional(), plan: z.string().optional() })
  .openapi({ description: "the filters the figures were taken with (a team lead's include their team)" });

const paretoMeasures = z.object({
  complaints: z.number().int(),
  detractors: z.number().int().openapi({ description: 'detractor follow-ups coded with the cause' }),
  repeatContacts: z.number().int(),
  total: z.number().int().openapi({ description: 'complaints + detractors + repeat contacts' }),
  recurrences: z.number().int().openapi({ description: "codings whose customer's previous coding of the same cause was within 90 days" }),
  disputedCents: z.number().int().openapi({ description: 'amounts the complaints disputed' }),
  refundedCents: z.number().int(),
  extraContacts: z.number().int().openapi({ description: 'contacts beyond the first about them' }),
  complaintsPerThousandCustomers: z.number().nullable().openapi({ description: 'complaints per 1,000 customers of the base; null without customers' }),
});

export const paretoRow = paretoMeasures
  .extend({
    ...causeShown,
    share: z.number().nullable().openapi({ description: 'the sort measure of this row over its total, 0…1; null when the total is 0' }),
    cumulativeShare: z.number().nullable().openapi({ description: 'the same of this row and every row before it' }),
  })
  .openapi('ParetoRow');
export type ParetoRow = z.infer<typeof paretoRow>;

export const paretoResult = z
  .object({
    from: day,
    to: day,
    level: z.number().int().nullable().openapi({ description: 'the level of the tree causes are rolled up to; null: as coded' }),
    sort: z.enum(PARETO_SORTS),
    filters: analysisFilters,
    source: z.enum(['aggregates', 'codings']).openapi({ description: 'read from the daily aggregates (at most one filter) or from the codings (several)' }),
    base: z.object({ customers: z.number().int(), at: time }).openapi({ description: 'the customers of the filtered base at the end of the period (a segment or plan narrows it)' }),
    rows: z.array(paretoRow),
    totals: paretoMeasures,
  })
  .openapi('Pareto');
export type ParetoResult = z.infer<typeof paretoResult>;

export const causeItem = z
  .object({
    kind: z.enum(CODED_SUBJECTS),
    id: z.string().openapi({ description: "the complaint's or follow-up's case, or the contact" }),
    reference: z.string().nullable().openapi({ description: "a complaint's reference; null for the others" }),
    category: z.string().nullable().openapi({ description: "the complaint's category, the follow-up's cause category, the contact's reason" }),
    channel: z.string().nullable(),
    occurredAt: time,
    causeCode: z.string().openapi({ description: 'the cause coded: the one asked or one under it' }),
    text: z.string().nullable().openapi({ description: "the complaint's description, the detractor's comment, the contact's notes" }),
    customerCause: z.string().nullable().openapi({ description: "a follow-up's cause as the customer gave it" }),
  })
  .openapi('CauseItem');
export type CauseItem = z.infer<typeof causeItem>;

export const causeItemsPage = z
  .object({ items: z.array(causeItem), next: z.string().nullable().openapi({ description: 'give it as `cursor` for the next page; null on the last page' }) })
  .openapi('CauseItemsPage');
export type CauseItemsPage = z.infer<typeof causeItemsPage>;

const recurrenceFigures = z.object({
  codings: z.number().int(),
  recurrent: z.number().int().openapi({ description: "codings whose customer's previous coding of the same cause was within the window" }),
  share: z.number().nullable().openapi({ description: 'recurrent / codings' }),
  customers: z.number().int().openapi({ description: 'customers coded with it in the period' }),
  customersWithRecurrence: z.number().int(),
});

export const recurrenceRow = recurrenceFigures.extend(causeShown).openapi('RecurrenceRow');
export type RecurrenceRow = z.infer<typeof recurrenceRow>;

export const recurrenceResult = z
  .object({ from: day, to: day, windowDays: z.number().int(), filters: analysisFilters, rows: z.array(recurrenceRow), totals: recurrenceFigures })
  .openapi('Recurrence');
export type RecurrenceResult = z.infer<typeof recurrenceResult>;

export const customerRecurrences = z
  .object({
    windowDays: z.number().int(),
    since: time,
    items: z.array(
      z.object({
        ...causeShown,
        subjects: z.array(
          z.object({ kind: z.enum(CODED_SUBJECTS), id: z.string(), reference: z.string().nullable(), occurredAt: time, channel: z.string().nullable() }),
        ),
      }),
    ),
  })
  .openapi('CustomerRecurrences');
export type CustomerRecurrences = z.infer<typeof customerRecurrences>;

/** The periods of a control chart of a cause, and what it counts. */
export const CHART_INTERVALS = ['week', 'month'] as const;
export const CHART_MEASURES = ['complaints', 'detractors', 'repeatContacts'] as const;
/** The longest control chart of a cause, in days: two years. */
export const MAX_CHART_DAYS = 731;

export const chartFlag = z
  .object({
    code: z.enum(['beyond-limits', 'run', 'trend']).openapi({ description: 'beyond the 3σ limits; the 8th point or more in a row on one side of the centre line; the 6th or more steadily rising or falling' }),
    side: z.enum(['above', 'below']).optional(),
    direction: z.enum(['up', 'down']).optional(),
    length: z.number().int().optional().openapi({ description: 'points in the run or trend so far' }),
  })
  .openapi('ChartFlag');
export type ChartFlag = z.infer<typeof chartFlag>;

export const causeChartResult = z
  .object({
    ...causeShown,
    from: day.openapi({ description: 'the first day of the first week or month (the period asked, widened to whole periods)' }),
    to: day,
    interval: z.enum(CHART_INTERVALS),
    measure: z.enum(CHART_MEASURES),
    filters: analysisFilters,
    source: z.enum(['aggregates', 'codings']),
    kind: z.literal('u').openapi({ description: 'a u-chart: a count per 1,000 customers of the base, which varies per period' }),
    centre: z.number().nullable().openapi({ description: 'ū per 1,000 customers over the baseline; null with fewer than 2 periods with customers' }),
    baseline: z.number().int().openapi({ description: 'the first periods the centre line is computed from' }),
    points: z.array(
      z.object({
        period: z.string().openapi({ example: '2026-03' }),
        start: day,
        end: day,
        count: z.number().int(),
        customers: z.number().int().openapi({ description: 'customers of the base at the end of the period' }),
        value: z.number().nullable().openapi({ description: 'count per 1,000 customers; null without customers' }),
        lcl: z.number().nullable(),
        ucl: z.number().nullable(),
        sigmas: z.number().nullable().openapi({ description: '(value − centre) / σ of the period' }),
        flags: z.array(chartFlag),
      }),
    ),
  })
  .openapi('CauseControlChart');
export type CauseChartResult = z.infer<typeof causeChartResult>;
