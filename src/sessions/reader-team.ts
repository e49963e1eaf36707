import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import type { Role } from '../shared/roles.js';
import type { Database } from '../storage/schema.js';

/** The reader's team and its active members, by name; and every team, where a case may be transferred. */
export interface ReaderTeam {
  team: { id: string; name: string } | null;
  members: { id: string; displayName: string; role: Role }[];
  teams: { id: string; name: string }[];
}

/**
 * The team of the reader and its active people: whom a team lead may give a case to, and the names a
 * queue shows for its assignees. An account without a team (an API token too) has none. With every
 * team, by name: where a case may be transferred.
 */
export async function readerTeam(db: Kysely<Database>, actor: Actor): Promise<ReaderTeam> {
  // Teams are the organisation's, not personal data: their names are the targets of a transfer.
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').orderBy('id').execute();
  if (actor.teamId === null) return { team: null, members: [], teams };
  const team = teams.find((t) => t.id === actor.teamId);
  if (!team) return { team: null, members: [], teams };
  const members = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'role'])
    .where('team_id', '=', team.id)
    .where('active', '=', 1)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
  return { team, members: members.map((m) => ({ id: m.id, displayName: m.display_name, role: m.role })), teams };
}
