import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../http/context.js';
import { authorize, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { CHANNELS } from '../interactions/interaction-service.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { DomainError } from '../shared/errors.js';
import { LANGUAGES as SURVEY_LANGUAGES } from '../shared/languages.js';
import { listDefinitions, publishVersion } from './survey-definitions.js';
import { activeRules, saveRules } from './survey-rules.js';


const texts = z
  .object({
    question: z.string().max(1000),
    resolvedQuestion: z.string().max(500).optional(),
    commentInvite: z.string().max(500).optional(),
    thanks: z.string().max(500),
    clarification: z.string().max(500),
    optOutConfirmation: z.string().max(500),
    optInConfirmation: z.string().max(500),
  })
  .openapi('SurveyTexts');

const versionInput = z
  .object({
    scale: z.object({ min: z.number().int(), max: z.number().int() }),
    promoterMin: z.number().int(),
    detractorMax: z.number().int(),
    askResolved: z.boolean(),
    askComment: z.boolean(),
    texts: z.record(z.string(), texts).openapi({ description: `texts per language (${SURVEY_LANGUAGES.join(', ')}); fr required` }),
  })
  .strict();

const rulesSchema = z
  .object({
    active: z.boolean(),
    channels: z.array(z.enum(CHANNELS as ['phone'])).min(1),
    delayMinutes: z.number().int().min(0).max(7 * 24 * 60),
    samplingPercent: z.number().int().min(0).max(100),
    quarantineDays: z.number().int().min(0).max(365),
    quietStart: z.string(),
    quietEnd: z.string(),
    quietSundays: z.boolean(),
    skipLandlines: z.boolean(),
    minDurationSeconds: z.number().int().min(0).max(3600),
    skipBusiness: z.boolean(),
    openHours: z.number().int().min(1).max(24 * 14),
  })
  .strict()
  .openapi('SurveyRules');

const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: beforeParam.openapi({ description: 'the `next` of the previous page, or a time (ISO 8601): only rows older than it' }),
});

