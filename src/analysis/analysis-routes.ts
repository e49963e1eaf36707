import { z } from '@hono/zod-openapi';
import { CHART_INTERVALS, CHART_MEASURES, MAX_CHART_DAYS, causeChartResult, CODED_SUBJECTS, causeItemsPage, customerRecurrences as customerRecurrencesSchema, MAX_ANALYSIS_DAYS, PARETO_SORTS, paretoResult, recurrenceResult } from '../contract/analysis.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { formatDay } from '../shared/calendar.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { safeText } from '../shared/safe-text.js';
import { filtersOf, parsePeriod, scopedFilters } from './analysis-query.js';
import { chartCsv, paretoCsv, presentChart, presentCustomerRecurrences, presentItems, presentPareto, presentRecurrence, recurrenceCsv } from './analysis-presenters.js';
import { causeChart } from './cause-chart.js';
import { causeItems } from './cause-items.js';
import { pareto, type ParetoLevel } from './pareto.js';
import { customerRecurrences, parseWindow, recurrenceTable } from './recurrence.js';

const id = z.string().min(1).max(64);

const period = {
  from: z.string().max(10).optional().openapi({ description: `first day, YYYY-MM-DD (Europe/Luxembourg); required; at most ${MAX_ANALYSIS_DAYS} days to \`to\``, example: '2026-01-01' }),
  to: z.string().max(10).optional().openapi({ description: 'last day, inclusive; required', example: '2026-12-31' }),
};
const filters = {
  segment: z.enum(['residential', 'business']).optional().openapi({ description: 'also narrows the customer base of the rate' }),
  channel: safeText(40).optional(),
  team: id.optional().openapi({ description: "a team's id (a team lead's figures are their team's whatever is asked)" }),
  site: id.optional(),
  plan: safeText(120).optional().openapi({ description: 'the plan of the line concerned; also narrows the customer base of the rate' }),
};
const lang = z.enum(LABEL_LANGUAGES).optional().openapi({ description: "language of the labels (default: the reader's)" });
const format = z.enum(['json', 'csv']).optional().openapi({ description: 'json (default) or csv: one line per cause' });
const windowParam = z.string().max(3).optional().openapi({ description: 'days, 1 to 365 (default 90)', example: '90' });

const csvOr = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema }, 'text/csv': { schema: z.string() } } });
const csvHeaders = (name: string) => ({ 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });

