import { z } from '@hono/zod-openapi';
import {
  FOLLOWUP_ACTIONS, FOLLOWUP_STATES, FOLLOWUP_VIEWS, followupActionInput, followupActionResult, followupAssignInput, followupAssignResult, followupDetail,
  followupMetrics, followupPage, followupRules, followupRulesInput, followupTimeline,
} from '../contract/followups.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { presentSuggestion } from '../causes/cause-presenters.js';
import { causeSuggestion } from '../contract/causes.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { actOnFollowup, assignFollowups } from './followup-actions.js';
import { followupCauseSuggestions } from './followup-coding.js';
import { followupsCsv } from './followup-export.js';
import type { FollowupState } from './followup-kind.js';
import { followupMetrics as metricsOf, metricsPeriod } from './followup-metrics.js';
import { presentAssigned, presentDetail, presentEvent, presentMetrics, presentRules, presentSummary } from './followup-presenters.js';
import { followupSummary, followupTimeline as timelineOf, getFollowup, listFollowups } from './followup-queries.js';
import { followupRules as rulesOf, saveFollowupRules } from './followup-rules.js';

const STATE_LIST = new RegExp(`^(${FOLLOWUP_STATES.join('|')})(,(${FOLLOWUP_STATES.join('|')}))*$`);

