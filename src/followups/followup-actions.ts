import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { type ActionCodingRules, causeOfAction, codeSubject, refreshCoding } from '../causes/cause-coding.js';
import { assignCases, personOf, transition, type CaseActor, type CaseEvent, type CaseRow, type DueAt, type TransitionOptions } from '../cases/case-service.js';
import { enqueue } from '../jobs/outbox.js';
import { businessDeadline, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { DomainError, invalid } from '../shared/errors.js';
import type { Database, FollowupTable } from '../storage/schema.js';
import { assertMayAssign, assertWithinScope } from './followup-access.js';
import { escalateToComplaint, type ComplaintRequest } from './followup-complaint.js';
import { FOLLOWUP, PERSON_ACTIONS, type FollowupAction } from './followup-kind.js';
import { hotAlertRef } from './followup-opening.js';
import { followupRules, type FollowupRules } from './followup-rules.js';
import { followupOf } from './followup-store.js';
import { followupCodingSubject } from './followup-coding.js';

/** What an action on a follow-up may carry beside its reason (a note, the text of a comment). */
export interface FollowupActionInput {
  reason?: string | null | undefined;
  /** the version the caller saw (409 case-version-conflict when it changed since) */
  expectedVersion?: number | undefined;
  /** attempt: whether the customer was reached */
  reached?: boolean | undefined;
  /** attempt: when the call was made (default now) */
  at?: number | undefined;
  /** close: the cause as the customer sees it, its category, what was done */
  cause?: string | undefined;
  causeCategory?: string | undefined;
  actionTaken?: string | undefined;
  /** close: the follow-up becomes a complaint */
  complaint?: ComplaintRequest | undefined;
  /** assign, transfer */
  assigneeId?: string | null | undefined;
  teamId?: string | undefined;
  /** code-cause (required), close: the root cause from the tree; unknown with its reason */
  causeCode?: string | undefined;
  unknownReason?: string | undefined;
  suggestedCauses?: readonly string[] | undefined;
}

/** The actions that take a root cause (optional on a follow-up, required to code one). */
const CODING_ACTIONS = ['code-cause', 'close'];
const TO_CODE = 'is required: the root cause from the tree (GET /api/v1/causes), or "unknown" with unknownReason';

/** Which actions take a root cause and whether this one requires it: only `code-cause` does, a close may. */
export function followupCodingRules(action: string): ActionCodingRules {
  return { takenBy: CODING_ACTIONS, required: action === 'code-cause' ? TO_CODE : false };
}

export interface ClockOptions {
  now?: number;
  cal?: BusinessCalendar;
}

function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

const badInput = (field: string, reason: string, message: string, code = 'invalid') => new DomainError(400, 'invalid-input', message, [{ field, reason, code }]);

/** An active user who may hold a follow-up of the team (a reader of every team may name anyone active), or a 400. */
async function checkAssignee(db: Kysely<Database>, userId: string, teamId: string | null, actor: Actor | undefined): Promise<void> {
  const user = await db.selectFrom('users').select(['team_id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || Number(user.active) !== 1) throw badInput('assigneeId', 'no active user has this id', `assigneeId: no active user has id ${userId}`, 'inactive-user');
  const anyone = actor === undefined || actor.role === 'cx_manager' || actor.role === 'admin';
  if (!anyone && user.team_id !== teamId && userId !== actor.id) {
    throw badInput('assigneeId', "not a member of the follow-up's team", "assigneeId: the person is not a member of the follow-up's team", 'not-in-team');
  }
}

/**
 * Takes an action on a follow-up (docs/followups.md, "Closing the loop") in one transaction: the
 * case's transition and its event, the follow-up's own counters and outcome, the complaint it
 * becomes, the live alert of a hot case given to someone. Refused (not allowed from the state,
 * missing input, out of the actor's reach): nothing written.
 *
 * - attempt (`reached`, optional `at` and note): the first moves the case in progress;
 * - close: reached → needs the cause; never reached → allowed after the rules' number of attempts
 *   not reached (409 `followup-not-reached` before), and closes as unreachable; `complaint` turns it
 *   into a complaint (once);
 * - cancel, reopen (a new deadline from now), pause, resume, comment; assign and transfer (team
 *   leads and CX managers); `escalate` is Ecoute's own (a person naming it: 400 unknown-case-action).
 */
export async function actOnFollowup(
  db: Kysely<Database>,
  id: string,
  action: FollowupAction | string,
  input: FollowupActionInput,
  actor: CaseActor,
  options: ClockOptions = {},
): Promise<{ case: CaseRow; event: CaseEvent }> {
  const now = options.now ?? Date.now();
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  return inTransaction(db, async (trx) => {
    const { found, followup } = await followupOf(trx, id);
    const person = personOf(actor);
    if (person) assertWithinScope(person, { ...found, escalated_to: followup.escalated_to });
    const rules = await followupRules(trx);
    const step = followupStep(found, followup, action, input, person, rules, { now, cal });
    if (action === 'assign' || action === 'transfer') {
      if (person) assertMayAssign(person);
      if (action === 'transfer' && input.teamId && !(await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst())) {
        throw badInput('teamId', 'no team has this id', `teamId: no team has id ${input.teamId}`, 'unknown-team');
      }
      if (input.assigneeId) await checkAssignee(trx, input.assigneeId, action === 'transfer' ? (input.teamId ?? null) : found.team_id, person);
    }
    if (step.complaint && input.complaint && person) {
      const complaint = await escalateToComplaint(
        trx,
        { caseId: found.id, partyId: found.party_id!, interactionId: followup.interaction_id, teamId: found.team_id, cause: step.changes.cause ?? null },
        { ...input.complaint, description: step.complaint.description },
        person,
        now,
      );
      becameComplaint(step, complaint.id);
    }

    const coding = await causeOfAction(trx, { kind: 'followup', id }, action, input, followupCodingRules(action));
    if (coding) Object.assign(step.options.data, coding.data);

    const done = await transition(trx, id, action, actor, step.options);
    const { changes } = step;
    if (Object.keys(changes).length > 0) await trx.updateTable('followups').set(changes).where('case_id', '=', id).execute();
    const subject = await followupCodingSubject(trx, id);
    if (coding) await codeSubject(trx, subject, { ...coding.choice, suggested: input.suggestedCauses }, actor, now);
    else await refreshCoding(trx, subject);
    const given = done.case.assignee_id !== null && done.case.assignee_id !== found.assignee_id;
    if (done.case.hot === 1 && done.case.closed_at === null && given) await enqueue(trx, 'followup.hot', hotAlertRef(id, done.case.version), Date.now());
    return done;
  });
}

/** What an action does to a follow-up beside its case's transition, and the complaint it asks for. */
export interface FollowupStep {
  /** the options of the case's transition: its time, reason, the deadline after it, what its event records */
  options: TransitionOptions & { data: Record<string, unknown> };
  /** the follow-up's own changes: counters, the outcome */
  changes: Partial<FollowupTable>;
  /** close with `complaint`: the complaint to record (its description), checked */
  complaint?: { description: string };
}

/**
 * What an action does to a follow-up, without reading or writing anything (docs/followups.md,
 * "Closing the loop"): an attempt counted, the outcome of a close checked (reached and its cause, or
 * unreachable after the rules' attempts; the complaint it becomes), a cancel, a reopening with its new
 * deadline. Throws for an action the actor may not name, missing input, a close too early. The case's
 * own refusals (the state, what the action requires) come with its transition.
 */
export function followupStep(
  found: CaseRow,
  followup: Selectable<FollowupTable>,
  action: string,
  input: FollowupActionInput,
  person: Actor | undefined,
  rules: Pick<FollowupRules, 'unreachableAfter' | 'deadlineDays' | 'hotDeadlineDays'>,
  options: { now: number; cal?: BusinessCalendar },
): FollowupStep {
  const { now } = options;
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  const actions: readonly string[] = person ? PERSON_ACTIONS : FOLLOWUP.actions;
  if (!actions.includes(action)) {
    throw new DomainError(400, 'unknown-case-action', `A follow-up has no action "${action}"`, [{ field: 'action', reason: `is not one of ${actions.join(', ')}` }], { action, kind: FOLLOWUP.kind });
  }
  const changes: Partial<FollowupTable> = {};
  const data: Record<string, unknown> = {};
  let at = now;
  let dueAt: DueAt | undefined;
  let complaint: FollowupStep['complaint'];

  if (action === 'attempt') {
    if (input.reached === undefined) throw invalid('reached', 'is required to record an attempt: true when the customer was reached, false when not', 'required');
    at = input.at ?? now;
    if (at < found.opened_at) throw invalid('at', 'is before the follow-up opened', 'before-opening');
    if (at > now + 60_000) throw invalid('at', 'is in the future', 'in-future');
    data.reached = input.reached;
    changes.attempts = followup.attempts + 1;
    changes.not_reached = followup.not_reached + (input.reached ? 0 : 1);
    changes.first_attempt_at = Math.min(followup.first_attempt_at ?? at, at);
    if (input.reached) changes.reached_at = Math.min(followup.reached_at ?? at, at);
  }
  if (action === 'close') {
    Object.assign(changes, closing(followup, input, rules.unreachableAfter));
    if (input.complaint) complaint = { description: complaintDescription(followup, input, person, changes.cause ?? null) };
  }
  if (action === 'cancel') changes.resolution = 'cancelled';
  if (action === 'reopen') {
    dueAt = businessDeadline(now, found.hot === 1 ? rules.hotDeadlineDays : rules.deadlineDays, cal);
    Object.assign(changes, { resolution: null, cause: null, cause_category: null, action_taken: null, escalated_at: null, escalated_to: null });
  }
  if (changes.resolution) Object.assign(data, outcomeData(changes));
  return {
    options: {
      reason: input.reason ?? null, data, at, cal,
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
    },
    changes,
    ...(complaint ? { complaint } : {}),
  };
}

/** A close that became a complaint: the complaint's id on the follow-up and on the close event (after the outcome it records). */
export function becameComplaint(step: FollowupStep, complaintId: string): void {
  step.changes.complaint_id = complaintId;
  step.options.data.complaintId = complaintId;
}

/** The close event's record of the outcome. */
function outcomeData(changes: Partial<FollowupTable>): Record<string, unknown> {
  const entries = Object.entries({
    resolution: changes.resolution, cause: changes.cause, causeCategory: changes.cause_category, actionTaken: changes.action_taken, complaintId: changes.complaint_id,
  });
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== null));
}

const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** The outcome a close records, checked: reached and its cause, or unreachable after enough attempts. */
function closing(followup: Selectable<FollowupTable>, input: FollowupActionInput, unreachableAfter: number): Partial<FollowupTable> {
  const cause = text(input.cause);
  const changes: Partial<FollowupTable> = { cause, cause_category: text(input.causeCategory), action_taken: text(input.actionTaken) };
  if (followup.reached_at !== null) {
    if (cause === null) throw invalid('cause', 'is required to close: the cause as the customer sees it', 'required');
    changes.resolution = 'reached';
  } else if (followup.not_reached >= unreachableAfter) {
    changes.resolution = 'unreachable';
  } else {
    throw new DomainError(
      409, 'followup-not-reached', `The customer was not reached: record the call that reaches them, or ${unreachableAfter} attempts not reached to close as unreachable`,
      [], { attempts: followup.not_reached, required: unreachableAfter },
    );
  }
  return changes;
}

/** The description of the complaint a close asks for, checked: recorded by a person, once, in the customer's words or the cause. */
function complaintDescription(followup: Selectable<FollowupTable>, input: FollowupActionInput, person: Actor | undefined, cause: string | null): string {
  if (!person) throw invalid('complaint', 'is recorded by a person');
  if (followup.complaint_id !== null) throw new DomainError(409, 'followup-already-complaint', 'This follow-up already became a complaint', [], { complaintId: followup.complaint_id });
  const description = text(input.complaint?.description) ?? cause;
  if (description === null) throw invalid('complaint.description', 'is required when no cause is recorded: the complaint in the customer’s words', 'required');
  return description;
}

/**
 * Assigns follow-ups to one person (null: back to the team queue), all or none: each must be within
 * the actor's reach, and the person may hold each (a member of its team, unless a CX manager
 * assigns). Hot ones are pushed to the new assignee.
 */
export async function assignFollowups(db: Kysely<Database>, ids: readonly string[], assigneeId: string | null, actor: Actor, reason?: string): Promise<CaseRow[]> {
  assertMayAssign(actor);
  return inTransaction(db, async (trx) => {
    for (const id of new Set(ids)) {
      const { found, followup } = await followupOf(trx, id);
      assertWithinScope(actor, { ...found, escalated_to: followup.escalated_to });
      if (assigneeId !== null) await checkAssignee(trx, assigneeId, found.team_id, actor);
    }
    const assigned = await assignCases(trx, ids, assigneeId, actor, reason);
    for (const c of assigned) if (c.hot === 1 && c.assignee_id !== null) await enqueue(trx, 'followup.hot', hotAlertRef(c.id, c.version), Date.now());
    return assigned;
  });
}
