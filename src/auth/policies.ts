import { TOKEN_SCOPES, type TokenScope } from '../shared/roles.js';
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
  /** an API token's scopes: it may do only what its role allows AND one of its scopes covers (none when absent) */
  scopes?: readonly TokenScope[];
}

/** Every action Ecoute authorizes. */
export type Action =
  | 'customer.recognize'
  | 'customer.search'
  | 'customer.read'
  | 'customer.create'
  | 'interaction.create'
  | 'contact.code-cause'
  | 'reason.read'
  | 'reason.manage'
  | 'console.subscribe'
  | 'token.manage'
  | 'audit.read'
  | 'survey.read'
  | 'survey.manage'
  | 'nps.read'
  | 'sms.simulate'
  | 'study.read'
  | 'study.import'
  | 'customer.export'
  | 'customer.erase'
  | 'consent.read'
  | 'consent.change'
  | 'notification.read'
  | 'template.read'
  | 'template.manage'
  | 'mail.inspect'
  | 'complaint.read'
  | 'complaint.create'
  | 'complaint.handle'
  | 'complaint.assign'
  | 'complaint.export'
  | 'complaint.configure'
  | 'followup.read'
  | 'followup.handle'
  | 'followup.assign'
  | 'followup.export'
  | 'followup.metrics'
  | 'followup.configure'
  | 'complaint.report'
  | 'cause.read'
  | 'cause.configure'
  | 'analysis.read'
  | 'review.read'
  | 'action.read'
  | 'action.edit'
  | 'action.verify-override'
  | 'user.manage'
  | 'org.manage'
  | 'recording.play'
  | 'recording.redact'
  | 'recording.store'
  | 'quality.read'
  | 'quality.sample'
  | 'scorecard.manage'
  | 'evaluation.score'
  | 'evaluation.review'
  | 'evaluation.acknowledge'
  | 'calibration.manage'
  | 'calibration.score'
  | 'coaching.read'
  | 'coaching.write'
  | 'training.read'
  | 'training.manage'
  | 'quality.figures'
  | 'usage.ingest'
  | 'usage.read'
  | 'plan.read'
  | 'plan.manage'
  | 'callback.read'
  | 'callback.handle'
  | 'bill.import'
  | 'bill.read'
  | 'plan.history'
  | 'plan.change'
  | 'device.import'
  | 'device.read'
  | 'device.imei';

/** Who answers a customer's data-protection requests (access, GDPR art. 15): administrators and the data protection officer. */
const DATA_PROTECTION: readonly Role[] = ['admin', 'dpo'];

/** Everyone who works with customers' cards. */
const CARD_READERS: readonly Role[] = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'];

/**
 * The authorization rules, in one place: which roles may do what. Least privilege:
 * quality coaches and CX managers read cards but do not log contacts for others;
 * systems (integration) recognise callers and record contacts, and what else their token's scopes say;
 * the data protection officer (dpo) reads the audit trail and exports a customer's record when they ask for it (art. 15).
 */
