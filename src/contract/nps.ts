import { z } from '@hono/zod-openapi';
import { INTERVALS, type Interval } from '../shared/calendar.js';
import { TOPICS, type Topic } from '../text/types.js';

/** What NPS figures are grouped and filtered by. */
export const DIMENSIONS = ['team', 'site', 'channel', 'segment', 'language', 'reason', 'advisor'] as const;
export const dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimension>;

export const interval = z.enum(INTERVALS as [Interval, ...Interval[]]);
export const topic = z.enum(TOPICS as [Topic, ...Topic[]]);

const perDimension = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, schema.optional()])) as Record<Dimension, z.ZodOptional<T>>);

/** Names of the ids a report shows (teams, sites, advisors, reasons): per dimension, id → name. */
export const labels = perDimension(z.record(z.string(), z.string())).openapi('NpsLabels');
export type Labels = z.infer<typeof labels>;

const groupColumns = Object.fromEntries(
  DIMENSIONS.flatMap((d) => [
    [d, z.string().optional().openapi({ description: `the group's ${d} ('' when not recorded), when grouped by it` })],
    [`${d}_name`, z.string().optional().openapi({ description: `the name of that ${d}, for dimensions with names` })],
  ]),
) as Record<Dimension | `${Dimension}_name`, z.ZodOptional<z.ZodString>>;

const num = z.number().nullable();

/** The distribution of the scores: answered responses per score, 0 to 10 (a 1-10 basis has none at 0). */
export const SCORE_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const scoreColumns = Object.fromEntries(
  SCORE_VALUES.map((score) => [`score_${score}`, z.number().int().openapi({ description: `answered responses with the score ${score}` })]),
) as Record<`score_${(typeof SCORE_VALUES)[number]}`, z.ZodNumber>;

/** One row of GET /nps: a period, a group and a basis (docs/nps.md). */
export const npsReportRow = z
  .object({
    period: z.string(), start: z.string(), end: z.string(),
    complete: z.boolean().openapi({
      description: "the period is over: its calendar period (Europe/Luxembourg) ended before the report's day (`query.today`); false: still running, its figures will move",
    }),
    ...groupColumns,
    basis: z.string(), nps: num, ci_low: num, ci_high: num, n: z.number().int(), reliable: z.boolean(), rank: z.number().int().nullable(),
    promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(),
    promoters_pct: num, passives_pct: num, detractors_pct: num,
    sent: z.number().int(), response_rate: num, unparsed: z.number().int(),
    resolved_yes: z.number().int(), resolved_no: z.number().int(), resolved_pct: num,
    contacts: z.number().int(), advisor_resolved_pct: num, repeats: z.number().int(), repeat_pct: num, fcr: z.number().int(), fcr_pct: num,
    standard_error: num,
    previous_period: z.string().nullable(), previous_nps: num, previous_n: z.number().int().nullable(),
    change: num, p_value: num, significant: z.boolean(),
    vs_rest: num, vs_rest_p_value: num, vs_rest_significant: z.boolean(),
    ...scoreColumns,
  })
  .openapi('NpsReportRow');
export type NpsReportRow = z.infer<typeof npsReportRow>;

/** GET /nps as JSON. */
export const npsReport = z.object({
  query: z.object({
    from: z.string(), to: z.string(),
    today: z.string().openapi({ description: "the operator's day (Europe/Luxembourg) the report was read on: periods not over by then are `complete: false`" }),
    interval, groupBy: z.array(dimension), filters: perDimension(z.string()) }),
  source: z.enum(['aggregates', 'raw']),
  minResponses: z.number().int().openapi({ description: 'below this many responses a figure is unreliable' }),
  columns: z.array(z.string()),
  labels,
  rows: z.array(npsReportRow),
});
export type NpsReport = z.infer<typeof npsReport>;

/** A topic of the comments in one period. */
export const topicRow = z
  .object({
    period: z.string(), start: z.string(), end: z.string(), basis: z.string(), topic: z.string(),
    mentions: z.number().int().openapi({ description: 'responses whose comment mentions the topic' }),
    share: num.openapi({ description: 'mentions / responses of the period, %' }),
    negativeShare: num.openapi({ description: 'of the mentions, how many in a negative clause, %' }),
    nps: num, n: z.number().int(), reliable: z.boolean(),
  })
  .openapi('TopicRow');
export type TopicRow = z.infer<typeof topicRow>;

/** A topic or contact reason ranked by the NPS points its detractors cost. */
export const driverRow = z
  .object({
    kind: z.enum(['topic', 'reason']),
    key: z.string().openapi({ description: "topic id or reason code ('' for contacts without reason)" }),
    basis: z.string(), n: z.number().int(), detractors: z.number().int(),
    detractorShare: num, nps: num, ciLow: num, ciHigh: num, reliable: z.boolean(),
    impact: z.number().openapi({ description: "points the period's NPS would gain if this group's detractors had been passives" }),
    rank: z.number().int().nullable().openapi({ description: '1 = largest impact; unreliable groups are not ranked' }),
  })
  .openapi('DriverRow');
export type DriverRow = z.infer<typeof driverRow>;

/** A customer's comment behind a figure, without who they are. */
export const verbatim = z
  .object({
    id: z.string(), contactAt: z.string(), score: z.number(), category: z.string().nullable(), basis: z.string(),
    comment: z.string(), language: z.string().nullable(), sentiment: num,
    sentimentLabel: z.enum(['negative', 'neutral', 'positive']).nullable(),
    topics: z.array(z.object({ topic: z.string(), spans: z.array(z.object({ start: z.number().int(), end: z.number().int() })), sentiment: z.number() })),
    team: z.string().nullable(), advisor: z.string().nullable(), reason: z.string().nullable(), channel: z.string(),
  })
  .openapi('Verbatim');
export type Verbatim = z.infer<typeof verbatim>;
