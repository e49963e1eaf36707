import { z } from '@hono/zod-openapi';
import { ADMINISTRATION_TARGETS, AUDIT_ACTIONS } from './access-vocabulary.js';
import { TOKEN_SCOPES } from '../shared/roles.js';
import { role, actorKind } from './common.js';

/** What an API token may be used for (docs/security.md, "Token scopes"). */
export const tokenScope = z.enum(TOKEN_SCOPES);

/** An API token as administrators see it: never its value. */
export const apiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role,
    scopes: z.array(tokenScope),
    state: z.enum(['live', 'expired', 'revoked']),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'when it was last used, to the minute (written at most once a minute)' }),
  })
  .openapi('ApiToken');
export type ApiToken = z.infer<typeof apiToken>;

/** A token just created: its value, shown this once. */
export const createdApiToken = z
  .object({ token: apiToken, value: z.string().openapi({ description: 'send as `Authorization: Bearer <value>`; it is not shown again' }) })
  .openapi('CreatedApiToken');

/** The scopes that give a token of each role at least one action (the others are refused when a token is created). */
export const scopesByRole = z.record(role, z.array(tokenScope)).openapi('ScopesByRole');

export { AUDIT_ACTIONS, type AuditAction } from './access-vocabulary.js';

/** One read in the audit trail. */
export const auditEntry = z
  .object({
    id: z.number(),
    at: z.string(),
    reader: z.object({ kind: actorKind, id: z.string(), name: z.string().nullable() }),
    action: z.string().openapi({ description: `${AUDIT_ACTIONS.join(', ')}: \`audit.read\` is a reading of this trail` }),
    customerId: z.string().nullable(),
    customerNumber: z.string().nullable().openapi({ description: 'the customer number of customerId, while the customer exists' }),
    phone: z.string().nullable().openapi({ description: 'the number read, where the read was by number (SMS log, opt-outs, phone simulator)' }),
    target: z
      .object({ kind: z.enum(ADMINISTRATION_TARGETS), id: z.string() })
      .nullable()
      .openapi({ description: "what an administrator acted on (`user.*`, `team.*`, `site.*`, `token.*`, `reason.*`, `study.*` actions): the account, team, site or token's id, the reason's code, the study's id (the file's name for an import); null for reads" }),
    via: z.string().openapi({ description: 'recognize, search, card, telephony, verbatims, sms-log, opt-outs, phone-simulator, audit, consents, notifications, mail-catcher…; api or cli for actions' }),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof auditEntry>;
