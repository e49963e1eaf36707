import { sql, type Kysely } from 'kysely';
import type { CommandLineActor } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import { type ActionCodingRules, causeOfAction, codeSubject, refreshCoding } from '../causes/cause-coding.js';
import { findCoding } from '../causes/cause-codings.js';
import { allowedActions } from '../cases/case-kinds.js';
import { assignCases, findCase, openCase, personOf, transition, type CaseActor, type CaseRow, type DueAt, type NewCase, type TransitionOptions } from '../cases/case-service.js';
import { enqueue, type Topic } from '../jobs/outbox.js';
import { addBusinessTime, businessDeadline, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { localDay } from '../shared/calendar.js';
import type { ComplaintChannel } from '../shared/channels.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { ComplaintTable, Database } from '../storage/schema.js';
import { assertMayAssign, assertWithinScope } from './complaint-access.js';
import { deadlinesOf, type Deadlines } from './complaint-categories.js';
import { complaintCodingSubject } from './complaint-coding.js';
import { recordComplaintFact } from './complaint-facts.js';
import { COMPLAINT, type ComplaintAction, type Outcome } from './complaint-kind.js';

/** What a person records when a customer complains (docs/complaints.md, "Intake"). */
export interface NewComplaint {
  partyId: string;
  accountId?: string | null | undefined;
  lineId?: string | null | undefined;
  channel: ComplaintChannel;
  category: string;
  /** when the written complaint was received, or the time of the call; default now */
  receivedAt?: number | undefined;
  description: string;
  /** default: the customer's preferred language */
  language?: Language | undefined;
  amountDisputedCents?: number | null | undefined;
  /** default: the recording person's team */
  teamId?: string | null | undefined;
  assigneeId?: string | null | undefined;
  /** contacts (interactions) of the customer the complaint was made in */
  contactIds?: readonly string[] | undefined;
  /**
   * The case it comes from: a detractor follow-up that became a complaint (`fromFollowupId` over the
   * API), recorded on the opening event. The follow-up's own change is the caller's, in the same transaction.
   */
  fromCase?: { id: string; kind: string } | undefined;
  /**
   * A reference the complaint already has (a back office's history): kept as given, the caller having
   * checked it is free; one of Ecoute's form moves its year's counter past it.
   */
  reference?: string | undefined;
}

export interface ClockOptions {
  /** default now */
  now?: number;
  cal?: BusinessCalendar;
  /** false for a change of the past (an imported history): no outbox job, the customer is not told (default true) */
  notify?: boolean;
}

/** Runs `work` in the caller's transaction, or in one of its own. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * The next reference of the year (Europe/Luxembourg) of `at`: `REC-2026-004217`. One upsert that
 * increments and returns the year's counter: concurrent complaints wait for each other on the row
 * (PostgreSQL) or the write lock (SQLite), never get the same number.
 */
export async function nextReference(db: Kysely<Database>, at: number): Promise<string> {
  const year = referenceYear(at);
  const { last } = await db
    .insertInto('complaint_sequences')
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: eb('complaint_sequences.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return complaintReference(year, last);
}

/** The year whose references a complaint recorded at `at` takes: the year of Europe/Luxembourg. */
export function referenceYear(at: number): number {
  return Math.floor(localDay(at) / 10_000);
}

/** The `n`-th reference of a year: `REC-2026-004217`. */
export function complaintReference(year: number, n: number): string {
  return `REC-${year}-${String(n).padStart(6, '0')}`;
}

/** A reference given from outside, kept; one of the form REC-YYYY-NNNNNN moves its year's counter past it. */
export async function keepReference(db: Kysely<Database>, reference: string): Promise<string> {
  const m = /^REC-(\d{4})-(\d{6})$/.exec(reference);
  if (m) {
    const [year, last] = [Number(m[1]), Number(m[2])];
    await db
      .insertInto('complaint_sequences')
      .values({ year, last })
      .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last: sql<number>`case when ${eb.ref('complaint_sequences.last')} < ${last} then ${last} else ${eb.ref('complaint_sequences.last')} end` })))
      .execute();
  }
  return reference;
}

const badInput = (field: string, reason: string, message: string, code = 'invalid') => new DomainError(400, 'invalid-input', message, [{ field, reason, code }]);

/** Contacts of this customer, or a 400 naming the first that is not. */
async function customerContacts(db: Kysely<Database>, partyId: string, ids: readonly string[], field: string): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await db.selectFrom('interactions').select('id').where('id', 'in', unique).where('party_id', '=', partyId).execute()).map((r) => r.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing) throw badInput(field, 'not a contact of this customer', `${field}: ${missing} is not a contact of this customer`);
  return unique;
}

