import { z } from '@hono/zod-openapi';
import { QUEUE_VIEWS } from '../cases/case-queue.js';
import { language } from '../contract/common.js';
import { complaintActionResult, complaintCategory, complaintChannel, complaintDetail, complaintEvent, complaintOutcome, complaintSummary } from '../contract/complaints.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { toCsv } from '../shared/csv-export.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { plausibleTime } from '../shared/plausible-time.js';
import { safeText } from '../shared/safe-text.js';
import { presentSuggestion } from '../causes/cause-presenters.js';
import { causeSuggestion } from '../contract/causes.js';
import { listCategories, saveCategory } from './complaint-categories.js';
import { complaintCauseSuggestions } from './complaint-coding.js';
import { complaintFilterOf } from './complaint-filter.js';
import { PERSON_ACTIONS } from './complaint-kind.js';
import { CSV_COLUMNS, csvRow, presentActionResult, presentCategory, presentDetail, presentEvent, presentSummary } from './complaint-presenters.js';
import { complaintsForExport, complaintTimeline, getComplaint, listComplaints } from './complaint-queries.js';
import { actOnComplaint, assignComplaints, createComplaint } from './complaint-service.js';

const id = z.string().min(1).max(64);
const idParam = z.object({ id });
/** Channels on which the customer wrote: the complaint is recorded with the date it was received. */
const WRITTEN = ['letter', 'email', 'web'];

const filterQuery = {
  state: z.string().max(200).optional().openapi({ description: 'one or more states, comma-separated; default: every open complaint', example: 'received,acknowledged' }),
  team: id.optional().openapi({ description: "a team's complaints" }),
  assignee: id.optional().openapi({ description: '`me`, or a person’s id' }),
  view: z.enum(QUEUE_VIEWS).optional().openapi({ description: 'all (default), due-today, overdue, hot' }),
  category: safeText(64).optional(),
  channel: complaintChannel.optional(),
  from: z.string().max(10).optional().openapi({ description: 'first day of receipt, YYYY-MM-DD (Europe/Luxembourg)' }),
  to: z.string().max(10).optional().openapi({ description: 'last day of receipt, inclusive' }),
  customer: id.optional().openapi({ description: "a customer's complaints (every team's: the card shows them)" }),
};

const newComplaint = z
  .object({
    customerId: id,
    accountId: id.nullable().optional(),
    lineId: id.nullable().optional(),
    channel: complaintChannel,
    category: safeText(64, { min: 1 }).openapi({ example: 'billing' }),
    receivedAt: plausibleTime().optional().openapi({ description: 'when the written complaint was received (required for letter, email, web); default now' }),
    description: safeText(5000, { min: 1, multiline: true }),
    language: language.optional().openapi({ description: "the language the customer is answered in; default: their preferred one" }),
    amountDisputedCents: z.number().int().min(0).max(10_000_000_000).nullable().optional(),
    teamId: id.optional().openapi({ description: "the team that takes it; default: the recording person's" }),
    assigneeId: id.nullable().optional(),
    contactIds: z.array(id).max(50).optional().openapi({ description: 'contacts of the customer the complaint was made in' }),
    fromFollowupId: id.optional().openapi({ description: 'the detractor follow-up it comes from' }),
  })
  .strict()
  .refine((b) => b.receivedAt !== undefined || !WRITTEN.includes(b.channel), { message: 'is required for a written complaint (letter, email, web)', path: ['receivedAt'], params: { code: 'required' } });

const actionBody = z
  .object({
    reason: safeText(2000, { multiline: true }).optional().openapi({ description: 'why; required to reject, reopen, transfer, edit' }),
    expectedVersion: z.number().int().min(1).optional().openapi({ description: 'the version read: refused (409 case-version-conflict) if the complaint changed since' }),
    assigneeId: id.nullable().optional().openapi({ description: 'assign: the person (null: back to the team); transfer: optionally, someone of the new team' }),
    teamId: id.optional().openapi({ description: 'transfer: the team that takes the complaint' }),
    outcome: complaintOutcome.optional().openapi({ description: 'answer: required' }),
    rootCause: safeText(200).optional().openapi({ description: 'answer: why it happened, in words (the investigation\'s finding)' }),
    refundCents: z.number().int().min(0).max(10_000_000_000).optional().openapi({ description: 'answer: the amount refunded to the customer, in cents' }),
    causeCode: safeText(200, { min: 1 }).optional().openapi({ description: 'code-cause (required), answer, close: the root cause from the tree (GET /api/v1/causes); required to close a complaint not coded yet' }),
    unknownReason: safeText(500).optional().openapi({ description: 'with causeCode "unknown": why no cause could be found (required)' }),
    suggestedCauses: z.array(safeText(200, { min: 1 })).max(10).optional().openapi({ description: 'the causes suggested to the person who coded, best first (GET /complaints/{id}/cause-suggestions)' }),
    description: safeText(5000, { min: 1, multiline: true }).optional().openapi({ description: 'edit' }),
    category: safeText(64, { min: 1 }).optional().openapi({ description: 'edit' }),
    interactionId: id.optional().openapi({ description: 'link-contact: a contact of the customer' }),
  })
  .strict();

