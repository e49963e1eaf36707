import type { Kysely, Selectable } from 'kysely';
import { findCoding } from '../causes/cause-codings.js';
import { auditCustomerRead, auditCustomerReads } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { allowedActions } from '../cases/case-kinds.js';
import { caseQueue, type QueueQuery, type QueueView } from '../cases/case-queue.js';
import { caseRow, caseTimeline, type CaseEvent, type CaseRow } from '../cases/case-service.js';
import { deadlineState, type DeadlineState } from '../shared/business-calendar.js';
import type { Channel, Language } from '../storage/schema.js';
import { DomainError, notFound } from '../shared/errors.js';
import type { Database, FollowupResolution, FollowupTable, HotReason, RoutedBy } from '../storage/schema.js';
import type { TopicMatch } from '../text/index.js';
import { followupRow } from './followup-store.js';
import { assertWithinScope, listRestriction } from './followup-access.js';
import { FOLLOWUP, PERSON_ACTIONS, type FollowupState, type PersonAction } from './followup-kind.js';
import { followupRules } from './followup-rules.js';

/** A follow-up as a queue shows it. */
export interface FollowupSummary {
  id: string;
  state: FollowupState;
  hot: boolean;
  hotReasons: HotReason[];
  score: number;
  customer: { id: string; customerNumber: string; name: string };
  teamId: string | null;
  assigneeId: string | null;
  openedAt: number;
  dueAt: number | null;
  /** where the deadline stands now; null without one, or while the clock is paused */
  deadline: DeadlineState | null;
  paused: boolean;
  attempts: number;
  firstAttemptAt: number | null;
  reachedAt: number | null;
  closedAt: number | null;
  resolution: FollowupResolution | null;
  escalatedAt: number | null;
  version: number;
}

/** A follow-up with what it carries. */
export interface FollowupDetail extends FollowupSummary {
  customer: FollowupSummary['customer'] & { preferredLanguage: Language; segment: 'residential' | 'business' };
  answer: {
    surveyId: string; score: number; scale: { min: number; max: number }; comment: string | null; language: Language | null; sentiment: number | null;
    topics: TopicMatch[]; receivedAt: number;
  };
  contact: {
    id: string; channel: Channel; direction: 'inbound' | 'outbound'; reasonCode: string | null; startedAt: number; endedAt: number | null;
    advisor: { id: string; name: string | null } | null; teamId: string | null; repeatOf: string | null;
  };
  hotKeywords: string[];
  routedBy: RoutedBy;
  team: { id: string; name: string } | null;
  assignee: { id: string; name: string | null } | null;
  deadlineAt: number;
  notReached: number;
  unreachableAfter: number;
  outcome: { cause: string | null; causeCategory: string | null; actionTaken: string | null; complaintId: string | null };
  escalatedTo: { id: string; name: string | null } | null;
  pausedMs: number;
  actions: PersonAction[];
  /** the root cause coded (docs/improvement.md); null: not coded */
  rootCause: { code: string; unknownReason: string | null; codedAt: number } | null;
}

export interface FollowupFilter {
  states?: FollowupState[] | undefined;
  teamId?: string | undefined;
  /** only those assigned to the reader */
  mine?: boolean | undefined;
  view?: QueueView | undefined;
  /** one customer's */
  partyId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  now?: number | undefined;
}

type Row = Selectable<FollowupTable> & { customer_number: string; display_name: string };

function summaryOf(c: CaseRow, f: Row, now: number): FollowupSummary {
  return {
    id: c.id, state: c.state as FollowupState, hot: c.hot === 1, hotReasons: JSON.parse(f.hot_reasons) as HotReason[], score: f.score,
    customer: { id: c.party_id!, customerNumber: f.customer_number, name: f.display_name }, teamId: c.team_id, assigneeId: c.assignee_id,
    openedAt: c.opened_at, dueAt: c.due_at, deadline: c.due_at === null || c.paused_at !== null ? null : deadlineState(c.due_at, now), paused: c.paused_at !== null,
    attempts: f.attempts, firstAttemptAt: f.first_attempt_at, reachedAt: f.reached_at, closedAt: c.closed_at, resolution: f.resolution,
    escalatedAt: f.escalated_at, version: c.version,
  };
}

/** The follow-up and customer columns of a page of cases, in the page's order. */
async function rowsOf(db: Kysely<Database>, cases: CaseRow[]): Promise<{ c: CaseRow; f: Row }[]> {
  if (cases.length === 0) return [];
  const rows = await db
    .selectFrom('followups')
    .innerJoin('cases', 'cases.id', 'followups.case_id')
    .innerJoin('parties', 'parties.id', 'cases.party_id')
    .selectAll('followups')
    .select(['parties.customer_number', 'parties.display_name'])
    .where('followups.case_id', 'in', cases.map((c) => c.id))
    .execute();
  const byId = new Map(rows.map((r) => [r.case_id, { ...followupRow(r), customer_number: r.customer_number, display_name: r.display_name }]));
  return cases.flatMap((c) => {
    const f = byId.get(c.id);
    return f ? [{ c, f }] : [];
  });
}

