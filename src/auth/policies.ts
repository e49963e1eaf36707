import type { Language, Role } from '../storage/schema.js';

/** Who is acting: a logged-in person or a system holding an API token. */
export interface Actor {
  kind: 'user' | 'token';
  id: string;
  role: Role;
  displayName: string;
  teamId: string | null;
  /** language of labels sent to this actor */
  language: Language;
}

/** Every action Ecoute authorizes. */
export type Action =
  | 'customer.read'
  | 'customer.create'
  | 'interaction.create'
  | 'reason.manage'
  | 'console.subscribe'
  | 'token.manage'
  | 'audit.read'
  | 'survey.read'
  | 'survey.manage'
  | 'nps.read'
  | 'sms.simulate'
  | 'study.read'
  | 'study.import';

/**
 * The authorization rules, in one place: which roles may do what. Least privilege:
 * quality coaches and CX managers read cards but do not log contacts for others;
 * systems (integration) recognise callers and record contacts, nothing else.
 */
const RULES: Record<Action, readonly Role[]> = {
  'customer.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'],
  'customer.create': ['advisor', 'team_lead', 'admin', 'integration'],
  'interaction.create': ['advisor', 'team_lead', 'admin', 'integration'],
  'reason.manage': ['cx_manager', 'admin'],
  'console.subscribe': ['advisor', 'team_lead'],
  'token.manage': ['admin'],
  'audit.read': ['admin'],
  'survey.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'survey.manage': ['cx_manager', 'admin'],
  'nps.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'sms.simulate': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'study.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'study.import': ['cx_manager', 'admin'],
};

/**
 * Whose NPS figures a reader sees, beside `nps.read`. Teams: advisors and team leads their own
 * team's only, the other readers every team's. Advisors: the figures of one advisor (grouped or
 * filtered by advisor, and the advisor a comment was about) are that employee's performance, personal
 * data: an advisor sees their own and their team's total, never a colleague's; a team lead the
 * advisors of their team; a quality coach, who coaches advisors, those of every team; a CX manager
 * and an admin steer and run the service by team, site, channel and reason, not by person.
 */
const NPS_OWN_TEAM_ONLY: readonly Role[] = ['advisor', 'team_lead'];
const NPS_ADVISORS: Record<Role, NpsScope['advisors']> = {
  advisor: 'self',
  team_lead: 'all',
  quality_coach: 'all',
  cx_manager: 'none',
  admin: 'none',
  integration: 'none',
};

/**
 * The NPS figures a reader may see: `none` (no `nps.read`), `all` teams, or their `own` team
 * (`teamId`; null for an account without a team, which sees no figures until it has one); and,
 * within those teams, the figures of each advisor: `all`, only their own (`self`, `advisorId`), or
 * `none` (no grouping nor filter by advisor; comments come without their advisor).
 */
export interface NpsScope {
  teams: 'none' | 'all' | 'own';
  teamId: string | null;
  advisors: 'none' | 'self' | 'all';
  advisorId: string | null;
}

/** Allowed when the actor's role is in the action's list. */
export function can(actor: Actor, action: Action): boolean {
  return RULES[action].includes(actor.role);
}

/** The actions an actor may take, sent to the UI so it shows only what works. */
export function abilities(actor: Actor): Action[] {
  return (Object.keys(RULES) as Action[]).filter((action) => can(actor, action));
}

/** The NPS figures an actor may see (the server filters reports with it; the console shows it). */
export function npsScope(actor: Actor): NpsScope {
  if (!can(actor, 'nps.read')) return { teams: 'none', teamId: null, advisors: 'none', advisorId: null };
  const advisors = NPS_ADVISORS[actor.role];
  const advisorId = advisors === 'self' ? actor.id : null;
  if (NPS_OWN_TEAM_ONLY.includes(actor.role)) return { teams: 'own', teamId: actor.teamId, advisors, advisorId };
  return { teams: 'all', teamId: null, advisors, advisorId };
}
