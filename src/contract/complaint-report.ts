import { z } from '@hono/zod-openapi';

/** The complaints report (docs/complaints.md, "Reports"): GET /api/v1/complaints/report. */

const share = z
  .object({
    successes: z.number().int(),
    n: z.number().int(),
    rate: z.number().nullable().openapi({ description: 'successes / n; null when n is 0' }),
    low: z.number().nullable().openapi({ description: '95 % Wilson interval' }),
    high: z.number().nullable(),
  })
  .openapi('ComplaintShare');

const quantiles = z.object({
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable().openapi({ description: 'hours, to within 2.5 % (log-scale buckets); null without any' }),
});
const durations = z.object({ business: quantiles, calendar: quantiles });

export const complaintReportRow = z
  .object({
    period: z.string().openapi({ example: '2026-11' }),
    periodStart: z.string().openapi({ description: 'first day, YYYY-MM-DD' }),
    periodEnd: z.string(),
    group: z.string().openapi({ description: "the category's code, the team's id ('' for none) or the channel" }),
    label: z.string(),
    received: z.number().int(),
    customers: z.number().int().openapi({ description: 'customers (not erased) at the end of the period' }),
    perThousandCustomersPerMonth: z.number().nullable(),
    acknowledgedOnTime: share.openapi({ description: 'of the complaints acknowledged (or answered)' }),
    answeredOnTime: share.openapi({ description: 'of the complaints answered, their first answer' }),
    timeToAcknowledge: durations,
    timeToAnswer: durations,
    reopened: share.openapi({ description: 'of the complaints answered' }),
    firstContactResolution: share.openapi({ description: 'answered on the day of receipt and never reopened, of the complaints answered' }),
    rejected: share.openapi({ description: 'of the complaints received' }),
    satisfaction: z
      .object({
        n: z.number().int().openapi({ description: 'complaints whose handling the customer rated (their last answer)' }),
        promoters: z.number().int(),
        passives: z.number().int(),
        detractors: z.number().int(),
        nps: z.number().nullable().openapi({ description: '% promoters − % detractors on the complaint survey’s basis; null without answers' }),
        ciLow: z.number().nullable().openapi({ description: '95 % adjusted-Wald interval, in points' }),
        ciHigh: z.number().nullable(),
        reliable: z.boolean().openapi({ description: 'enough answers to rank or compare (the NPS reports’ threshold)' }),
      })
      .openapi({ description: 'the satisfaction survey about the handling, asked at closing: its own NPS, never part of the contact NPS' }),
  })
  .openapi('ComplaintReportRow');

export const complaintReportResult = z
  .object({
    from: z.string(),
    to: z.string(),
    by: z.enum(['category', 'team', 'channel']),
    interval: z.enum(['month', 'quarter', 'year']),
    teamId: z.string().nullable().openapi({ description: "a team lead's report: their team's complaints only" }),
    rows: z.array(complaintReportRow),
  })
  .openapi('ComplaintReport');
export type ComplaintReportResult = z.infer<typeof complaintReportResult>;
