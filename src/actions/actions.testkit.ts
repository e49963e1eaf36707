import type { Kysely } from 'kysely';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { saveCoding } from '../causes/cause-codings.js';
import { addDays, dayStart } from '../shared/calendar.js';
import type { Role } from '../shared/roles.js';
import type { Database } from '../storage/schema.js';

/** A person of a role as an actor (password `correct horse`). */
export async function seedPerson(db: Kysely<Database>, role: Role, teamId: string | null, name: string): Promise<Actor & { email: string }> {
  const email = `${role}.${Math.random().toString(36).slice(2, 10)}@actions.test`;
  const id = await createUser(db, { email, displayName: name, role, teamId, password: 'correct horse' });
  return { kind: 'user', id, role, displayName: name, teamId, language: 'en', email };
}

/** Two teams, each with its lead, a CX manager, a quality coach and an advisor. */
export async function seedActionWorld(db: Kysely<Database>) {
  const team = await seedTeam(db, 'Facturation');
  const other = await seedTeam(db, 'Réseau');
  return {
    teamId: team.teamId,
    otherTeamId: other.teamId,
    manager: await seedPerson(db, 'cx_manager', null, 'Carole Weis'),
    lead: await seedPerson(db, 'team_lead', team.teamId, 'Luc Hoffmann'),
    otherLead: await seedPerson(db, 'team_lead', other.teamId, 'Paul Muller'),
    coach: await seedPerson(db, 'quality_coach', null, 'Sophie Thill'),
    advisor: { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'en' } as Actor,
  };
}

/** `count` customers who have been customers since `since`: the base a complaint rate is counted against. */
export async function seedCustomersSince(db: Kysely<Database>, count: number, since: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await seedCustomer(db, { familyName: `Base ${i}`, lines: [], phones: [], emails: [] });
    ids.push(id);
  }
  await db.updateTable('parties').set({ created_at: since }).where('id', 'in', ids).execute();
  return ids;
}

let coded = 0;

/** Complaints coded to `cause`, one at noon of each of `days` (yyyymmdd), for the given customers in turn, through `saveCoding`. */
export async function codeComplaints(db: Kysely<Database>, cause: string, days: readonly number[], parties: readonly (string | null)[] = [null]): Promise<void> {
  for (const [i, day] of days.entries()) {
    const at = dayStart(day) + 12 * 3_600_000;
    await saveCoding(db, {
      subject_kind: 'complaint', subject_id: `complaint-${++coded}`, cause_code: cause, unknown_reason: null, party_id: parties[i % parties.length] ?? null,
      occurred_at: at, segment: 'residential', channel: 'phone', team_id: null, site_id: null, plan: null, amount_cents: 0, refund_cents: 0, extra_contacts: 0,
      suggested: null, coded_at: at, coded_by_kind: 'system', coded_by_id: 'system',
    });
  }
}

/** `count` days spread over [from, from + span days), every one at least once when count ≥ span. */
export function spreadDays(from: number, span: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => addDays(from, Math.floor((i * span) / count)));
}