/** The filters of the queue and of its export. */
const filters = z.object({
  state: z.string().regex(STATE_LIST, `a comma-separated list of ${FOLLOWUP_STATES.join(', ')}`).optional().openapi({ description: 'states, comma-separated (default: open and in progress)', example: 'open,in_progress' }),
  team: z.string().max(64).optional().openapi({ description: "a team's id (team leads: their own)" }),
  assignee: z.literal('me').optional().openapi({ description: 'me: only those assigned to the reader' }),
  view: z.enum(FOLLOWUP_VIEWS).optional().openapi({ description: 'all (default), due-today, overdue, hot' }),
  customer: z.string().max(64).optional().openapi({ description: "a customer's follow-ups (within the reader's reach: the card shows them)" }),
});
const listQuery = filters.extend({
  cursor: z.string().max(200).optional().openapi({ description: 'the `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idParam = z.object({ id: z.string().min(1).max(64) });

type Filters = z.infer<typeof filters>;
const filterOf = (q: Filters) => ({
  states: q.state?.split(',') as FollowupState[] | undefined, teamId: q.team, mine: q.assignee === 'me', view: q.view, partyId: q.customer,
});

/** Detractor follow-ups (docs/followups.md): the queue, a follow-up and its timeline, its actions, assignment, figures, export, rules. */
export function followupRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('followup.read', {
      method: 'get', path: '/followups', tags: ['followups'],
      summary: "A page of the follow-up queue, soonest deadline first: an advisor's own, a team lead's team (or their own with assignee=me), all for a CX manager; every customer listed is an audited read",
      request: { query: listQuery },
      responses: { 200: json(followupPage, 'The page'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listFollowups(db, { ...filterOf(q), cursor: q.cursor, limit: q.limit }, actorOf(c));
      return c.json({ items: page.items.map(presentSummary), next: page.next }, 200);
    },
  );

  router.openapi(
    route('followup.metrics', {
      method: 'get', path: '/followups/metrics', tags: ['followups'],
      summary: 'The figures of the inner loop for a period, by team or the reader\'s own (never a colleague\'s), with 95% confidence intervals',
      request: {
        query: z.object({
          from: z.string().max(10).optional().openapi({ description: 'first day (YYYY-MM-DD, Europe/Luxembourg) of the follow-ups opened; default 89 days before to' }),
          to: z.string().max(10).optional().openapi({ description: 'last day, included; default today' }),
          team: z.string().max(64).optional(),
          assignee: z.literal('me').optional().openapi({ description: "me: the reader's own follow-ups" }),
        }),
      },
      responses: { 200: json(followupMetrics, 'The figures'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const period = metricsPeriod(q.from, q.to);
      const metrics = await metricsOf(db, actorOf(c), { ...period, teamId: q.team, mine: q.assignee === 'me' }, { fcrWindowDays: deps.config.fcrWindowDays });
      return c.json(presentMetrics(metrics), 200);
    },
  );

  router.openapi(
    route('followup.export', {
      method: 'get', path: '/followups/export.csv', tags: ['followups'],
      summary: 'The follow-ups of the queue filters as CSV; every customer exported is an audited read',
      request: { query: filters },
      responses: {
        200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
        422: { description: 'More than 10,000 follow-ups match (followup-export-too-large): narrow the filters' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const csv = await followupsCsv(db, filterOf(c.req.valid('query')), actorOf(c));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="followups.csv"' });
    },
  );

  router.openapi(
    route('followup.assign', {
      method: 'post', path: '/followups/assign', tags: ['followups'],
      summary: 'Assign follow-ups to one person (or back to the team queue), all or none',
      request: { body: { content: { 'application/json': { schema: followupAssignInput } } } },
      responses: { 200: json(followupAssignResult, 'Assigned'), 404: { description: 'A follow-up does not exist' }, 409: { description: 'A follow-up is closed or changed' }, ...problemResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(presentAssigned(await assignFollowups(db, body.ids, body.assigneeId, actorOf(c), body.reason)), 200);
    },
  );

  router.openapi(
    route('followup.read', {
      method: 'get', path: '/followups/{id}', tags: ['followups'],
      summary: "A follow-up with the answer and its comment, the contact evaluated and the customer: an audited read of the customer's record",
      request: { params: idParam },
      responses: { 200: json(followupDetail, 'The follow-up'), 404: { description: 'No follow-up has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentDetail(await getFollowup(db, c.req.valid('param').id, actorOf(c))), 200),
  );

  router.openapi(
    route('followup.read', {
      method: 'get', path: '/followups/{id}/cause-suggestions', tags: ['followups', 'improvement'],
      summary: 'Root causes suggested for a follow-up from the comment, the cause in the customer\'s words and the contact\'s reason, best first (never applied); audited',
      request: { params: idParam, query: z.object({ lang: z.enum(LABEL_LANGUAGES).optional() }) },
      responses: { 200: json(z.object({ items: z.array(causeSuggestion) }), 'Suggestions'), 404: { description: 'No follow-up has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { causes, suggestions } = await followupCauseSuggestions(db, c.req.valid('param').id, actor, c.req.valid('query').lang ?? actor.language);
      return c.json({ items: suggestions.map((s) => presentSuggestion(s, causes)) }, 200);
    },
  );

  router.openapi(
    route('followup.read', {
      method: 'get', path: '/followups/{id}/timeline', tags: ['followups'],
      summary: 'Every change of a follow-up, oldest first: who, when, from which state to which, why',
      request: { params: idParam },
      responses: { 200: json(followupTimeline, 'The timeline'), 404: { description: 'No follow-up has this id' }, ...problemResponses },
    }),
    async (c) => c.json({ items: (await timelineOf(db, c.req.valid('param').id, actorOf(c))).map(presentEvent) }, 200),
  );

  router.openapi(
    route('followup.handle', {
      method: 'post', path: '/followups/{id}/actions/{action}', tags: ['followups'],
      summary: 'Take an action: attempt (reached or not), close (the outcome; complaint turns it into one), cancel, reopen, pause, resume, assign, transfer, comment',
      request: {
        params: idParam.extend({
          action: z.string().min(1).max(40).openapi({ description: `one of ${FOLLOWUP_ACTIONS.join(', ')} (another: 400 unknown-case-action)`, example: 'attempt' }),
        }),
        body: { content: { 'application/json': { schema: followupActionInput } } },
      },
      responses: {
        200: json(followupActionResult, 'The follow-up after the action, and its event'),
        404: { description: 'No follow-up has this id' },
        409: { description: 'Not allowed from its state (transition-not-allowed), changed meanwhile, customer not reached yet (followup-not-reached)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id, action } = c.req.valid('param');
      const { at, ...input } = c.req.valid('json');
      const done = await actOnFollowup(db, id, action, { ...input, at: at === undefined ? undefined : Date.parse(at) }, actor);
      const followup = presentSummary(await followupSummary(db, done.case, actor));
      const complaintId = typeof done.event.data?.complaintId === 'string' ? done.event.data.complaintId : null;
      return c.json({ followup, event: presentEvent(done.event), complaintId }, 200);
    },
  );

  router.openapi(
    route('followup.read', {
      method: 'get', path: '/followup-rules', tags: ['followups'], summary: 'The rules of follow-ups: threshold, hot rules, deadlines, routing',
      responses: { 200: json(followupRules, 'The rules'), ...problemResponses },
    }),
    async (c) => c.json(presentRules(await rulesOf(db)), 200),
  );

  router.openapi(
    route('followup.configure', {
      method: 'put', path: '/followup-rules', tags: ['followups'], summary: 'Change the rules (they apply to answers from now on; open follow-ups keep their deadlines)',
      request: { body: { content: { 'application/json': { schema: followupRulesInput } } } },
      responses: { 200: json(followupRules, 'The rules saved'), ...problemResponses },
    }),
    async (c) => c.json(presentRules(await saveFollowupRules(db, c.req.valid('json'), actorOf(c))), 200),
  );

  return router;
}
