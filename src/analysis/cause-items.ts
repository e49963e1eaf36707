import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { auditCustomerReads } from '../auth/audit.js';
import { can, complaintScope, followupScope, type Actor } from '../auth/policies.js';
import { listCauses } from '../causes/cause-tree.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { forbidden, notFound } from '../shared/errors.js';
import type { CodedSubject, Database } from '../storage/schema.js';
import type { AnalysisFilters, FilterName, Period } from './analysis-query.js';
import { CODING_COLUMN } from './pareto.js';

/**
 * What is behind a bar of the Pareto (docs/improvement.md, "Pareto"): the complaints, detractor
 * follow-ups or repeat contacts coded with a cause or a cause under it in a period, newest first, page
 * by page, with their words. Those are the customers' personal data: each kind is listed only to a
 * reader who may read it (complaints within their complaint scope, follow-ups within their follow-up
 * scope, contacts to whoever reads cards), and every customer a page shows is a read in the audit
 * trail, as for a list of complaints.
 */

export interface CauseItemsQuery extends Period {
  /** the cause of the bar: its codings and those of every cause under it */
  cause: string;
  kind: CodedSubject;
  filters: AnalysisFilters;
  /** the `next` of the previous page */
  cursor?: string | undefined;
  limit: number;
}

export interface CauseItem {
  kind: CodedSubject;
  /** the complaint's or follow-up's case, or the contact */
  id: string;
  /** a complaint's reference; null for the others */
  reference: string | null;
  /** the complaint's category, the follow-up's cause category, the contact's reason */
  category: string | null;
  channel: string | null;
  occurredAt: number;
  /** the cause coded (the bar's or one under it) */
  causeCode: string;
  /** the complaint's description, the detractor's survey comment, the contact's notes */
  text: string | null;
  /** a follow-up's cause as the customer gave it; null for the others */
  customerCause: string | null;
}

/** Which action reading each kind of subject takes. */
const READS = { complaint: 'complaint.read', followup: 'followup.read', contact: 'customer.read' } as const;
const VIA = { complaint: 'complaints', followup: 'followups', contact: 'contacts' } as const;

type Row = { subject_id: string; occurred_at: number; cause_code: string; channel: string | null; party_id: string | null; reference: string | null; category: string | null; text: string | null; customer_cause: string | null };

/** A page of the subjects behind a cause, for filters already scoped to the reader (`scopedFilters`). */
export async function causeItems(db: Kysely<Database>, actor: Actor, query: CauseItemsQuery): Promise<{ items: CauseItem[]; next: string | null }> {
  if (!can(actor, READS[query.kind])) throw forbidden(`Your role (${actor.role}) does not read the ${query.kind === 'contact' ? 'contacts' : `${query.kind}s`} behind a cause`);
  const tree = await listCauses(db, 'en', true);
  if (!tree.some((c) => c.code === query.cause)) throw notFound(`No cause has the code "${query.cause}" (GET /api/v1/causes?includeInactive=true lists them)`);
  const codes = tree.filter((c) => c.path.includes(query.cause)).map((c) => c.code);

  const codings = db
    .selectFrom('cause_codings')
    .where((eb) => codingsOf(eb, query, codes))
    .orderBy('cause_codings.occurred_at', 'desc')
    .orderBy('cause_codings.subject_id', 'desc')
    .limit(query.limit + 1);
  const rows = await subjectsOf(codings, query.kind, actor);
  const { items, next } = pageOf(rows, query.limit, (r) => [Number(r.occurred_at), r.subject_id]);
  await auditCustomerReads(db, actor, items.flatMap((r) => (r.party_id === null ? [] : [r.party_id])), VIA[query.kind]);
  return {
    items: items.map((r) => ({
      kind: query.kind, id: r.subject_id, reference: r.reference, category: r.category, channel: r.channel, occurredAt: Number(r.occurred_at),
      causeCode: r.cause_code, text: r.text, customerCause: r.customer_cause,
    })),
    next,
  };
}

/** A column a kind of subject does not have. */
const NONE = sql<string | null>`null`;
const common = ['cause_codings.subject_id', 'cause_codings.occurred_at', 'cause_codings.cause_code', 'cause_codings.channel'] as const;

/** The codings of the kind, causes, period, filters and page asked. */
function codingsOf(eb: ExpressionBuilder<Database, 'cause_codings'>, query: CauseItemsQuery, codes: string[]) {
  const conditions: Expression<SqlBool>[] = [
    eb('cause_codings.subject_kind', '=', query.kind),
    eb('cause_codings.cause_code', 'in', codes),
    eb('cause_codings.day', '>=', query.from),
    eb('cause_codings.day', '<=', query.to),
    ...(Object.entries(query.filters) as [FilterName, string][]).map(([name, value]) => eb(`cause_codings.${CODING_COLUMN[name]}`, '=', value)),
  ];
  if (query.cursor !== undefined) conditions.push(after('cause_codings.occurred_at', 'cause_codings.subject_id', parseBefore(query.cursor, 'cursor')));
  return eb.and(conditions);
}

/** The codings joined to their subjects, within the reader's reach of that kind. */
async function subjectsOf(codings: SelectQueryBuilder<Database, 'cause_codings', object>, kind: CodedSubject, actor: Actor): Promise<Row[]> {
  if (kind === 'complaint') {
    const scope = complaintScope(actor);
    return codings
      .innerJoin('complaints', 'complaints.case_id', 'cause_codings.subject_id')
      .innerJoin('cases', 'cases.id', 'cause_codings.subject_id')
      .select([...common, 'cases.party_id', 'complaints.reference', 'complaints.category', 'complaints.description as text'])
      .select(NONE.as('customer_cause'))
      .$if(scope.teams !== 'all', (q) => q.where((eb) => ownOrTeam(eb, scope.teamId, scope.userId)))
      .execute();
  }
  if (kind === 'followup') {
    const scope = followupScope(actor);
    return codings
      .innerJoin('followups', 'followups.case_id', 'cause_codings.subject_id')
      .innerJoin('cases', 'cases.id', 'cause_codings.subject_id')
      .leftJoin('survey_responses as r', 'r.id', 'followups.response_id')
      .select([...common, 'cases.party_id', 'followups.cause_category as category', 'r.comment as text', 'followups.cause as customer_cause'])
      .select(NONE.as('reference'))
      .$if(scope.cases === 'assigned', (q) => q.where('cases.assignee_id', '=', scope.userId))
      .$if(scope.cases === 'team', (q) => q.where((eb) => eb.or([ownOrTeam(eb, scope.teamId, scope.userId), eb('followups.escalated_to', '=', scope.userId)])))
      .execute();
  }
  return codings
    .innerJoin('interactions as i', 'i.id', 'cause_codings.subject_id')
    .select([...common, 'i.party_id', 'i.reason_code as category', 'i.notes as text'])
    .select([NONE.as('reference'), NONE.as('customer_cause')])
    .execute();
}

/** A case of the reader's team or assigned to them. */
function ownOrTeam(eb: ExpressionBuilder<Database, 'cases'>, teamId: string | null, userId: string) {
  return teamId === null ? eb('cases.assignee_id', '=', userId) : eb.or([eb('cases.team_id', '=', teamId), eb('cases.assignee_id', '=', userId)]);
}
