import { z } from '@hono/zod-openapi';
import { TOKEN_SCOPES } from '../shared/roles.js';
import { role } from './common.js';

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

/** One read in the audit trail. */
export const auditEntry = z
  .object({
    id: z.number(),
    at: z.string(),
    reader: z.object({ kind: z.enum(['user', 'token', 'system']), id: z.string(), name: z.string().nullable() }),
    action: z.string().openapi({ description: '`customer.read`, `audit.read` for a reading of this trail, `customer.export`/`customer.erase`/`consent.change`, or an administrator\'s action on an account, team or site (`user.create`, `user.role`, `user.team`, `user.site`, `user.name`, `user.deactivate`, `user.reactivate`, `user.reset-password`, `user.end-sessions`, `team.create`, `team.rename`, `team.site`, `site.create`, `site.rename`, `site.kind`, `site.city`)' }),
    customerId: z.string().nullable(),
    phone: z.string().nullable().openapi({ description: 'the number read, where the read was by number (SMS log, opt-outs, phone simulator)' }),
    target: z
      .object({ kind: z.enum(['user', 'team', 'site']), id: z.string() })
      .nullable()
      .openapi({ description: 'the account, team or site an administrator acted on (`user.*`, `team.*`, `site.*` actions); null for reads' }),
    via: z.string().openapi({ description: 'recognize, search, card, telephony, verbatims, sms-log, opt-outs, phone-simulator, audit, consents, notifications, mail-catcher' }),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof auditEntry>;
