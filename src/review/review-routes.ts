import { z } from '@hono/zod-openapi';
import { monthlyReview as monthlyReviewSchema } from '../contract/review.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { checkMonth, monthlyReview } from './monthly-review.js';
import { reviewActions } from './review-actions.js';
import { reviewCsv } from './review-csv.js';
import { renderReviewPdf } from './review-pdf.js';

/** The monthly review over the API (docs/improvement.md, "The monthly review"): JSON, CSV or the PDF. */
export function reviewRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  router.openapi(
    route('review.read', {
      method: 'get', path: '/review/monthly', tags: ['improvement'],
      summary: "The management committee's monthly review: NPS with its interval and significant changes, complaints and rates, top causes, overdue cases, actions and their measured effect, external studies; JSON, CSV or PDF",
      request: {
        query: z.object({
          month: z.string().openapi({ example: '2026-11', description: 'YYYY-MM, not after the current month' }),
          lang: z.enum(LABEL_LANGUAGES).optional().openapi({ description: "labels' language; default the reader's" }),
          format: z.enum(['json', 'csv', 'pdf']).default('json'),
        }),
      },
      responses: {
        200: {
          description: 'The review',
          content: { 'application/json': { schema: monthlyReviewSchema }, 'text/csv': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { month, lang, format } = c.req.valid('query');
      const now = Date.now();
      const review = await monthlyReview(db, { month: checkMonth(month, now), language: lang ?? (actor.language === 'lb' ? 'fr' : actor.language), now, minResponses: deps.config.npsMinResponses }, reviewActions);
      if (format === 'csv') return c.body(reviewCsv(review), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachmentDisposition(`review-${review.month}.csv`) });
      if (format === 'pdf') {
        const { pdf } = await renderReviewPdf(review);
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': attachmentDisposition(`review-${review.month}.pdf`) });
      }
      return c.json(review, 200);
    },
  );
  return router;
}
