import type { Kysely, Selectable } from 'kysely';
import { actorColumns, type CommandLineActor } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { ActorKind, CaseEventTable, CaseTable, Database } from '../storage/schema.js';
import { caseKind, isTerminal, OPENED, type CaseKind } from './case-kinds.js';

/** Who changes a case: a person, a system with a token, Ecoute itself, someone at the command line, or the customer in the customer app. */
export type CaseActor = Actor | 'system' | CommandLineActor | CustomerActor;

/** The person behind an actor (a user or a token), or undefined for Ecoute itself, the command line and the customer: whose reach a case is checked against. */
export function personOf(actor: CaseActor): Actor | undefined {
  return actor !== 'system' && !('cli' in actor) && actor.kind !== 'customer' ? actor : undefined;
}

/** A case as stored, times as numbers on both engines. */
export type CaseRow = Selectable<CaseTable>;

/** One event of a case's timeline. */
export interface CaseEvent {
  id: string;
  caseId: string;
  at: number;
  actorKind: ActorKind;
  actorId: string;
  /** the person's or token's name, where it still exists */
  actorName: string | null;
  action: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  data: Record<string, unknown> | null;
}

/**
 * The deadline that applies after an action: undefined keeps the case's, null clears it, a number
 * sets it, a function computes it from the case as the action leaves it (its state, its paused time).
 */
export type DueAt = number | null | ((after: CaseRow) => number | null);

export interface NewCase {
  id?: string;
  partyId?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  hot?: boolean;
  /** when the case began (a letter's date of receipt); default: when it is recorded */
  openedAt?: number;
  /** when it is recorded: the time of the opening event; default now */
  at?: number;
  dueAt?: number | null;
  reason?: string | null;
  /** recorded on the opening event */
  data?: Record<string, unknown>;
}

export interface TransitionOptions {
  /** why; required by some actions (rejecting, reopening), the text of a comment */
  reason?: string | null;
  /** recorded on the event beside what the action did itself */
  data?: Record<string, unknown>;
  /** the version the caller saw: a case changed since is refused (409 case-version-conflict) */
  expectedVersion?: number;
  /** assign and transfer: the new assignee (null: nobody) */
  assigneeId?: string | null;
  /** transfer: the team that takes the case */
  teamId?: string;
  dueAt?: DueAt;
  /** default now */
  at?: number;
  cal?: BusinessCalendar;
}

/** Runs `work` in the caller's transaction, or in one of its own when called outside any. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Reads a case (numbers as numbers: PostgreSQL gives bigint columns as strings). */
export async function findCase(db: Kysely<Database>, caseId: string): Promise<CaseRow | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  return row && caseRow(row);
}

/** A stored row with its times and counters as numbers. */
export function caseRow(row: CaseRow): CaseRow {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...row,
    hot: Number(row.hot) as 0 | 1,
    opened_at: Number(row.opened_at),
    due_at: n(row.due_at),
    paused_at: n(row.paused_at),
    paused_ms: Number(row.paused_ms),
    closed_at: n(row.closed_at),
    updated_at: Number(row.updated_at),
    version: Number(row.version),
  };
}

const json = (data: Record<string, unknown> | undefined) => (data && Object.keys(data).length > 0 ? JSON.stringify(data) : null);

/** A `case_events` row as stored. */
export type CaseEventRow = Selectable<CaseEventTable>;

/**
 * When a change is written and the id of the event it writes. By default the clock and a new id; a
 * history written in bulk (the demo's) gives the time each change would have been written and ids of its own.
 */
export interface Written {
  /** the case's `updated_at` (default: the clock) */
  writtenAt?: number;
  /** the event's id (default: a new one) */
  eventId?: string;
}

/**
 * The rows `openCase` writes, without writing them: the case in its kind's initial state and its
 * `opened` event. Throws (400) for a case without the customer its kind requires.
 */