/** The case queue of a filter within the reader's reach (followup-access.ts). */
function queueQuery(filter: FollowupFilter, actor: Actor, now: number): QueueQuery {
  const restriction = listRestriction(actor, filter);
  const states = filter.states;
  const closedOnly = states !== undefined && states.every((s) => (FOLLOWUP.terminal as readonly string[]).includes(s));
  const holder = restriction.assignedOrEscalatedTo;
  const where: QueueQuery['where'] =
    holder === undefined
      ? undefined
      : (eb) =>
          eb.or([
            eb('cases.assignee_id', '=', holder),
            eb.exists(eb.selectFrom('followups').select('followups.case_id').whereRef('followups.case_id', '=', 'cases.id').where('followups.escalated_to', '=', holder)),
          ]);
  return {
    kind: FOLLOWUP.kind, teamId: restriction.teamId, assigneeId: restriction.assigneeId, partyId: filter.partyId, states, view: filter.view ?? 'all',
    status: states === undefined ? 'open' : closedOnly ? 'closed' : 'any', cursor: filter.cursor, limit: filter.limit, now, where,
  };
}

/** The summaries of these cases, in their order; every customer shown is a read in the audit trail. */
async function summariesOf(db: Kysely<Database>, cases: CaseRow[], actor: Actor, now: number): Promise<FollowupSummary[]> {
  const items = (await rowsOf(db, cases)).map(({ c, f }) => summaryOf(c, f, now));
  await auditCustomerReads(db, actor, items.map((i) => i.customer.id), 'followups');
  return items;
}

/**
 * A page of follow-ups, soonest deadline first (the case queue: all, due today, overdue, hot),
 * within the reader's reach (followup-access.ts); every customer shown is a read in the audit trail.
 */
export async function listFollowups(db: Kysely<Database>, filter: FollowupFilter, actor: Actor): Promise<{ items: FollowupSummary[]; next: string | null }> {
  const now = filter.now ?? Date.now();
  const page = await caseQueue(db, queueQuery(filter, actor, now));
  return { items: await summariesOf(db, page.items, actor, now), next: page.next };
}

/** Rows read per query by an export. */
const EXPORT_PAGE = 500;

/**
 * Every follow-up of a filter, for an export, audited like a list. More than `max` is refused
 * (422 `followup-export-too-large`, params.max) before any customer is read.
 */
export async function followupsForExport(db: Kysely<Database>, filter: Omit<FollowupFilter, 'cursor' | 'limit'>, actor: Actor, max = 10_000): Promise<FollowupSummary[]> {
  const now = filter.now ?? Date.now();
  const cases: CaseRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await caseQueue(db, queueQuery({ ...filter, cursor, limit: EXPORT_PAGE }, actor, now));
    cases.push(...page.items);
    if (cases.length > max) {
      throw new DomainError(422, 'followup-export-too-large', `More than ${max} follow-ups match: narrow the filters (a state, a team, a view)`, [], { max });
    }
    cursor = page.next ?? undefined;
  } while (cursor);
  const out: FollowupSummary[] = [];
  for (let i = 0; i < cases.length; i += EXPORT_PAGE) out.push(...(await summariesOf(db, cases.slice(i, i + EXPORT_PAGE), actor, now)));
  return out;
}

const n = (v: number | null) => (v === null ? null : Number(v));

