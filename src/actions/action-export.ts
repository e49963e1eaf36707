import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { formatDay } from '../shared/calendar.js';
import { toCsv } from '../shared/csv-export.js';
import type { Database } from '../storage/schema.js';
import { actionsForExport, type ActionFilter } from './action-queries.js';

/** The columns of the board's export, in order: the list's fields (no description, no evidence). */
export const EXPORT_COLUMNS = [
  'id', 'reference', 'title', 'state', 'causes', 'department', 'owner_id', 'owner_name', 'team_id', 'due_date', 'overdue', 'proposed_at', 'done_at',
  'verified_by_override', 'faded',
] as const;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/** The actions of a filter as CSV (at most `max`), with the same filters and reach as the list. */
export async function actionsCsv(db: Kysely<Database>, filter: ActionFilter, actor: Actor, max = 10_000): Promise<string> {
  const items = await actionsForExport(db, filter, actor, max);
  return toCsv(
    items.map((a) => ({
      id: a.id, reference: a.reference, title: a.title, state: a.state, causes: a.causes.map((c) => c.code).join(' '), department: a.departmentCode,
      owner_id: a.owner.id, owner_name: a.owner.name ?? '', team_id: a.teamId ?? '', due_date: formatDay(a.dueDay), overdue: a.overdue,
      proposed_at: iso(a.proposedAt), done_at: iso(a.doneAt), verified_by_override: a.verifiedByOverride, faded: a.faded === null ? '' : a.faded,
    })),
    EXPORT_COLUMNS,
  );
}
