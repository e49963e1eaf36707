import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { createComplaint, type NewComplaint } from '../complaints/complaint-service.js';
import type { Database } from '../storage/schema.js';
import { FOLLOWUP } from './followup-kind.js';

/** What the person closing a follow-up gives for the complaint it becomes. */
export interface ComplaintRequest {
  /** a code of the complaint categories (GET /complaint-categories) */
  category: string;
  /** the complaint in the customer's words; default: the cause recorded on the follow-up */
  description?: string | undefined;
  amountDisputedCents?: number | null | undefined;
}

/** The follow-up a complaint comes from. */
export interface ComplaintOrigin {
  caseId: string;
  partyId: string;
  /** the contact evaluated: linked to the complaint */
  interactionId: string;
  teamId: string | null;
  cause: string | null;
}

/**
 * A follow-up becomes a complaint (docs/followups.md, "Closing the loop"), in the caller's
 * transaction: a complaint received now on the phone (the call back), of the follow-up's customer,
 * with the evaluated contact linked and the follow-up named as its origin; held by the follow-up's
 * team (the closer's when it has none) and assigned to the closer when they belong to it. Its own
 * deadlines and acknowledgement follow (docs/complaints.md). Answers its id and reference.
 */
export async function escalateToComplaint(
  trx: Kysely<Database>,
  origin: ComplaintOrigin,
  request: ComplaintRequest,
  actor: Actor,
  at: number,
): Promise<{ id: string; reference: string }> {
  return createComplaint(trx, complaintFromFollowup(origin, request, actor, at), actor, { now: at });
}

/** The complaint a follow-up becomes, as `escalateToComplaint` records it (without recording it). */
export function complaintFromFollowup(origin: ComplaintOrigin, request: ComplaintRequest, actor: Actor, at: number): NewComplaint & { teamId: string | null; assigneeId: string | null } {
  const teamId = origin.teamId ?? actor.teamId;
  return {
    partyId: origin.partyId, channel: 'phone', category: request.category, receivedAt: at, description: request.description ?? origin.cause ?? '',
    amountDisputedCents: request.amountDisputedCents ?? null, teamId, assigneeId: actor.kind === 'user' && actor.teamId === teamId ? actor.id : null,
    contactIds: [origin.interactionId], fromCase: { id: origin.caseId, kind: FOLLOWUP.kind },
  };
}
