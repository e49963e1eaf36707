import type { Kysely } from 'kysely';
import { actionScope, can, mayEditAction, type Actor } from '../auth/policies.js';
import { allowedActions } from '../cases/case-kinds.js';
import { caseRow, caseTimeline, type CaseEvent } from '../cases/case-service.js';
import { listCauses, listDepartments, type Cause } from '../causes/cause-tree.js';
import { ACTION_STEPS, type ActionStep } from '../contract/actions.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { ROLES } from '../shared/roles.js';
import { DomainError, invalid } from '../shared/errors.js';
import type { ActionTable, Database, EvidenceKind } from '../storage/schema.js';
import type { Language } from '../shared/languages.js';
import { ACTION, type ActionState } from './action-kind.js';
import { causeScope, causeTree, fadedOf, measureAction, type ActionEffect, type EffectSubject } from './action-measures.js';
import { actionRow, assertReadable, causesOf, dueAtOf, loadAction, type ActionRecord } from './action-store.js';

/** The board's reads of improvement actions: a page, the export, one action with its timeline, its effect. */

export interface ActionSummary {
  id: string;
  reference: string;
  title: string;
  state: ActionState;
  causes: { code: string; label: string }[];
  departmentCode: string;
  departmentLabel: string;
  owner: { id: string; name: string | null };
  teamId: string | null;
  dueDay: number;
  overdue: boolean;
  proposedAt: number;
  doneAt: number | null;
  verifiedByOverride: boolean;
  /** null: not done, or not assessable yet */
  faded: boolean | null;
  version: number;
}

export interface EvidenceLink {
  id: string;
  kind: EvidenceKind;
  subjectId: string;
  /** a complaint's reference */
  label: string | null;
  addedAt: number;
}

export interface ActionDetail extends ActionSummary {
  description: string;
  target: { text: string; measure: ActionTable['target_measure']; direction: ActionTable['target_direction']; value: number | null };
  windows: { beforeWeeks: number; afterWeeks: number };
  evidence: EvidenceLink[];
  timeline: CaseEvent[];
  steps: ActionStep[];
  canEdit: boolean;
  canOverride: boolean;
}

export interface ActionFilter {
  states?: ActionState[] | undefined;
  /** actions on this cause or one under it */
  cause?: string | undefined;
  department?: string | undefined;
  ownerId?: string | undefined;
  now?: number | undefined;
}

/** The roles whose people may be in charge of an action: those who read actions (checkedOwner of action-service.ts asks the same). */
const OWNER_ROLES = ROLES.filter((role) => can({ kind: 'user', id: '', role, displayName: '', teamId: null, language: 'en' }, 'action.read'));

/** The states before done: an action in one of them past its due day is late. */
const NOT_DONE: readonly string[] = ['proposed', 'approved', 'in_progress'];

/** What the effect of an action is computed for. */
export function effectSubject(a: Pick<ActionRecord, 'case' | 'row' | 'causes'>): EffectSubject {
  const r = a.row;
  return {
    state: a.case.state, causes: a.causes, doneAt: r.done_at, beforeWeeks: r.before_weeks, afterWeeks: r.after_weeks,
    target: { measure: r.target_measure, direction: r.target_direction, value: r.target_value },
  };
}

async function summariesOf(db: Kysely<Database>, actions: ActionRecord[], language: Language, now: number): Promise<ActionSummary[]> {
  if (actions.length === 0) return [];
  const tree = await causeTree(db);
  const labels = new Map((await listCauses(db, language, true)).map((c) => [c.code, c.label]));
  const departments = new Map((await listDepartments(db, language, true)).map((d) => [d.code, d.label]));
  const owners = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(actions.map((a) => a.row.owner_id))]).execute();
  const names = new Map(owners.map((u) => [u.id, u.display_name]));
  const out: ActionSummary[] = [];
  for (const a of actions) {
    out.push({
      id: a.case.id, reference: a.row.reference, title: a.row.title, state: a.case.state,
      causes: a.causes.map((code) => ({ code, label: labels.get(code) ?? code })), departmentCode: a.row.department_code,
      departmentLabel: departments.get(a.row.department_code) ?? a.row.department_code,
      owner: { id: a.row.owner_id, name: names.get(a.row.owner_id) ?? null }, teamId: a.case.team_id, dueDay: a.row.due_day,
      overdue: NOT_DONE.includes(a.case.state) && now >= dueAtOf(a.row.due_day), proposedAt: a.case.opened_at, doneAt: a.row.done_at,
      verifiedByOverride: a.row.verified_by_override === 1, faded: await fadedOf(db, effectSubject(a), now, tree), version: a.case.version,
    });
  }
  return out;
}

