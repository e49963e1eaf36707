import { z } from '@hono/zod-openapi';
import { auditCustomerReads } from '../auth/audit.js';
import { driverRow, npsReport, topicRow, verbatim } from '../contract/nps.js';
import { acceptsGzip } from '../http/accept-encoding.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { formatDay } from '../shared/calendar.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { DIMENSIONS } from './dimensions.js';
import { presentDriverRow, presentTopicRow, presentVerbatim } from './nps-presenters.js';
import { parseReportParams, scopeQuery, showsAdvisors } from './report-query.js';
import { ReportRunner } from './report-runner.js';

const filterParams = Object.fromEntries(
  DIMENSIONS.map((d) => [d, z.string().max(200).optional().openapi({ description: `only this ${d} ('' for none recorded)` })]),
) as Record<(typeof DIMENSIONS)[number], z.ZodOptional<z.ZodString>>;

const reportQuery = z.object({
  from: z.string().optional().openapi({ description: 'first contact day, YYYY-MM-DD (Europe/Luxembourg); default: 12 months back', example: '2026-01-01' }),
  to: z.string().optional().openapi({ description: 'last contact day, YYYY-MM-DD, inclusive; default: today', example: '2026-12-31' }),
  interval: z.string().optional().openapi({ description: 'day, week, month (default), quarter, year, rolling28 or total' }),
  groupBy: z.string().optional().openapi({ description: `one or two of ${DIMENSIONS.join(', ')}, comma-separated`, example: 'team' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'json (default) or csv: the same rows and columns' }),
  surveyed: z.enum(['true', 'false']).optional().openapi({ description: 'true: leave out groups with contacts but no survey (rows with an empty basis)' }),
  lang: z.enum(LABEL_LANGUAGES).optional().openapi({ description: "language of the reason names (default: the reader's)" }),
  ...filterParams,
});

/** The errors of a report: those of every route, and the end of its time budget. */
const reportProblems = {
  ...problemResponses,
  503: { description: 'The report was not computed within its time budget (problem `report-timeout`, `params.seconds`): narrow it, or try again' },
} as const;

export function npsRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  // Reports are computed in worker threads, within a time budget (docs/nps.md#time-budget).
  const reports = new ReportRunner(deps.storage, { budgetMs: deps.config.reportBudgetMs, threads: deps.config.reportThreads, nice: deps.config.reportNice });
  deps.closers?.add(() => reports.close());

  router.openapi(
    route('nps.read', {
      method: 'get', path: '/nps', tags: ['nps'],
      summary: 'NPS per period and group, with 95% confidence intervals and the change against the period before',
      description:
        'Figures belong to the day of the surveyed contact (Europe/Luxembourg). One row per period, group and NPS basis: ' +
        'responses on different bases are never mixed. Rows with fewer responses than the reliability threshold are marked ' +
        '`reliable: false` and never ranked. Team leads and advisors get their own team; figures per advisor as the reader\'s ' +
        '`npsScope` (GET /auth/me) allows: an advisor their own, a team lead their team\'s. More than 1,000 periods is refused ' +
        '(`too-many-periods`); a report not computed within the time budget ends in a 503 `report-timeout`. See docs/nps.md.',
      request: { query: reportQuery },
      responses: {
        200: {
          description: 'The report',
          content: {
            'application/json': {
              schema: npsReport,
            },
            'text/csv': { schema: z.string() },
          },
        },
        ...reportProblems,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { from, to, interval, groupBy, format, surveyed, lang, ...filters } = c.req.valid('query');
      const query = scopeQuery(parseReportParams({ from, to, interval, groupBy, filters }, deps.config.npsMinResponses), actor);
      const gzip = acceptsGzip(c.req.header('accept-encoding'));
      const document = await reports.run('reportDocument', query, { format: format ?? 'json', surveyed: surveyed === 'true', language: lang ?? actor.language, gzip });
      const encoding: Record<string, string> = gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : { vary: 'accept-encoding' };
      if (format === 'csv') {
        const name = `nps-${formatDay(query.from)}-${formatDay(query.to)}.csv`;
        return c.body(document, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, ...encoding });
      }
      return c.body(document, 200, { 'content-type': 'application/json', ...encoding });
    },
  );

  const scoped = (
    c: Parameters<typeof actorOf>[0],
    params: { from?: string | undefined; to?: string | undefined; interval?: string | undefined },
    filters: Record<string, string | undefined>,
    use: 'figures' | 'comments' = 'figures',
  ) => scopeQuery(parseReportParams({ ...params, filters }, deps.config.npsMinResponses), actorOf(c), use);

  router.openapi(
    route('nps.read', {
      method: 'get', path: '/nps/topics', tags: ['nps'],
      summary: 'Topics of the comments per period: mentions, share of responses, negative share, NPS of those who mention it',
      request: { query: z.object({ from: reportQuery.shape.from, to: reportQuery.shape.to, interval: reportQuery.shape.interval, ...filterParams }) },
      responses: { 200: json(z.object({ minResponses: z.number().int(), rows: z.array(topicRow) }), 'Topic rows'), ...reportProblems },
    }),
    async (c) => {
      const { from, to, interval, ...filters } = c.req.valid('query');
      const query = scoped(c, { from, to, interval }, filters);
      return c.json({ minResponses: query.minResponses, rows: (await reports.run('topics', query)).map(presentTopicRow) }, 200);
    },
  );

  router.openapi(
    route('nps.read', {
      method: 'get', path: '/nps/drivers', tags: ['nps'],
      summary: 'Topics and contact reasons ranked by the NPS points their detractors cost over the range',
      request: { query: z.object({ from: reportQuery.shape.from, to: reportQuery.shape.to, ...filterParams }) },
      responses: { 200: json(z.object({ minResponses: z.number().int(), rows: z.array(driverRow) }), 'Driver rows'), ...reportProblems },
    }),
    async (c) => {
      const { from, to, ...filters } = c.req.valid('query');
      const query = scoped(c, { from, to, interval: 'total' }, filters);
      return c.json({ minResponses: query.minResponses, rows: (await reports.run('drivers', query)).map(presentDriverRow) }, 200);
    },
  );

  router.openapi(
    route('nps.read', {
      method: 'get', path: '/nps/verbatims', tags: ['nps'],
      summary: 'The comments behind a figure, newest contact first, with their topics and matched spans',
      description: "No customer identity is returned; each customer whose comment is on the page gets a read in the audit trail (`customer.read` via `verbatims`).",
      request: {
        query: z.object({
          from: reportQuery.shape.from, to: reportQuery.shape.to, ...filterParams,
          category: z.enum(['promoter', 'passive', 'detractor']).optional(),
          topic: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: beforeParam.openapi({ description: 'the `next` of the previous page, or a time (ISO 8601): only comments on contacts older than it' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(verbatim), next: nextCursor }), 'A page of comments'), ...reportProblems },
    }),
    async (c) => {
      const { from, to, category, topic, limit, before, ...filters } = c.req.valid('query');
      const query = scoped(c, { from, to, interval: 'total' }, filters, 'comments');
      const page = await reports.run('verbatims', { from: query.from, to: query.to, filters: query.filters, category, topic, limit, before });
      // Comments are the customers' own words: who read whose is recorded, as for a card.
      const actor = actorOf(c);
      await auditCustomerReads(db, actor, page.parties, 'verbatims');
      const advisors = showsAdvisors(actor);
      return c.json({ items: page.items.map((v) => presentVerbatim(v, { advisor: advisors })), next: page.next }, 200);
    },
  );

  return router;
}