/** Complaints over the API (docs/complaints.md): queues, intake, the lifecycle as explicit actions, timeline, export, categories. */
export function complaintRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints', tags: ['complaints'],
      summary: 'Complaints, soonest deadline first, page by page: a team’s queue, mine, due today, overdue, hot; every customer listed is audited',
      request: { query: z.object({ ...filterQuery, cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      responses: { 200: json(z.object({ items: z.array(complaintSummary), next: z.string().nullable() }), 'A page of complaints'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { cursor, limit, ...params } = c.req.valid('query');
      const page = await listComplaints(db, { ...complaintFilterOf(params, actor), cursor, limit }, actor);
      return c.json({ items: page.items.map(presentSummary), next: page.next }, 200);
    },
  );

  router.openapi(
    route('complaint.export', {
      method: 'get', path: '/complaints/export.csv', tags: ['complaints'],
      summary: 'The complaints of the same filters as the list, as CSV (at most 10,000; no description nor comment); audited',
      request: { query: z.object(filterQuery) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 422: { description: 'More than 10,000 complaints: narrow the filters' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const rows = await complaintsForExport(db, complaintFilterOf(c.req.valid('query'), actor), actor);
      return c.body(toCsv(rows.map(csvRow), CSV_COLUMNS), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="complaints.csv"' });
    },
  );

  router.openapi(
    route('complaint.create', {
      method: 'post', path: '/complaints', tags: ['complaints'],
      summary: 'Record a complaint (any channel; a written one with the date it was received): its reference and deadlines',
      request: { body: { content: { 'application/json': { schema: newComplaint } } } },
      responses: { 201: json(complaintDetail, 'The complaint'), 409: { description: "The customer's data was erased" }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { customerId, receivedAt, fromFollowupId, ...body } = c.req.valid('json');
      const created = await createComplaint(
        db,
        {
          ...body, partyId: customerId,
          ...(receivedAt !== undefined ? { receivedAt: Date.parse(receivedAt) } : {}),
          ...(fromFollowupId !== undefined ? { fromCase: { id: fromFollowupId, kind: 'followup' } } : {}),
        },
        actor,
      );
      return c.json(presentDetail(await getComplaint(db, created.id, actor)), 201);
    },
  );

  router.openapi(
    route('complaint.assign', {
      method: 'post', path: '/complaints/assign', tags: ['complaints'],
      summary: 'Assign complaints to a person of their team (null: back to the team), all or none',
      request: { body: { content: { 'application/json': { schema: z.object({ ids: z.array(id).min(1).max(500), assigneeId: id.nullable() }).strict() } } } },
      responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), assigneeId: z.string().nullable(), version: z.number().int() })) }), 'Assigned'), 404: { description: 'No complaint has one of the ids' }, 409: { description: 'A complaint is closed' }, ...problemResponses },
    }),
    async (c) => {
      const { ids, assigneeId } = c.req.valid('json');
      const assigned = await assignComplaints(db, ids, assigneeId, actorOf(c));
      return c.json({ items: assigned.map((a) => ({ id: a.id, assigneeId: a.assignee_id, version: a.version })) }, 200);
    },
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints/{id}', tags: ['complaints'],
      summary: 'A complaint (a read of the customer’s record: audited)',
      request: { params: idParam },
      responses: { 200: json(complaintDetail, 'The complaint'), 404: { description: 'No complaint has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentDetail(await getComplaint(db, c.req.valid('param').id, actorOf(c))), 200),
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints/{id}/timeline', tags: ['complaints'],
      summary: 'Every change of a complaint, oldest first: who, when, from which state to which, why (audited)',
      request: { params: idParam },
      responses: { 200: json(z.object({ items: z.array(complaintEvent) }), 'The timeline'), 404: { description: 'No complaint has this id' }, ...problemResponses },
    }),
    async (c) => c.json({ items: (await complaintTimeline(db, c.req.valid('param').id, actorOf(c))).map(presentEvent) }, 200),
  );

  router.openapi(
    route('complaint.handle', {
      method: 'post', path: '/complaints/{id}/actions/{action}', tags: ['complaints'],
      summary: 'Take an action on a complaint: acknowledge, investigate, answer, close, reject, reopen, pause, resume, assign, transfer, comment, edit, link-contact, deadlock, code-cause',
      description: 'An action its state does not allow is a 409 `transition-not-allowed` (params action, state) and writes nothing. See docs/complaints.md.',
      request: {
        params: z.object({ id, action: z.enum(PERSON_ACTIONS as [string, ...string[]]) }),
        body: { required: false, content: { 'application/json': { schema: actionBody } } },
      },
      responses: { 200: json(complaintActionResult, 'Done'), 404: { description: 'No complaint has this id' }, 409: { description: 'Not allowed from its state, or changed meanwhile' }, ...problemResponses },
    }),
    async (c) => {
      const { id: complaintId, action } = c.req.valid('param');
      const body = c.req.valid('json') ?? {};
      return c.json(presentActionResult(await actOnComplaint(db, complaintId, action as (typeof PERSON_ACTIONS)[number], body, actorOf(c))), 200);
    },
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints/{id}/cause-suggestions', tags: ['complaints', 'improvement'],
      summary: 'Root causes suggested for a complaint from its text, category and contacts, best first (never applied: the person codes with code-cause); audited',
      request: { params: idParam, query: z.object({ lang: z.enum(LABEL_LANGUAGES).optional() }) },
      responses: { 200: json(z.object({ items: z.array(causeSuggestion) }), 'Suggestions'), 404: { description: 'No complaint has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { causes, suggestions } = await complaintCauseSuggestions(db, c.req.valid('param').id, actor, c.req.valid('query').lang ?? actor.language);
      return c.json({ items: suggestions.map((s) => presentSuggestion(s, causes)) }, 200);
    },
  );

  router.openapi(
    route('complaint.handle', {
      method: 'post', path: '/complaints/{id}/comments', tags: ['complaints'],
      summary: 'Comment on a complaint (an event of its timeline; the state does not change)',
      request: { params: idParam, body: { content: { 'application/json': { schema: z.object({ text: safeText(2000, { min: 1, multiline: true }) }).strict() } } } },
      responses: { 201: json(complaintActionResult, 'Recorded'), 404: { description: 'No complaint has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentActionResult(await actOnComplaint(db, c.req.valid('param').id, 'comment', { reason: c.req.valid('json').text }, actorOf(c))), 201),
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaint-categories', tags: ['complaints'],
      summary: 'The complaint categories and their deadlines in business days',
      request: { query: z.object({ lang: z.enum(LABEL_LANGUAGES).optional(), includeInactive: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(z.object({ items: z.array(complaintCategory) }), 'Categories'), ...problemResponses },
    }),
    async (c) => {
      const { lang, includeInactive } = c.req.valid('query');
      return c.json({ items: (await listCategories(db, lang ?? actorOf(c).language, includeInactive === 'true')).map(presentCategory) }, 200);
    },
  );

  router.openapi(
    route('complaint.configure', {
      method: 'put', path: '/complaint-categories/{code}', tags: ['complaints'],
      summary: 'Create or change a complaint category and its deadlines (deactivate instead of deleting); new deadlines apply to complaints received from then on',
      request: {
        params: z.object({ code: safeText(64, { min: 1 }) }),
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  labels: z.object({ fr: safeText(100, { min: 1 }), de: safeText(100, { min: 1 }), en: safeText(100, { min: 1 }) }),
                  active: z.boolean().optional(),
                  sortOrder: z.number().int().min(0).max(100_000).optional(),
                  ackDays: z.number().int().min(0).max(60),
                  answerDays: z.number().int().min(0).max(120),
                  businessAckDays: z.number().int().min(0).max(60).nullable().optional(),
                  businessAnswerDays: z.number().int().min(0).max(120).nullable().optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await saveCategory(db, c.req.valid('param').code, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  return router;
}