/** The analysis of causes over the API (docs/improvement.md, "Pareto", "Recurrence"). */
export function analysisRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('analysis.read', {
      method: 'get', path: '/analysis/pareto', tags: ['improvement'],
      summary: 'The Pareto of causes over a period: complaints, detractors and repeat contacts per cause, shares and cumulative shares, costs, recurrences, complaints per 1,000 customers',
      description:
        "Sorted by the `sort` measure, descending, ties by code. `level` 1 or 2 rolls causes up to that level of the tree. A team lead's figures are their team's. " +
        'Read from the daily aggregates with at most one filter, from the codings with several (the same figures).',
      request: {
        query: z.object({
          ...period, ...filters, lang, format,
          level: z.enum(['1', '2']).optional().openapi({ description: 'roll causes up to the first or second level of the tree; absent: as coded' }),
          sort: z.enum(PARETO_SORTS).optional().openapi({ description: 'the measure rows are sorted by and shares taken of (default total)' }),
        }),
      },
      responses: { 200: csvOr(paretoResult, 'The Pareto'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { from, to, level, sort, format: as, lang: language, ...raw } = c.req.valid('query');
      const result = await pareto(db, {
        ...parsePeriod({ from, to }), filters: scopedFilters(actor, filtersOf(raw)), level: level === undefined ? undefined : (Number(level) as ParetoLevel),
        sort: sort ?? 'total', language: language ?? actor.language,
      });
      if (as === 'csv') return c.body(paretoCsv(result), 200, csvHeaders(`pareto-${formatDay(result.query.from)}-${formatDay(result.query.to)}.csv`));
      return c.json(presentPareto(result), 200);
    },
  );

  router.openapi(
    route('analysis.read', {
      method: 'get', path: '/analysis/pareto/{cause}/items', tags: ['improvement'],
      summary: 'The complaints, detractor follow-ups or repeat contacts behind a cause of the Pareto (and the causes under it), newest first, with their words; audited',
      description:
        'Complaints need complaint.read (within the reader\'s complaints), follow-ups followup.read (within their follow-ups), contacts customer.read. ' +
        'Every customer a page shows is a read in the audit trail.',
      request: {
        params: z.object({ cause: safeText(200, { min: 1 }).openapi({ example: 'billing.roaming' }) }),
        query: z.object({
          ...period, ...filters,
          kind: z.enum(CODED_SUBJECTS).optional().openapi({ description: 'complaint (default), followup or contact' }),
          cursor: z.string().max(200).optional().openapi({ description: 'the `next` of the previous page' }),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: { 200: json(causeItemsPage, 'A page of items'), 404: { description: 'No such cause' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { from, to, kind, cursor, limit, ...raw } = c.req.valid('query');
      const page = await causeItems(db, actor, {
        ...parsePeriod({ from, to }), cause: c.req.valid('param').cause, kind: kind ?? 'complaint', filters: scopedFilters(actor, filtersOf(raw)), cursor, limit,
      });
      return c.json(presentItems(page), 200);
    },
  );

  router.openapi(
    route('analysis.read', {
      method: 'get', path: '/analysis/recurrence', tags: ['improvement'],
      summary: "Recurrence per cause over a period: codings, those whose customer's previous coding of the cause was within the window, customers with a recurrence",
      request: { query: z.object({ ...period, ...filters, lang, format, window: windowParam }) },
      responses: { 200: csvOr(recurrenceResult, 'The recurrence per cause'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { from, to, window, format: as, lang: language, ...raw } = c.req.valid('query');
      const table = await recurrenceTable(db, {
        ...parsePeriod({ from, to }), filters: scopedFilters(actor, filtersOf(raw)), windowDays: parseWindow(window), language: language ?? actor.language,
      });
      if (as === 'csv') return c.body(recurrenceCsv(table), 200, csvHeaders(`recurrence-${formatDay(table.query.from)}-${formatDay(table.query.to)}.csv`));
      return c.json(presentRecurrence(table), 200);
    },
  );

  router.openapi(
    route('analysis.read', {
      method: 'get', path: '/analysis/control-chart', tags: ['improvement'],
      summary: "The control chart of a cause and the causes under it: per week or month, complaints, detractors or repeat contacts per 1,000 customers of the base at the period's end, as a u-chart with its centre line, 3σ limits and flagged points",
      description:
        `The period is widened to whole weeks (ISO) or months, at most ${MAX_CHART_DAYS} days asked. \`baselinePeriods\`: the centre line from the first periods only (phase I). ` +
        'Flags: beyond-limits, run (8 in a row on one side), trend (6 rising or falling). Filters and a team lead\'s scope as for the Pareto.',
      request: {
        query: z.object({
          cause: safeText(200, { min: 1 }).openapi({ example: 'billing' }),
          ...period, ...filters, lang, format,
          interval: z.enum(CHART_INTERVALS).optional().openapi({ description: 'week or month (default)' }),
          measure: z.enum(CHART_MEASURES).optional().openapi({ description: 'complaints (default), detractors or repeatContacts' }),
          baselinePeriods: z.coerce.number().int().min(2).max(200).optional().openapi({ description: 'compute the centre line from the first this many periods' }),
        }),
      },
      responses: { 200: csvOr(causeChartResult, 'The control chart'), 404: { description: 'No such cause' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { cause, from, to, interval, measure, baselinePeriods, format: as, lang: language, ...raw } = c.req.valid('query');
      const chart = await causeChart(db, {
        ...parsePeriod({ from, to }, MAX_CHART_DAYS), cause, interval: interval ?? 'month', measure: measure ?? 'complaints', baselinePeriods,
        filters: scopedFilters(actor, filtersOf(raw)), language: language ?? actor.language,
      });
      if (as === 'csv') return c.body(chartCsv(chart), 200, csvHeaders(`control-chart-${chart.cause.code}-${formatDay(chart.query.from)}-${formatDay(chart.query.to)}.csv`));
      return c.json(presentChart(chart), 200);
    },
  );

  router.openapi(
    route('customer.read', {
      method: 'get', path: '/customers/{id}/recurrences', tags: ['customers'],
      summary: "The causes a customer was coded with at least twice within the window (default 90 days), with those complaints, follow-ups and contacts: for the card during a call; audited",
      request: { params: z.object({ id }), query: z.object({ window: windowParam, lang }) },
      responses: { 200: json(customerRecurrencesSchema, "The customer's recurring causes"), 404: { description: 'No such customer' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { window, lang: language } = c.req.valid('query');
      const result = await customerRecurrences(db, actor, c.req.valid('param').id, { windowDays: parseWindow(window), language: language ?? actor.language });
      return c.json(presentCustomerRecurrences(result), 200);
    },
  );

  return router;
}