const RULES: Record<Action, readonly Role[]> = {
  'customer.recognize': CARD_READERS,
  'customer.search': CARD_READERS,
  'customer.read': CARD_READERS,
  'customer.create': ['advisor', 'team_lead', 'admin', 'integration'],
  'interaction.create': ['advisor', 'team_lead', 'admin', 'integration'],
  /** a repeat contact's root cause (docs/improvement.md): those who handle contacts and those who analyse them */
  'contact.code-cause': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'reason.read': CARD_READERS,
  'reason.manage': ['cx_manager', 'admin'],
  'console.subscribe': ['advisor', 'team_lead'],
  'token.manage': ['admin'],
  'audit.read': ['admin', 'dpo'],
  'survey.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'survey.manage': ['cx_manager', 'admin'],
  'nps.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'sms.simulate': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'study.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'study.import': ['cx_manager', 'admin'],
  // privacy rights (src/privacy): the export of everything held on a customer, erasure (admins only),
  // and consents, which the advisor changes on the card when the customer asks
  'customer.export': DATA_PROTECTION,
  'customer.erase': ['admin'],
  'consent.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'consent.change': ['advisor', 'team_lead', 'admin'],
  // outgoing messages (src/notifications): what was sent to a customer about a case, for whoever may
  // read the case (its kind's reader decides, beside this rule); the templates; the demo's mail catcher
  'notification.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'template.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'template.manage': ['cx_manager', 'admin'],
  'mail.inspect': ['admin'],
  // complaints (src/complaints): which complaints each reader sees is `complaintScope` below.
  // Advisors record them on every channel and work on their team's; team leads also assign and export;
  // CX managers read and export all and keep the categories and their deadlines; systems (a web form)
  // record them and read them with the `complaints` scope. Quality coaches and the DPO have no need:
  // a customer's complaints reach the DPO in the export of their record.
  'complaint.read': ['advisor', 'team_lead', 'cx_manager', 'admin', 'integration'],
  'complaint.create': ['advisor', 'team_lead', 'admin', 'integration'],
  'complaint.handle': ['advisor', 'team_lead', 'admin'],
  'complaint.assign': ['team_lead', 'admin'],
  'complaint.export': ['team_lead', 'cx_manager', 'admin'],
  'complaint.configure': ['cx_manager', 'admin'],
  // detractor follow-ups (src/followups): which ones each reader sees is `followupScope` below. Advisors
  // work on those assigned to them; team leads on their team's, assign them and export them; CX managers
  // see and may work on all (the escalation level), keep the rules and read the figures of every team.
  // Quality coaches read the figures (per team, never per advisor).
  'followup.read': ['advisor', 'team_lead', 'cx_manager', 'admin'],
  'followup.handle': ['advisor', 'team_lead', 'cx_manager', 'admin'],
  'followup.assign': ['team_lead', 'cx_manager', 'admin'],
  'followup.export': ['team_lead', 'cx_manager', 'admin'],
  'followup.metrics': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'followup.configure': ['cx_manager', 'admin'],
  // the report's figures (docs/complaints.md, "Reports"): a team lead sees their own team's only
  'complaint.report': ['team_lead', 'cx_manager', 'admin'],
  // root causes (src/causes, docs/improvement.md): read by whoever codes them (complaints, follow-ups)
  // or reads the analysis; the tree and its owners are the CX managers'.
  'cause.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'cause.configure': ['cx_manager', 'admin'],
  // the analysis of causes (src/analysis, docs/improvement.md: Pareto, recurrence, control charts): a team
  // lead's figures are their own team's (`analysisScope`); the complaints, follow-ups and contacts behind a
  // figure are listed only to a reader who may read them (complaint.read, followup.read, customer.read)
  'analysis.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  /** the management committee's monthly review: the whole operator's figures, no customer's nor employee's */
  'review.read': ['cx_manager', 'admin'],
  // improvement actions (src/actions, docs/improvement.md): read by who steers the causes' owners and
  // their teams (team leads their own team's: `actionScope`); CX managers create and edit every action,
  // and the person in charge of one edits it too (`mayEditAction`); verifying one whose effect is not
  // significant in the intended direction takes an explicit override with its reason.
  'action.read': ['team_lead', 'quality_coach', 'cx_manager', 'admin'],
  'action.edit': ['cx_manager', 'admin'],
  'action.verify-override': ['cx_manager', 'admin'],
  // the administration of people (src/staff): accounts, roles, passwords and sessions; and of the
  // organisation they work in (teams, sites). No token scope lists either: for people only.
  'user.manage': ['admin'],
  'org.manage': ['admin'],
  // Quality and coaching (src/quality, docs/quality.md). Whose recordings, evaluations, coaching and
  // figures a reader reaches is `qualityScope`: an advisor their own, a team lead their team's, a coach
  // everyone's; nobody a colleague's. Recordings are personal data of the customer and the advisor:
  // every play is audited; CX managers and admins do not listen.
  'recording.play': ['advisor', 'team_lead', 'quality_coach'],
  /** mark a span of a recording that must never be played again (a card number read out) */
  'recording.redact': ['team_lead', 'quality_coach'],
  /** the telephony platform hands over a contact's recording */
  'recording.store': ['admin', 'integration'],
  /** samples, scorecards and evaluations, within `qualityScope` */
  'quality.read': ['advisor', 'team_lead', 'quality_coach'],
  /** draw a period's sample and replace a drawn contact, with a reason */
  'quality.sample': ['quality_coach'],
  /** write scorecards: drafts, publishing, archiving */
  'scorecard.manage': ['quality_coach'],
  /** evaluate a contact (team leads evaluate their own team's) */
  'evaluation.score': ['team_lead', 'quality_coach'],
  /** the second evaluator who decides a disputed evaluation (never its first evaluator) */
  'evaluation.review': ['team_lead', 'quality_coach'],
  /** the advisor evaluated acknowledges or disputes their own evaluation */
  'evaluation.acknowledge': ['advisor', 'team_lead'],
  'calibration.manage': ['quality_coach'],
  /** score a calibration session's contacts blind, as one of its evaluators */
  'calibration.score': ['team_lead', 'quality_coach'],
  'coaching.read': ['advisor', 'team_lead', 'quality_coach'],
  'coaching.write': ['team_lead', 'quality_coach'],
  /** the catalogue of trainings and one's own (a team lead their team's, within `qualityScope`) */
  'training.read': ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'],
  /** the catalogue, sessions, attendance and the trainings each role must follow */
  'training.manage': ['quality_coach', 'cx_manager', 'admin'],
  /** an advisor's scorecard and a team's quality figures, within `qualityScope` */
  'quality.figures': ['advisor', 'team_lead', 'quality_coach', 'cx_manager'],
  // usage and consumption (src/usage, docs/self-service.md): the mediation platform sends usage; whoever
  // reads cards reads a line's consumption (an audited read); the plan catalogue is the administrators'.
  'usage.ingest': ['admin', 'integration'],
  'usage.read': CARD_READERS,
  'plan.read': CARD_READERS,
  'plan.manage': ['admin'],
  // callbacks customers ask for in the app (src/callbacks, docs/self-service.md): the team that takes them
  // reads its queue and calls; no token scope lists them
  'callback.read': ['advisor', 'team_lead', 'admin'],
  'callback.handle': ['advisor', 'team_lead', 'admin'],
  // bills (src/billing, docs/self-service.md): the billing system sends them; whoever reads cards reads a
  // customer's bills (an audited read)
  'bill.import': ['admin', 'integration'],
  'bill.read': CARD_READERS,
  // a line's plan, its change waiting for the next period and the history of its changes (docs/self-service.md,
  // "Changing plan"): read by whoever reads cards; changed by those who take customers' requests and by
  // the billing system, besides the customer in the app
  'plan.history': CARD_READERS,
  'plan.change': ['advisor', 'team_lead', 'admin', 'integration'],
  // the customers' devices (src/devices): sent by the operator's systems, read by whoever reads cards with
  // the IMEI masked; the whole IMEI (a handset reported stolen, a repair) by those who take customers'
  // requests, people only
  'device.import': ['admin', 'integration'],
  'device.read': CARD_READERS,
  'device.imei': ['advisor', 'team_lead', 'admin'],
};

