import type { Kysely, Selectable } from 'kysely';
import { findCase, type CaseRow } from '../cases/case-service.js';
import { notFound } from '../shared/errors.js';
import type { Database, FollowupTable } from '../storage/schema.js';
import { FOLLOWUP } from './followup-kind.js';

/** A follow-up row with its numbers as numbers (PostgreSQL gives bigint columns as strings). */
export function followupRow(row: Selectable<FollowupTable>): Selectable<FollowupTable> {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...row,
    score: Number(row.score), opened_at: Number(row.opened_at), deadline_at: Number(row.deadline_at), attempts: Number(row.attempts),
    not_reached: Number(row.not_reached), first_attempt_at: n(row.first_attempt_at), reached_at: n(row.reached_at), escalated_at: n(row.escalated_at),
  };
}

/** A follow-up's case and its own row, or a 404. */
export async function followupOf(db: Kysely<Database>, id: string): Promise<{ found: CaseRow; followup: Selectable<FollowupTable> }> {
  const found = await findCase(db, id);
  const row = found?.kind === FOLLOWUP.kind ? await db.selectFrom('followups').selectAll().where('case_id', '=', id).executeTakeFirst() : undefined;
  if (!found || !row) throw notFound('No follow-up has this id');
  return { found, followup: followupRow(row) };
}

