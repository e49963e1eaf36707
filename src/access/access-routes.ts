import { z } from '@hono/zod-openapi';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.js';
import { auditTrailRead, readAuditTrail } from '../auth/audit.js';
import { AUDIT_ACTIONS, apiToken, auditEntry, createdApiToken, scopesByRole, tokenScope } from '../contract/access.js';
import { role } from '../contract/common.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, beforeParam, json, newRouter, nextCursor, problemResponses } from '../http/context.js';
import { normalizePhone } from '../shared/phone.js';
import { invalid } from '../shared/errors.js';
import { presentApiToken, presentAuditEntry, presentScopesByRole } from './access-presenters.js';
import { auditTrailCsv } from './audit-export.js';

const time = z.iso.datetime({ offset: true });

/** Administration of API tokens (admins) and the audit trail (admins and the data protection officer). */
export function accessRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('token.manage', {
      method: 'get', path: '/tokens', tags: ['access'], summary: 'Every API token: role, scopes, expiry, last use, state (never its value)',
      responses: { 200: json(z.object({ items: z.array(apiToken), scopesByRole }), 'Tokens, and the scopes that give a token of each role something'), ...problemResponses },
    }),
    async (c) => {
      return c.json({ items: (await listApiTokens(db)).map((t) => presentApiToken(t)), scopesByRole: presentScopesByRole() }, 200);
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
      const created = await createApiToken(db, body.name, body.role, body.scopes, { expiresAt: body.expiresAt ? Date.parse(body.expiresAt) : null, by: actorOf(c) });
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
      return c.json(presentApiToken(await revokeApiToken(db, c.req.valid('param').id, { by: actorOf(c) })), 200);
    },
  );

  router.openapi(
    route('audit.read', {
      method: 'get', path: '/audit', tags: ['access'],
      summary: 'The audit trail of reads of personal data and of administration actions, newest first; reading it is recorded in it',
      request: { query: auditFilters.extend({ limit: z.coerce.number().int().min(1).max(500).default(100), before: beforeParam }) },
      responses: { 200: json(z.object({ items: z.array(auditEntry), next: nextCursor }), 'Reads'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const query = c.req.valid('query');
      const filters = { ...auditQueryOf(query), limit: query.limit, before: query.before };
      const page = await readAuditTrail(db, filters);
      await auditTrailRead(db, actor, filters);
      return c.json({ items: page.items.map(presentAuditEntry), next: page.next }, 200);
    },
  );

  router.openapi(
    route('audit.read', {
      method: 'get', path: '/audit/export', tags: ['access'],
      summary: 'The audit trail as a CSV file, newest first, with the filters of GET /audit (at most 10,000 rows); exporting it is recorded in it',
      request: { query: auditFilters },
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        422: { description: 'More than 10,000 rows match (audit-export-too-large): narrow the filters' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const csv = await auditTrailCsv(db, actorOf(c), auditQueryOf(c.req.valid('query')));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="audit-trail.csv"' });
    },
  );

  return router;
}

/** What the audit trail is filtered by, in its page and its CSV export. */
const auditFilters = z.object({
  customer: z.string().max(64).optional().openapi({ description: "a customer's id or customer number: reads of their record and of their phone numbers" }),
  phone: z.string().max(40).optional().openapi({ description: 'reads of this number (any usual spelling)' }),
  reader: z.string().max(64).optional().openapi({ description: 'the id of a user or API token' }),
  who: z.string().max(100).optional().openapi({ description: "part of the reader's name or e-mail, or of a token's name (any case)" }),
  action: z.enum(AUDIT_ACTIONS).optional().openapi({ description: 'what was done' }),
  from: time.optional(),
  to: time.optional(),
});

function auditQueryOf(query: z.infer<typeof auditFilters>) {
  const phone = query.phone === undefined ? undefined : normalizePhone(query.phone);
  if (phone && !phone.ok) throw invalid('phone', phone.reason);
  return {
    ...query,
    phone: phone?.ok ? phone.e164 : undefined,
    from: query.from ? Date.parse(query.from) : undefined,
    to: query.to ? Date.parse(query.to) : undefined,
  };
}
