import type { Kysely } from 'kysely';
import { can, type Actor } from '../auth/policies.js';
import { caseTransition, openCase, transition } from '../cases/case-service.js';
import { activeCause, UNKNOWN_CAUSE } from '../causes/cause-tree.js';
import type { ActionStep } from '../contract/actions.js';
import { formatDay, localDay, parseDay } from '../shared/calendar.js';
import { DomainError, forbidden, invalid } from '../shared/errors.js';
import type { ActionMeasure, ActionTable, Database } from '../storage/schema.js';
import { ACTION } from './action-kind.js';
import { defaultDirection, measureAction } from './action-measures.js';
import { assertEditable, dueAtOf, loadAction, type ActionRecord } from './action-store.js';

/**
 * Improvement actions (docs/improvement.md, "Improvement actions"): created on one or more causes,
 * edited, and moved through their lifecycle (action-kind.ts) in one transaction each; verifying is
 * allowed only when the measured effect is significant in the intended direction, or by an override
 * with its reason.
 */

/** What an action is created with (POST /actions). */
export interface NewAction {
  title: string;
  description: string;
  causeCodes: string[];
  targetText?: string | undefined;
  targetMeasure?: ActionMeasure | undefined;
  targetDirection?: 'decrease' | 'increase' | undefined;
  targetValue?: number | null | undefined;
  departmentCode?: string | undefined;
  ownerId?: string | undefined;
  /** YYYY-MM-DD */
  dueDate: string;
  /** ms; default now */
  proposedAt?: number | undefined;
  beforeWeeks?: number | undefined;
  afterWeeks?: number | undefined;
}

/** What an edit may change (PATCH /actions/{id}). */
export type ActionChanges = Partial<Omit<NewAction, 'proposedAt'>> & { expectedVersion?: number | undefined; reason?: string | undefined };

/** What a step of the lifecycle carries. */
export interface StepInput {
  reason?: string | undefined;
  expectedVersion?: number | undefined;
  /** done: when (ms; default now) */
  doneAt?: number | undefined;
  /** verify: without a significant effect */
  override?: boolean | undefined;
}

export interface Clock {
  now?: number | undefined;
}

const DEFAULT_WEEKS = 8;

/** Runs `work` in the caller's transaction, or in one of its own. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The next reference of the year (Europe/Luxembourg) of `at`: `ACT-2026-0042`; one upsert, never the same number twice. */
export async function nextActionReference(db: Kysely<Database>, at: number): Promise<string> {
  const year = Math.floor(localDay(at) / 10_000);
  const { last } = await db
    .insertInto('action_sequences')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('action_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `ACT-${year}-${String(last).padStart(4, '0')}`;
}

/** The causes, checked: active, known, not `unknown`; each once. */
async function checkedCauses(db: Kysely<Database>, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) throw invalid('causeCodes', 'must name at least one cause', 'required');
  if (unique.includes(UNKNOWN_CAUSE)) throw invalid('causeCodes', 'cannot hold "unknown": an action addresses a cause that was found', 'unknown-cause-not-allowed');
  return Promise.all(unique.map((code) => activeCause(db, code, 'causeCodes')));
}

async function checkedDepartment(db: Kysely<Database>, code: string): Promise<string> {
  const found = await db.selectFrom('departments').select('active').where('code', '=', code).executeTakeFirst();
  if (!found || Number(found.active) !== 1) throw invalid('departmentCode', `"${code}" is not an active department (GET /api/v1/departments lists them)`, 'inactive-department', { code });
  return code;
}

/** The person in charge: an active user who reads actions. Answers their team. */
async function checkedOwner(db: Kysely<Database>, id: string): Promise<{ id: string; teamId: string | null }> {
  const user = await db.selectFrom('users').select(['id', 'role', 'team_id', 'active', 'display_name']).where('id', '=', id).executeTakeFirst();
  if (!user || Number(user.active) !== 1) throw invalid('ownerId', 'is not an active user', 'inactive-user');
  const reads = can({ kind: 'user', id: user.id, role: user.role, displayName: user.display_name, teamId: user.team_id, language: 'fr' }, 'action.read');
  if (!reads) throw invalid('ownerId', `is a ${user.role}, who does not work on improvement actions (team leads, quality coaches, CX managers, admins do)`, 'role-not-allowed', { role: user.role });
  return { id: user.id, teamId: user.team_id };
}

function checkedDueDay(value: string, notBefore: number): number {
  const day = parseDay(value);
  if (day === null) throw invalid('dueDate', `must be a date as YYYY-MM-DD, not "${value}"`, 'invalid-format', { format: 'date' });
  if (day < notBefore) throw invalid('dueDate', `must not be before the action was proposed (${formatDay(notBefore)})`, 'before-proposal', { proposed: formatDay(notBefore) });
  return day;
}

