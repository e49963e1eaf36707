import type { Kysely } from 'kysely';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import type { Database } from '../storage/schema.js';
import { defineCaseKind } from './case-kinds.js';

/** A kind of case for the mechanism's own tests: every feature of a definition, no domain behind it. */
export const TICKET = defineCaseKind({
  kind: 'test-ticket',
  states: ['new', 'working', 'done', 'cancelled'],
  initial: 'new',
  transitions: {
    start: { from: ['new'], to: 'working' },
    finish: { from: ['working'], to: 'done' },
    cancel: { from: ['new', 'working'], to: 'cancelled', requires: ['reason'] },
    reopen: { from: ['done', 'cancelled'], to: 'working', requires: ['reason'] },
    pause: { from: ['working'], effect: 'pause' },
    resume: { from: ['working'], effect: 'resume' },
    assign: { from: ['new', 'working'], requires: ['assignee'], effect: 'assign' },
    transfer: { from: ['new', 'working'], requires: ['team'], effect: 'transfer' },
    comment: { from: ['new', 'working', 'done', 'cancelled'], requires: ['reason'] },
  },
  terminal: ['done', 'cancelled'],
});

/** A team with its advisor as a case actor, a second team, and a customer. */
export async function seedCaseWorld(db: Kysely<Database>) {
  const team = await seedTeam(db);
  const other = await seedTeam(db, 'Back office');
  const customer = await seedCustomer(db);
  const actor: Actor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
  return { teamId: team.teamId, otherTeamId: other.teamId, otherAdvisorId: other.advisorId, advisorId: team.advisorId, partyId: customer.id, actor };
}
