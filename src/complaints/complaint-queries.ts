import type { ExpressionBuilder, Kysely } from 'kysely';
import { auditCustomerRead, auditCustomerReads } from '../auth/audit.js';
import { findCoding } from '../causes/cause-codings.js';
import type { Actor } from '../auth/policies.js';
import { allowedActions } from '../cases/case-kinds.js';
import { caseQueue, type QueueView } from '../cases/case-queue.js';
import { caseRow, caseTimeline, type CaseEvent, type CaseRow } from '../cases/case-service.js';
import { deadlineState, type DeadlineState } from '../shared/business-calendar.js';
import type { ComplaintChannel } from '../shared/channels.js';
import { DomainError, notFound } from '../shared/errors.js';
import type { ComplaintTable, Database } from '../storage/schema.js';
import { assertWithinScope, listTeam } from './complaint-access.js';
import { COMPLAINT, PERSON_ACTIONS, type ComplaintState } from './complaint-kind.js';

/** A complaint as a list shows it. */
export interface ComplaintSummary {
  id: string;
  reference: string;
  state: ComplaintState;
  customer: { id: string; customerNumber: string; name: string };
  channel: ComplaintChannel;
  category: string;
  receivedAt: number;
  teamId: string | null;
  assigneeId: string | null;
  hot: boolean;
  dueAt: number | null;
  /** where the deadline stands now; null without one, or while the clock is paused */
  deadline: DeadlineState | null;
  paused: boolean;
  amountDisputedCents: number | null;
}

/** A complaint with everything recorded on it. */
export interface ComplaintDetail extends ComplaintSummary {
  accountId: string | null;
  lineId: string | null;
  segment: 'residential' | 'business';
  description: string;
  language: ComplaintTable['language'];
  rootCause: string | null;
  teamName: string | null;
  assigneeName: string | null;
  ackDueAt: number;
  answerDueAt: number;
  acknowledgedAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
  outcome: ComplaintTable['outcome'];
  rejectionReason: string | null;
  mediationInfoSentAt: number | null;
  pausedMs: number;
  version: number;
  /** the actions the state allows (the reader may still be refused one by their role or team) */
  actions: string[];
  contactIds: string[];
  /** the satisfaction survey about its handling, asked at its last closing (null: not closed yet, or not asked yet) */
  satisfaction: ComplaintSatisfaction | null;
  /** the root cause coded (docs/improvement.md); null: not coded yet */
  cause: { code: string; unknownReason: string | null; codedAt: number } | null;
  refundCents: number | null;
}

/** What the customer said of the handling of their complaint (docs/complaints.md, "After closure"). */
export interface ComplaintSatisfaction {
  status: 'sent' | 'answered' | 'unparsed' | 'skipped';
  /** why the customer was not asked (status skipped): surveys-off, no-mobile, opted-out, consent-withdrawn, too-late */
  skippedBecause: string | null;
  sentAt: number | null;
  score: number | null;
  category: 'promoter' | 'passive' | 'detractor' | null;
  comment: string | null;
  receivedAt: number | null;
}

export interface ComplaintFilter {
  states?: ComplaintState[] | undefined;
  teamId?: string | undefined;
  assigneeId?: string | undefined;
  view?: QueueView | undefined;
  category?: string | undefined;
  channel?: ComplaintChannel | undefined;
  /** received from (inclusive) and to (exclusive), epoch ms */
  receivedFrom?: number | undefined;
  receivedTo?: number | undefined;
  partyId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  now?: number | undefined;
}

const n = (v: number | null) => (v === null ? null : Number(v));

/** The complaint and customer columns of a page of cases, in the page's order. */
async function complaintsOf(db: Kysely<Database>, cases: CaseRow[]) {
  if (cases.length === 0) return [];
  const rows = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .innerJoin('parties', 'parties.id', 'cases.party_id')
    .selectAll('complaints')
    .select(['parties.customer_number', 'parties.display_name'])
    .where('complaints.case_id', 'in', cases.map((c) => c.id))
    .execute();
  const byId = new Map(rows.map((r) => [r.case_id, r]));
  return cases.flatMap((c) => {
    const row = byId.get(c.id);
    return row ? [{ c, row }] : [];
  });
}

function summaryOf(c: CaseRow, row: ComplaintTable & { customer_number: string; display_name: string }, now: number): ComplaintSummary {
  return {
    id: c.id,
    reference: row.reference,
    state: c.state as ComplaintState,
    customer: { id: c.party_id!, customerNumber: row.customer_number, name: row.display_name },
    channel: row.channel,
    category: row.category,
    receivedAt: Number(row.received_at),
    teamId: c.team_id,
    assigneeId: c.assignee_id,
    hot: c.hot === 1,
    dueAt: c.due_at,
    deadline: c.due_at === null || c.paused_at !== null ? null : deadlineState(c.due_at, now),
    paused: c.paused_at !== null,
    amountDisputedCents: n(row.amount_disputed_cents),
  };
}

/**
 * A page of complaints, soonest deadline first (the case queue: docs/complaints.md, "Queues"),
 * within the reader's scope; every customer shown is a read in the audit trail.
 */
export async function listComplaints(db: Kysely<Database>, filter: ComplaintFilter, actor: Actor): Promise<{ items: ComplaintSummary[]; next: string | null }> {
  const now = filter.now ?? Date.now();
  const teamId = listTeam(actor, filter);
  const states = filter.states;
  const closedOnly = states !== undefined && states.every((s) => (COMPLAINT.terminal as readonly string[]).includes(s));
  const page = await caseQueue(db, {
    kind: COMPLAINT.kind,
    teamId,
    assigneeId: filter.assigneeId,
    partyId: filter.partyId,
    states,
    view: filter.view ?? 'all',
    status: states === undefined ? 'open' : closedOnly ? 'closed' : 'any',
    cursor: filter.cursor,
    limit: filter.limit,
    now,
    where: complaintWhere(filter),
  });
  const items = (await complaintsOf(db, page.items)).map(({ c, row }) => summaryOf(c, row, now));
  await auditCustomerReads(db, actor, items.map((i) => i.customer.id), 'complaints');
  return { items, next: page.next };
}

