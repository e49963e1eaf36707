import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { caseOpening, caseTransition, type CaseActor, type CaseEventRow, type CaseRow, type NewCase, type TransitionOptions } from '../cases/case-service.js';
import type { CaseKind } from '../cases/case-kinds.js';
import { addBusinessTime, businessTimeBetween, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import type { Database, Language } from '../storage/schema.js';
import type { NoteLanguage } from './catalogue.js';
import { DemoIds } from './ids.js';
import type { Random } from './random.js';

/**
 * The cases of the demo's history as the case mechanism makes them: each opening and action is
 * decided by `caseOpening` and `caseTransition` (src/cases/case-service.ts), exactly as `openCase`
 * and `transition` decide them, and kept in memory, to be written in bulk at the end. Times are
 * the history's own: every change is written at the time it happens.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** A business day of the calendar: 08:00 to 18:00. */
export const BUSINESS_DAY = 10 * HOUR;

/** A case of the history: where it stands, and its events oldest first. */
export interface DemoCase {
  row: CaseRow;
  events: CaseEventRow[];
  /** the ids of its events: the case's own slot, in the order they were made */
  ids: DemoIds;
}

/** The id of a new case of the history and the ids of its events to come: slot `slot` of the demo ids. */
export function newCaseIds(rng: Random, slot: number): { id: string; ids: DemoIds } {
  const ids = new DemoIds(rng);
  ids.startSlot(slot);
  return { id: ids.next(), ids };
}

/** Opens a case of the history, with the id and event ids `newCaseIds` gave it. */
export function openDemoCase(made: { id: string; ids: DemoIds }, kind: CaseKind, fields: NewCase, actor: CaseActor): DemoCase {
  const at = fields.at ?? fields.openedAt ?? 0;
  const opened = caseOpening(kind, { ...fields, id: made.id }, actor, { writtenAt: at, eventId: made.ids.next() });
  return { row: opened.case, events: [opened.event], ids: made.ids };
}

/** Takes an action on a case of the history at `options.at` (refused as `transition` would refuse it: it throws). */
export function actOnDemoCase(c: DemoCase, action: string, actor: CaseActor, options: TransitionOptions & { at: number }): CaseEventRow {
  const done = caseTransition(c.row, action, actor, options, { writtenAt: options.at, eventId: c.ids.next() });
  c.row = done.case;
  c.events.push(done.event);
  return done.event;
}

/** The time of a case's last event. */
export function lastEventAt(c: DemoCase): number {
  return c.events[c.events.length - 1]!.at;
}

/** A moment within business hours, between `min` and `max` of business time after `from`. */
export function businessLater(rng: Random, from: number, min: number, max: number): number {
  return addBusinessTime(from, Math.round(min + rng.next() * Math.max(0, max - min)), LUXEMBOURG_CALENDAR);
}

/**
 * A moment within business hours after `from`, before `due` when there is business time left: at a
 * random share of what is left (at least `min` after `from`).
 */
export function businessBefore(rng: Random, from: number, due: number, min = 5 * MINUTE): number {
  const left = businessTimeBetween(from, due, LUXEMBOURG_CALENDAR);
  return businessLater(rng, from, min, Math.max(min, left * (0.15 + 0.8 * rng.next()) - MINUTE));
}

/** The language staff write a customer's notes in (Luxembourgish speakers': German). */
export function noteLanguage(language: Language): NoteLanguage {
  return language === 'lb' ? 'de' : language;
}

/** The operator's staff as the history needs them: who leads and works in each team, and each team's site. */
export interface DemoStaff {
  byId: ReadonlyMap<string, Actor>;
  /** active team leads of a team, by id */
  leadsOf(teamId: string): readonly Actor[];
  /** active advisors of a team, by id */
  advisorsOf(teamId: string): readonly Actor[];
  /** active team leads attached to a site and to no team (the site's leads), by id */
  siteLeadsOf(siteId: string): readonly Actor[];
  siteOf(teamId: string): string | null;
  teamNamed(name: string): string | undefined;
  /** the active quality coaches, by id: they code the repeat contacts' causes */
  coaches: readonly Actor[];
}

/** Reads the staff and teams. */
export async function loadStaff(db: Kysely<Database>): Promise<DemoStaff> {
  const users = await db.selectFrom('users').select(['id', 'role', 'team_id', 'site_id', 'active', 'display_name', 'language']).orderBy('id').execute();
  const teams = await db.selectFrom('teams').select(['id', 'name', 'site_id']).execute();
  const byId = new Map<string, Actor>();
  const leads = new Map<string, Actor[]>();
  const advisors = new Map<string, Actor[]>();
  const siteLeads = new Map<string, Actor[]>();
  const coaches: Actor[] = [];
  const push = (map: Map<string, Actor[]>, key: string, actor: Actor) => map.set(key, [...(map.get(key) ?? []), actor]);
  for (const u of users) {
    const actor: Actor = { kind: 'user', id: u.id, role: u.role, displayName: u.display_name, teamId: u.team_id, language: u.language };
    byId.set(u.id, actor);
    if (Number(u.active) !== 1) continue;
    if (u.role === 'team_lead' && u.team_id !== null) push(leads, u.team_id, actor);
    if (u.role === 'team_lead' && u.team_id === null && u.site_id !== null) push(siteLeads, u.site_id, actor);
    if (u.role === 'advisor' && u.team_id !== null) push(advisors, u.team_id, actor);
    if (u.role === 'quality_coach') coaches.push(actor);
  }
  const sites = new Map(teams.map((t) => [t.id, t.site_id]));
  const names = new Map(teams.map((t) => [t.name, t.id]));
  return {
    byId,
    leadsOf: (teamId) => leads.get(teamId) ?? [],
    advisorsOf: (teamId) => advisors.get(teamId) ?? [],
    siteLeadsOf: (siteId) => siteLeads.get(siteId) ?? [],
    siteOf: (teamId) => sites.get(teamId) ?? null,
    teamNamed: (name) => names.get(name),
    coaches,
  };
}
