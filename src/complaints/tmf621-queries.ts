import type { Kysely } from 'kysely';
import { auditCustomerReads } from '../auth/audit.js';
import { complaintScope, type Actor } from '../auth/policies.js';
import { caseTimeline } from '../cases/case-service.js';
import type { TmfStatus, TroubleTicket } from '../contract/tmf621.js';
import type { Database } from '../storage/schema.js';
import { assertWithinScope } from './complaint-access.js';
import { COMPLAINT } from './complaint-kind.js';
import { detailOf, type ComplaintDetail } from './complaint-queries.js';
import { statesOfTmfStatus, toTroubleTicket } from './tmf621.js';

export interface TroubleTicketFilter {
  status?: TmfStatus | undefined;
  ticketType?: string | undefined;
  /** created (received) after / before, epoch ms, exclusive */
  createdAfter?: number | undefined;
  createdBefore?: number | undefined;
  offset: number;
  limit: number;
}

async function ticketOf(db: Kysely<Database>, detail: ComplaintDetail): Promise<TroubleTicket> {
  const party = await db.selectFrom('parties').select('kind').where('id', '=', detail.customer.id).executeTakeFirstOrThrow();
  return toTroubleTicket(detail, party.kind, await caseTimeline(db, detail.id));
}

/** A complaint as a TMF621 trouble ticket, for a reader within its scope; audited like the complaint. */
export async function getTroubleTicket(db: Kysely<Database>, id: string, actor: Actor, now = Date.now()): Promise<TroubleTicket> {
  const detail = await detailOf(db, id, now);
  assertWithinScope(actor, { team_id: detail.teamId, assignee_id: detail.assigneeId });
  await auditCustomerReads(db, actor, [detail.customer.id], 'complaints');
  return ticketOf(db, detail);
}

/**
 * The complaints within the reader's scope as TMF621 trouble tickets, newest first, by offset, with
 * the total; every customer listed is audited. A ticket type other than `complaint` lists nothing.
 */
export async function listTroubleTickets(db: Kysely<Database>, filter: TroubleTicketFilter, actor: Actor, now = Date.now()): Promise<{ items: TroubleTicket[]; total: number }> {
  if (filter.ticketType !== undefined && filter.ticketType !== 'complaint') return { items: [], total: 0 };
  const wanted = filter.status === undefined ? null : statesOfTmfStatus(filter.status);
  if (wanted !== null && wanted.states.length === 0) return { items: [], total: 0 };
  const scope = complaintScope(actor);
  let query = db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .where('cases.kind', '=', COMPLAINT.kind);
  if (scope.teams !== 'all') {
    const { teamId, userId } = scope;
    query = query.where((eb) => eb.or([...(teamId !== null ? [eb('cases.team_id', '=', teamId)] : []), eb('cases.assignee_id', '=', userId)]));
  }
  if (wanted !== null) {
    query = query.where('cases.state', 'in', wanted.states);
    if (wanted.paused === true) query = query.where('cases.paused_at', 'is not', null);
    if (wanted.paused === false) query = query.where('cases.paused_at', 'is', null);
  }
  if (filter.createdAfter !== undefined) query = query.where('complaints.received_at', '>', filter.createdAfter);
  if (filter.createdBefore !== undefined) query = query.where('complaints.received_at', '<', filter.createdBefore);
  const counted = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select('cases.id')
    .orderBy('complaints.received_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  const items: TroubleTicket[] = [];
  for (const r of rows) items.push(await ticketOf(db, await detailOf(db, r.id, now)));
  await auditCustomerReads(db, actor, items.map((t) => t.relatedParty[0]!.id), 'complaints');
  return { items, total: Number(counted.n) };
}
