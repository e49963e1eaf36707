import { z } from '@hono/zod-openapi';
import { EVALUATION_STATES, evaluationCreate, evaluationDecision, evaluationDetail, evaluationDispute, evaluationEdit, evaluationPage } from '../contract/quality-evaluations.js';
import { actorOf, beforeParam, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { DomainError } from '../shared/errors.js';
import { evaluationRows, listEvaluations, readEvaluation } from './evaluation-queries.js';
import { evaluationsCsv, presentEvaluation, presentEvaluationSummary } from './evaluation-presenters.js';
import { acknowledgeEvaluation, createEvaluation, decideEvaluation, disputeEvaluation, editEvaluation, submitEvaluation } from './evaluation-service.js';

const idParam = z.object({ id: z.string().min(1).max(64) });
const STATE_LIST = new RegExp(`^(${EVALUATION_STATES.join('|')})(,(${EVALUATION_STATES.join('|')}))*$`);
const isoTime = z.string().datetime({ offset: true });

const listQuery = z.object({
  advisor: z.string().min(1).max(64).optional().openapi({ description: "an advisor's id" }),
  team: z.string().min(1).max(64).optional(),
  state: z.string().regex(STATE_LIST, `a comma-separated list of ${EVALUATION_STATES.join(', ')}`).optional(),
  pass: z.enum(['yes', 'no']).optional(),
  from: isoTime.optional().openapi({ description: 'created at or after (ISO 8601)' }),
  to: isoTime.optional().openapi({ description: 'created before (ISO 8601)' }),
  before: beforeParam,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: every evaluation of the filters (at most 10,000), without customer data' }),
});

const detail = (description: string) => json(evaluationDetail, description);

/** Evaluations of contacts (docs/quality.md, "Evaluations"): list, read, score, submit, acknowledge, dispute, decide. */
export function evaluationRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const settings = { disputeWindowMs: deps.config.disputeWindowHours * 3600 * 1000 };

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/evaluations', tags: ['quality'],
      summary: "A page of evaluations, newest first, within the reader's reach (a coach all, a team lead their team's, an advisor their own once submitted); format=csv exports them",
      request: { query: listQuery },
      responses: {
        200: { description: 'The page, or the CSV file', content: { 'application/json': { schema: evaluationPage }, 'text/csv': { schema: z.string() } } },
        422: { description: 'CSV: more than 10,000 evaluations match (`evaluation-export-too-large`)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const q = c.req.valid('query');
      const filter = {
        advisorId: q.advisor, teamId: q.team, states: q.state?.split(',') as (typeof EVALUATION_STATES)[number][] | undefined,
        pass: q.pass === undefined ? undefined : q.pass === 'yes', from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined,
      };
      if (q.format === 'csv') {
        const rows = await evaluationRows(db, actor, filter);
        if (rows === 'too-many') throw new DomainError(422, 'evaluation-export-too-large', 'more than 10,000 evaluations match: narrow the filters', [], { max: 10_000 });
        return c.body(evaluationsCsv(rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="evaluations.csv"' });
      }
      const page = await listEvaluations(db, actor, { ...filter, before: q.before, limit: q.limit });
      return c.json({ items: page.items.map(presentEvaluationSummary), next: page.next }, 200);
    },
  );

  router.openapi(
    route('evaluation.score', {
      method: 'post', path: '/quality/evaluations', tags: ['quality'],
      summary: "Start evaluating a contact: a draft on the latest published scorecard (or the version given); the contact's advisor must be within the evaluator's reach",
      request: { body: { content: { 'application/json': { schema: evaluationCreate } } } },
      responses: { ...problemResponses, 201: detail('The draft'), 403: { description: 'Not allowed, or `outside-your-reach`: the contact was handled by an advisor outside your team' } },
    }),
    async (c) => {
      const actor = actorOf(c);
      const id = await createEvaluation(db, actor, c.req.valid('json'));
      return c.json(presentEvaluation(await readEvaluation(db, actor, id)), 201);
    },
  );

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/evaluations/{id}', tags: ['quality'],
      summary: 'One evaluation: its scorecard, answers, score, markers, disputes, history and what the reader may do; the read of the contact is audited',
      request: { params: idParam },
      responses: { 200: detail('The evaluation'), 404: { description: 'No evaluation the reader may read has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentEvaluation(await readEvaluation(db, actorOf(c), c.req.valid('param').id)), 200),
  );

  router.openapi(
    route('evaluation.score', {
      method: 'patch', path: '/quality/evaluations/{id}', tags: ['quality'],
      summary: 'Save a draft: answers per criterion (merged), strengths, points to work on, markers in the recording; the score follows',
      request: { params: idParam, body: { content: { 'application/json': { schema: evaluationEdit } } } },
      responses: { 200: detail('The draft'), 404: { description: 'No evaluation has this id' }, 409: { description: '`evaluation-step-not-allowed`: not a draft, or not yours' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await editEvaluation(db, actor, id, c.req.valid('json'));
      return c.json(presentEvaluation(await readEvaluation(db, actor, id)), 200);
    },
  );

  const step = (
    access: 'evaluation.score' | 'evaluation.acknowledge' | 'evaluation.review',
    name: string,
    summary: string,
    body: z.ZodTypeAny | undefined,
    run: (actor: ReturnType<typeof actorOf>, id: string, input: any) => Promise<void>,
  ) =>
    router.openapi(
      route(access, {
        method: 'post', path: `/quality/evaluations/{id}/${name}`, tags: ['quality'], summary,
        request: { params: idParam, ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}) },
        responses: { 200: detail('The evaluation after the step'), 404: { description: 'No evaluation has this id' }, 409: { description: 'The step is not allowed now (`evaluation-step-not-allowed`, `evaluation-incomplete`, `dispute-window-closed`, `second-evaluator-required`)' }, ...problemResponses },
      }),
      async (c) => {
        const actor = actorOf(c);
        const { id } = c.req.valid('param');
        await run(actor, id, body ? (c.req.valid as (t: 'json') => unknown)('json') : undefined);
        return c.json(presentEvaluation(await readEvaluation(db, actor, id)), 200);
      },
    );

  step('evaluation.score', 'submit', 'Submit a complete draft: the advisor sees it and may dispute items for ECOUTE_DISPUTE_WINDOW_HOURS (72 by default)', undefined, (actor, id) => submitEvaluation(db, actor, id, settings));
  step('evaluation.acknowledge', 'acknowledge', 'The advisor evaluated acknowledges their evaluation: it is locked', undefined, (actor, id) => acknowledgeEvaluation(db, actor, id));
  step('evaluation.acknowledge', 'dispute', 'The advisor disputes items within the window, each with a comment and the answer they propose', evaluationDispute, (actor, id, input: z.infer<typeof evaluationDispute>) => disputeEvaluation(db, actor, id, input.items));
  step('evaluation.review', 'decide', 'A second evaluator decides every disputed item (keep, accept or set another answer): the score is recomputed and the evaluation locked', evaluationDecision, (actor, id, input: z.infer<typeof evaluationDecision>) => decideEvaluation(db, actor, id, input.items));

  return router;
}
