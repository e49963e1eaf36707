import { randomInt } from 'node:crypto';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { auditAdministration, type AdministrationAction } from '../auth/audit.js';
import { createUser } from '../auth/auth-service.js';
import { hashPassword } from '../auth/passwords.js';
import type { Actor } from '../auth/policies.js';
import { PERSON_ROLES, type PersonRole } from '../contract/staff.js';
import { isEmailAddress } from '../shared/email-address.js';
import { DomainError, notFound } from '../shared/errors.js';
import { LANGUAGES } from '../shared/languages.js';
import { capabilitiesOf } from '../storage/database.js';
import type { Database, Language, Role } from '../storage/schema.js';
import { existing, refuse, text, type Refusal } from './staff-checks.js';

/**
 * The administration of people's accounts (docs/console.md, "Administration"): list, create, change,
 * deactivate and reactivate, reset a password, end sessions. Each write is one transaction with its
 * rows of the audit trail; a refused request writes nothing.
 */

/** An account as the administration reads it. */
export interface StaffUserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  team: { id: string; name: string } | null;
  site: { id: string; name: string } | null;
  language: Language;
  active: boolean;
  sessions: number;
  createdAt: number;
}

export interface StaffUserFilters {
  role?: Role | undefined;
  teamId?: string | undefined;
  siteId?: string | undefined;
  active?: boolean | undefined;
  /** part of the name or of the e-mail, in any case */
  text?: string | undefined;
  /** from 1 */
  page: number;
  pageSize: number;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function selectUsers(db: Kysely<Database>, now: number) {
  return db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('sites', 'sites.id', 'users.site_id')
    .select((eb) => [
      'users.id', 'users.email', 'users.display_name', 'users.role', 'users.team_id', 'users.site_id', 'users.language', 'users.active', 'users.created_at',
      'teams.name as team_name', 'sites.name as site_name',
      eb.selectFrom('sessions').select(eb.fn.countAll<number>().as('n')).whereRef('sessions.user_id', '=', 'users.id').where('sessions.expires_at', '>', now).as('sessions'),
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

const toRow = (r: Selected): StaffUserRow => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role,
  team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
  site: r.site_id ? { id: r.site_id, name: r.site_name ?? '' } : null,
  language: r.language,
  active: Number(r.active) === 1,
  sessions: Number(r.sessions ?? 0),
  createdAt: Number(r.created_at),
});

/** People's accounts (not API tokens), by name, a page at a time, with how many match. */
export async function listStaffUsers(db: Kysely<Database>, filters: StaffUserFilters): Promise<{ items: StaffUserRow[]; total: number }> {
  const where = <Q extends { where: (...args: any[]) => Q }>(query: Q): Q => {
    let q = query.where('users.role', '!=', 'integration');
    if (filters.role) q = q.where('users.role', '=', filters.role);
    if (filters.teamId) q = q.where('users.team_id', '=', filters.teamId);
    if (filters.siteId) q = q.where('users.site_id', '=', filters.siteId);
    if (filters.active !== undefined) q = q.where('users.active', '=', filters.active ? 1 : 0);
    const words = (filters.text ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean).map(escapeLike);
    for (const word of words) {
      q = q.where(sql<SqlBool>`(lower(users.display_name) like ${`%${word}%`} escape ${'\\'} or users.email like ${`%${word}%`} escape ${'\\'})`);
    }
    return q;
  };
  const counted = await where(db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))).executeTakeFirstOrThrow();
  const rows = await where(selectUsers(db, Date.now()))
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(filters.pageSize)
    .offset((filters.page - 1) * filters.pageSize)
    .execute();
  return { items: rows.map(toRow), total: Number(counted.n) };
}

export async function getStaffUser(db: Kysely<Database>, id: string): Promise<StaffUserRow> {
  const row = await selectUsers(db, Date.now()).where('users.id', '=', id).where('users.role', '!=', 'integration').executeTakeFirst();
  if (!row) throw notFound(`No account ${id}`);
  return toRow(row);
}

/** A temporary password: 16 letters and digits none of which is read for another (no 0/O, 1/l/I), in groups of four. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

function checkPassword(refusals: Refusal[], password: string | undefined): void {
  if (password !== undefined && (password.length < 10 || password.length > 200)) refusals.push({ field: 'password', reason: 'password' });
}

function checkRole(refusals: Refusal[], role: string | undefined): role is PersonRole {
  if ((PERSON_ROLES as readonly string[]).includes(role ?? '')) return true;
  refusals.push({ field: 'role', reason: 'role' });
  return false;
}

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: string;
  teamId?: string | null | undefined;
  siteId?: string | null | undefined;
  language?: string | undefined;
  /** the initial password; the server chooses one when absent */
  password?: string | undefined;
}

/** Creates an account; answers the password the server chose (null when one was given). */
export async function createStaffUser(db: Kysely<Database>, actor: Actor, input: NewStaffUser): Promise<{ user: StaffUserRow; password: string | null }> {
  const refusals: Refusal[] = [];
  const email = text(refusals, 'email', input.email, 254).toLowerCase();
  if (email && !refusals.some((r) => r.field === 'email') && !isEmailAddress(email)) refusals.push({ field: 'email', reason: 'email' });
  const displayName = text(refusals, 'displayName', input.displayName, 120);
  checkRole(refusals, input.role);
  const language = input.language ?? 'fr';
  if (!(LANGUAGES as readonly string[]).includes(language)) refusals.push({ field: 'language', reason: 'language' });
  checkPassword(refusals, input.password);
  const generated = input.password === undefined ? temporaryPassword() : null;
  const passwordHash = await hashPassword(input.password ?? generated!);
  const id = await db.transaction().execute(async (trx) => {
    if (email && !refusals.some((r) => r.field === 'email')) {
      const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (taken) refusals.push({ field: 'email', reason: 'emailTaken' });
    }
    await existing(trx, refusals, 'teamId', 'teams', input.teamId);
    await existing(trx, refusals, 'siteId', 'sites', input.siteId);
    refuse(refusals);
    const created = await createUser(
      trx,
      { email, displayName, role: input.role as Role, teamId: input.teamId ?? null, siteId: input.siteId ?? null, language: language as Language },
      passwordHash,
    );
    await auditAdministration(trx, actor, ['user.create'], { kind: 'user', id: created });
    return created;
  });
  return { user: await getStaffUser(db, id), password: generated };
}

