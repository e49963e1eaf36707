import { z } from '@hono/zod-openapi';
import { contactCoding, loggedContact, reason } from '../contract/interactions.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, newRouter, problemResponses } from '../http/context.js';
import { plausibleTime } from '../shared/plausible-time.js';
import { safeText } from '../shared/safe-text.js';
import { CONTACT_LIMITS } from '../contract/input-limits.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { presentSuggestion } from '../causes/cause-presenters.js';
import { causeSuggestion } from '../contract/causes.js';
import { logContact } from './advisor-contact.js';
import { codeRepeatContact, contactCauseSuggestions } from './contact-coding.js';
import { presentReason } from './interaction-presenters.js';
import { CHANNELS, DIRECTIONS } from '../shared/channels.js';
import { listReasons, moveReason, saveReason } from './reason-service.js';

const causeChoiceBody = z
  .object({
    causeCode: safeText(200, { min: 1 }).openapi({ description: 'the root cause from the tree (GET /api/v1/causes), or "unknown"' }),
    unknownReason: safeText(500).optional().openapi({ description: 'with "unknown": why no cause could be found (required)' }),
    suggested: z.array(safeText(200, { min: 1 })).max(10).optional().openapi({ description: 'the causes suggested to the person who coded, best first' }),
  })
  .strict();

/** Run a refinement of the whole body even when a field of it is refused (but not when the body is no object). */
const always = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;

const iso = plausibleTime().openapi({ description: 'ISO 8601 with offset, from 2000 to a day from now' });

const newInteraction = z
  .object({
    customerId: safeText(64, { min: 1 }),
    channel: z.enum(CHANNELS),
    direction: z.enum(DIRECTIONS).default('inbound'),
    reasonCode: safeText(64).optional(),
    startedAt: iso.optional().openapi({ description: 'defaults to now' }),
    endedAt: iso.optional(),
    outcome: safeText(CONTACT_LIMITS.outcome).optional(),
    resolved: z.boolean().optional().openapi({ description: 'resolved in this contact, as the advisor judges it' }),
    notes: safeText(CONTACT_LIMITS.notes, { multiline: true }).optional(),
    recordingRef: safeText(500).optional(),
    externalId: safeText(200).optional().openapi({ description: 'id in the source system; a repeat with the same id changes nothing' }),
    callId: safeText(200).optional().openapi({ description: 'telephony call id: the contact of that call is completed rather than duplicated' }),
    advisorId: safeText(64).optional().openapi({ description: 'systems only; for a person it is always themself' }),
  })
  .strict()
  // checked even when another field is refused (`when`), so that every problem is reported at once
  .refine((v) => !(v.callId && v.externalId), { message: 'give callId or externalId, not both', path: ['externalId'], params: { code: 'call-and-external-id' }, when: always })
  .refine((v) => !(typeof v.startedAt === 'string' && typeof v.endedAt === 'string' && Date.parse(v.endedAt) < Date.parse(v.startedAt)), {
    message: 'is before startedAt',
    path: ['endedAt'],
    params: { code: 'end-before-start' },
    when: always,
  })
  .refine((v) => !(typeof v.externalId === 'string' && v.externalId.startsWith('call:')), {
    message: 'may not start with "call:" (the contacts of calls; send callId instead)',
    path: ['externalId'],
    params: { code: 'reserved-external-id' },
    when: always,
  });

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
    route('contact.code-cause', {
      method: 'put', path: '/interactions/{id}/cause', tags: ['interactions', 'improvement'],
      summary: 'Code (or recode) the root cause of a repeat contact: why the earlier contact did not settle it (docs/improvement.md)',
      request: {
        params: z.object({ id: safeText(64, { min: 1 }) }),
        body: { content: { 'application/json': { schema: causeChoiceBody } } },
      },
      responses: {
        200: { description: 'Coded', content: { 'application/json': { schema: contactCoding } } },
        404: { description: 'No contact has this id' },
        422: { description: 'Not a repeat contact (`not-a-repeat-contact`)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const coded = await codeRepeatContact(db, c.req.valid('param').id, c.req.valid('json'), actorOf(c));
      return c.json({ ...coded, codedAt: new Date(coded.codedAt).toISOString() }, 200);
    },
  );

  router.openapi(
    route('contact.code-cause', {
      method: 'get', path: '/interactions/{id}/cause-suggestions', tags: ['interactions', 'improvement'],
      summary: "Root causes suggested for a contact from its notes, outcome and reason, best first (never applied); an audited read of the customer's record",
      request: { params: z.object({ id: safeText(64, { min: 1 }) }), query: z.object({ lang: z.enum(LABEL_LANGUAGES).optional() }) },
      responses: { 200: { description: 'Suggestions', content: { 'application/json': { schema: z.object({ items: z.array(causeSuggestion) }) } } }, 404: { description: 'No contact has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { causes, suggestions } = await contactCauseSuggestions(db, c.req.valid('param').id, actor, c.req.valid('query').lang ?? actor.language);
      return c.json({ items: suggestions.map((s) => presentSuggestion(s, causes)) }, 200);
    },
  );

  router.openapi(
    route('reason.read', {
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
        params: z.object({ code: safeText(64, { min: 1 }) }),
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  labels: z.object({ fr: safeText(100, { min: 1 }), de: safeText(100, { min: 1 }), en: safeText(100, { min: 1 }) }),
                  parentCode: safeText(64).nullable().optional(),
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
      await saveReason(db, { code: c.req.valid('param').code, ...c.req.valid('json') }, actorOf(c));
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('reason.manage', {
      method: 'post',
      path: '/reasons/{code}/move',
      tags: ['interactions'],
      summary: "Move a contact reason one place up or down the operator's order (the list is renumbered)",
      request: {
        params: z.object({ code: safeText(64, { min: 1 }) }),
        body: { content: { 'application/json': { schema: z.object({ direction: z.enum(['up', 'down']) }).strict() } } },
      },
      responses: { 204: { description: 'Moved (or already first or last)' }, 404: { description: 'No reason has this code' }, ...problemResponses },
    }),
    async (c) => {
      await moveReason(db, c.req.valid('param').code, c.req.valid('json').direction, actorOf(c));
      return c.body(null, 204);
    },
  );

  return router;
}
