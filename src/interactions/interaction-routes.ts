import { z } from '@hono/zod-openapi';
import { loggedContact, reason } from '../contract/interactions.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, newRouter, problemResponses } from '../http/context.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { logContact } from './advisor-contact.js';
import { presentReason } from './interaction-presenters.js';
import { CHANNELS, DIRECTIONS } from '../shared/channels.js';
import { listReasons, saveReason } from './reason-service.js';

const iso = z.iso.datetime({ offset: true });

const newInteraction = z
  .object({
    customerId: z.string().min(1).max(64),
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS).default('inbound'),
    reasonCode: z.string().max(64).optional(),
    startedAt: iso.optional().openapi({ description: 'defaults to now' }),
    endedAt: iso.optional(),
    outcome: z.string().max(500).optional(),
    resolved: z.boolean().optional().openapi({ description: 'resolved in this contact, as the advisor judges it' }),
    notes: z.string().max(4000).optional(),
    recordingRef: z.string().max(500).optional(),
    externalId: z.string().max(200).optional().openapi({ description: 'id in the source system; a repeat with the same id changes nothing' }),
    callId: z.string().max(200).optional().openapi({ description: 'telephony call id: the contact of that call is completed rather than duplicated' }),
    advisorId: z.string().max(64).optional().openapi({ description: 'systems only; for a person it is always themself' }),
  })
  .strict()
  .refine((v) => !(v.callId && v.externalId), { message: 'give callId or externalId, not both', path: ['externalId'] });

export function interactionRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const window = deps.config.fcrWindowDays;

  router.openapi(
    route('interaction.create', {
      method: 'post',
      path: '/interactions',
      tags: ['interactions'],
      summary: 'Record a contact on any channel (or complete the contact of a call)',
      request: { body: { content: { 'application/json': { schema: newInteraction } } } },
      responses: {
        201: { description: 'Recorded', content: { 'application/json': { schema: loggedContact } } },
        200: { description: 'Already recorded (same externalId) or call contact completed', content: { 'application/json': { schema: loggedContact } } },
        404: { description: 'No such customer' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { advisorId, ...input } = c.req.valid('json');
      const result = await logContact(db, { ...input, advisorId: actor.kind === 'user' ? actor.id : (advisorId ?? null) }, window);
      return c.json({ id: result.id, created: result.created }, result.created ? 201 : 200);
    },
  );

  router.openapi(
    route('customer.read', {
      method: 'get',
      path: '/reasons',
      tags: ['interactions'],
      summary: 'The contact-reason taxonomy',
      request: {
        query: z.object({
          lang: z.enum(LABEL_LANGUAGES).optional(),
          includeInactive: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: { 200: { description: 'Reasons', content: { 'application/json': { schema: z.object({ items: z.array(reason) }) } } }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { lang, includeInactive } = c.req.valid('query');
      const reasons = await listReasons(db, lang ?? actor.language, includeInactive === 'true');
      return c.json({ items: reasons.map(presentReason) }, 200);
    },
  );

  router.openapi(
    route('reason.manage', {
      method: 'put',
      path: '/reasons/{code}',
      tags: ['interactions'],
      summary: 'Create or change a contact reason (deactivate instead of deleting)',
      request: {
        params: z.object({ code: z.string().max(64) }),
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  labels: z.object({ fr: z.string().min(1).max(100), de: z.string().min(1).max(100), en: z.string().min(1).max(100) }),
                  parentCode: z.string().max(64).nullable().optional(),
                  active: z.boolean().optional(),
                  sortOrder: z.number().int().min(0).max(100000).optional(),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await saveReason(db, { code: c.req.valid('param').code, ...c.req.valid('json') });
      return c.body(null, 204);
    },
  );

  return router;
}
