import { z } from '@hono/zod-openapi';
import {
  ACTION_STATES, ACTION_STEPS, actionDetail, actionDoneInput, actionOwner, actionEffect, actionInput, actionPage, actionPatch, actionStepInput, actionVerifyInput,
  evidenceInput, evidenceItem, type ActionStep,
} from '../contract/actions.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { safeText } from '../shared/safe-text.js';
import { addEvidence, readEvidence, removeEvidence } from './action-evidence.js';
import { actionsCsv } from './action-export.js';
import { presentDetail, presentEffect, presentEvidence, presentSummary } from './action-presenters.js';
import { actionOwners, getAction, getActionEffect, listActions } from './action-queries.js';
import { createAction, editAction, stepAction } from './action-service.js';

const STATE_LIST = new RegExp(`^(${ACTION_STATES.join('|')})(,(${ACTION_STATES.join('|')}))*$`);

const listQuery = z.object({
  status: z.string().regex(STATE_LIST, `a comma-separated list of ${ACTION_STATES.join(', ')}`).optional().openapi({ description: 'states, comma-separated (default: all)', example: 'in_progress,done' }),
  cause: safeText(200, { min: 1 }).optional().openapi({ description: 'actions on this cause or a cause under it', example: 'billing' }),
  department: safeText(40, { min: 1 }).optional(),
  owner: z.string().min(1).max(64).optional().openapi({ description: "a person's id, or me" }),
  cursor: z.string().max(200).optional().openapi({ description: 'the `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  lang: z.enum(LABEL_LANGUAGES).optional().openapi({ description: "the language of the causes' and departments' labels (default: the reader's)" }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv: every action of the filters (at most 10,000) as a CSV file' }),
});
const idParam = z.object({ id: z.string().min(1).max(64) });
const time = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));

const STEP_SUMMARY: Record<ActionStep, string> = {
  approve: 'Approve a proposed action (CX managers, admins)',
  start: 'Start an approved action',
  done: 'Record that the action was done, now or at `doneAt` (not in the future, not before it was proposed): its effect is measured from that day',
  verify: 'Verify a done action: only when the target measure changed significantly in the intended direction (409 effect-not-significant), or by `override` with the reason (action.verify-override)',
  abandon: 'Abandon an open action, with the reason',
  reopen: 'Reopen a done or verified action (its effect faded), with the reason: back in progress, its done date forgotten',
};

