import { z } from '@hono/zod-openapi';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.js';
import { auditTrailRead, readAuditTrail } from '../auth/audit.js';
import { apiToken, auditEntry, createdApiToken, tokenScope } from '../contract/access.js';
import { role } from '../contract/common.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { normalizePhone } from '../shared/phone.js';
import { invalid } from '../shared/errors.js';
import { presentApiToken, presentAuditEntry } from './access-presenters.js';

const time = z.iso.datetime({ offset: true });

/** Administration of API tokens (admins) and the audit trail (admins and the data protection officer). */
export function accessRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('token.manage', {
      method: 'get', path: '/tokens', tags: ['access'], summary: 'Every API token: role, scopes, expiry, last use, state (never its value)',
      responses: { 200: json(z.object({ items: z.array(apiToken) }), 'Tokens'), ...problemResponses },
    }),
    async (c) => {
      
      return c.json({ items: (await listApiTokens(db)).map((t) => presentApiToken(t)) }, 200);
    },
  );

  router.openapi(
    route('token.manage', {
      method: 'post', path: '/tokens', tags: ['access'], summary: 'Create an API token with its scopes and an optional expiry; its value is in this answer only',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({ name: z.string().min(1).max(100), role, scopes: z.array(tokenScope).min(1).max(20), expiresAt: time.optional() })
                .strict(),
            },
          },
        },
      },
      responses: { 201: json(createdApiToken, 'Created'), ...problemResponses },
    }),
    async (c) => {
      
      const body = c.req.valid('json');
      const created = await createApiToken(db, body.name, body.role, body.scopes, { expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null });
      return c.json({ token: presentApiToken(created.info), value: created.token }, 201);
    },
  );

  router.openapi(
    route('token.manage', {
      method: 'delete', path: '/tokens/{id}', tags: ['access'], summary: 'Revoke an API token: its next request is refused',
      request: { params: z.object({ id: z.string().max(64) }) },
      responses: { 200: json(apiToken, 'Revoked'), 404: { description: 'No such token' }, ...problemResponses },
    }),
    async (c) => {
      
      return c.json(presentApiToken(await revokeApiToken(db, c.req.valid('param').id)), 200);
    },
  );

  router.openapi(
    route('audit.read', {
      method: 'get', path: '/audit', tags: ['access'],
      summary: 'The audit trail of reads of personal data, newest first; reading it is recorded in it',
      request: {
        query: z.object({
          customer: z.string().max(64).optional().openapi({ description: "a customer's id: reads of their record and of their phone numbers" }),
          phone: z.string().max(40).optional().openapi({ description: 'reads of this number (any usual spelling)' }),
          reader: z.string().max(64).optional().openapi({ description: 'the id of a user or API token' }),
          from: time.optional(),
          to: time.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: beforeParam,
        }),
      },
      responses: { 200: json(z.object({ items: z.array(auditEntry), next: nextCursor }), 'Reads'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const query = c.req.valid('query');
      const phone = query.phone === undefined ? undefined : normalizePhone(query.phone);
      if (phone && !phone.ok) throw invalid('phone', phone.reason);
      const filters = {
        ...query,
        phone: phone?.ok ? phone.e164 : undefined,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
      };
      const page = await readAuditTrail(db, filters);
      await auditTrailRead(db, actor, filters);
      return c.json({ items: page.items.map(presentAuditEntry), next: page.next }, 200);
    },
  );

  return router;
}
