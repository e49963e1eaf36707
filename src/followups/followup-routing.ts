import type { Kysely } from 'kysely';
import type { Database, RoutedBy } from '../storage/schema.js';
import type { RoutingStep } from './followup-rules.js';

/** What routing knows of the answer: the customer, and the contact evaluated with the team and site that took it. */
export interface RoutingInput {
  partyId: string;
  /** the account the contact was about, if known: its account manager comes first */
  accountId: string | null;
  teamId: string | null;
  siteId: string | null;
}

/** Who holds a new follow-up: its team (its queue) and the person assigned, if any. */
export interface Routing {
  teamId: string | null;
  assigneeId: string | null;
  routedBy: RoutedBy;
}

/** The active team lead among `where` with the fewest open follow-ups (then the first by id). */
async function leastLoadedLead(db: Kysely<Database>, where: { teamId: string } | { siteId: string }): Promise<{ id: string; team_id: string | null } | undefined> {
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.team_id'])
    // open follow-ups assigned to each: the lighter-loaded of several leads takes the next one
    .select((eb) =>
      eb
        .selectFrom('cases')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('cases.assignee_id', '=', 'users.id')
        .where('cases.closed_at', 'is', null)
        .where('cases.kind', '=', 'followup')
        .as('load'),
    )
    .where('users.role', '=', 'team_lead')
    .where('users.active', '=', 1);
  query = 'teamId' in where ? query.where('users.team_id', '=', where.teamId) : query.where('users.site_id', '=', where.siteId).where('users.team_id', 'is', null);
  return query.orderBy('load').orderBy('users.id').limit(1).executeTakeFirst();
}

/**
 * Who routing can find, asked one step at a time: a business customer's active account manager (the
 * contact's account first, then the customer's oldest business account with one) and the least
 * loaded active lead of a team or of a site. The database answers it (`routeFollowup`); a history
 * written in bulk answers it from what it holds.
 */
export interface RoutingDirectory {
  accountManager(partyId: string, accountId: string | null): Promise<{ id: string; team_id: string | null } | undefined>;
  leastLoadedLead(where: { teamId: string } | { siteId: string }): Promise<{ id: string } | undefined>;
}

/**
 * Finds who takes a follow-up, trying the steps of the rules in their order (docs/followups.md):
 * - `account_manager`: a business customer's account manager (the contact's account first, then the
 *   customer's oldest business account with one), if active;
 * - `team_lead`: the team lead of the team that took the contact (the least loaded of several);
 * - `site_lead`: the lead of the site that took the contact (a team lead attached to the site, not to a team);
 * - then the team queue: the contact's team, nobody assigned.
 * The case belongs to the contact's team whoever is assigned (the account manager's when it has none).
 */
export async function routeWith(directory: RoutingDirectory, input: RoutingInput, steps: readonly RoutingStep[]): Promise<Routing> {
  for (const step of steps) {
    if (step === 'account_manager') {
      const manager = await directory.accountManager(input.partyId, input.accountId);
      if (manager) return { teamId: input.teamId ?? manager.team_id, assigneeId: manager.id, routedBy: 'account_manager' };
    }
    if (step === 'team_lead' && input.teamId !== null) {
      const lead = await directory.leastLoadedLead({ teamId: input.teamId });
      if (lead) return { teamId: input.teamId, assigneeId: lead.id, routedBy: 'team_lead' };
    }
    if (step === 'site_lead' && input.siteId !== null) {
      const lead = await directory.leastLoadedLead({ siteId: input.siteId });
      if (lead) return { teamId: input.teamId, assigneeId: lead.id, routedBy: 'site_lead' };
    }
  }
  return { teamId: input.teamId, assigneeId: null, routedBy: 'team_queue' };
}

/** Routes a follow-up (`routeWith`) over the database as it stands. */
export function routeFollowup(db: Kysely<Database>, input: RoutingInput, steps: readonly RoutingStep[]): Promise<Routing> {
  return routeWith(
    {
      accountManager: (partyId, accountId) =>
        db
          .selectFrom('accounts')
          .innerJoin('users', 'users.id', 'accounts.account_manager_id')
          .select(['users.id', 'users.team_id'])
          .where('accounts.party_id', '=', partyId)
          .where('accounts.segment', '=', 'business')
          .where('users.active', '=', 1)
          .orderBy((eb) => eb.case().when('accounts.id', '=', accountId ?? '').then(0).else(1).end())
          .orderBy('accounts.created_at')
          .limit(1)
          .executeTakeFirst(),
      leastLoadedLead: (where) => leastLoadedLead(db, where),
    },
    input,
    steps,
  );
}
