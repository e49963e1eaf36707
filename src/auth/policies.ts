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
 * Whose NPS figures a reader sees, beside `nps.read`: advisors and team leads their own team's
 * only, the other readers every team's.
 */
const NPS_OWN_TEAM_ONLY: readonly Role[] = ['advisor', 'team_lead'];

/**
 * The NPS figures a reader may see: `none` (no `nps.read`), `all` teams, or their `own` team
 * (`teamId`; null for an account without a team, which sees no figures until it has one).
 */
export interface NpsScope {
  teams: 'none' | 'all' | 'own';
  teamId: string | null;
}

/** Allowed when the actor's role is in the action's list. */
export function can(actor: Actor, action: Action): boolean {
  return RULES[action].includes(actor.role);
}

/**
 * Actions that exist only in demo mode: the phone simulator lets a person play any customer's phone,
 * so outside demo mode its routes are not even mounted (src/server/app.ts) and nobody is offered it.
 */
export const DEMO_ONLY: readonly Action[] = ['sms.simulate'];

/** The actions an actor may take, sent to the UI so it shows only what works. */
export function abilities(actor: Actor, mode: { demoMode: boolean } = { demoMode: false }): Action[] {
  return (Object.keys(RULES) as Action[]).filter((action) => can(actor, action) && (mode.demoMode || !DEMO_ONLY.includes(action)));
}

/** The NPS figures an actor may see (the server filters reports with it; the console shows it). */
export function npsScope(actor: Actor): NpsScope {
  if (!can(actor, 'nps.read')) return { teams: 'none', teamId: null };
  if (NPS_OWN_TEAM_ONLY.includes(actor.role)) return { teams: 'own', teamId: actor.teamId };
  return { teams: 'all', teamId: null };
}
