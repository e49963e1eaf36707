import type { Kysely } from 'kysely';
import { auditCustomerReads } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { caseQueue } from '../cases/case-queue.js';
import { caseRow, findCase, transition, type CaseRow } from '../cases/case-service.js';
import type { CallbackActionName, CallbackState } from '../contract/callbacks.js';
import { invalid, notFound } from '../shared/errors.js';
import type { CallbackOutcome } from '../storage/schema-callbacks.js';
import type { Database } from '../storage/schema.js';
import { CALLBACK } from './callback-kind.js';

/** A callback as the team's queue shows it. */
export interface CallbackSummary {
  id: string;
  state: CallbackState;
  customer: { id: string; customerNumber: string; name: string };
  msisdn: string;
  slotStart: number;
  slotEnd: number;
  topic: string | null;
  attempts: number;
  outcome: CallbackOutcome | null;
  teamId: string | null;
  assigneeId: string | null;
  requestedAt: number;
  dueAt: number | null;
  doneAt: number | null;
}

/** Whose callbacks a reader works on: an administrator every team's (or their own team's when they have one), anyone else their team's. */
function teamOf(actor: Actor): string | null | 'all' {
  if (actor.teamId !== null) return actor.teamId;
  return actor.role === 'admin' ? 'all' : null;
}

/** The summaries of these cases, in their order; every customer shown is a read in the audit trail. */
async function summaries(db: Kysely<Database>, actor: Actor, cases: CaseRow[]): Promise<CallbackSummary[]> {
  if (cases.length === 0) return [];
  const rows = await db
    .selectFrom('callbacks as b')
    .innerJoin('lines as l', 'l.id', 'b.line_id')
    .innerJoin('cases as c', 'c.id', 'b.case_id')
    .innerJoin('parties as p', 'p.id', 'c.party_id')
    .select(['b.case_id', 'b.slot_start', 'b.slot_end', 'b.topic', 'b.attempts', 'b.outcome', 'b.done_at', 'l.msisdn', 'p.id as partyId', 'p.customer_number', 'p.display_name'])
    .where('b.case_id', 'in', cases.map((c) => c.id))
    .execute();
  const byId = new Map(rows.map((r) => [r.case_id, r]));
  const items = cases.flatMap((c): CallbackSummary[] => {
    const r = byId.get(c.id);
    if (!r) return [];
    return [{
      id: c.id, state: c.state as CallbackState, customer: { id: r.partyId, customerNumber: r.customer_number, name: r.display_name }, msisdn: r.msisdn,
      slotStart: Number(r.slot_start), slotEnd: Number(r.slot_end), topic: r.topic, attempts: Number(r.attempts), outcome: r.outcome, teamId: c.team_id,
      assigneeId: c.assignee_id, requestedAt: c.opened_at, dueAt: c.due_at, doneAt: r.done_at === null ? null : Number(r.done_at),
    }];
  });
  await auditCustomerReads(db, actor, [...new Set(items.map((i) => i.customer.id))], 'callbacks');
  return items;
}

/**
 * A page of the open callbacks of the reader's team (`team`) or taken by the reader (`mine`), by slot
 * (their deadline is the slot's end), through the queue of cases; every customer listed is an audited read.
 */
export async function listCallbacks(
  db: Kysely<Database>,
  actor: Actor,
  query: { tab: 'team' | 'mine'; cursor?: string | undefined; limit: number },
): Promise<{ items: CallbackSummary[]; next: string | null }> {
  const team = teamOf(actor);
  if (team === null && query.tab === 'team') return { items: [], next: null };
  const page = await caseQueue(db, {
    kind: CALLBACK.kind,
    teamId: query.tab === 'team' && team !== 'all' && team !== null ? team : undefined,
    assigneeId: query.tab === 'mine' ? actor.id : undefined,
    view: 'all',
    status: 'open',
    cursor: query.cursor,
    limit: query.limit,
  });
  return { items: await summaries(db, actor, page.items), next: page.next };
}

/** A callback within the reader's reach (their team's, or any for an administrator without a team); another is not found. */
async function reachable(db: Kysely<Database>, actor: Actor, id: string): Promise<CaseRow> {
  const found = await findCase(db, id);
  const team = teamOf(actor);
  if (!found || found.kind !== CALLBACK.kind || (team !== 'all' && found.team_id !== team)) throw notFound('No callback of your team has this id.');
  return found;
}

/**
 * What the team records on a callback, in one transaction: an `attempt` (a call made: `reached` closes it
 * as done, otherwise it stays open with one attempt more), `done` (closed, reached unless `reached` is
 * false: the team stopped trying) or `cancel` (with a note). The first to call or close an untaken
 * callback takes it. A closed one refuses every action (409 `transition-not-allowed`).
 */
export async function actOnCallback(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { action: CallbackActionName; reached?: boolean | undefined; note?: string | undefined },
  now = Date.now(),
): Promise<CallbackSummary> {
  const note = input.note?.trim() ? input.note.trim() : null;
  if (input.action === 'cancel' && note === null) throw invalid('note', 'is required to cancel a callback: say why', 'required');
  const after = await db.transaction().execute(async (trx) => {
    const current = await reachable(trx, actor, id);
    if (input.action !== 'cancel' && current.assignee_id === null && current.state === 'requested') {
      await transition(trx, id, 'take', actor, { assigneeId: actor.id, at: now });
    }
    const attempt = input.action === 'attempt';
    const reached = attempt ? input.reached === true : input.reached !== false;
    const closes = input.action !== 'attempt' || reached;
    const action = input.action === 'cancel' ? 'cancel' : closes ? 'done' : 'attempt';
    const done = await transition(trx, id, action, actor, { reason: note, at: now, data: input.action === 'cancel' ? {} : { attempt, reached } });
    const outcome: CallbackOutcome | null = input.action === 'cancel' ? 'cancelled' : closes ? (reached ? 'reached' : 'not_reached') : null;
    await trx
      .updateTable('callbacks')
      .set((eb) => ({ attempts: attempt ? eb('attempts', '+', 1) : eb.ref('attempts'), ...(closes ? { outcome, done_at: now } : {}) }))
      .where('case_id', '=', id)
      .execute();
    return caseRow(done.case);
  });
  const [summary] = await summaries(db, actor, [after]);
  return summary!;
}
