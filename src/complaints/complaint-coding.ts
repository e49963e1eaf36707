import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policies.js';
import { type CodingSubject, planOf } from '../causes/cause-coding.js';
import { suggestCauses } from '../causes/cause-suggestions.js';
import { listCauses } from '../causes/cause-tree.js';
import type { Language } from '../shared/languages.js';
import type { ComplaintTable, Database } from '../storage/schema.js';
import { getComplaint } from './complaint-queries.js';

/** What a complaint's coding is made of: the complaint's own fields, its case's, and what is looked up about it. */
export interface ComplaintCodingFields {
  complaint: Pick<ComplaintTable, 'case_id' | 'received_at' | 'segment' | 'channel' | 'amount_disputed_cents' | 'refund_cents'>;
  partyId: string | null;
  teamId: string | null;
  /** the site of the team handling it */
  siteId: string | null;
  /** the plan of the line concerned, or of the account's or customer's first line (`planOf`) */
  plan: string | null;
  /** how many contacts are linked to it */
  contacts: number;
}

/**
 * What a complaint gives its root-cause coding (docs/improvement.md, "Coding a cause"): when it was
 * received, the customer, its segment and channel, the team handling it and that team's site, the plan
 * of the line concerned (or of the account's first line), the amount disputed and refunded, and the
 * contacts about it beyond the first. Reads nothing: the demo's history builds it from what it holds.
 */
export function complaintSubjectOf(f: ComplaintCodingFields): CodingSubject {
  const { complaint } = f;
  return {
    subject_kind: 'complaint', subject_id: complaint.case_id, party_id: f.partyId, occurred_at: Number(complaint.received_at), segment: complaint.segment,
    channel: complaint.channel, team_id: f.teamId, site_id: f.siteId, plan: f.plan, amount_cents: Number(complaint.amount_disputed_cents ?? 0),
    refund_cents: Number(complaint.refund_cents ?? 0), extra_contacts: Math.max(0, f.contacts - 1),
  };
}

/** What a complaint gives its root-cause coding, read from the database. */
export async function complaintCodingSubject(db: Kysely<Database>, id: string): Promise<CodingSubject> {
  const row = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .leftJoin('teams', 'teams.id', 'cases.team_id')
    .select([
      'complaints.case_id', 'complaints.received_at', 'complaints.segment', 'complaints.channel', 'complaints.account_id', 'complaints.line_id',
      'complaints.amount_disputed_cents', 'complaints.refund_cents', 'cases.party_id', 'cases.team_id', 'teams.site_id',
    ])
    .where('complaints.case_id', '=', id)
    .executeTakeFirstOrThrow();
  const contacts = await db.selectFrom('complaint_contacts').select((eb) => eb.fn.countAll<number | string>().as('n')).where('case_id', '=', id).executeTakeFirstOrThrow();
  return complaintSubjectOf({
    complaint: row, partyId: row.party_id, teamId: row.team_id, siteId: row.site_id ?? null,
    plan: await planOf(db, row.line_id, row.account_id, row.party_id), contacts: Number(contacts.n),
  });
}

/**
 * The causes suggested for a complaint (src/causes/cause-suggestions.ts) from its description, its
 * category and the reasons of the contacts linked to it; read as the complaint is (scope, audit).
 */
export async function complaintCauseSuggestions(db: Kysely<Database>, id: string, actor: Actor, language: Language) {
  const complaint = await getComplaint(db, id, actor);
  const reasons = complaint.contactIds.length
    ? (await db.selectFrom('interactions').select('reason_code').where('id', 'in', complaint.contactIds).execute()).map((r) => r.reason_code).filter((r): r is string => r !== null)
    : [];
  const causes = await listCauses(db, language);
  return { causes, suggestions: suggestCauses(causes, { texts: [complaint.description, complaint.rootCause], reasons: [complaint.category, ...reasons] }) };
}