export function caseOpening(kind: CaseKind, fields: NewCase, actor: CaseActor, written: Written = {}): { case: CaseRow; event: CaseEventRow } {
  if (!fields.partyId && !kind.partyOptional) throw invalid('partyId', `is required: a ${kind.kind} case is about a customer`, 'required');
  const at = fields.at ?? Date.now();
  const row: CaseRow = {
    id: fields.id ?? newId(),
    kind: kind.kind,
    state: kind.initial,
    party_id: fields.partyId ?? null,
    team_id: fields.teamId ?? null,
    assignee_id: fields.assigneeId ?? null,
    hot: fields.hot ? 1 : 0,
    opened_at: fields.openedAt ?? at,
    due_at: fields.dueAt ?? null,
    paused_at: null,
    paused_ms: 0,
    closed_at: null,
    updated_at: written.writtenAt ?? Date.now(),
    version: 1,
  };
  const event: CaseEventRow = {
    id: written.eventId ?? newId(), case_id: row.id, at, ...actorColumns(actor), action: OPENED, from_state: null, to_state: row.state,
    reason: fields.reason ?? null, data: json(fields.data),
  };
  return { case: row, event };
}

/**
 * Opens a case of a kind in its initial state and writes its `opened` event, in the caller's
 * transaction (or one of its own).
 */
export async function openCase(db: Kysely<Database>, kind: CaseKind | string, fields: NewCase, actor: CaseActor): Promise<CaseRow> {
  const opening = caseOpening(typeof kind === 'string' ? caseKind(kind) : kind, fields, actor);
  return inTransaction(db, async (trx) => {
    await trx.insertInto('cases').values(opening.case).execute();
    await trx.insertInto('case_events').values(opening.event).execute();
    return opening.case;
  });
}

/**
 * What an action does to a case, without reading or writing anything: checks that the case's kind
 * allows it from the case's state, with what it requires, and answers the case after it and the one
 * event that records it. A refused action throws: 409 `transition-not-allowed` ({action, state}),
 * `case-already-paused`, `case-not-paused`, `case-version-conflict`; 400 for an unknown action, a
 * missing reason, assignee or team.
 *
 * The clock: pausing records when; resuming adds the business time paused to `paused_ms` and moves
 * the deadline by as much. Leaving the state while paused resumes first.
 */
export function caseTransition(
  current: CaseRow,
  action: string,
  actor: CaseActor,
  options: TransitionOptions = {},
  written: Written = {},
): { case: CaseRow; event: CaseEventRow } {
  const kind = caseKind(current.kind);
  const rule = Object.hasOwn(kind.transitions, action) ? kind.transitions[action] : undefined;
  if (!rule) {
    throw new DomainError(400, 'unknown-case-action', `A ${kind.kind} has no action "${action}"`, [{ field: 'action', reason: `is not one of ${kind.actions.join(', ')}`, code: 'not-one-of', params: { options: kind.actions.join(', ') } }], { action, kind: kind.kind });
  }
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) throw versionConflict(options.expectedVersion, current.version);
  if (!rule.from.includes(current.state)) {
    throw new DomainError(409, 'transition-not-allowed', `A ${kind.kind} that is ${current.state} cannot be ${action}`, [], { action, state: current.state });
  }
  if (rule.effect === 'pause' && current.paused_at !== null) throw new DomainError(409, 'case-already-paused', 'The clock of this case is already paused', [], { action });
  if (rule.effect === 'resume' && current.paused_at === null) throw new DomainError(409, 'case-not-paused', 'The clock of this case is not paused', [], { action });
  const reason = options.reason?.trim() ? options.reason.trim() : null;
  for (const requirement of rule.requires ?? []) {
    if (requirement === 'reason' && reason === null) throw invalid('reason', `is required to ${action}`, 'required', { action });
    if (requirement === 'assignee' && options.assigneeId === undefined) throw invalid('assigneeId', `is required to ${action}`, 'required', { action });
    if (requirement === 'team' && !options.teamId) throw invalid('teamId', `is required to ${action}`, 'required', { action });
  }

  const at = options.at ?? Date.now();
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  const to = rule.to ?? current.state;
  const next: CaseRow = { ...current, state: to, updated_at: written.writtenAt ?? Date.now(), version: rule.keepsVersion ? current.version : current.version + 1 };
  const done: Record<string, unknown> = {};
  const leaving = to !== current.state || isTerminal(kind, to);
  if (current.paused_at !== null && (rule.effect === 'resume' || leaving)) {
    const paused = businessTimeBetween(current.paused_at, at, cal);
    next.paused_at = null;
    next.paused_ms = current.paused_ms + paused;
    if (next.due_at !== null) next.due_at = addBusinessTime(next.due_at, paused, cal);
    done.pausedMs = paused;
  }
  if (rule.effect === 'pause') next.paused_at = at;
  if (rule.effect === 'assign') done.assigneeId = next.assignee_id = options.assigneeId ?? null;
  if (rule.effect === 'transfer') {
    done.teamId = next.team_id = options.teamId ?? current.team_id;
    done.assigneeId = next.assignee_id = options.assigneeId ?? null;
  }
  const due = options.dueAt;
  if (due !== undefined) next.due_at = typeof due === 'function' ? due(next) : due;
  if (isTerminal(kind, to)) {
    next.closed_at = current.closed_at ?? at;
    next.due_at = null;
  } else {
    next.closed_at = null;
  }
  if (next.due_at !== current.due_at) done.dueAt = next.due_at;
  const event: CaseEventRow = {
    id: written.eventId ?? newId(), case_id: current.id, at, ...actorColumns(actor), action, from_state: current.state, to_state: to, reason,
    data: json({ ...options.data, ...done }),
  };
  return { case: next, event };
}