const MEASURE_LABEL: Record<ActionMeasure, string> = { complaint_rate: 'complaint rate', nps: 'NPS', repeat_rate: 'repeat-contact rate' };

/**
 * Creates an action in its initial state (proposed) on one or more causes, with its reference. The
 * department defaults to the first cause's, the person in charge to the creator, the target to the
 * complaint rate going down, the windows to 8 weeks. Refused (400, naming the field, nothing written):
 * an inactive or unknown cause, a department or owner that cannot take it, a due date before it was
 * proposed, a proposal in the future.
 */
export async function createAction(db: Kysely<Database>, input: NewAction, actor: Actor, clock: Clock = {}): Promise<{ id: string; reference: string }> {
  const now = clock.now ?? Date.now();
  const proposedAt = input.proposedAt ?? now;
  if (proposedAt > now) throw invalid('proposedAt', 'must not be in the future', 'in-future');
  return inTransaction(db, async (trx) => {
    const causes = await checkedCauses(trx, input.causeCodes);
    const departmentCode = input.departmentCode ?? causes[0]!.departmentCode;
    if (!departmentCode) throw invalid('departmentCode', `is required: the cause "${causes[0]!.code}" has no department`, 'required');
    await checkedDepartment(trx, departmentCode);
    if (input.ownerId === undefined && actor.kind !== 'user') throw invalid('ownerId', 'is required when a system creates an action', 'required');
    const owner = await checkedOwner(trx, input.ownerId ?? actor.id);
    const dueDay = checkedDueDay(input.dueDate, localDay(proposedAt));
    const measure = input.targetMeasure ?? 'complaint_rate';
    const reference = await nextActionReference(trx, now);
    const opened = await openCase(
      trx, ACTION,
      { teamId: owner.teamId, assigneeId: owner.id, openedAt: proposedAt, at: now, dueAt: dueAtOf(dueDay), data: { reference, causes: causes.map((c) => c.code) } },
      actor,
    );
    const row: ActionTable = {
      case_id: opened.id, reference, title: input.title, description: input.description, target_text: input.targetText ?? '', target_measure: measure,
      target_direction: input.targetDirection ?? defaultDirection(measure), target_value: input.targetValue ?? null, department_code: departmentCode,
      owner_id: owner.id, due_day: dueDay, done_at: null, before_weeks: input.beforeWeeks ?? DEFAULT_WEEKS, after_weeks: input.afterWeeks ?? DEFAULT_WEEKS,
      verified_by_override: 0, created_at: now, updated_at: now,
    };
    await trx.insertInto('actions').values(row).execute();
    await trx.insertInto('action_causes').values(causes.map((c) => ({ action_id: opened.id, cause_code: c.code }))).execute();
    return { id: opened.id, reference };
  });
}

/**
 * Changes an action's fields while it is open (an `edit` event naming the fields that changed); a new
 * person in charge takes the case, with their team. Nothing given, nothing changed: no event.
 */
export async function editAction(db: Kysely<Database>, id: string, changes: ActionChanges, actor: Actor, clock: Clock = {}): Promise<ActionRecord> {
  const now = clock.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const action = await loadAction(trx, id);
    assertEditable(actor, action);
    const set: Partial<ActionTable> = {};
    if (changes.title !== undefined) set.title = changes.title;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.targetText !== undefined) set.target_text = changes.targetText;
    if (changes.targetMeasure !== undefined) {
      set.target_measure = changes.targetMeasure;
      if (changes.targetDirection === undefined) set.target_direction = defaultDirection(changes.targetMeasure);
    }
    if (changes.targetDirection !== undefined) set.target_direction = changes.targetDirection;
    if (changes.targetValue !== undefined) set.target_value = changes.targetValue;
    if (changes.departmentCode !== undefined) set.department_code = await checkedDepartment(trx, changes.departmentCode);
    const owner = changes.ownerId !== undefined && changes.ownerId !== action.row.owner_id ? await checkedOwner(trx, changes.ownerId) : undefined;
    if (owner) set.owner_id = owner.id;
    if (changes.dueDate !== undefined) set.due_day = checkedDueDay(changes.dueDate, localDay(action.case.opened_at));
    if (changes.beforeWeeks !== undefined) set.before_weeks = changes.beforeWeeks;
    if (changes.afterWeeks !== undefined) set.after_weeks = changes.afterWeeks;
    const causes = changes.causeCodes === undefined ? undefined : (await checkedCauses(trx, changes.causeCodes)).map((c) => c.code).sort();
    const causesChanged = causes !== undefined && causes.join() !== action.causes.join();
    const fields = [
      ...Object.keys(set).filter((k) => (set as Record<string, unknown>)[k] !== (action.row as unknown as Record<string, unknown>)[k]),
      ...(causesChanged ? ['causes'] : []),
    ];
    if (fields.length === 0) return action;
    const dueAt = set.due_day !== undefined && action.case.state !== 'done' ? { dueAt: dueAtOf(set.due_day) } : {};
    await transition(trx, id, 'edit', actor, { reason: changes.reason ?? null, expectedVersion: changes.expectedVersion, at: now, data: { fields }, ...dueAt });
    await trx.updateTable('actions').set({ ...set, updated_at: now }).where('case_id', '=', id).execute();
    if (owner) await trx.updateTable('cases').set({ assignee_id: owner.id, team_id: owner.teamId }).where('id', '=', id).execute();
    if (causesChanged) {
      await trx.deleteFrom('action_causes').where('action_id', '=', id).execute();
      await trx.insertInto('action_causes').values(causes!.map((cause_code) => ({ action_id: id, cause_code }))).execute();
    }
    return loadAction(trx, id);
  });
}

