import { z } from '@hono/zod-openapi';
import { advisorScorecard as advisorSchema, scorecardQuery, teamScorecard as teamSchema } from '../contract/quality-scorecard.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { toCsv } from '../shared/csv-export.js';
import { advisorScorecard, scorecardDays, teamScorecard } from './advisor-scorecard.js';
import { presentAdvisorScorecard, presentTeamScorecard, TEAM_CSV_COLUMNS, teamCsvRows } from './training-presenters.js';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** The advisor's scorecard and the team's (docs/quality.md, "Advisor scorecard"). */
export function scorecardFiguresRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('quality.figures', {
      method: 'get', path: '/quality/advisors/{id}/scorecard', tags: ['quality'],
      summary:
        "An advisor's scorecard, for themselves, their team lead and the coaches (never a colleague): quality score, NPS, FCR and repeat rate with their intervals and against the days before, follow-ups and complaints of their contacts, trainings, coaching actions",
      request: { params: idParam, query: scorecardQuery },
      responses: { 200: json(advisorSchema, 'The scorecard'), 404: { description: 'No advisor within reach has this id' }, ...problemResponses },
    }),
    async (c) => {
      const days = scorecardDays(c.req.valid('query'));
      const card = await advisorScorecard(db, actorOf(c), c.req.valid('param').id, days, { minResponses: deps.config.npsMinResponses, graceDays: deps.config.trainingGraceDays });
      return c.json(presentAdvisorScorecard(card), 200);
    },
  );

  router.openapi(
    route('quality.figures', {
      method: 'get', path: '/quality/teams/{id}/scorecard', tags: ['quality'],
      summary: "A team's figures: the total of its advisors and, for its lead and the coaches, each advisor's (an advisor: 403, they read their own scorecard); format=csv exports them",
      request: { params: idParam, query: scorecardQuery.extend({ format: z.enum(['json', 'csv']).optional() }) },
      responses: {
        200: { description: 'The team, or the CSV file', content: { 'application/json': { schema: teamSchema }, 'text/csv': { schema: z.string() } } },
        404: { description: 'No team within reach has this id' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const card = await teamScorecard(db, actorOf(c), c.req.valid('param').id, scorecardDays(q), { minResponses: deps.config.npsMinResponses });
      if (q.format === 'csv') return c.body(toCsv(teamCsvRows(card), TEAM_CSV_COLUMNS), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="team-scorecard.csv"' });
      return c.json(presentTeamScorecard(card), 200);
    },
  );

  return router;
}