/**
 * What each API token scope covers. A token may take an action when its role allows it (RULES) and
 * one of its scopes lists it. No scope lists the console's live stream, the phone simulator, demo
 * calls or token management: those are for people only.
 */
export const SCOPE_ACTIONS: Record<TokenScope, readonly Action[]> = {
  /** the caller's card from their number (CTI screen pop) */
  recognition: ['customer.recognize'],
  /** record contacts on any channel, with the reason list they are coded with */
  contacts: ['interaction.create', 'reason.read'],
  /** search customers, read whole cards and timelines, create customers (a CRM synchronisation) */
  customers: ['customer.search', 'customer.read', 'customer.create', 'usage.read', 'bill.read', 'plan.history', 'device.read'],
  nps: ['nps.read'],
  surveys: ['survey.read'],
  studies: ['study.read', 'study.import'],
  audit: ['audit.read'],
  /** record complaints (a web form, a back office's tool) and read them */
  complaints: ['complaint.create', 'complaint.read'],
  /** hand over contacts' recordings (the telephony platform) */
  recordings: ['recording.store'],
  /** send usage events (the mediation platform) and read lines' consumption and the plans */
  usage: ['usage.ingest', 'usage.read', 'plan.read'],
  /** send bills (the billing system) and read customers' bills; change lines' plans and read them */
  billing: ['bill.import', 'bill.read', 'plan.change', 'plan.history'],
  /** send the customers' devices (the operator's systems) and read them, the IMEI masked */
  devices: ['device.import', 'device.read'],
};

