import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { suggestCauses } from '../causes/cause-suggestions.js';
import { listCauses } from '../causes/cause-tree.js';
import type { Language } from '../shared/languages.js';
import { type CodingSubject, planOf } from '../causes/cause-coding.js';
import type { Database } from '../storage/schema.js';
import { getFollowup, segmentOf } from './followup-queries.js';

/**
 * What a detractor follow-up gives its root-cause coding (docs/improvement.md, "Coding a cause"): when
 * it was opened, the customer, the customer's segment (as its page shows it), the contact's channel, the team
 * handling the follow-up and its site, the plan of the customer's line. A follow-up disputes no amount.
 */
export async function followupCodingSubject(db: Kysely<Database>, id: string): Promise<CodingSubject> {
  const row = await db
    .selectFrom('followups')
    .innerJoin('cases', 'cases.id', 'followups.case_id')
    .innerJoin('interactions', 'interactions.id', 'followups.interaction_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select(['followups.opened_at', 'cases.party_id', 'cases.team_id', 'teams.site_id', 'interactions.channel', 'interactions.account_id'])
    .where('followups.case_id', '=', id)
    .executeTakeFirstOrThrow();
  const segment = row.party_id ? await segmentOf(db, row.party_id, row.account_id) : null;
  return {
    subject_kind: 'followup', subject_id: id, party_id: row.party_id, occurred_at: Number(row.opened_at), segment, channel: row.channel,
    team_id: row.team_id, site_id: row.site_id ?? null, plan: await planOf(db, null, row.account_id, row.party_id), amount_cents: 0, refund_cents: 0, extra_contacts: 0,
  };
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
