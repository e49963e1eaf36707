import type { Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { type CauseChoice, codeSubject, type CodingSubject, planOf } from '../causes/cause-coding.js';
import { findCoding } from '../causes/cause-codings.js';
import { suggestCauses } from '../causes/cause-suggestions.js';
import { listCauses } from '../causes/cause-tree.js';
import { DomainError, notFound } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { Database } from '../storage/schema.js';

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

/** What a repeat contact gives its coding: when it started, the customer, segment, channel, team, site and plan; one extra contact. */
async function contactSubject(db: Kysely<Database>, row: Awaited<ReturnType<typeof contactOf>>): Promise<CodingSubject> {
  const segment = row.segment ?? (await db.selectFrom('accounts').select('segment').where('party_id', '=', row.party_id).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst())?.segment ?? null;
  return {
    subject_kind: 'contact', subject_id: row.id, party_id: row.party_id, occurred_at: Number(row.started_at), segment, channel: row.channel,
    team_id: row.team_id, site_id: row.site_id, plan: await planOf(db, null, row.account_id, row.party_id), amount_cents: 0, refund_cents: 0, extra_contacts: 1,
  };
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
