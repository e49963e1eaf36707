import type { Kysely } from 'kysely';
import { qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { forbidden, notFound } from '../shared/errors.js';
import type { Database, RecordingTable } from '../storage/schema.js';

/** A recording with what decides who reaches it: its contact's customer and advisor (and the advisor's team). */
export type RecordingRow = RecordingTable & { party_id: string; advisor_id: string | null; advisor_team_id: string | null; contact_team_id: string | null };

export function recordingRows(db: Kysely<Database>) {
  return db
    .selectFrom('recordings')
    .innerJoin('interactions', 'interactions.id', 'recordings.interaction_id')
    .leftJoin('users', 'users.id', 'interactions.advisor_id')
    .selectAll('recordings')
    .select(['interactions.party_id', 'interactions.advisor_id', 'users.team_id as advisor_team_id', 'interactions.team_id as contact_team_id']);
}

/**
 * Whether the actor reaches a contact's recording (docs/quality.md, "Who sees what"): the contact's
 * advisor is within their `qualityScope` (an advisor their own contacts, a team lead their team's, a
 * coach everyone's). A contact without an advisor is its team's.
 */
export function reachesRecording(actor: Actor, row: Pick<RecordingRow, 'advisor_id' | 'advisor_team_id' | 'contact_team_id'>): boolean {
  const scope = qualityScope(actor);
  return reachesPerson(scope, { id: row.advisor_id ?? '', teamId: row.advisor_id ? row.advisor_team_id : row.contact_team_id });
}

/** The recording, if the actor reaches it: 404 for none, 403 for one out of their scope (nothing read, nothing audited). */
export async function recordingInReach(db: Kysely<Database>, id: string, actor: Actor): Promise<RecordingRow> {
  const row = await recordingRows(db).where('recordings.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('No recording has this id');
  if (!reachesRecording(actor, row)) throw forbidden("This contact's recording is outside the contacts you may listen to");
  return row;
}