/**
 * Takes an action on a case, in the caller's transaction (or one of its own): `caseTransition`
 * decides (a refused action throws before anything is written), then the new state and exactly one
 * event are written.
 */
export async function transition(
  db: Kysely<Database>,
  caseId: string,
  action: string,
  actor: CaseActor,
  options: TransitionOptions = {},
): Promise<{ case: CaseRow; event: CaseEvent }> {
  return inTransaction(db, async (trx) => {
    const current = await findCase(trx, caseId);
    if (!current) throw new DomainError(404, 'not-found', 'No case has this id');
    const { case: next, event } = caseTransition(current, action, actor, options);
    const updated = await trx
      .updateTable('cases')
      .set({
        state: next.state, team_id: next.team_id, assignee_id: next.assignee_id, due_at: next.due_at, paused_at: next.paused_at,
        paused_ms: next.paused_ms, closed_at: next.closed_at, updated_at: next.updated_at, version: next.version,
      })
      .where('id', '=', caseId)
      .where('version', '=', current.version)
      .executeTakeFirst();
    // Another transaction changed the case between our read and this write (PostgreSQL; SQLite has one writer).
    if (Number(updated.numUpdatedRows) !== 1) throw versionConflict(current.version, next.version);
    await trx.insertInto('case_events').values(event).execute();
    return { case: next, event: eventOf({ ...event, actor_name: null }) };
  });
}

function versionConflict(expected: number, actual: number): DomainError {
  return new DomainError(409, 'case-version-conflict', 'The case was changed meanwhile: read it again before acting on it', [], { expected, actual });
}

/**
 * Assigns several cases to one person (null: back to the team), each through its kind's `assign`
 * action, all or none: a case that refuses fails the whole assignment. Answers the cases as they are.
 */
export async function assignCases(db: Kysely<Database>, ids: readonly string[], assigneeId: string | null, actor: CaseActor, reason?: string): Promise<CaseRow[]> {
  return inTransaction(db, async (trx) => {
    const assigned: CaseRow[] = [];
    for (const id of new Set(ids)) assigned.push((await transition(trx, id, 'assign', actor, { assigneeId, reason: reason ?? null })).case);
    return assigned;
  });
}

type EventRow = Selectable<Database['case_events']> & { actor_name: string | null };

function eventOf(row: EventRow): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    at: Number(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    fromState: row.from_state,
    toState: row.to_state,
    reason: row.reason,
    data: row.data === null ? null : (JSON.parse(row.data) as Record<string, unknown>),
  };
}

/** The events of a case, oldest first, with the names of who acted. */
export async function caseTimeline(db: Kysely<Database>, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.actor_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'case_events.actor_id')
    .selectAll('case_events')
    .select((eb) => eb.fn.coalesce('users.display_name', 'api_tokens.name').as('actor_name'))
    .where('case_events.case_id', '=', caseId)
    .orderBy('case_events.at')
    .orderBy('case_events.id')
    .execute();
  return rows.map(eventOf);
}