/** The scopes tokens created before scopes existed were given: what systems were documented to do. */
export const LEGACY_TOKEN_SCOPES: readonly TokenScope[] = ['recognition', 'contacts'];

/** The scopes that give a token of this role at least one action. */
export function scopesForRole(role: Role): TokenScope[] {
  return TOKEN_SCOPES.filter((scope) => {
    const token: Actor = { kind: 'token', id: '', role, displayName: '', teamId: null, language: 'en', scopes: [scope] };
    return SCOPE_ACTIONS[scope].some((action) => can(token, action));
  });
}

/**
 * Whose NPS figures a reader sees, beside `nps.read`. Teams: advisors and team leads their own
 * team's only, the other readers every team's. Advisors: the figures of one advisor (grouped or
 * filtered by advisor, and the advisor a comment was about) are that employee's performance, personal
 * data: an advisor sees their own and their team's total, never a colleague's; a team lead the
 * advisors of their team; a quality coach, who coaches advisors, those of every team; a CX manager
 * and an admin steer and run the service by team, site, channel and reason, not by person.
 */
const NPS_OWN_TEAM_ONLY: readonly Role[] = ['advisor', 'team_lead'];
/** Who sees every team's complaints (`complaintScope`); the others their own team's. */
const COMPLAINTS_OF_ALL_TEAMS: readonly Role[] = ['cx_manager', 'admin', 'integration'];
const NPS_ADVISORS: Record<Role, NpsScope['advisors']> = {
  advisor: 'self',
  team_lead: 'all',
  quality_coach: 'all',
  cx_manager: 'none',
  admin: 'none',
  dpo: 'none',
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

/** Allowed when the actor's role is in the action's list, and, for an API token, one of its scopes covers the action. */
export function can(actor: Actor, action: Action): boolean {
  if (!RULES[action].includes(actor.role)) return false;
  if (actor.kind === 'user') return true;
  // A token belongs to no team, and these roles see their own team's figures only: it would see none.
  if (action === 'nps.read' && NPS_OWN_TEAM_ONLY.includes(actor.role)) return false;
  // Nor their own team's complaints.
  if (action.startsWith('complaint.') && !COMPLAINTS_OF_ALL_TEAMS.includes(actor.role)) return false;
  return (actor.scopes ?? []).some((scope) => SCOPE_ACTIONS[scope]?.includes(action));
}

/**
 * Actions that exist only in demo mode: the phone simulator lets a person play any customer's phone,
 * and the mail catcher shows every e-mail sent, so outside demo mode their routes are not even
 * mounted (src/server/app.ts) and nobody is offered them.
 */
export const DEMO_ONLY: readonly Action[] = ['sms.simulate', 'mail.inspect'];

/** The actions an actor may take, sent to the UI so it shows only what works. */
export function abilities(actor: Actor, mode: { demoMode: boolean } = { demoMode: false }): Action[] {
  return (Object.keys(RULES) as Action[]).filter((action) => can(actor, action) && (mode.demoMode || !DEMO_ONLY.includes(action)));
}

/** The NPS figures an actor may see (the server filters reports with it; the console shows it). */
export function npsScope(actor: Actor): NpsScope {
  if (!can(actor, 'nps.read')) return { teams: 'none', teamId: null, advisors: 'none', advisorId: null };
  const advisors = NPS_ADVISORS[actor.role];
  const advisorId = advisors === 'self' ? actor.id : null;
  if (NPS_OWN_TEAM_ONLY.includes(actor.role)) return { teams: 'own', teamId: actor.teamId, advisors, advisorId };
  return { teams: 'all', teamId: null, advisors, advisorId };
}

/**
 * Which complaints an actor sees and works on, beside the actions: `all`, or their `own` team's
 * (`teamId`) and those assigned to them; with `own`, a customer's complaints are also listed when
 * the list names the customer (the card during a contact shows them). `assignsOthers`: may give a
 * complaint to someone else of the team (team leads), not only take it.
 */
export interface ComplaintScope {
  teams: 'all' | 'own';
  teamId: string | null;
  userId: string;
  assignsOthers: boolean;
}

export function complaintScope(actor: Actor): ComplaintScope {
  return {
    teams: COMPLAINTS_OF_ALL_TEAMS.includes(actor.role) ? 'all' : 'own',
    teamId: actor.teamId,
    userId: actor.id,
    assignsOthers: can(actor, 'complaint.assign'),
  };
}

/**
 * Which follow-ups an actor sees and works on, beside the actions: `all`; their `team`'s (`teamId`),
 * with those assigned or escalated to them; or only those `assigned` to them (advisors). Their
 * figures: every team's (`all`), their own team's (`team`), or their own (`assigned`: the follow-ups
 * assigned to them); never a colleague's.
 */
export interface FollowupScope {
  cases: 'all' | 'team' | 'assigned';
  teamId: string | null;
  userId: string;
}

const FOLLOWUPS_OF_ALL_TEAMS: readonly Role[] = ['cx_manager', 'admin', 'quality_coach'];

export function followupScope(actor: Actor): FollowupScope {
  const cases = FOLLOWUPS_OF_ALL_TEAMS.includes(actor.role) ? 'all' : actor.role === 'team_lead' ? 'team' : 'assigned';
  return { cases, teamId: actor.teamId, userId: actor.id };
}

/**
 * Whose figures the analysis of causes shows a reader, beside `analysis.read`: every team's, or their
 * `own` team's (team leads: `teamId`; null for a lead without a team, who sees none until they have one).
 */
export interface AnalysisScope {
  teams: 'all' | 'own';
  teamId: string | null;
}

const ANALYSIS_OWN_TEAM_ONLY: readonly Role[] = ['team_lead'];

export function analysisScope(actor: Actor): AnalysisScope {
  return ANALYSIS_OWN_TEAM_ONLY.includes(actor.role) ? { teams: 'own', teamId: actor.teamId } : { teams: 'all', teamId: null };
}

/**
 * Which improvement actions an actor reads, beside `action.read`: `all`, or those of their `team`
 * (the team of the action's owner, `teamId`) and those they are in charge of themselves.
 */
export interface ActionScope {
  actions: 'all' | 'team';
  teamId: string | null;
  userId: string;
}

const ACTIONS_OF_ALL_TEAMS: readonly Role[] = ['quality_coach', 'cx_manager', 'admin'];

export function actionScope(actor: Actor): ActionScope {
  return { actions: ACTIONS_OF_ALL_TEAMS.includes(actor.role) ? 'all' : 'team', teamId: actor.teamId, userId: actor.id };
}

/**
 * Whether an actor may change an improvement action (its fields, its lifecycle, its evidence): with
 * `action.edit`, any; otherwise only the person in charge of it, who reads actions.
 */
export function mayEditAction(actor: Actor, action: { ownerId: string }): boolean {
  if (can(actor, 'action.edit')) return true;
  return actor.kind === 'user' && actor.id === action.ownerId && can(actor, 'action.read');
}

/**
 * Whose quality records an actor reaches, beside the actions (src/quality): recordings, samples,
 * evaluations, coaching, trainings and per-advisor figures. `all`: everyone's (quality coaches);
 * `team`: their team's people and their own (team leads, `teamId`); `self`: their own only (advisors);
 * `teams`: team-level figures and no one's own (CX managers: an advisor's scores are personal data);
 * `none`: nothing of anyone (admins, the DPO, systems). Never a colleague's for an advisor.
 */
export interface QualityScope {
  people: 'all' | 'team' | 'self' | 'teams' | 'none';
  teamId: string | null;
  userId: string;
}

const QUALITY_PEOPLE: Record<Role, QualityScope['people']> = {
  advisor: 'self',
  team_lead: 'team',
  quality_coach: 'all',
  cx_manager: 'teams',
  admin: 'none',
  dpo: 'none',
  integration: 'none',
};

export function qualityScope(actor: Actor): QualityScope {
  if (actor.kind !== 'user') return { people: 'none', teamId: null, userId: actor.id };
  return { people: QUALITY_PEOPLE[actor.role], teamId: actor.teamId, userId: actor.id };
}

/** Whether an actor reaches the quality records of a person (their recordings, evaluations, coaching, scorecard). */
export function reachesPerson(scope: QualityScope, person: { id: string; teamId: string | null }): boolean {
  switch (scope.people) {
    case 'all':
      return true;
    case 'team':
      return person.id === scope.userId || (scope.teamId !== null && person.teamId === scope.teamId);
    case 'self':
      return person.id === scope.userId;
    default:
      return false;
  }
}
