import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { toCsv } from '../shared/csv-export.js';
import type { Database } from '../storage/schema.js';
import { followupsForExport, type FollowupFilter } from './followup-queries.js';

/** The columns of the export, in order: the queue's fields, no comment nor free text of the outcome. */
export const EXPORT_COLUMNS = [
  'id', 'state', 'hot', 'hot_reasons', 'score', 'customer_id', 'customer_number', 'customer_name', 'team_id', 'assignee_id', 'opened_at', 'due_at',
  'deadline', 'attempts', 'first_attempt_at', 'reached_at', 'closed_at', 'resolution', 'escalated_at',
] as const;

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/**
 * The follow-ups of a filter as CSV (at most `max`), with the same filters and reach as the list;
 * every customer exported is a read in the audit trail.
 */
export async function followupsCsv(db: Kysely<Database>, filter: Omit<FollowupFilter, 'cursor' | 'limit'>, actor: Actor, max = 10_000): Promise<string> {
  const items = await followupsForExport(db, filter, actor, max);
  return toCsv(
    items.map((f) => ({
      id: f.id, state: f.state, hot: f.hot, hot_reasons: f.hotReasons.join(' '), score: f.score, customer_id: f.customer.id, customer_number: f.customer.customerNumber,
      customer_name: f.customer.name, team_id: f.teamId ?? '', assignee_id: f.assigneeId ?? '', opened_at: iso(f.openedAt), due_at: iso(f.dueAt),
      deadline: f.deadline ?? '', attempts: f.attempts, first_attempt_at: iso(f.firstAttemptAt), reached_at: iso(f.reachedAt), closed_at: iso(f.closedAt),
      resolution: f.resolution ?? '', escalated_at: iso(f.escalatedAt),
    })),
    EXPORT_COLUMNS,
  );
}
