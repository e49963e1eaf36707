import { z } from '@hono/zod-openapi';
import { auditNumberReads } from '../auth/audit.js';
import { decisionCount, optOut, smsGatewayStatus, smsLogItem, surveyDefinition, surveyRules, surveyRulesInput, surveyVersion, surveyVersionInput } from '../contract/surveys.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { listDefinitions, publishVersion } from './survey-definitions.js';
import { presentDefinition, presentOptOut, presentRules, presentSmsLogEntry, presentSmsTransportStatus, presentVersion } from './survey-presenters.js';
import { decisionCounts, optOuts, smsLog, smsTransportStatus } from './survey-monitoring.js';
import { changeRules, currentRules } from './survey-rules.js';

const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: beforeParam.openapi({ description: 'the `next` of the previous page, or a time (ISO 8601): only rows older than it' }),
});

export function surveyRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/definitions', tags: ['surveys'], summary: 'Survey definitions with every version',
      responses: { 200: json(z.object({ items: z.array(surveyDefinition) }), 'Definitions'), ...problemResponses },
    }),
    async (c) => {
      return c.json({ items: (await listDefinitions(db)).map(presentDefinition) }, 200);
    },
  );

  router.openapi(
    route('survey.manage', {
      method: 'post', path: '/surveys/definitions/{name}/versions', tags: ['surveys'],
      summary: 'Publish a new version of a definition (versions are never edited in place)',
      request: { params: z.object({ name: z.string().min(1).max(100) }), body: { content: { 'application/json': { schema: surveyVersionInput } } } },
      responses: { 201: json(surveyVersion, 'The new version'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(presentVersion(await publishVersion(db, c.req.valid('param').name, c.req.valid('json'), actor.id)), 201);
    },
  );

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/rules', tags: ['surveys'], summary: 'Who is asked, when',
      responses: { 200: json(surveyRules, 'Rules'), ...problemResponses },
    }),
    async (c) => {
      return c.json(presentRules(await currentRules(db)), 200);
    },
  );

  router.openapi(
    route('survey.manage', {
      method: 'put', path: '/surveys/rules', tags: ['surveys'], summary: 'Change the rules (applies to contacts ending from now on)',
      request: { body: { content: { 'application/json': { schema: surveyRulesInput } } } },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await changeRules(db, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/messages', tags: ['surveys'],
      summary: 'The SMS log: queued, sending, submitted, delivered, received, failed, with reasons (newest first)',
      request: { query: page.extend({ status: z.string().max(20).optional() }) },
      responses: { 200: json(z.object({ items: z.array(smsLogItem), next: nextCursor }), 'Messages'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const page = await smsLog(db, c.req.valid('query'));
      await auditNumberReads(db, actor, page.items.map((m) => m.msisdn), 'sms-log');
      return c.json({ items: page.items.map(presentSmsLogEntry), next: page.next }, 200);
    },
  );

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/gateway', tags: ['surveys'],
      summary: 'The SMS transport: connected or not, its last error, and the work waiting in the outbox with its next retry',
      responses: {
        200: json(smsGatewayStatus, 'Status'),
        ...problemResponses,
      },
    }),
    async (c) => {
      return c.json(presentSmsTransportStatus(await smsTransportStatus(db, deps.smsGateway)), 200);
    },
  );

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/decisions', tags: ['surveys'], summary: 'Survey decisions counted by outcome and reason (honest denominators)',
      request: { query: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }) },
      responses: { 200: json(z.object({ items: z.array(decisionCount) }), 'Counts'), ...problemResponses },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json({ items: await decisionCounts(db, from, to) }, 200);
    },
  );

  router.openapi(
    route('survey.read', {
      method: 'get', path: '/surveys/opt-outs', tags: ['surveys'], summary: 'Numbers that asked for no more surveys',
      request: { query: page },
      responses: { 200: json(z.object({ items: z.array(optOut), next: nextCursor }), 'Opt-outs'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const page = await optOuts(db, c.req.valid('query'));
      await auditNumberReads(db, actor, page.items.map((o) => o.msisdn), 'opt-outs');
      return c.json({ items: page.items.map(presentOptOut), next: page.next }, 200);
    },
  );

  return router;
}