async function detailOf(db: Kysely<Database>, id: string, now: number): Promise<FollowupDetail> {
  const row = await db
    .selectFrom('followups')
    .innerJoin('cases', 'cases.id', 'followups.case_id')
    .innerJoin('parties', 'parties.id', 'cases.party_id')
    .innerJoin('survey_responses as r', 'r.id', 'followups.response_id')
    .innerJoin('interactions as i', 'i.id', 'followups.interaction_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assignee_id')
    .leftJoin('users as advisor', 'advisor.id', 'i.advisor_id')
    .leftJoin('users as escalated', 'escalated.id', 'followups.escalated_to')
    .selectAll('followups')
    .selectAll('cases')
    .select([
      'parties.customer_number', 'parties.display_name', 'parties.preferred_language', 'r.scale_min', 'r.scale_max', 'r.comment', 'r.language as comment_language',
      'r.sentiment', 'r.topics', 'r.received_at', 'i.channel', 'i.direction', 'i.reason_code', 'i.started_at', 'i.ended_at', 'i.advisor_id',
      'i.team_id as contact_team_id', 'i.repeat_of', 'i.account_id', 'teams.name as team_name', 'assignee.display_name as assignee_name',
      'advisor.display_name as advisor_name', 'escalated.display_name as escalated_name',
    ])
    .where('followups.case_id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('No follow-up has this id');
  const c = caseRow(row);
  const f = { ...followupRow(row), customer_number: row.customer_number, display_name: row.display_name };
  const rules = await followupRules(db);
  const coded = await findCoding(db, 'followup', f.case_id);
  return {
    ...summaryOf(c, f, now),
    customer: {
      id: c.party_id!, customerNumber: row.customer_number, name: row.display_name, preferredLanguage: row.preferred_language,
      segment: await segmentOf(db, c.party_id!, row.account_id),
    },
    answer: {
      surveyId: f.survey_id, score: f.score, scale: { min: Number(row.scale_min), max: Number(row.scale_max) }, comment: row.comment,
      language: row.comment_language, sentiment: n(row.sentiment), topics: row.topics ? (JSON.parse(row.topics) as TopicMatch[]) : [], receivedAt: Number(row.received_at),
    },
    contact: {
      id: f.interaction_id, channel: row.channel, direction: row.direction, reasonCode: row.reason_code, startedAt: Number(row.started_at), endedAt: n(row.ended_at),
      advisor: row.advisor_id === null ? null : { id: row.advisor_id, name: row.advisor_name }, teamId: row.contact_team_id, repeatOf: row.repeat_of,
    },
    hotKeywords: JSON.parse(f.hot_keywords) as string[],
    routedBy: f.routed_by,
    team: c.team_id === null ? null : { id: c.team_id, name: row.team_name ?? '' },
    assignee: c.assignee_id === null ? null : { id: c.assignee_id, name: row.assignee_name },
    deadlineAt: f.deadline_at,
    notReached: f.not_reached,
    unreachableAfter: rules.unreachableAfter,
    outcome: { cause: f.cause, causeCategory: f.cause_category, actionTaken: f.action_taken, complaintId: f.complaint_id },
    escalatedTo: f.escalated_to === null ? null : { id: f.escalated_to, name: row.escalated_name },
    pausedMs: c.paused_ms,
    actions: allowedActions(FOLLOWUP, c.state).filter((a): a is PersonAction => (PERSON_ACTIONS as readonly string[]).includes(a)),
    rootCause: coded ? { code: coded.cause_code, unknownReason: coded.unknown_reason, codedAt: coded.coded_at } : null,
  };
}

/** The customer's segment among their accounts: the contact's account's, else business when they hold a business account. Reads nothing. */
export function segmentAmong(accounts: readonly { id: string; segment: 'residential' | 'business' }[], accountId: string | null): 'residential' | 'business' {
  const own = accounts.find((a) => a.id === accountId);
  if (own) return own.segment;
  return accounts.some((a) => a.segment === 'business') ? 'business' : 'residential';
}

/** The customer's segment: the contact's account's, else business when they hold a business account. */
export async function segmentOf(db: Kysely<Database>, partyId: string, accountId: string | null): Promise<'residential' | 'business'> {
  return segmentAmong(await db.selectFrom('accounts').select(['id', 'segment']).where('party_id', '=', partyId).execute(), accountId);
}

/** A follow-up, for a reader within its reach; the read is audited (the customer's record). */
export async function getFollowup(db: Kysely<Database>, id: string, actor: Actor, now = Date.now()): Promise<FollowupDetail> {
  const detail = await detailOf(db, id, now);
  assertWithinScope(actor, { team_id: detail.teamId, assignee_id: detail.assigneeId, escalated_to: detail.escalatedTo?.id ?? null });
  await auditCustomerRead(db, actor, detail.customer.id, 'followups');
  return detail;
}

/** A follow-up's summary as an action left it, for the actor who took it; audited like a list of one. */
export async function followupSummary(db: Kysely<Database>, c: CaseRow, actor: Actor, now = Date.now()): Promise<FollowupSummary> {
  const [found] = await rowsOf(db, [c]);
  if (!found) throw notFound('No follow-up has this id');
  await auditCustomerRead(db, actor, found.c.party_id!, 'followups');
  return summaryOf(found.c, found.f, now);
}

/** The timeline of a follow-up, oldest first; audited like the follow-up. */
export async function followupTimeline(db: Kysely<Database>, id: string, actor: Actor): Promise<CaseEvent[]> {
  const found = await db
    .selectFrom('cases')
    .innerJoin('followups', 'followups.case_id', 'cases.id')
    .select(['cases.party_id', 'cases.team_id', 'cases.assignee_id', 'followups.escalated_to'])
    .where('cases.id', '=', id)
    .executeTakeFirst();
  if (!found) throw notFound('No follow-up has this id');
  assertWithinScope(actor, found);
  await auditCustomerRead(db, actor, found.party_id!, 'followups');
  return caseTimeline(db, id);
}
