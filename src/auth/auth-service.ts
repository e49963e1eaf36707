import { randomBytes } from 'node:crypto';
import { hashToken } from './api-tokens.js';
import type { Kysely } from 'kysely';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ROLES } from '../shared/roles.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, Language, Role } from '../storage/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { LoginThrottle } from './login-throttle.js';
import type { Actor } from './policies.js';



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

/** A scrypt hash no password matches, checked for unknown e-mails so that they cost the same work as known ones. */
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hashPassword(randomBytes(16).toString('base64url')));

/** What a login may be given besides the credentials: the brute-force throttle, the client's address, the password check. */
export interface LoginGuard {
  throttle?: LoginThrottle;
  /** the client's address, counted by the throttle */
  address?: string;
  /** the password check (tests watch it) */
  verify?: typeof verifyPassword;
}

/**
 * Checks e-mail and password and opens a session; returns the cookie value and who logged in. Same
 * error for both failures, and the same password work: an unknown e-mail or an inactive account is
 * checked against a decoy hash, so the answer's time does not tell which e-mails exist. With a
 * throttle, a blocked account or address is refused (429) before any check, and failures count.
 */
export async function login(
  db: Kysely<Database>,
  email: string,
  password: string,
  sessionHours: number,
  guard: LoginGuard = {},
): Promise<{ token: string; expiresAt: number; actor: Actor }> {
  const { throttle, address = 'unknown', verify = verifyPassword } = guard;
  await throttle?.check(email, address);
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'active', 'role', 'display_name', 'team_id', 'language'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  const usable = user?.password_hash && user.active === 1 ? user.password_hash : undefined;
  const matches = await verify(password, usable ?? (await decoy()));
  if (!user || !usable || !matches) {
    await throttle?.failed(email, address);
    throw new DomainError(401, 'bad-credentials', 'E-mail or password is wrong');
  }
  await throttle?.succeeded(email, address);
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + sessionHours * 3_600_000;
  await db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: user.id, created_at: now, expires_at: expiresAt })
    .execute();
  const actor: Actor = { kind: 'user', id: user.id, role: user.role, displayName: user.display_name, teamId: user.team_id, language: user.language };
  return { token, expiresAt, actor };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
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
  const row = await sessionUser.first(db, { tokenHash: hashToken(token) });
  if (!row || row.expires_at < Date.now() || row.active !== 1) return undefined;
  return { kind: 'user', id: row.id, role: row.role, displayName: row.display_name, teamId: row.team_id, language: row.language };
}


export { actorFromApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
