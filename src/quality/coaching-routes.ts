import { z } from '@hono/zod-openapi';
import { coachingActionPatch, coachingCreate, coachingOpening as openingSchema, coachingProgress as progressSchema, coachingSession } from '../contract/quality-coaching.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { coachingOpening, coachingProgress, createCoachingSession, listCoachingSessions, updateCoachingAction } from './coaching.js';
import { toCsv } from '../shared/csv-export.js';
import { COACHING_CSV_COLUMNS, coachingCsvRow, presentCoachingOpening, presentCoachingProgress, presentCoachingSession } from './coaching-presenters.js';

const advisorQuery = z.object({ advisor: z.string().min(1).max(64).openapi({ description: "the advisor's id" }) });
const DAY = 86_400_000;

/** Coaching sessions, their actions and an advisor's progress (docs/quality.md, "Coaching"). */
export function coachingRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const one = async (actor: ReturnType<typeof actorOf>, sessionId: string) => presentCoachingSession((await listCoachingSessions(db, actor, { sessionId }))[0]!);

  router.openapi(
    route('coaching.read', {
      method: 'get', path: '/quality/coaching', tags: ['quality'],
      summary: "Coaching sessions within the reader's reach, newest first (an advisor their own); `advisor` narrows to one advisor; format=csv exports them",
      request: { query: z.object({ advisor: z.string().min(1).max(64).optional(), format: z.enum(['json', 'csv']).optional() }) },
      responses: { 200: { description: 'The sessions, or the CSV file', content: { 'application/json': { schema: z.object({ items: z.array(coachingSession) }) }, 'text/csv': { schema: z.string() } } }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const q = c.req.valid('query');
      const sessions = await listCoachingSessions(db, actor, { advisorId: q.advisor });
      if (q.format === 'csv') {
        const language = actor.language === 'lb' ? 'fr' : actor.language;
        return c.body(toCsv(sessions.map((s) => coachingCsvRow(s, language)), COACHING_CSV_COLUMNS), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="coaching.csv"' });
      }
      return c.json({ items: sessions.map(presentCoachingSession) }, 200);
    },
  );

  router.openapi(
    route('coaching.write', {
      method: 'get', path: '/quality/coaching/opening', tags: ['quality'],
      summary: 'What a new session with an advisor opens on: the criteria where they lost most points in the last 90 days, and their evaluations',
      request: { query: advisorQuery },
      responses: { 200: json(openingSchema, 'The opening'), 404: { description: 'No advisor within reach has this id' }, ...problemResponses },
    }),
    async (c) => {
      const now = Date.now();
      return c.json(presentCoachingOpening(await coachingOpening(db, actorOf(c), c.req.valid('query').advisor, now - 90 * DAY, now + 1)), 200);
    },
  );

  router.openapi(
    route('coaching.write', {
      method: 'post', path: '/quality/coaching', tags: ['quality'],
      summary: 'Record a coaching session with an advisor within reach: its focus, the evaluations and cases it is about, the actions agreed with their due days',
      request: { body: { content: { 'application/json': { schema: coachingCreate } } } },
      responses: { 201: json(coachingSession, 'The session'), 404: { description: 'No advisor within reach has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const id = await createCoachingSession(db, actor, c.req.valid('json'));
      return c.json(await one(actor, id), 201);
    },
  );

  router.openapi(
    route('coaching.write', {
      method: 'patch', path: '/quality/coaching-actions/{id}', tags: ['quality'],
      summary: 'Follow an agreed action up: done, dropped or open again, and what was seen',
      request: { params: z.object({ id: z.string().min(1).max(64) }), body: { content: { 'application/json': { schema: coachingActionPatch } } } },
      responses: { 200: json(coachingSession, 'The session'), 404: { description: 'No action within reach has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const sessionId = await updateCoachingAction(db, actor, c.req.valid('param').id, c.req.valid('json'));
      return c.json(await one(actor, sessionId), 200);
    },
  );

  router.openapi(
    route('coaching.read', {
      method: 'get', path: '/quality/coaching/progress', tags: ['quality'],
      summary: "An advisor's progress: quality month by month over a year, and how their agreed actions went",
      request: { query: advisorQuery },
      responses: { 200: json(progressSchema, 'The progress'), 404: { description: 'No advisor within reach has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentCoachingProgress(await coachingProgress(db, actorOf(c), c.req.valid('query').advisor)), 200),
  );

  return router;
}