/** An active user of a team (for an assignment), or a 400. */
async function assigneeOf(db: Kysely<Database>, userId: string, teamId: string | null, anyTeam: boolean): Promise<void> {
  const user = await db.selectFrom('users').select(['team_id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user || Number(user.active) !== 1) throw badInput('assigneeId', 'no active user has this id', `assigneeId: no active user has id ${userId}`, 'inactive-user');
  if (!anyTeam && user.team_id !== teamId) throw badInput('assigneeId', "not a member of the complaint's team", "assigneeId: the person is not a member of the complaint's team", 'not-in-team');
}

async function teamExists(db: Kysely<Database>, teamId: string): Promise<void> {
  if (!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw badInput('teamId', 'no team has this id', `teamId: no team has id ${teamId}`, 'unknown-team');
}

/**
 * Records a complaint: its case (received, due to be acknowledged at closing time of the N-th
 * business day after the day of receipt, N from its category and the customer's segment), its
 * reference, the contacts it was made in. In the caller's transaction, or one of its own.
 */
export async function createComplaint(db: Kysely<Database>, input: NewComplaint, actor: Actor | CommandLineActor | CustomerActor, options: ClockOptions = {}): Promise<{ id: string; reference: string }> {
  const now = options.now ?? Date.now();
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  return inTransaction(db, async (trx) => {
    const party = await trx.selectFrom('parties').select(['id', 'kind', 'preferred_language', 'erased_at']).where('id', '=', input.partyId).executeTakeFirst();
    if (!party) throw badInput('customerId', 'no customer has this id', `customerId: no customer has id ${input.partyId}`);
    if (party.erased_at !== null) throw new DomainError(409, 'customer-erased', "This customer's data was erased: no complaint can be recorded on the record");
    let accountId = input.accountId ?? null;
    const lineId = input.lineId ?? null;
    if (lineId !== null) {
      const line = await trx.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select(['accounts.id', 'accounts.party_id']).where('lines.id', '=', lineId).executeTakeFirst();
      if (!line || line.party_id !== party.id) throw badInput('lineId', 'not a line of this customer', `lineId: ${lineId} is not a line of this customer`);
      if (accountId !== null && accountId !== line.id) throw badInput('lineId', 'not a line of this account', `lineId: ${lineId} is not a line of account ${accountId}`);
      accountId = line.id;
    }
    let segment: ComplaintTable['segment'] = party.kind === 'organisation' ? 'business' : 'residential';
    if (accountId !== null) {
      const account = await trx.selectFrom('accounts').select(['party_id', 'segment']).where('id', '=', accountId).executeTakeFirst();
      if (!account || account.party_id !== party.id) throw badInput('accountId', 'not an account of this customer', `accountId: ${accountId} is not an account of this customer`);
      segment = account.segment;
    }
    const days = await deadlinesOf(trx, input.category, segment);
    const teamId = input.teamId ?? ('cli' in actor || actor.kind === 'customer' ? null : actor.teamId);
    if (!teamId) throw badInput('teamId', 'required: you belong to no team', 'teamId: say which team takes the complaint (your account belongs to no team)', 'required');
    await teamExists(trx, teamId);
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId !== null) {
      if (!('cli' in actor) && actor.kind !== 'customer') assertMayAssign(actor, assigneeId);
      await assigneeOf(trx, assigneeId, teamId, false);
    }
    const contacts = await customerContacts(trx, party.id, input.contactIds ?? [], 'contactIds');
    if (input.fromCase) {
      const origin = await findCase(trx, input.fromCase.id);
      if (!origin || origin.kind !== input.fromCase.kind || origin.party_id !== party.id) {
        throw badInput('fromCaseId', `not a ${input.fromCase.kind} of this customer`, `${input.fromCase.id} is not a ${input.fromCase.kind} of this customer`);
      }
    }

    const intake = complaintIntake(
      {
        partyId: party.id, teamId, assigneeId, channel: input.channel, category: input.category, receivedAt: input.receivedAt ?? now,
        description: input.description, language: input.language ?? party.preferred_language, amountDisputedCents: input.amountDisputedCents ?? null,
        accountId, lineId, segment, fromCase: input.fromCase,
        reference: input.reference === undefined ? await nextReference(trx, now) : await keepReference(trx, input.reference),
      },
      days,
      { now, cal },
    );
    const opened = await openCase(trx, COMPLAINT, intake.opening, actor);
    await trx.insertInto('complaints').values({ case_id: opened.id, ...intake.complaint }).execute();
    if (contacts.length > 0) await trx.insertInto('complaint_contacts').values(contacts.map((interaction_id) => ({ case_id: opened.id, interaction_id, linked_at: now }))).execute();
    await recordComplaintFact(trx, opened.id, cal);
    return { id: opened.id, reference: intake.complaint.reference };
  });
}

/** A complaint as intake has checked it: the customer, account and line it is about, its team, its reference. */
export interface CheckedComplaint {
  partyId: string;
  teamId: string;
  assigneeId: string | null;
  channel: ComplaintChannel;
  category: string;
  receivedAt: number;
  description: string;
  language: Language;
  amountDisputedCents: number | null;
  accountId: string | null;
  lineId: string | null;
  segment: ComplaintTable['segment'];
  reference: string;
  fromCase?: { id: string; kind: string } | undefined;
}

/**
 * What the intake of a checked complaint writes, without writing it: the opening of its case
 * (received, due to be acknowledged at closing time of the N-th business day after the day of
 * receipt) and its complaint row, both deadlines set from its category's days for its segment.
 */
export function complaintIntake(
  checked: CheckedComplaint,
  days: Deadlines,
  options: { now: number; cal?: BusinessCalendar },
): { opening: NewCase; complaint: Omit<ComplaintTable, 'case_id'> } {
  const { now } = options;
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  const { receivedAt, reference } = checked;
  const ackDueAt = businessDeadline(receivedAt, days.ackDays, cal);
  const answerDueAt = businessDeadline(receivedAt, days.answerDays, cal);
  return {
    opening: {
      partyId: checked.partyId, teamId: checked.teamId, assigneeId: checked.assigneeId, openedAt: receivedAt, at: now, dueAt: ackDueAt,
      data: { reference, channel: checked.channel, category: checked.category, ...(checked.fromCase ? { fromCase: checked.fromCase.id } : {}) },
    },
    complaint: {
      reference, received_at: receivedAt, channel: checked.channel, category: checked.category, root_cause: null, refund_cents: null, segment: checked.segment,
      account_id: checked.accountId, line_id: checked.lineId, amount_disputed_cents: checked.amountDisputedCents, description: checked.description,
      language: checked.language, ack_due_at: ackDueAt, answer_due_at: answerDueAt, acknowledged_at: null, answered_at: null, outcome: null,
      rejection_reason: null, mediation_info_sent_at: null, created_at: now, updated_at: now,
    },
  };
}

/** What an action on a complaint may carry beside its reason. */
export interface ComplaintActionInput {
  reason?: string | null | undefined;
  expectedVersion?: number | undefined;
  assigneeId?: string | null | undefined;
  teamId?: string | undefined;
  /** answer */
  outcome?: Outcome | undefined;
  rootCause?: string | undefined;
  refundCents?: number | undefined;
  /** code-cause, answer, close: the root cause from the tree (required to close when not coded yet) */
  causeCode?: string | undefined;
  unknownReason?: string | undefined;
  /** the causes suggested to the person who coded, best first */
  suggestedCauses?: readonly string[] | undefined;
  /** edit */
  description?: string | undefined;
  category?: string | undefined;
  /** link-contact */
  interactionId?: string | undefined;
}

/** The outbox topic an action's effect travels on (the customer is told): its job's ref is the event's id. */
const TOPICS: Partial<Record<ComplaintAction, Topic>> = {
  acknowledge: 'complaint.acknowledged',
  answer: 'complaint.answered',
  close: 'complaint.closed',
  reject: 'complaint.rejected',
  deadlock: 'complaint.deadlock',
};

async function complaintOf(db: Kysely<Database>, id: string) {
  const found = await findCase(db, id);
  const complaint = found?.kind === COMPLAINT.kind ? await db.selectFrom('complaints').selectAll().where('case_id', '=', id).executeTakeFirst() : undefined;
  if (!found || !complaint) throw notFound('No complaint has this id');
  return { found, complaint };
}

/**
 * Takes an action on a complaint (docs/complaints.md, "Lifecycle") in one transaction: the case's
 * transition and event, the complaint's own fields, and the outbox job that tells the customer.
 * Refused (not allowed from the state, missing input, another team's complaint): nothing written.
 */
export async function actOnComplaint(
  db: Kysely<Database>,
  id: string,
  action: ComplaintAction,
  input: ComplaintActionInput,
  actor: CaseActor,
  options: ClockOptions = {},
): Promise<{ case: CaseRow; eventId: string }> {
  const at = options.now ?? Date.now();
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  return inTransaction(db, async (trx) => {
    const { found, complaint } = await complaintOf(trx, id);
    const person = personOf(actor);
    if (person) assertWithinScope(person, found);
    const reopenAnswerDays = action === 'reopen' ? (await reopenDays(trx, complaint)).answerDays : undefined;
    const step = complaintStep(complaint, found.state, action, input, { at, cal, reopenAnswerDays });
    const { changes } = step;
    const { data } = step.options;
    if (action === 'assign' && person && input.assigneeId !== undefined) {
      assertMayAssign(person, input.assigneeId);
      if (input.assigneeId !== null) await assigneeOf(trx, input.assigneeId, found.team_id, false);
    }
    if (action === 'transfer' && input.teamId) await teamExists(trx, input.teamId);
    if (action === 'transfer' && input.assigneeId) await assigneeOf(trx, input.assigneeId, input.teamId ?? null, false);
    if (action === 'edit') Object.assign(data, await editOf(trx, complaint, input, changes));
    const coding = await codingOf(trx, id, action, input, found.state);
    if (coding) Object.assign(data, coding.data);
    if (action === 'link-contact') {
      if (!input.interactionId) throw invalid('interactionId', 'is required to link a contact', 'required');
      const [interactionId] = await customerContacts(trx, found.party_id ?? '', [input.interactionId], 'interactionId');
      const linked = await trx.selectFrom('complaint_contacts').select('case_id').where('case_id', '=', id).where('interaction_id', '=', interactionId!).executeTakeFirst();
      if (linked) throw new DomainError(409, 'contact-already-linked', 'This contact is already linked to the complaint', [], { interactionId: interactionId! });
      await trx.insertInto('complaint_contacts').values({ case_id: id, interaction_id: interactionId!, linked_at: at }).execute();
      data.interactionId = interactionId;
    }

    const done = await transition(trx, id, action, actor, step.options);
    await trx.updateTable('complaints').set({ ...changes, updated_at: Date.now() }).where('case_id', '=', id).execute();
    await recordComplaintFact(trx, id, cal);
    const subject = await complaintCodingSubject(trx, id);
    if (coding) await codeSubject(trx, subject, { ...coding.choice, suggested: input.suggestedCauses }, actor, at);
    else await refreshCoding(trx, subject);
    const topic = TOPICS[action];
    if (topic && options.notify !== false) await enqueue(trx, topic, done.event.id, Date.now());
    return { case: done.case, eventId: done.event.id };
  });
}

/** The actions that take a root cause. */
const CODING_ACTIONS: readonly ComplaintAction[] = ['code-cause', 'answer', 'close'];
const TO_CODE = 'is required: the root cause from the tree (GET /api/v1/causes), or "unknown" with unknownReason';
const TO_CLOSE = 'is required to close a complaint: its root cause from the tree (GET /api/v1/causes), or "unknown" with unknownReason';

/**
 * Which actions take a root cause and whether this one requires it: required to code, and to close a
 * complaint not coded yet (`coded`: whether it is); closing is checked only where the state allows it.
 */
export function complaintCodingRules(action: ComplaintAction, state: string, coded: boolean): ActionCodingRules {
  const closing = action === 'close' && allowedActions(COMPLAINT, state).includes('close') && !coded;
  return { takenBy: CODING_ACTIONS, required: action === 'code-cause' ? TO_CODE : closing ? TO_CLOSE : false };
}

/** The cause an action codes, checked. */
async function codingOf(db: Kysely<Database>, id: string, action: ComplaintAction, input: ComplaintActionInput, state: string) {
  const coded = action === 'close' && (await findCoding(db, 'complaint', id)) !== undefined;
  return causeOfAction(db, { kind: 'complaint', id }, action, input, complaintCodingRules(action, state, coded));
}

/** A complaint row as `complaintStep` reads it (numbers may come as strings from PostgreSQL). */
type ComplaintFields = Pick<ComplaintTable, 'answer_due_at'>;

/**
 * What an action does to a complaint, without reading or writing anything: the options of the
 * case's transition (the deadline that applies after it, the reason, what the event records) and
 * the complaint's own changes (acknowledged, answered with its outcome, rejected with its reason,
 * mediation information sent). Throws (400) for an answer without its outcome. The caller adds the
 * record of what it checked against the database (an edit, a linked contact) to `data` and `changes`.
 */
export function complaintStep(
  complaint: ComplaintFields,
  state: string,
  action: ComplaintAction,
  input: ComplaintActionInput,
  options: { at: number; cal?: BusinessCalendar; reopenAnswerDays?: number | undefined },
): { options: TransitionOptions & { data: Record<string, unknown> }; changes: Partial<ComplaintTable> } {
  const { at } = options;
  const cal = options.cal ?? LUXEMBOURG_CALENDAR;
  const answerDue: DueAt = (c) => addBusinessTime(Number(complaint.answer_due_at), c.paused_ms, cal);
  let dueAt: DueAt | undefined;
  if (action === 'acknowledge' || (action === 'investigate' && state === 'received')) dueAt = answerDue;
  if (action === 'answer') dueAt = null;
  if (action === 'reopen') {
    if (options.reopenAnswerDays === undefined) throw new Error('reopening needs the answer days of the complaint\'s category');
    dueAt = businessDeadline(at, options.reopenAnswerDays, cal);
  }

  const data: Record<string, unknown> = {};
  const changes: Partial<ComplaintTable> = {};
  if (action === 'answer') {
    if (!input.outcome) throw invalid('outcome', 'is required to answer: upheld, partially_upheld or not_upheld', 'required');
    Object.assign(data, { outcome: input.outcome, ...(input.rootCause ? { rootCause: input.rootCause } : {}) });
    Object.assign(changes, { answered_at: at, outcome: input.outcome, ...(input.rootCause ? { root_cause: input.rootCause } : {}) });
    if (input.refundCents !== undefined) {
      data.refundCents = input.refundCents;
      changes.refund_cents = input.refundCents;
    }
  }
  if (input.refundCents !== undefined && action !== 'answer') throw invalid('refundCents', 'is recorded with the answer', 'only-with-answer');
  if (action === 'acknowledge') changes.acknowledged_at = at;
  if (action === 'reject') changes.rejection_reason = input.reason?.trim() ?? null;
  if (action === 'mediation-info-sent') changes.mediation_info_sent_at = at;
  return {
    options: {
      reason: input.reason ?? null, data, at, cal,
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(dueAt !== undefined ? { dueAt } : {}),
    },
    changes,
  };
}

/** The answer deadline of a reopened complaint: its category's, active or not any more. */
async function reopenDays(db: Kysely<Database>, complaint: { category: string; segment: 'residential' | 'business' }) {
  const row = await db.selectFrom('complaint_categories').select(['answer_days', 'business_answer_days']).where('code', '=', complaint.category).executeTakeFirstOrThrow();
  return { answerDays: Number((complaint.segment === 'business' ? row.business_answer_days : null) ?? row.answer_days) };
}

/** An edit of the description or category: what changed, from what to what (the event's data). */
async function editOf(db: Kysely<Database>, complaint: ComplaintTable, input: ComplaintActionInput, changes: Partial<ComplaintTable>) {
  if (input.category !== undefined && input.category !== complaint.category) await deadlinesOf(db, input.category, complaint.segment);
  return complaintEdit(complaint, input, changes);
}

/**
 * An edit of the description or category, its new category already checked: each field that
 * changes, from what to what (the event's data), and the complaint's changes; 400 when nothing changes.
 */
export function complaintEdit(complaint: Pick<ComplaintTable, 'description' | 'category'>, input: Pick<ComplaintActionInput, 'description' | 'category'>, changes: Partial<ComplaintTable>) {
  const edited: Record<string, { from: string; to: string }> = {};
  if (input.description !== undefined && input.description !== complaint.description) {
    edited.description = { from: complaint.description, to: input.description };
    changes.description = input.description;
  }
  if (input.category !== undefined && input.category !== complaint.category) {
    edited.category = { from: complaint.category, to: input.category };
    changes.category = input.category;
  }
  if (Object.keys(edited).length === 0) throw invalid('description', 'or category must be given, different from what the complaint holds', 'nothing-changed');
  return { edited };
}

/**
 * Assigns complaints to one person (null: back to the team), all or none: each must be within the
 * actor's reach, and the person a member of each complaint's team.
 */
export async function assignComplaints(db: Kysely<Database>, ids: readonly string[], assigneeId: string | null, actor: Actor): Promise<CaseRow[]> {
  assertMayAssign(actor, assigneeId);
  return inTransaction(db, async (trx) => {
    for (const id of new Set(ids)) {
      const { found } = await complaintOf(trx, id);
      assertWithinScope(actor, found);
      if (assigneeId !== null) await assigneeOf(trx, assigneeId, found.team_id, false);
    }
    return assignCases(trx, ids, assigneeId, actor);
  });
}

/**
 * Records that the customer was told of the regulator's mediation and the dates it needs (with the
 * final answer, or on its own for a complaint open 8 weeks): for the notification that sent it.
 */
export async function recordMediationInfoSent(db: Kysely<Database>, id: string, at: number, actor: CaseActor = 'system'): Promise<void> {
  await actOnComplaint(db, id, 'mediation-info-sent', {}, actor, { now: at });
}
