import { z } from '@hono/zod-openapi';
import { auditCustomerReads } from '../auth/audit.js';
import type { AppDeps } from '../http/context.js';
import { createdCustomer, customerCard, customerSearchResults, recognition } from '../contract/customers.js';
import { interactionView } from '../contract/interactions.js';
import { actorOf, route, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { presentInteraction } from '../interactions/interaction-presenters.js';
import { presentCard, presentRecognition, presentSearch } from './customer-presenters.js';
import { customerTimeline } from './customer-timeline.js';
import { safeText } from '../shared/safe-text.js';
import { CUSTOMER_LIMITS } from '../contract/input-limits.js';
import { LABEL_LANGUAGES, LANGUAGES, type Language } from '../shared/languages.js';
import { createCustomer, getCustomerCard, recognizeByPhone, searchCustomers } from './customer-service.js';

const language = z.enum(LANGUAGES);
/** Language of the labels (contact reasons) in the answer; default: the user's own. */
const lang = z.enum(LABEL_LANGUAGES).optional().openapi({ description: "language of labels; default: the user's" });

export function customerRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const cardOptions = (lang: Language) => ({ language: lang, fcrWindowDays: deps.config.fcrWindowDays });

  router.openapi(
    route('customer.recognize', {
      method: 'get',
      path: '/recognize',
      tags: ['customers'],
      summary: 'Recognise a caller: the customer card of whoever the number belongs to, in one call',
      request: {
        query: z.object({
          phone: safeText(40, { min: 1 }).openapi({ example: '+352 621 123 456', description: 'any usual spelling; no prefix means Luxembourg' }),
          lang,
        }),
      },
      responses: {
        200: json(recognition, 'The card; otherMatches lists other customers who share the number'),
        404: { description: 'No customer has this number (problem type unknown-phone)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const query = c.req.valid('query');
      const result = await recognizeByPhone(db, query.phone, { actor, via: 'recognize' }, cardOptions(query.lang ?? actor.language));
      return c.json(presentRecognition(result), 200);
    },
  );

  router.openapi(
    route('customer.search', {
      method: 'get',
      path: '/customers',
      tags: ['customers'],
      summary: 'Search customers by name, customer number, phone number or e-mail address',
      description:
        'A customer number (C…) is matched exactly, a phone number in any usual spelling, an e-mail address (with @) or its beginning in any case. ' +
        'Otherwise every word of q, in any order, must begin a word of the name; case, accents and punctuation do not count and ' +
        'German spellings meet (mueller, muller and müller find Müller and Mueller). Every customer listed is an audited read.',
      request: {
        query: z.object({
          q: safeText(100).openapi({ example: 'weber', description: 'at least 2 letters or digits (otherwise 400 search-too-short)' }),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: {
        ...problemResponses,
        200: json(customerSearchResults, 'The first `limit` customers found, and whether there are more'),
        400: { description: 'q has fewer than 2 letters or digits (problem type search-too-short, params.min), or another parameter is invalid' },
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { q, limit } = c.req.valid('query');
      const result = await searchCustomers(db, q, limit);
      // A result names the customer (a phone number in q returns its owner's name): a read of each.
      await auditCustomerReads(db, actor, result.items.map((item) => item.id), 'search');
      return c.json(presentSearch(result), 200);
    },
  );

  router.openapi(
    route('customer.create', {
      method: 'post',
      path: '/customers',
      tags: ['customers'],
      summary: 'Create a customer (party, account, lines, contact points)',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  kind: z.enum(['individual', 'organisation']).default('individual'),
                  givenName: safeText(CUSTOMER_LIMITS.givenName).optional(),
                  familyName: safeText(CUSTOMER_LIMITS.familyName).optional(),
                  organisationName: safeText(CUSTOMER_LIMITS.organisationName).optional(),
                  preferredLanguage: language.default('fr'),
                  segment: z.enum(['residential', 'business']).default('residential'),
                  accountManagerId: safeText(64).optional(),
                  phones: z.array(safeText(CUSTOMER_LIMITS.phone)).max(10).optional(),
                  emails: z.array(safeText(CUSTOMER_LIMITS.email)).max(10).optional(),
                  lines: z.array(z.object({ msisdn: safeText(CUSTOMER_LIMITS.phone), plan: safeText(CUSTOMER_LIMITS.plan, { min: 1 }) })).max(50).optional(),
                  consentSurveys: z.boolean().optional(),
                  consentMarketing: z.boolean().optional(),
                  locality: safeText(CUSTOMER_LIMITS.locality).optional().openapi({ description: 'the town or locality the customer lives in' }),
                })
                .strict(),
            },
          },
        },
      },
      responses: {
        201: json(createdCustomer, 'Created'),
        409: { description: 'A line or customer number is already in use' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const created = await createCustomer(db, c.req.valid('json'));
      return c.json({ id: created.id, customerNumber: created.customerNumber }, 201);
    },
  );

  const idParam = z.object({ id: safeText(64, { min: 1 }) });

  router.openapi(
    route('customer.read', {
      method: 'get',
      path: '/customers/{id}',
      tags: ['customers'],
      summary: 'The customer card (every read is audited)',
      request: { params: idParam, query: z.object({ lang }) },
      responses: { 200: json(customerCard, 'The card'), 404: { description: 'No such customer' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const options = cardOptions(c.req.valid('query').lang ?? actor.language);
      return c.json(presentCard(await getCustomerCard(db, c.req.valid('param').id, { actor, via: 'card' }, options)), 200);
    },
  );

  router.openapi(
    route('customer.read', {
      method: 'get',
      path: '/customers/{id}/interactions',
      tags: ['customers'],
      summary: "A customer's contacts on every channel, newest first, page by page",
      request: {
        params: idParam,
        query: z.object({
          before: beforeParam.openapi({ description: 'the `next` of the previous page, or a time (ISO 8601): only contacts that started before it' }),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          lang,
        }),
      },
      responses: { 200: json(z.object({ items: z.array(interactionView), next: nextCursor }), 'Contacts'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const { before, limit, lang: labels } = c.req.valid('query');
      const page = await customerTimeline(db, id, actor, { before, limit, language: labels ?? actor.language, fcrWindowDays: deps.config.fcrWindowDays });
      return c.json({ items: page.items.map(presentInteraction), next: page.next }, 200);
    },
  );

  return router;
}
