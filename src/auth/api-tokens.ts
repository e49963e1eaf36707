import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ROLES, TOKEN_SCOPES, type TokenScope } from '../shared/roles.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, Role } from '../storage/schema.js';
import { auditAdministration, type CommandLineActor } from './audit.js';
import { scopesForRole, type Actor } from './policies.js';
import { hashToken } from './token-hash.js';

export { hashToken };

/** How often at most a token's `last_used_at` is written: not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** An API token as its administrators see it (never its value). */
export interface ApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  scopes: TokenScope[];
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** to the minute */
  lastUsedAt: number | null;
}

const parseScopes = (stored: string): TokenScope[] =>
  stored.split(' ').filter((scope): scope is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(scope));

/**
 * Creates an API token for a system, with the scopes it may use (src/auth/policies.ts,
 * SCOPE_ACTIONS) and an optional expiry; the clear value is shown once and only its hash is kept.
 * With `by`, the creation is written in the audit trail in the same transaction.
 */
export async function createApiToken(
  db: Kysely<Database>,
  name: string,
  role: Role,
  scopes: readonly string[],
  options: { expiresAt?: number | null; by?: Actor | CommandLineActor; via?: 'api' | 'cli' } = {},
): Promise<{ id: string; token: string; info: ApiTokenInfo }> {
  if (!ROLES.includes(role)) throw invalid('role', `must be one of ${ROLES.join(', ')}`);
  if (name.trim() === '') throw invalid('name', 'must not be empty');
  if (name.trim().length > 100) throw invalid('name', 'must be at most 100 characters');
  if (scopes.length === 0) throw invalid('scopes', `must name at least one scope (${TOKEN_SCOPES.join(', ')})`);
  const fitting = scopesForRole(role);
  for (const scope of scopes) {
    if (!(TOKEN_SCOPES as readonly string[]).includes(scope)) throw invalid('scopes', `has "${scope}", which is not one of ${TOKEN_SCOPES.join(', ')}`);
    if (!(fitting as string[]).includes(scope)) {
      throw invalid('scopes', `has "${scope}", which gives a token of role ${role} nothing; it may have ${fitting.join(', ') || 'no scope'}`);
    }
  }
  const expiresAt = options.expiresAt ?? null;
  if (expiresAt !== null && !(expiresAt > Date.now())) throw invalid('expiresAt', 'must be in the future');
  const id = newId();
  const token = `ect_${randomBytes(24).toString('base64url')}`;
  await db.transaction().execute(async (trx) => {
    await trx
    .insertInto('api_tokens')
    .values({
      id,
      name: name.trim(),
      token_hash: hashToken(token),
      role,
      scopes: [...new Set(scopes)].join(' '),
      created_at: Date.now(),
      revoked_at: null,
      expires_at: expiresAt,
      last_used_at: null,
    })
    .execute();
    if (options.by) await auditAdministration(trx, options.by, ['token.create'], { kind: 'token', id }, options.via);
  });
  const info = (await listApiTokens(db)).find((t) => t.id === id)!;
  return { id, token, info };
}

/** Every API token, newest first: live, expired and revoked ones. */
export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'scopes', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    scopes: parseScopes(r.scopes),
    createdAt: Number(r.created_at),
    expiresAt: r.expires_at === null ? null : Number(r.expires_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
  }));
}

/**
 * Revokes a token at once (its next request is refused); revoking a revoked token changes nothing.
 * With `by`, the revocation is written in the audit trail.
 */
export async function revokeApiToken(db: Kysely<Database>, id: string, options: { by?: Actor | CommandLineActor; via?: 'api' | 'cli' } = {}): Promise<ApiTokenInfo> {
  await db.transaction().execute(async (trx) => {
    const revoked = await trx.updateTable('api_tokens').set({ revoked_at: Date.now() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (options.by && Number(revoked.numUpdatedRows) > 0) await auditAdministration(trx, options.by, ['token.revoke'], { kind: 'token', id }, options.via);
  });
  const token = (await listApiTokens(db)).find((t) => t.id === id);
  if (!token) throw notFound(`No API token ${id}; \`ecoute token list\` shows them`);
  return token;
}

/** The API token of a request, read on every request a system makes: compiled once. */
const apiToken = reusableQuery((db, v: { tokenHash: string }) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'role', 'scopes', 'revoked_at', 'expires_at', 'last_used_at']).where('token_hash', '=', v.tokenHash),
);

const touch = reusableQuery((db, v: { id: string; now: number; before: number }) =>
  db
    .updateTable('api_tokens')
    .set({ last_used_at: v.now })
    .where('id', '=', v.id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', v.before)])),
);

/**
 * Who holds an API token; undefined when it is unknown, revoked or expired. Records when it was
 * used, at most once a minute per token and off the request's path (a failed write loses only that).
 */
export async function actorFromApiToken(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await apiToken.first(db, { tokenHash: hashToken(token) });
  const now = Date.now();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && Number(row.expires_at) <= now)) return undefined;
  if (row.last_used_at === null || Number(row.last_used_at) < now - LAST_USED_RESOLUTION_MS) {
    touch.run(db, { id: row.id, now, before: now - LAST_USED_RESOLUTION_MS }).catch(() => undefined);
  }
  return { kind: 'token', id: row.id, role: row.role, displayName: row.name, teamId: null, language: 'en', scopes: parseScopes(row.scopes) };
}
