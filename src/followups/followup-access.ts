import { can, followupScope, type Actor } from '../auth/policies.js';
import { DomainError, forbidden } from '../shared/errors.js';

/**
 * Which follow-ups an actor reads and works on, from `followupScope` (src/auth/policies.ts): every
 * team's; their team's with those assigned or escalated to them (team leads); those assigned to
 * them (advisors). The route has already checked the action.
 */

/** What decides whether a follow-up is within reach. */
export interface Reach {
  team_id: string | null;
  assignee_id: string | null;
  /** the person its missed deadline was escalated to */
  escalated_to: string | null;
}

/** Whether the follow-up is within the actor's reach. */
export function withinScope(actor: Actor, followup: Reach): boolean {
  const scope = followupScope(actor);
  if (scope.cases === 'all' || followup.assignee_id === scope.userId) return true;
  if (scope.cases === 'assigned') return false;
  return (scope.teamId !== null && followup.team_id === scope.teamId) || followup.escalated_to === scope.userId;
}

/** 403 for a follow-up out of the actor's reach. */
export function assertWithinScope(actor: Actor, followup: Reach): void {
  if (!withinScope(actor, followup)) {
    throw forbidden(followupScope(actor).cases === 'assigned' ? 'This follow-up is not assigned to you' : 'This follow-up belongs to another team: its team lead or a CX manager can read it');
  }
}

/** 403 unless the actor assigns and transfers follow-ups (team leads, CX managers). */
export function assertMayAssign(actor: Actor): void {
  if (!can(actor, 'followup.assign')) throw new DomainError(403, 'forbidden', 'Only a team lead or a CX manager assigns or transfers a follow-up');
}

/** What a list or a figure asks for, before the reader's scope is applied. */
export interface ScopeFilter {
  teamId?: string | undefined;
  /** only those assigned to the reader */
  mine?: boolean | undefined;
}

/** What a list or a figure is restricted to, after the reader's scope: a team, the reader's own, or those escalated to the reader. */
export interface Restriction {
  teamId?: string | undefined;
  assigneeId?: string | undefined;
  /** a lead without a team: those assigned or escalated to them */
  assignedOrEscalatedTo?: string | undefined;
}

/**
 * The restriction of a list of follow-ups: any team for a reader of all; an advisor's own; a team
 * lead's team (another team: 403), their own when asked, or, for a lead of a site (no team), those
 * assigned or escalated to them.
 */
export function listRestriction(actor: Actor, filter: ScopeFilter): Restriction {
  const scope = followupScope(actor);
  if (filter.mine || scope.cases === 'assigned') return { assigneeId: scope.userId, ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}) };
  if (scope.cases === 'all') return filter.teamId !== undefined ? { teamId: filter.teamId } : {};
  if (filter.teamId !== undefined && filter.teamId !== scope.teamId) throw forbidden("You see your own team's follow-ups only");
  return scope.teamId !== null ? { teamId: scope.teamId } : { assignedOrEscalatedTo: scope.userId };
}

/**
 * The restriction of the figures: every team's or one team for a reader of all; otherwise their own
 * team's (another team: 403) or their own. Never a colleague's: the only person a figure is about is
 * the reader.
 */
export function figuresRestriction(actor: Actor, filter: ScopeFilter): Restriction {
  const scope = followupScope(actor);
  if (filter.mine) return { assigneeId: scope.userId };
  if (scope.cases === 'all') return filter.teamId !== undefined ? { teamId: filter.teamId } : {};
  if (filter.teamId !== undefined && filter.teamId !== scope.teamId) throw forbidden("You see your own team's follow-up figures only");
  if (scope.teamId === null) throw forbidden('Your account belongs to no team: ask for your own figures (assignee=me) or ask an administrator to set your team');
  return { teamId: scope.teamId };
}