/** Actions of a filter within the reader's reach, newest first (by when they were proposed), from a position, at most `limit`. */
async function selectActions(db: Kysely<Database>, filter: ActionFilter, actor: Actor, limit: number, cursor?: string): Promise<ActionRecord[]> {
  const scope = actionScope(actor);
  let q = db
    .selectFrom('actions')
    .innerJoin('cases', 'cases.id', 'actions.case_id')
    .selectAll('actions')
    .select(['cases.state', 'cases.team_id', 'cases.assignee_id', 'cases.opened_at', 'cases.due_at', 'cases.closed_at', 'cases.version', 'cases.updated_at as case_updated_at'])
    .orderBy('cases.opened_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit);
  if (scope.actions === 'team') {
    const { teamId, userId } = scope;
    q = q.where((eb) => eb.or([eb('actions.owner_id', '=', userId), ...(teamId !== null ? [eb('cases.team_id', '=', teamId)] : [])]));
  }
  if (filter.states?.length) q = q.where('cases.state', 'in', filter.states);
  if (filter.department) q = q.where('actions.department_code', '=', filter.department);
  if (filter.ownerId) q = q.where('actions.owner_id', '=', filter.ownerId);
  if (filter.cause) {
    const tree = await causeTree(db);
    if (!tree.some((c) => c.code === filter.cause)) throw invalid('cause', `"${filter.cause}" is not a cause (GET /api/v1/causes lists them)`);
    const codes = causeScope(tree, [filter.cause]).causes;
    q = q.where((eb) => eb.exists(eb.selectFrom('action_causes').select('action_causes.action_id').whereRef('action_causes.action_id', '=', 'actions.case_id').where('action_causes.cause_code', 'in', codes)));
  }
  if (cursor !== undefined) q = q.where(after('cases.opened_at', 'cases.id', parseBefore(cursor, 'cursor')));
  const rows = await q.execute();
  const causes = await causesOf(db, rows.map((r) => r.case_id));
  return rows.map((r) => ({
    row: actionRow(r),
    case: caseRow({
      id: r.case_id, kind: ACTION.kind, state: r.state, party_id: null, team_id: r.team_id, assignee_id: r.assignee_id, hot: 0, opened_at: r.opened_at,
      due_at: r.due_at, paused_at: null, paused_ms: 0, closed_at: r.closed_at, updated_at: r.case_updated_at, version: r.version,
    }) as ActionRecord['case'],
    causes: causes.get(r.case_id) ?? [],
  }));
}

/** A page of the actions of a filter within the reader's reach (team leads: their team's and their own), newest first. */
export async function listActions(db: Kysely<Database>, filter: ActionFilter & { cursor?: string | undefined; limit: number }, actor: Actor, language: Language = actor.language) {
  const rows = await selectActions(db, filter, actor, filter.limit + 1, filter.cursor);
  const page = pageOf(rows, filter.limit, (a) => [a.case.opened_at, a.case.id]);
  return { items: await summariesOf(db, page.items, language, filter.now ?? Date.now()), next: page.next };
}

/** Every action of a filter (at most `max`, else 422 `action-export-too-large`), for the export. */
export async function actionsForExport(db: Kysely<Database>, filter: ActionFilter, actor: Actor, max: number): Promise<ActionSummary[]> {
  const rows = await selectActions(db, filter, actor, max + 1);
  if (rows.length > max) throw new DomainError(422, 'action-export-too-large', `More than ${max} actions match: narrow the filters (a state, a cause, a department)`, [], { max });
  return summariesOf(db, rows, actor.language, filter.now ?? Date.now());
}

/** The steps of the lifecycle a reader may take on an action now. */
function stepsFor(actor: Actor, action: ActionRecord): ActionStep[] {
  if (!mayEditAction(actor, { ownerId: action.row.owner_id })) return [];
  const allowed = allowedActions(ACTION, action.case.state);
  return ACTION_STEPS.filter((s) => allowed.includes(s) && (s !== 'approve' || can(actor, 'action.edit')));
}

/** One action with its evidence links and timeline, within the reader's reach. */
export async function getAction(db: Kysely<Database>, id: string, actor: Actor, language: Language = actor.language, now = Date.now()): Promise<ActionDetail> {
  const action = await loadAction(db, id);
  assertReadable(actor, action);
  const [summary] = await summariesOf(db, [action], language, now);
  const evidence = await db
    .selectFrom('action_evidence')
    .leftJoin('complaints', (j) => j.onRef('complaints.case_id', '=', 'action_evidence.subject_id').on('action_evidence.subject_kind', '=', 'complaint'))
    .select(['action_evidence.id', 'action_evidence.subject_kind', 'action_evidence.subject_id', 'action_evidence.added_at', 'complaints.reference'])
    .where('action_evidence.action_id', '=', id)
    .orderBy('action_evidence.added_at')
    .orderBy('action_evidence.id')
    .execute();
  const r = action.row;
  return {
    ...summary!,
    description: r.description,
    target: { text: r.target_text, measure: r.target_measure, direction: r.target_direction, value: r.target_value },
    windows: { beforeWeeks: r.before_weeks, afterWeeks: r.after_weeks },
    evidence: evidence.map((e) => ({ id: e.id, kind: e.subject_kind, subjectId: e.subject_id, label: e.reference ?? null, addedAt: Number(e.added_at) })),
    timeline: await caseTimeline(db, id),
    steps: stepsFor(actor, action),
    canEdit: mayEditAction(actor, { ownerId: r.owner_id }) && allowedActions(ACTION, action.case.state).includes('edit'),
    canOverride: can(actor, 'action.verify-override'),
  };
}

/** The measured effect of an action now, within the reader's reach. */
export async function getActionEffect(db: Kysely<Database>, id: string, actor: Actor, now = Date.now(), tree?: readonly Cause[]): Promise<ActionEffect> {
  const action = await loadAction(db, id);
  assertReadable(actor, action);
  return measureAction(db, effectSubject(action), now, tree);
}

/** The people who may be put in charge of an action: active users whose role works on actions, by name. */
export async function actionOwners(db: Kysely<Database>): Promise<{ id: string; name: string; role: string; teamId: string | null }[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role', 'team_id']).where('active', '=', 1).where('role', 'in', OWNER_ROLES).orderBy('display_name').orderBy('id').execute();
  return rows.map((u) => ({ id: u.id, name: u.display_name, role: u.role, teamId: u.team_id }));
}