/** Locks the accounts against a concurrent change of who is an active admin (PostgreSQL; SQLite has one writer). */
async function lockAccounts(trx: Kysely<Database>): Promise<void> {
  const lock = capabilitiesOf(trx).lockTables;
  if (lock) await lock(['users']).execute(trx);
}

/** Refused when the account is the last active admin: nobody could administer Ecoute any more. */
async function keepAnAdmin(trx: Kysely<Database>, user: { id: string; role: Role; active: number }): Promise<void> {
  if (user.role !== 'admin' || Number(user.active) !== 1) return;
  const others = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', user.id)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) throw new DomainError(409, 'last-admin', 'This is the last active administrator: give another account the admin role first. Nothing was changed.');
}

async function accountFor(trx: Kysely<Database>, id: string) {
  const user = await trx.selectFrom('users').select(['id', 'email', 'display_name', 'role', 'team_id', 'site_id', 'language', 'active']).where('id', '=', id).executeTakeFirst();
  if (!user || user.role === 'integration') throw notFound(`No account ${id}`);
  return user;
}

export interface StaffUserChange {
  displayName?: string | undefined;
  role?: string | undefined;
  teamId?: string | null | undefined;
  siteId?: string | null | undefined;
}

/** Changes an account's name, role, team or site; each field changed is a row of the audit trail. */
export async function updateStaffUser(db: Kysely<Database>, actor: Actor, id: string, change: StaffUserChange): Promise<StaffUserRow> {
  await db.transaction().execute(async (trx) => {
    await lockAccounts(trx);
    const user = await accountFor(trx, id);
    const refusals: Refusal[] = [];
    const displayName = change.displayName === undefined ? user.display_name : text(refusals, 'displayName', change.displayName, 120);
    if (change.role !== undefined) checkRole(refusals, change.role);
    await existing(trx, refusals, 'teamId', 'teams', change.teamId);
    await existing(trx, refusals, 'siteId', 'sites', change.siteId);
    refuse(refusals);
    const role = (change.role ?? user.role) as Role;
    const teamId = change.teamId === undefined ? user.team_id : change.teamId;
    const siteId = change.siteId === undefined ? user.site_id : change.siteId;
    const actions: AdministrationAction[] = [];
    if (displayName !== user.display_name) actions.push('user.name');
    if (role !== user.role) actions.push('user.role');
    if (teamId !== user.team_id) actions.push('user.team');
    if (siteId !== user.site_id) actions.push('user.site');
    if (actions.length === 0) return;
    if (role !== user.role) {
      if (user.id === actor.id) throw new DomainError(409, 'own-role', 'An administrator cannot change their own role: another administrator can. Nothing was changed.');
      await keepAnAdmin(trx, user);
    }
    await trx.updateTable('users').set({ display_name: displayName, role, team_id: teamId, site_id: siteId }).where('id', '=', id).execute();
    await auditAdministration(trx, actor, actions, { kind: 'user', id });
  });
  return getStaffUser(db, id);
}

/**
 * Deactivates an account (it can no longer log in, and its sessions end at once) or reactivates it.
 * An admin cannot deactivate themselves, nor the last active admin.
 */
export async function setStaffUserActive(db: Kysely<Database>, actor: Actor, id: string, active: boolean): Promise<StaffUserRow> {
  await db.transaction().execute(async (trx) => {
    await lockAccounts(trx);
    const user = await accountFor(trx, id);
    if (Number(user.active) === (active ? 1 : 0)) return;
    if (!active) {
      if (user.id === actor.id) throw new DomainError(409, 'deactivate-self', 'An administrator cannot deactivate their own account. Nothing was changed.');
      await keepAnAdmin(trx, user);
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    await trx.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
    await auditAdministration(trx, actor, [active ? 'user.reactivate' : 'user.deactivate'], { kind: 'user', id });
  });
  return getStaffUser(db, id);
}

/** Gives an account a new temporary password, answered this once, and ends its sessions. */
export async function resetStaffPassword(db: Kysely<Database>, actor: Actor, id: string): Promise<{ user: StaffUserRow; password: string }> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await accountFor(trx, id);
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await auditAdministration(trx, actor, ['user.reset-password'], { kind: 'user', id });
  });
  return { user: await getStaffUser(db, id), password };
}

/** Ends every session of an account: it must log in again on every browser. Answers how many ended. */
export async function endStaffSessions(db: Kysely<Database>, actor: Actor, id: string): Promise<{ user: StaffUserRow; ended: number }> {
  const ended = await db.transaction().execute(async (trx) => {
    await accountFor(trx, id);
    const result = await trx.deleteFrom('sessions').where('user_id', '=', id).executeTakeFirst();
    await auditAdministration(trx, actor, ['user.end-sessions'], { kind: 'user', id });
    return Number(result.numDeletedRows);
  });
  return { user: await getStaffUser(db, id), ended };
}