/** Improvement actions (docs/improvement.md, "Improvement actions"): the board, an action, its lifecycle, its effect, its evidence. */
export function actionRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('action.read', {
      method: 'get', path: '/actions', tags: ['improvement'],
      summary: "A page of improvement actions, newest first, within the reader's reach (team leads: their team's and their own); format=csv exports them",
      request: { query: listQuery },
      responses: {
        200: { description: 'The page, or the CSV file', content: { 'application/json': { schema: actionPage }, 'text/csv': { schema: z.string() } } },
        422: { description: 'CSV: more than 10,000 actions match (action-export-too-large): narrow the filters' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const q = c.req.valid('query');
      const filter = { states: q.status?.split(',') as (typeof ACTION_STATES)[number][] | undefined, cause: q.cause, department: q.department, ownerId: q.owner === 'me' ? actor.id : q.owner };
      if (q.format === 'csv') {
        return c.body(await actionsCsv(db, filter, actor), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="actions.csv"' });
      }
      const page = await listActions(db, { ...filter, cursor: q.cursor, limit: q.limit }, actor, q.lang);
      return c.json({ items: page.items.map(presentSummary), next: page.next }, 200);
    },
  );

  router.openapi(
    route('action.read', {
      method: 'get', path: '/action-owners', tags: ['improvement'],
      summary: 'The people who may be put in charge of an action (team leads, quality coaches, CX managers, admins), by name',
      responses: { 200: json(z.object({ items: z.array(actionOwner) }), 'The people'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await actionOwners(db)).map((o) => ({ id: o.id, name: o.name, role: o.role, teamId: o.teamId })) }, 200),
  );

  router.openapi(
    route('action.edit', {
      method: 'post', path: '/actions', tags: ['improvement'],
      summary: 'Create an improvement action on one or more causes: proposed, with its reference ACT-<year>-<4 digits>',
      request: { body: { content: { 'application/json': { schema: actionInput } } } },
      responses: { 201: json(actionDetail, 'The action'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { proposedAt, ...input } = c.req.valid('json');
      const { id } = await createAction(db, { ...input, proposedAt: time(proposedAt) }, actor);
      return c.json(presentDetail(await getAction(db, id, actor)), 201);
    },
  );

  router.openapi(
    route('action.read', {
      method: 'get', path: '/actions/{id}', tags: ['improvement'],
      summary: 'An improvement action with its target, windows, evidence links, timeline and the steps the reader may take',
      request: { params: idParam, query: z.object({ lang: z.enum(LABEL_LANGUAGES).optional().openapi({ description: "the language of the labels (default: the reader's)" }) }) },
      responses: { 200: json(actionDetail, 'The action'), 404: { description: 'No action has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentDetail(await getAction(db, c.req.valid('param').id, actorOf(c), c.req.valid('query').lang)), 200),
  );

  router.openapi(
    route('action.read', {
      method: 'patch', path: '/actions/{id}', tags: ['improvement'],
      summary: 'Change an open action (a CX manager, or the person in charge): the fields given change, in one edit event',
      request: { params: idParam, body: { content: { 'application/json': { schema: actionPatch } } } },
      responses: { 200: json(actionDetail, 'The action'), 404: { description: 'No action has this id' }, 409: { description: 'Not open, or changed meanwhile' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await editAction(db, id, c.req.valid('json'), actor);
      return c.json(presentDetail(await getAction(db, id, actor)), 200);
    },
  );

  router.openapi(
    route('action.read', {
      method: 'get', path: '/actions/{id}/effect', tags: ['improvement'],
      summary: 'The measured effect: before and after windows of the complaint rate, the NPS and the repeat rate, with intervals, tests, verdicts, and the fade',
      request: { params: idParam },
      responses: { 200: json(actionEffect, 'The effect'), 404: { description: 'No action has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentEffect(await getActionEffect(db, c.req.valid('param').id, actorOf(c))), 200),
  );

  for (const step of ACTION_STEPS) {
    const schema = step === 'done' ? actionDoneInput : step === 'verify' ? actionVerifyInput : actionStepInput;
    router.openapi(
      route(step === 'approve' ? 'action.edit' : 'action.read', {
        method: 'post', path: `/actions/{id}/${step}`, tags: ['improvement'], summary: STEP_SUMMARY[step],
        request: { params: idParam, body: { content: { 'application/json': { schema } } } },
        responses: {
          200: json(actionDetail, 'The action after the step'),
          404: { description: 'No action has this id' },
          409: { description: 'Not allowed from its state (transition-not-allowed), changed meanwhile, effect not significant (effect-not-significant)' },
          ...problemResponses,
        },
      }),
      async (c) => {
        const actor = actorOf(c);
        const { id } = c.req.valid('param');
        const body = c.req.valid('json') as { reason?: string; expectedVersion?: number; doneAt?: string; override?: boolean };
        await stepAction(db, id, step, { reason: body.reason, expectedVersion: body.expectedVersion, doneAt: time(body.doneAt), override: body.override }, actor);
        return c.json(presentDetail(await getAction(db, id, actor)), 200);
      },
    );
  }

  router.openapi(
    route('action.read', {
      method: 'get', path: '/actions/{id}/evidence', tags: ['improvement'],
      summary: "The evidence with its texts, for a reader who may read each record: every customer whose text is shown is an audited read",
      request: { params: idParam },
      responses: { 200: json(z.object({ items: z.array(evidenceItem) }), 'The evidence'), 404: { description: 'No action has this id' }, ...problemResponses },
    }),
    async (c) => c.json({ items: (await readEvidence(db, c.req.valid('param').id, actorOf(c))).map(presentEvidence) }, 200),
  );

  router.openapi(
    route('action.read', {
      method: 'post', path: '/actions/{id}/evidence', tags: ['improvement'],
      summary: 'Link a complaint (id or reference), a follow-up or a survey answer as evidence',
      request: { params: idParam, body: { content: { 'application/json': { schema: evidenceInput } } } },
      responses: { 201: json(actionDetail, 'The action'), 404: { description: 'No action has this id' }, 409: { description: 'Already linked (evidence-already-linked)' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await addEvidence(db, id, c.req.valid('json'), actor);
      return c.json(presentDetail(await getAction(db, id, actor)), 201);
    },
  );

  router.openapi(
    route('action.read', {
      method: 'delete', path: '/actions/{id}/evidence/{evidenceId}', tags: ['improvement'],
      summary: 'Unlink a piece of evidence',
      request: { params: idParam.extend({ evidenceId: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Unlinked' }, 404: { description: 'No such action or evidence' }, ...problemResponses },
    }),
    async (c) => {
      const { id, evidenceId } = c.req.valid('param');
      await removeEvidence(db, id, evidenceId, actorOf(c));
      return c.body(null, 204);
    },
  );

  return router;
}
