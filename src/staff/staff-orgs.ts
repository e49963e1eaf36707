import type { Kysely } from 'kysely';
import { auditAdministration, type AdministrationAction } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { SITE_KINDS, type SiteKind } from '../contract/staff.js';
import { foldText } from '../shared/fold.js';
import { notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import { existing, refuse, text, type Refusal } from './staff-checks.js';

/** Teams and sites as the administration reads and changes them; each write is one transaction with its audit rows. */

export interface TeamRow {
  id: string;
  name: string;
  site: { id: string; name: string } | null;
  members: number;
  createdAt: number;
}

export interface SiteRow {
  id: string;
  code: string;
  name: string;
  kind: SiteKind;
  city: string;
  teams: number;
  createdAt: number;
}

const selectTeams = (db: Kysely<Database>) =>
  db
    .selectFrom('teams')
    .leftJoin('sites', 'sites.id', 'teams.site_id')
    .select((eb) => [
      'teams.id', 'teams.name', 'teams.site_id', 'teams.created_at', 'sites.name as site_name',
      eb.selectFrom('users').select(eb.fn.countAll<number>().as('n')).whereRef('users.team_id', '=', 'teams.id').where('users.active', '=', 1).as('members'),
    ])
    .orderBy('teams.name');

type TeamSelected = Awaited<ReturnType<ReturnType<typeof selectTeams>['executeTakeFirstOrThrow']>>;

const toTeam = (r: TeamSelected): TeamRow => ({
  id: r.id,
  name: r.name,
  site: r.site_id ? { id: r.site_id, name: r.site_name ?? '' } : null,
  members: Number(r.members ?? 0),
  createdAt: Number(r.created_at),
});

export async function listTeams(db: Kysely<Database>): Promise<TeamRow[]> {
  return (await selectTeams(db).execute()).map(toTeam);
}

async function getTeam(db: Kysely<Database>, id: string): Promise<TeamRow> {
  const row = await selectTeams(db).where('teams.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No team ${id}`);
  return toTeam(row);
}

async function teamNameFree(db: Kysely<Database>, refusals: Refusal[], name: string, except?: string): Promise<void> {
  if (!name || refusals.some((r) => r.field === 'name')) return;
  let query = db.selectFrom('teams').select('id').where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) refusals.push({ field: 'name', reason: 'teamNameTaken' });
}

export async function createTeam(db: Kysely<Database>, actor: Actor, input: { name: string; siteId?: string | null | undefined }): Promise<TeamRow> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const refusals: Refusal[] = [];
    const name = text(refusals, 'name', input.name, 80);
    await teamNameFree(trx, refusals, name);
    await existing(trx, refusals, 'siteId', 'sites', input.siteId);
    refuse(refusals);
    await trx.insertInto('teams').values({ id, name, site_id: input.siteId ?? null, created_at: Date.now() }).execute();
    await auditAdministration(trx, actor, ['team.create'], { kind: 'team', id });
  });
  return getTeam(db, id);
}

/** Renames a team, or attaches it to a site (null: to none). */
export async function updateTeam(db: Kysely<Database>, actor: Actor, id: string, change: { name?: string | undefined; siteId?: string | null | undefined }): Promise<TeamRow> {
  await db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select(['id', 'name', 'site_id']).where('id', '=', id).executeTakeFirst();
    if (!team) throw notFound(`No team ${id}`);
    const refusals: Refusal[] = [];
    const name = change.name === undefined ? team.name : text(refusals, 'name', change.name, 80);
    if (name !== team.name) await teamNameFree(trx, refusals, name, id);
    await existing(trx, refusals, 'siteId', 'sites', change.siteId);
    refuse(refusals);
    const siteId = change.siteId === undefined ? team.site_id : change.siteId;
    const actions: AdministrationAction[] = [];
    if (name !== team.name) actions.push('team.rename');
    if (siteId !== team.site_id) actions.push('team.site');
    if (actions.length === 0) return;
    await trx.updateTable('teams').set({ name, site_id: siteId }).where('id', '=', id).execute();
    await auditAdministration(trx, actor, actions, { kind: 'team', id });
  });
  return getTeam(db, id);
}

