import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../http/context.js';
import { authorize, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { CHANNELS } from '../interactions/interaction-service.js';
import { listDefinitions, publishVersion, SURVEY_LANGUAGES } from './survey-definitions.js';
import { presentOptOut, presentSmsLogEntry, presentSmsTransportStatus } from './survey-presenters.js';
import { decisionCounts, optOuts, smsLog, smsTransportStatus } from './survey-monitoring.js';
import { changeRules, currentRules } from './survey-rules.js';

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
      return c.json(await currentRules(db), 200);
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
      await changeRules(db, c.req.valid('json'));
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
      const page = await smsLog(db, c.req.valid('query'));
      return c.json({ items: page.items.map(presentSmsLogEntry), next: page.next }, 200);
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
      return c.json(presentSmsTransportStatus(await smsTransportStatus(db, deps.smsGateway)), 200);
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
      return c.json({ items: await decisionCounts(db, from, to) }, 200);
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
      const page = await optOuts(db, c.req.valid('query'));
      return c.json({ items: page.items.map(presentOptOut), next: page.next }, 200);
    },
  );

  return router;
}
