import { administrationTarget, type AuditEntry as AuditRow } from '../auth/audit.js';
import type { ApiTokenInfo } from '../auth/api-tokens.js';
import { scopesForRole } from '../auth/policies.js';
import { ROLES, type TokenScope } from '../shared/roles.js';
import type { Role } from '../storage/schema.js';
import type { ApiToken, AuditEntry } from '../contract/access.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A token as administrators see it, with whether it still works. */
export function presentApiToken(token: ApiTokenInfo, now = Date.now()): ApiToken {
  const state = token.revokedAt !== null ? 'revoked' : token.expiresAt !== null && token.expiresAt <= now ? 'expired' : 'live';
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    scopes: token.scopes,
    state,
    createdAt: new Date(token.createdAt).toISOString(),
    expiresAt: iso(token.expiresAt),
    revokedAt: iso(token.revokedAt),
    lastUsedAt: iso(token.lastUsedAt),
  };
}

/** The scopes each role's tokens may have. */
export function presentScopesByRole(): Record<Role, TokenScope[]> {
  return Object.fromEntries(ROLES.map((role) => [role, scopesForRole(role)])) as Record<Role, TokenScope[]>;
}

export function presentAuditEntry(row: AuditRow): AuditEntry {
  const target = administrationTarget(row.action, row.subject);
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    reader: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    action: row.action,
    customerId: row.partyId,
    customerNumber: row.customerNumber,
    phone: target ? null : row.subject,
    target,
    via: row.via,
  };
}