/**
 * Takes a step of the lifecycle. `done` records when (default now; not in the future, not before the
 * action was proposed) and clears the deadline; `verify` measures the effect now and is refused (409
 * `effect-not-significant`) unless the target's measure changed significantly in the intended
 * direction, or the caller overrides it (`action.verify-override`, with the reason); `reopen` forgets
 * the done date and sets the deadline again. The case machine refuses a step its state does not allow.
 */
export async function stepAction(db: Kysely<Database>, id: string, step: ActionStep, input: StepInput, actor: Actor, clock: Clock = {}): Promise<ActionRecord> {
  const now = clock.now ?? Date.now();
  return inTransaction(db, async (trx) => {
    const action = await loadAction(trx, id);
    assertEditable(actor, action);
    if (step === 'approve' && !can(actor, 'action.edit')) throw forbidden('Only a CX manager approves an improvement action');
    const options = { reason: input.reason ?? null, expectedVersion: input.expectedVersion, at: now };
    // the state, the version and the reason first: a step its state refuses is refused as such, whatever else it carries
    caseTransition(action.case, step, actor, options);
    const set: Partial<ActionTable> = {};
    let data: Record<string, unknown> = {};
    let dueAt: number | null | undefined;
    if (step === 'done') {
      const doneAt = input.doneAt ?? now;
      if (doneAt > now) throw invalid('doneAt', 'must not be in the future', 'in-future');
      if (doneAt < action.case.opened_at) throw invalid('doneAt', `must not be before the action was proposed (${new Date(action.case.opened_at).toISOString()})`, 'before-proposal', { proposed: new Date(action.case.opened_at).toISOString() });
      set.done_at = doneAt;
      data = { doneAt: new Date(doneAt).toISOString() };
      dueAt = null;
    }
    if (step === 'verify') {
      const r = action.row;
      const effect = await measureAction(
        trx,
        { state: action.case.state, causes: action.causes, doneAt: r.done_at, beforeWeeks: r.before_weeks, afterWeeks: r.after_weeks, target: { measure: r.target_measure, direction: r.target_direction, value: r.target_value } },
        now,
      );
      const target = effect.measures.find((m) => m.measure === r.target_measure);
      const verdict = target?.verdict ?? 'pending';
      if (!effect.verifiable) {
        if (!input.override) {
          throw new DomainError(
            409, 'effect-not-significant',
            `The ${MEASURE_LABEL[r.target_measure]} has not changed significantly in the intended direction (${verdict}): wait for more data, or verify by override with the reason`,
            [], { measure: r.target_measure, verdict },
          );
        }
        if (!can(actor, 'action.verify-override')) throw forbidden('Only a CX manager verifies an action whose effect is not significant');
        if (!input.reason?.trim()) throw invalid('reason', 'is required to verify by override', 'required');
        set.verified_by_override = 1;
      }
      data = { override: !effect.verifiable, verdict, ...(target?.difference ? { difference: target.difference.value, pValue: target.difference.pValue } : {}) };
    }
    if (step === 'reopen') {
      set.done_at = null;
      set.verified_by_override = 0;
      dueAt = dueAtOf(action.row.due_day);
    }
    await transition(trx, id, step, actor, { ...options, data, ...(dueAt !== undefined ? { dueAt } : {}) });
    await trx.updateTable('actions').set({ ...set, updated_at: now }).where('case_id', '=', id).execute();
    return loadAction(trx, id);
  });
}