export function surveyRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/definitions', tags: ['surveys'], summary: 'Survey definitions with every version',
      responses: { 200: json(z.object({ items: z.array(z.looseObject({})) }), 'Definitions'), ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      return c.json({ items: await listDefinitions(db) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/surveys/definitions/{name}/versions', tags: ['surveys'],
      summary: 'Publish a new version of a definition (versions are never edited in place)',
      request: { params: z.object({ name: z.string().min(1).max(100) }), body: { content: { 'application/json': { schema: versionInput } } } },
      responses: { 201: json(z.looseObject({}), 'The new version'), ...problemResponses },
    }),
    async (c) => {
      const actor = authorize(c, 'survey.manage');
      return c.json(await publishVersion(db, c.req.valid('param').name, c.req.valid('json'), actor.id), 201);
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/rules', tags: ['surveys'], summary: 'Who is asked, when',
      responses: { 200: json(rulesSchema.extend({ id: z.string(), definitionId: z.string() }), 'Rules'), ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      const rules = await activeRules(db);
      if (!rules) throw new DomainError(404, 'not-found', 'No survey rules are set up');
      return c.json(rules, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'put', path: '/surveys/rules', tags: ['surveys'], summary: 'Change the rules (applies to contacts ending from now on)',
      request: { body: { content: { 'application/json': { schema: rulesSchema } } } },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.manage');
      const rules = await activeRules(db);
      if (!rules) throw new DomainError(404, 'not-found', 'No survey rules are set up');
      await saveRules(db, rules.id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/messages', tags: ['surveys'],
      summary: 'The SMS log: queued, sending, submitted, delivered, received, failed, with reasons (newest first)',
      request: { query: page.extend({ status: z.string().max(20).optional() }) },
      responses: { 200: json(z.object({ items: z.array(z.looseObject({})), next: nextCursor }), 'Messages'), ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      const { limit, before, status } = c.req.valid('query');
      let query = db.selectFrom('sms_messages').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
      if (before !== undefined) query = query.where(after('created_at', 'id', parseBefore(before)));
      if (status) query = query.where('status', '=', status as never);
      const { items: rows, next } = pageOf(await query.execute(), limit, (m) => [m.created_at, m.id]);
      // When a message waiting to go will be tried again: its job in the outbox.
      const waiting = rows.filter((m) => m.status === 'queued' || m.status === 'sending');
      const jobs = waiting.length
        ? await db
            .selectFrom('outbox')
            .select(['ref_id', 'run_after'])
            .where('done_at', 'is', null)
            .where('ref_id', 'in', [...new Set(waiting.flatMap((m) => [m.id, ...(m.survey_id ? [m.survey_id] : [])]))])
            .execute()
        : [];
      const nextAttempt = new Map(jobs.map((j) => [j.ref_id, j.run_after]));
      const nextAttemptOf = (m: (typeof rows)[number]) => {
        if (m.status !== 'queued' && m.status !== 'sending') return null;
        const at = nextAttempt.get(m.id) ?? (m.survey_id ? nextAttempt.get(m.survey_id) : undefined);
        return at === undefined ? null : new Date(at).toISOString();
      };
      return c.json(
        {
          items: rows.map((m) => ({
            nextAttemptAt: nextAttemptOf(m),
            id: m.id, surveyId: m.survey_id, direction: m.direction, purpose: m.purpose, msisdn: m.msisdn, text: m.text,
            status: m.status, encoding: m.encoding, parts: m.parts, error: m.error, attempts: m.attempts,
            createdAt: new Date(m.created_at).toISOString(), updatedAt: new Date(m.updated_at).toISOString(),
          })),
          next,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/gateway', tags: ['surveys'],
      summary: 'The SMS transport: connected or not, its last error, and the work waiting in the outbox with its next retry',
      responses: {
        200: json(
          z.object({
            gateway: z.object({ name: z.string(), connected: z.boolean(), lastError: z.string().nullable(), inFlight: z.number() }).nullable(),
            pendingJobs: z.number(),
            retrying: z.number(),
            nextRetryAt: z.string().nullable(),
            lastJobError: z.string().nullable(),
          }),
          'Status',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      const gateway = deps.smsGateway ? { name: deps.smsGateway.name, ...deps.smsGateway.status() } : null;
      const pending = await db
        .selectFrom('outbox')
        .select((eb) => [eb.fn.countAll<number>().as('n')])
        .where('done_at', 'is', null)
        .executeTakeFirstOrThrow();
      const retrying = await db
        .selectFrom('outbox')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('run_after').as('next')])
        .where('done_at', 'is', null)
        .where('last_error', 'is not', null)
        .executeTakeFirstOrThrow();
      const last = await db
        .selectFrom('outbox')
        .select('last_error')
        .where('done_at', 'is', null)
        .where('last_error', 'is not', null)
        .orderBy('run_after', 'desc')
        .limit(1)
        .executeTakeFirst();
      return c.json(
        {
          gateway: gateway ? { name: gateway.name, connected: gateway.connected, lastError: gateway.lastError, inFlight: gateway.inFlight } : null,
          pendingJobs: Number(pending.n),
          retrying: Number(retrying.n),
          nextRetryAt: retrying.next == null ? null : new Date(Number(retrying.next)).toISOString(),
          lastJobError: last?.last_error ?? null,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/decisions', tags: ['surveys'], summary: 'Survey decisions counted by outcome and reason (honest denominators)',
      request: { query: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }) },
      responses: { 200: json(z.object({ items: z.array(z.object({ outcome: z.string(), reason: z.string(), count: z.number() })) }), 'Counts'), ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      const { from, to } = c.req.valid('query');
      if (Date.parse(from) >= Date.parse(to)) throw new DomainError(400, 'invalid-input', 'from must be before to', [{ field: 'from', reason: 'must be before to' }]);
      const rows = await db
        .selectFrom('survey_decisions')
        .select(['outcome', 'reason', (eb) => eb.fn.countAll<number>().as('count')])
        .where('decided_at', '>=', Date.parse(from))
        .where('decided_at', '<', Date.parse(to))
        .groupBy(['outcome', 'reason'])
        .orderBy('outcome')
        .orderBy('reason')
        .execute();
      return c.json({ items: rows.map((r) => ({ outcome: r.outcome, reason: r.reason, count: Number(r.count) })) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/surveys/opt-outs', tags: ['surveys'], summary: 'Numbers that asked for no more surveys',
      request: { query: page },
      responses: { 200: json(z.object({ items: z.array(z.object({ msisdn: z.string(), optedOutAt: z.string(), keyword: z.string() })), next: nextCursor }), 'Opt-outs'), ...problemResponses },
    }),
    async (c) => {
      authorize(c, 'survey.read');
      const { limit, before } = c.req.valid('query');
      let query = db.selectFrom('opt_outs').selectAll().orderBy('opted_out_at', 'desc').orderBy('msisdn', 'desc').limit(limit + 1);
      if (before !== undefined) query = query.where(after('opted_out_at', 'msisdn', parseBefore(before)));
      const { items: rows, next } = pageOf(await query.execute(), limit, (r) => [r.opted_out_at, r.msisdn]);
      return c.json({ items: rows.map((r) => ({ msisdn: r.msisdn, optedOutAt: new Date(r.opted_out_at).toISOString(), keyword: r.keyword })), next }, 200);
    },
  );

  return router;
}