const selectSites = (db: Kysely<Database>) =>
  db
    .selectFrom('sites')
    .select((eb) => [
      'sites.id', 'sites.code', 'sites.name', 'sites.kind', 'sites.city', 'sites.created_at',
      eb.selectFrom('teams').select(eb.fn.countAll<number>().as('n')).whereRef('teams.site_id', '=', 'sites.id').as('teams'),
    ])
    .orderBy('sites.name');

type SiteSelected = Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirstOrThrow']>>;

const toSite = (r: SiteSelected): SiteRow => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, city: r.city, teams: Number(r.teams ?? 0), createdAt: Number(r.created_at),
});

export async function listSites(db: Kysely<Database>): Promise<SiteRow[]> {
  return (await selectSites(db).execute()).map(toSite);
}

async function getSite(db: Kysely<Database>, id: string): Promise<SiteRow> {
  const row = await selectSites(db).where('sites.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`No site ${id}`);
  return toSite(row);
}

function checkKind(refusals: Refusal[], kind: string | undefined): void {
  if (!(SITE_KINDS as readonly string[]).includes(kind ?? '')) refusals.push({ field: 'kind', reason: 'siteKind' });
}

async function siteNameFree(db: Kysely<Database>, refusals: Refusal[], name: string, except?: string): Promise<void> {
  if (!name || refusals.some((r) => r.field === 'name')) return;
  let query = db.selectFrom('sites').select('id').where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) refusals.push({ field: 'name', reason: 'siteNameTaken' });
}

/** A site's short code, as the demo's (`CC-GAS`, `SH-KIR`): its kind and the first letters of its name's last word, numbered on a clash. */
async function siteCode(db: Kysely<Database>, kind: SiteKind, name: string): Promise<string> {
  const word = foldText(name).toUpperCase().replace(/[^A-Z0-9 ]/g, ' ').trim().split(/\s+/).pop() || 'SITE';
  const base = `${kind === 'shop' ? 'SH' : 'CC'}-${word.slice(0, 4)}`;
  const taken = new Set((await db.selectFrom('sites').select('code').where('code', 'like', `${base}%`).execute()).map((r) => r.code));
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}

export async function createSite(db: Kysely<Database>, actor: Actor, input: { name: string; kind: string; city: string }): Promise<SiteRow> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const refusals: Refusal[] = [];
    const name = text(refusals, 'name', input.name, 80);
    checkKind(refusals, input.kind);
    const city = text(refusals, 'city', input.city, 80);
    await siteNameFree(trx, refusals, name);
    refuse(refusals);
    const kind = input.kind as SiteKind;
    await trx.insertInto('sites').values({ id, code: await siteCode(trx, kind, name), name, kind, city, created_at: Date.now() }).execute();
    await auditAdministration(trx, actor, ['site.create'], { kind: 'site', id });
  });
  return getSite(db, id);
}

/** Renames a site, or changes its kind or city. */
export async function updateSite(db: Kysely<Database>, actor: Actor, id: string, change: { name?: string | undefined; kind?: string | undefined; city?: string | undefined }): Promise<SiteRow> {
  await db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('sites').select(['id', 'name', 'kind', 'city']).where('id', '=', id).executeTakeFirst();
    if (!site) throw notFound(`No site ${id}`);
    const refusals: Refusal[] = [];
    const name = change.name === undefined ? site.name : text(refusals, 'name', change.name, 80);
    if (change.kind !== undefined) checkKind(refusals, change.kind);
    const city = change.city === undefined ? site.city : text(refusals, 'city', change.city, 80);
    if (name !== site.name) await siteNameFree(trx, refusals, name, id);
    refuse(refusals);
    const kind = (change.kind ?? site.kind) as SiteKind;
    const actions: AdministrationAction[] = [];
    if (name !== site.name) actions.push('site.rename');
    if (kind !== site.kind) actions.push('site.kind');
    if (city !== site.city) actions.push('site.city');
    if (actions.length === 0) return;
    await trx.updateTable('sites').set({ name, kind, city }).where('id', '=', id).execute();
    await auditAdministration(trx, actor, actions, { kind: 'site', id });
  });
  return getSite(db, id);
}
