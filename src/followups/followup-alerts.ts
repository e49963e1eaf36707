import type { Kysely } from 'kysely';
import type { ConsoleEvent, LiveHub } from '../http/live-hub.js';
import type { JobHandler } from '../jobs/worker.js';
import type { Database } from '../storage/schema.js';
import { followupOf } from './followup-store.js';
import { presentAlert } from './followup-presenters.js';

/** Active users of a role, or of a role in a team. */
export async function activeUsers(db: Kysely<Database>, role: 'team_lead' | 'cx_manager', teamId?: string): Promise<string[]> {
  let query = db.selectFrom('users').select('id').where('role', '=', role).where('active', '=', 1);
  if (teamId !== undefined) query = query.where('team_id', '=', teamId);
  return (await query.orderBy('id').execute()).map((u) => u.id);
}

/** Sends a follow-up's alert to each of these people's open consoles (none open: nobody is told, the queue still shows it). */
export async function pushAlert(db: Kysely<Database>, live: LiveHub | undefined, caseId: string, event: ConsoleEvent['event'], userIds: readonly string[]): Promise<void> {
  if (!live || userIds.length === 0) return;
  const { found, followup } = await followupOf(db, caseId);
  const data = presentAlert(found, followup);
  for (const userId of new Set(userIds)) live.publish(userId, { event, data });
}

/**
 * The worker's handler of `followup.hot` (ref `<case id>:<version>`): pushes the hot follow-up to
 * its assignee's console, or to its team's leads when nobody is assigned. A case closed meanwhile
 * is not pushed. Live events stay in this process (`LiveHub`): run without one (a separate worker),
 * nothing is pushed and the hot view of the queue is where the case shows.
 */
export function followupAlertHandler(db: Kysely<Database>, live: LiveHub | undefined): JobHandler {
  return async (refId) => {
    const caseId = refId.slice(0, refId.lastIndexOf(':'));
    const found = await db.selectFrom('cases').select(['assignee_id', 'team_id', 'closed_at']).where('id', '=', caseId).executeTakeFirst();
    if (!found || found.closed_at !== null) return { done: true };
    const to = found.assignee_id !== null ? [found.assignee_id] : found.team_id !== null ? await activeUsers(db, 'team_lead', found.team_id) : [];
    await pushAlert(db, live, caseId, 'followup.hot', to);
    return { done: true };
  };
}
