import type { Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { type CauseChoice, codeSubject, type CodingSubject, planOf } from '../causes/cause-coding.js';
import { findCoding } from '../causes/cause-codings.js';
import { suggestCauses } from '../causes/cause-suggestions.js';
import { listCauses } from '../causes/cause-tree.js';
import { DomainError, notFound } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { Database, InteractionTable } from '../storage/schema.js';

/**
 * Root causes on repeat contacts (docs/improvement.md, "Coding a cause"): a contact that brought the
 * customer back for the same reason within the FCR window (docs/fcr.md) is coded with why the first
 * one did not settle it. Only repeat contacts are coded: a first contact is counted by its complaint
 * or follow-up, if any.
 */

async function contactOf(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom('interactions')
    .leftJoin('accounts', 'accounts.id', 'interactions.account_id')
    .select([
      'interactions.id', 'interactions.party_id', 'interactions.started_at', 'interactions.channel', 'interactions.team_id', 'interactions.site_id',
      'interactions.account_id', 'interactions.repeat_of', 'interactions.reason_code', 'interactions.notes', 'interactions.outcome', 'accounts.segment',
    ])
    .where('interactions.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('No contact has this id');
  return row;
}

/** What a repeat contact's coding is made of: the contact's own fields and what is looked up about its customer. */
export interface ContactCodingFields {
  contact: Pick<InteractionTable, 'id' | 'party_id' | 'started_at' | 'channel' | 'team_id' | 'site_id'>;
  /** the segment of the contact's account, else of the customer's first account (`contactSegment`) */
  segment: 'residential' | 'business' | null;
  /** the plan of the contact's account's first line, else the customer's (`planOf`) */
  plan: string | null;
}

/** A repeat contact's segment: its account's, else that of the customer's first account (opened first, then by id); null without any. Reads nothing. */
export function contactSegment(
  accountSegment: 'residential' | 'business' | null,
  accounts: readonly { id: string; segment: 'residential' | 'business'; created_at: number }[],
): 'residential' | 'business' | null {
  if (accountSegment !== null) return accountSegment;
  let first: (typeof accounts)[number] | undefined;
  for (const a of accounts) {
    if (!first || Number(a.created_at) < Number(first.created_at) || (Number(a.created_at) === Number(first.created_at) && a.id < first.id)) first = a;
  }
  return first?.segment ?? null;
}

/**
 * What a repeat contact gives its coding: when it started, the customer, segment, channel, team, site
 * and plan; one extra contact. Reads nothing: the demo's history builds it from what it holds.
 */
export function repeatContactSubjectOf(f: ContactCodingFields): CodingSubject {
  const { contact } = f;
  return {
    subject_kind: 'contact', subject_id: contact.id, party_id: contact.party_id, occurred_at: Number(contact.started_at), segment: f.segment,
    channel: contact.channel, team_id: contact.team_id, site_id: contact.site_id, plan: f.plan, amount_cents: 0, refund_cents: 0, extra_contacts: 1,
  };
}

/** What a repeat contact gives its coding, read from the database. */
async function contactSubject(db: Kysely<Database>, row: Awaited<ReturnType<typeof contactOf>>): Promise<CodingSubject> {
  const accounts = row.segment === null ? await db.selectFrom('accounts').select(['id', 'segment', 'created_at']).where('party_id', '=', row.party_id).execute() : [];
  return repeatContactSubjectOf({ contact: row, segment: contactSegment(row.segment, accounts), plan: await planOf(db, null, row.account_id, row.party_id) });
}

/** Codes (or recodes) a repeat contact; 422 `not-a-repeat-contact` for another contact, nothing written. */
export async function codeRepeatContact(db: Kysely<Database>, id: string, choice: CauseChoice, actor: Actor, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const row = await contactOf(trx, id);
    if (row.repeat_of === null) {
      throw new DomainError(422, 'not-a-repeat-contact', 'Only a repeat contact is coded with a root cause: this contact did not follow an earlier one for the same reason', [], { contactId: id });
    }
    const { previous } = await codeSubject(trx, await contactSubject(trx, row), choice, actor, now);
    const coded = (await findCoding(trx, 'contact', id))!;
    return { causeCode: coded.cause_code, unknownReason: coded.unknown_reason, codedAt: coded.coded_at, previousCause: previous !== coded.cause_code ? previous : null };
  });
}

/** The causes suggested for a contact from its notes, outcome and reason; an audited read of the customer's record. */
export async function contactCauseSuggestions(db: Kysely<Database>, id: string, actor: Actor, language: Language) {
  const row = await contactOf(db, id);
  await auditCustomerRead(db, actor, row.party_id, 'contacts');
  const causes = await listCauses(db, language);
  return { causes, suggestions: suggestCauses(causes, { texts: [row.notes, row.outcome], reasons: row.reason_code ? [row.reason_code] : [] }) };
}
