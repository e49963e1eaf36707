import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ROLES } from '../shared/roles.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, Language, Role } from '../storage/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Actor } from './policies.js';


const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  password?: string | undefined;
  teamId?: string | null;
  siteId?: string | null;
  language?: Language;
}

export async function createUser(db: Kysely<Database>, input: NewUser, passwordHash?: string): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('email', 'must be an e-mail address');
  if (!ROLES.includes(input.role)) throw invalid('role', `must be one of ${ROLES.join(', ')}`);
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new DomainError(409, 'conflict', `A user with e-mail ${email} already exists`);
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      email,
      display_name: input.displayName,
      role: input.role,
      team_id: input.teamId ?? null,
      site_id: input.siteId ?? null,
      password_hash: passwordHash ?? (input.password ? await hashPassword(input.password) : null),
      language: input.language ?? 'fr',
      active: 1,
      created_at: Date.now(),
    })
    .execute();
  return id;
}

/** Checks e-mail and password and opens a session; returns the cookie value and who logged in. Same error for both failures. */
export async function login(
  db: Kysely<Database>,
  email: string,
  password: string,
  sessionHours: number,
): Promise<{ token: string; expiresAt: number; actor: Actor }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active', 'role', 'display_name', 'team_id', 'language'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = user?.password_hash && user.active === 1 && (await verifyPassword(password, user.password_hash));
  if (!user || !ok) throw new DomainError(401, 'bad-credentials', 'E-mail or password is wrong');
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + sessionHours * 3_600_000;
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: user.id, created_at: now, expires_at: expiresAt })
    .execute();
  const actor: Actor = { kind: 'user', id: user.id, role: user.role, displayName: user.display_name, teamId: user.team_id, language: user.language };
  return { token, expiresAt, actor };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

/** The user of a session, read on every request a person makes: compiled once (src/storage/reusable-query.ts). */
const sessionUser = reusableQuery((db, v: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.role', 'users.display_name', 'users.team_id', 'users.language', 'sessions.expires_at', 'users.active'])
    .where('sessions.token_hash', '=', v.tokenHash),
);

/** Who holds a session cookie; undefined when the session is unknown, expired or its user deactivated. */
export async function actorFromSession(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await sessionUser.first(db, { tokenHash: sha256(token) });
  if (!row || row.expires_at < Date.now() || row.active !== 1) return undefined;
  return { kind: 'user', id: row.id, role: row.role, displayName: row.display_name, teamId: row.team_id, language: row.language };
}

/** Creates an API token for a system; the clear value is shown once and only its hash is kept. */
export async function createApiToken(
  db: Kysely<Database>,
  name: string,
  role: Role,
): Promise<{ id: string; token: string }> {
  if (!ROLES.includes(role)) throw invalid('role', `must be one of ${ROLES.join(', ')}`);
  if (name.trim() === '') throw invalid('name', 'must not be empty');
  const id = newId();
  const token = `ect_${randomBytes(24).toString('base64url')}`;
  await db
    .insertInto('api_tokens')
    .values({ id, name: name.trim(), token_hash: sha256(token), role, created_at: Date.now(), revoked_at: null })
    .execute();
  return { id, token };
}

/** The API token of a request, read on every request a system makes: compiled once. */
const apiToken = reusableQuery((db, v: { tokenHash: string }) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'role', 'revoked_at']).where('token_hash', '=', v.tokenHash),
);

/** Who holds an API token; undefined when it is unknown or revoked. */
export async function actorFromApiToken(db: Kysely<Database>, token: string): Promise<Actor | undefined> {
  const row = await apiToken.first(db, { tokenHash: sha256(token) });
  if (!row || row.revoked_at !== null) return undefined;
  return { kind: 'token', id: row.id, role: row.role, displayName: row.name, teamId: null, language: 'en' };
}
