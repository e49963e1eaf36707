import { z } from '@hono/zod-openapi';
import { complaintReportResult } from '../contract/complaint-report.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { presentReport } from './complaint-report-presenters.js';
import { complaintReport, parseComplaintReportParams, reportTeam } from './complaint-report.js';

/** The complaints report over the API (docs/complaints.md, "Reports"). Mounted before the complaint routes, whose `/complaints/{id}` would take its path. */
export function complaintReportRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('complaint.report', {
      method: 'get', path: '/complaints/report', tags: ['complaints'],
      summary: 'Complaint figures per month (quarter, year) and category, team or channel: received, per 1,000 customers, on time, times to acknowledge and answer, reopen rate, first-contact resolution, rejected',
      description: "Whole months only. A team lead's report counts their own team's complaints.",
      request: {
        query: z.object({
          from: z.string().max(10).openapi({ description: 'first day of a month, YYYY-MM-DD', example: '2026-01-01' }),
          to: z.string().max(10).openapi({ description: 'last day of a month, YYYY-MM-DD', example: '2026-12-31' }),
          by: z.string().max(20).optional().openapi({ description: 'category (default), team or channel' }),
          interval: z.string().max(20).optional().openapi({ description: 'month (default), quarter or year' }),
          lang: z.enum(LABEL_LANGUAGES).optional().openapi({ description: 'language of the category labels' }),
        }),
      },
      responses: { 200: json(complaintReportResult, 'The report'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { lang, ...raw } = c.req.valid('query');
      const query = { ...parseComplaintReportParams(raw), teamId: reportTeam(actor), lang: lang ?? (actor.language === 'lb' ? 'fr' : actor.language) };
      return c.json(presentReport(await complaintReport(db, query)), 200);
    },
  );
  return router;
}
