import type { CaseRow } from '../cases/case-service.js';
import { complaintScope, type Actor } from '../auth/policies.js';
import { DomainError, forbidden } from '../shared/errors.js';

/**
 * Which complaints an actor reads and works on, from `complaintScope` (src/auth/policies.ts): every
 * team's, or their own team's and those assigned to them. The route has already checked the action.
 */

/** Whether the complaint's case is within the actor's reach. */
export function withinScope(actor: Actor, complaint: Pick<CaseRow, 'team_id' | 'assignee_id'>): boolean {
  const scope = complaintScope(actor);
  return scope.teams === 'all' || (scope.teamId !== null && complaint.team_id === scope.teamId) || complaint.assignee_id === scope.userId;
}

/** 403 for a complaint of another team that is not the actor's. */
export function assertWithinScope(actor: Actor, complaint: Pick<CaseRow, 'team_id' | 'assignee_id'>): void {
  if (!withinScope(actor, complaint)) throw forbidden('This complaint belongs to another team: its team lead or a CX manager can read it');
}

/** 403 when the actor may not give a complaint to this person (an advisor only takes one for themselves). */
export function assertMayAssign(actor: Actor, assigneeId: string | null): void {
  if (assigneeId === actor.id) return;
  if (!complaintScope(actor).assignsOthers) throw new DomainError(403, 'forbidden', 'Only a team lead assigns a complaint to someone else: take it for yourself instead');
}

/**
 * The team a list is restricted to: none for a reader of every team; for the others their own team,
 * unless the list names a customer (their complaints on the card) or asks for the reader's own.
 */
export function listTeam(actor: Actor, filter: { teamId?: string | undefined; partyId?: string | undefined; assigneeId?: string | undefined }): string | undefined {
  const scope = complaintScope(actor);
  if (scope.teams === 'all') return filter.teamId;
  if (filter.teamId !== undefined && filter.teamId !== scope.teamId) throw forbidden("You see your own team's complaints only");
  if (filter.teamId === undefined && (filter.partyId !== undefined || filter.assigneeId === actor.id)) return undefined;
  if (scope.teamId === null) throw forbidden('Your account belongs to no team: ask an administrator to set it');
  return scope.teamId;
}
