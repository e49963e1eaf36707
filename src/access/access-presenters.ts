import { administrationTarget, type AuditEntry as AuditRow } from '../auth/audit.js';
import type { ApiTokenInfo } from '../auth/api-tokens.js';
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

export function presentAuditEntry(row: AuditRow): AuditEntry {
  const target = administrationTarget(row.action, row.subject);
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    reader: { kind: row.actorKind, id: row.actorId, name: row.actorName },
    action: row.action,
    customerId: row.partyId,
    phone: target ? null : row.subject,
    target,
    via: row.via,
  };
}
