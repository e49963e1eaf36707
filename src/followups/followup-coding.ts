import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { suggestCauses } from '../causes/cause-suggestions.js';
import { listCauses } from '../causes/cause-tree.js';
import type { Language } from '../shared/languages.js';
import { type CodingSubject, planOf } from '../causes/cause-coding.js';
import type { Channel, Database, FollowupTable } from '../storage/schema.js';
import { getFollowup, segmentOf } from './followup-queries.js';

/** What a follow-up's coding is made of: its own fields and its case's, and what is looked up about it. */
export interface FollowupCodingFields {
  followup: Pick<FollowupTable, 'case_id' | 'opened_at'>;
  partyId: string | null;
  teamId: string | null;
  /** the site of the team handling it */
  siteId: string | null;
  /** the channel of the contact evaluated */
  channel: Channel;
  /** the customer's segment as its page shows it (`segmentOf`) */
  segment: 'residential' | 'business' | null;
  /** the plan of the contact's account's first line, else the customer's (`planOf`) */
  plan: string | null;
}

/**
 * What a detractor follow-up gives its root-cause coding (docs/improvement.md, "Coding a cause"): when
 * it was opened, the customer, the customer's segment (as its page shows it), the contact's channel, the team
 * handling the follow-up and its site, the plan of the customer's line. A follow-up disputes no amount.
 * Reads nothing: the demo's history builds it from what it holds.
 */
export function followupSubjectOf(f: FollowupCodingFields): CodingSubject {
  return {
    subject_kind: 'followup', subject_id: f.followup.case_id, party_id: f.partyId, occurred_at: Number(f.followup.opened_at), segment: f.segment,
    channel: f.channel, team_id: f.teamId, site_id: f.siteId, plan: f.plan, amount_cents: 0, refund_cents: 0, extra_contacts: 0,
  };
}

/** What a follow-up gives its root-cause coding, read from the database. */
export async function followupCodingSubject(db: Kysely<Database>, id: string): Promise<CodingSubject> {
  const row = await db
    .selectFrom('followups')
    .innerJoin('cases', 'cases.id', 'followups.case_id')
    .innerJoin('interactions', 'interactions.id', 'followups.interaction_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select(['followups.case_id', 'followups.opened_at', 'cases.party_id', 'cases.team_id', 'teams.site_id', 'interactions.channel', 'interactions.account_id'])
    .where('followups.case_id', '=', id)
    .executeTakeFirstOrThrow();
  return followupSubjectOf({
    followup: row, partyId: row.party_id, teamId: row.team_id, siteId: row.site_id ?? null, channel: row.channel,
    segment: row.party_id ? await segmentOf(db, row.party_id, row.account_id) : null, plan: await planOf(db, null, row.account_id, row.party_id),
  });
}

/**
 * The causes suggested for a follow-up (src/causes/cause-suggestions.ts) from the customer's comment,
 * the cause recorded in their words, its category and the contact's reason; read as the follow-up is.
 */
export async function followupCauseSuggestions(db: Kysely<Database>, id: string, actor: Actor, language: Language) {
  const f = await getFollowup(db, id, actor);
  const causes = await listCauses(db, language);
  const reasons = [f.contact.reasonCode, f.outcome.causeCategory].filter((r): r is string => r !== null);
  return { causes, suggestions: suggestCauses(causes, { texts: [f.answer.comment, f.outcome.cause], reasons }) };
}