/** The complaint's own filters, as a condition on the case. */
function complaintWhere(filter: ComplaintFilter) {
  const { category, channel, receivedFrom, receivedTo } = filter;
  if (category === undefined && channel === undefined && receivedFrom === undefined && receivedTo === undefined) return undefined;
  return (eb: ExpressionBuilder<Database, 'cases'>) => {
    let sub = eb.selectFrom('complaints').select('complaints.case_id').whereRef('complaints.case_id', '=', 'cases.id');
    if (category !== undefined) sub = sub.where('complaints.category', '=', category);
    if (channel !== undefined) sub = sub.where('complaints.channel', '=', channel);
    if (receivedFrom !== undefined) sub = sub.where('complaints.received_at', '>=', receivedFrom);
    if (receivedTo !== undefined) sub = sub.where('complaints.received_at', '<', receivedTo);
    return eb.exists(sub);
  };
}

/**
 * Every complaint of a filter, page by page, for an export; audited like a list. More than `max`
 * is refused (422 `export-too-large`, params.max) before anything is read beyond the lists.
 */
export async function complaintsForExport(db: Kysely<Database>, filter: Omit<ComplaintFilter, 'cursor' | 'limit'>, actor: Actor, max = 10_000): Promise<ComplaintDetail[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listComplaints(db, { ...filter, cursor, limit: 500 }, actor);
    ids.push(...page.items.map((i) => i.id));
    if (ids.length > max) throw new DomainError(422, 'export-too-large', `More than ${max} complaints match: narrow the filters (a period, a team, a state)`, [], { max });
    cursor = page.next ?? undefined;
  } while (cursor);
  const out: ComplaintDetail[] = [];
  for (const id of ids) out.push(await detailOf(db, id, filter.now ?? Date.now()));
  return out;
}

/** A complaint with everything on it, unchecked and unaudited: callers check the scope and audit. */
export async function detailOf(db: Kysely<Database>, id: string, now: number): Promise<ComplaintDetail> {
  const row = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .innerJoin('parties', 'parties.id', 'cases.party_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .leftJoin('users', 'users.id', 'cases.assignee_id')
    .selectAll('complaints')
    .selectAll('cases')
    .select(['parties.customer_number', 'parties.display_name', 'teams.name as team_name', 'users.display_name as assignee_name'])
    .where('complaints.case_id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('No complaint has this id');
  const c = caseRow(row);
  const contacts = await db.selectFrom('complaint_contacts').select('interaction_id').where('case_id', '=', id).orderBy('linked_at').orderBy('interaction_id').execute();
  const survey = await db.selectFrom('complaint_surveys').selectAll().where('case_id', '=', id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const coded = await findCoding(db, 'complaint', id);
  return {
    ...summaryOf(c, row, now),
    accountId: row.account_id,
    lineId: row.line_id,
    segment: row.segment,
    description: row.description,
    language: row.language,
    rootCause: row.root_cause,
    teamName: row.team_name,
    assigneeName: row.assignee_name,
    ackDueAt: Number(row.ack_due_at),
    answerDueAt: Number(row.answer_due_at),
    acknowledgedAt: n(row.acknowledged_at),
    answeredAt: n(row.answered_at),
    closedAt: c.closed_at,
    outcome: row.outcome,
    rejectionReason: row.rejection_reason,
    mediationInfoSentAt: n(row.mediation_info_sent_at),
    pausedMs: c.paused_ms,
    version: c.version,
    actions: allowedActions(COMPLAINT, c.state).filter((a) => PERSON_ACTIONS.includes(a as never)),
    contactIds: contacts.map((r) => r.interaction_id),
    satisfaction: survey
      ? {
          status: survey.status, skippedBecause: survey.status === 'skipped' ? survey.last_error : null, sentAt: n(survey.sent_at), score: survey.score,
          category: survey.category, comment: survey.comment, receivedAt: n(survey.received_at),
        }
      : null,
    cause: coded ? { code: coded.cause_code, unknownReason: coded.unknown_reason, codedAt: coded.coded_at } : null,
    refundCents: n(row.refund_cents),
  };
}

/** A complaint, for a reader within its scope; the read is audited (the customer's record). */
export async function getComplaint(db: Kysely<Database>, id: string, actor: Actor, now = Date.now()): Promise<ComplaintDetail> {
  const detail = await detailOf(db, id, now);
  assertWithinScope(actor, { team_id: detail.teamId, assignee_id: detail.assigneeId });
  await auditCustomerRead(db, actor, detail.customer.id, 'complaints');
  return detail;
}

/** The timeline of a complaint, oldest first; audited like the complaint. */
export async function complaintTimeline(db: Kysely<Database>, id: string, actor: Actor): Promise<CaseEvent[]> {
  const found = await db.selectFrom('cases').select(['party_id', 'team_id', 'assignee_id', 'kind']).where('id', '=', id).executeTakeFirst();
  if (!found || found.kind !== COMPLAINT.kind) throw notFound('No complaint has this id');
  assertWithinScope(actor, found);
  await auditCustomerRead(db, actor, found.party_id!, 'complaints');
  return caseTimeline(db, id);
}
