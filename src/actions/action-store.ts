import type { Kysely } from 'kysely';
import { actionScope, mayEditAction, type Actor } from '../auth/policies.js';
import { caseRow, type CaseRow } from '../cases/case-service.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { DomainError, forbidden } from '../shared/errors.js';
import type { ActionTable, Database } from '../storage/schema.js';
import type { ActionState } from './action-kind.js';

/**
 * An improvement action as stored (docs/improvement.md, "Improvement actions"): its case, its own row
 * and its causes; who may read and change it (`actionScope`, `mayEditAction` of src/auth/policies.ts).
 */
export interface ActionRecord {
  case: CaseRow & { state: ActionState };
  row: ActionTable;
  /** the causes it addresses, as given (their subtrees are added where the effect is measured) */
  causes: string[];
}

/** A stored row with its times and numbers as numbers (PostgreSQL gives bigint columns as strings). */
export function actionRow(r: ActionTable): ActionTable {
  return {
    ...r,
    target_value: r.target_value === null ? null : Number(r.target_value),
    due_day: Number(r.due_day),
    done_at: r.done_at === null ? null : Number(r.done_at),
    before_weeks: Number(r.before_weeks),
    after_weeks: Number(r.after_weeks),
    verified_by_override: Number(r.verified_by_override) as 0 | 1,
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
  };
}

/** The causes of some actions, by action id, in code order. */
export async function causesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('action_causes').select(['action_id', 'cause_code']).where('action_id', 'in', ids).orderBy('cause_code').execute();
  for (const r of rows) out.get(r.action_id)?.push(r.cause_code);
  return out;
}

/** An action, or 404. */
export async function loadAction(db: Kysely<Database>, id: string): Promise<ActionRecord> {
  const row = await db.selectFrom('actions').selectAll().where('case_id', '=', id).executeTakeFirst();
  const found = row && (await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst());
  if (!row || !found) throw new DomainError(404, 'not-found', 'No improvement action has this id (GET /api/v1/actions lists them)');
  return { case: caseRow(found) as ActionRecord['case'], row: actionRow(row), causes: (await causesOf(db, [id])).get(id)! };
}

/** Whether the action is within the actor's reach: every action, or those of their team and their own. */
export function withinScope(actor: Actor, action: Pick<ActionRecord, 'case' | 'row'>): boolean {
  const scope = actionScope(actor);
  return scope.actions === 'all' || action.row.owner_id === scope.userId || (scope.teamId !== null && action.case.team_id === scope.teamId);
}

/** 403 for an action of another team. */
export function assertReadable(actor: Actor, action: ActionRecord): void {
  if (!withinScope(actor, action)) throw forbidden("This improvement action is another team's: a CX manager or its owner can read it");
}

/** 403 unless the actor may change the action: a CX manager or an admin, or the person in charge of it. */
export function assertEditable(actor: Actor, action: ActionRecord): void {
  assertReadable(actor, action);
  if (!mayEditAction(actor, { ownerId: action.row.owner_id })) {
    throw forbidden('Only a CX manager or the person in charge of this action changes it');
  }
}

/** When an action due on `day` is late: the end of that day (Europe/Luxembourg). */
export function dueAtOf(day: number): number {
  return dayStart(addDays(day, 1));
}
