import type { Kysely } from 'kysely';
import { auditCustomerRead, type ReadChannel } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { interactionRows, toInteractionView, type InteractionRow, type InteractionView } from '../interactions/interaction-service.js';
import { partyOptOuts } from '../notifications/opt-out-check.js';
import { DomainError, invalid, invalidFields, type FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, Flag, Language } from '../storage/schema.js';
import { foldForSearch, searchIndexOf } from '../shared/fold.js';
import { customerSummaries, findByPhone, type CustomerSummary, type PhoneMatch } from './customer-search.js';
import { normalizePhone } from '../shared/phone.js';
import { EMAIL_ADDRESS } from '../contract/input-limits.js';

const DAY_MS = 86_400_000;

/**
 * The card counts the contacts of the FCR window up to this many (the card shows "99+" style counts
 * beyond): every query of the card reads a bounded number of rows, whatever the customer's history.
 */
export const RECENT_CONTACTS_CAP = 100;

export interface NewCustomer {
  kind: 'individual' | 'organisation';
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  organisationName?: string | null | undefined;
  preferredLanguage: Language;
  segment: 'residential' | 'business';
  customerNumber?: string | undefined;
  accountManagerId?: string | null | undefined;
  phones?: string[] | undefined;
  emails?: string[] | undefined;
  lines?: { msisdn: string; plan: string }[] | undefined;
  consentSurveys?: boolean | undefined;
  consentMarketing?: boolean | undefined;
  /** the town or locality the customer lives in */
  locality?: string | null | undefined;
}

/** Creates a party with one account, its lines and contact points, in one transaction. */
export async function createCustomer(db: Kysely<Database>, input: NewCustomer): Promise<{ id: string; customerNumber: string }> {
  const displayName =
    input.kind === 'organisation'
      ? (input.organisationName ?? '').trim()
      : `${(input.givenName ?? '').trim()} ${(input.familyName ?? '').trim()}`.trim();
  // Every field is checked before any is refused: the person sees every problem at once.
  const issues: FieldIssue[] = [];
  if (displayName === '') {
    issues.push(
      input.kind === 'organisation'
        ? { field: 'organisationName', reason: 'is required for an organisation', code: 'required' }
        : { field: 'familyName', reason: 'is required (given name and family name of the customer)', code: 'required' },
    );
  }
  const phones = (input.phones ?? []).flatMap((raw, i) => {
    const parsed = normalizePhone(raw);
    if (parsed.ok) return [parsed.e164];
    issues.push({ field: `phones.${i}`, reason: parsed.reason, code: 'invalid-phone' });
    return [];
  });
  const lines = (input.lines ?? []).flatMap((line, i) => {
    const parsed = normalizePhone(line.msisdn);
    if (parsed.ok) return [{ msisdn: parsed.e164, kind: parsed.kind === 'landline' ? ('landline' as const) : ('mobile' as const), plan: line.plan }];
    issues.push({ field: `lines.${i}.msisdn`, reason: parsed.reason, code: 'invalid-phone' });
    return [];
  });
  const emails = (input.emails ?? []).flatMap((raw, i) => {
    const email = raw.trim().toLowerCase();
    if (EMAIL_ADDRESS.test(email)) return [email];
    issues.push({ field: `emails.${i}`, reason: `"${raw}" is not an e-mail address`, code: 'invalid-format', params: { format: 'email' } });
    return [];
  });
  if (issues.length > 0) throw invalidFields(issues);
  return db.transaction().execute(async (trx) => {
    for (const line of lines) {
      const taken = await trx.selectFrom('lines').select('id').where('msisdn', '=', line.msisdn).executeTakeFirst();
      if (taken) throw new DomainError(409, 'conflict', `Line ${line.msisdn} already belongs to another customer`, [
        { field: 'lines', reason: `${line.msisdn} is already in use`, code: 'line-in-use', params: { msisdn: line.msisdn } },
      ]);
    }
    if (input.accountManagerId) {
      const manager = await trx.selectFrom('users').select('id').where('id', '=', input.accountManagerId).executeTakeFirst();
      if (!manager) throw invalid('accountManagerId', 'no user has this id', 'unknown-user');
    }
    const now = Date.now();
    const id = newId();
    const customerNumber = input.customerNumber ?? (await nextCustomerNumber(trx));
    const clash = await trx.selectFrom('parties').select('id').where('customer_number', '=', customerNumber).executeTakeFirst();
    if (clash) throw new DomainError(409, 'conflict', `Customer number ${customerNumber} is already in use`);
    await trx
      .insertInto('parties')
      .values({
        id,
        customer_number: customerNumber,
        kind: input.kind,
        given_name: input.givenName ?? null,
        family_name: input.familyName ?? null,
        organisation_name: input.organisationName ?? null,
        display_name: displayName,
        search_name: foldForSearch(displayName),
        preferred_language: input.preferredLanguage,
        consent_surveys: (input.consentSurveys === false ? 0 : 1) as Flag,
        consent_marketing: (input.consentMarketing ? 1 : 0) as Flag,
        created_at: now,
        updated_at: now,
        locality: input.locality?.trim() || null,
      })
      .execute();
    const search = searchIndexOf(displayName);
    if (search.terms.length) {
      await trx.insertInto('party_search_terms').values(search.terms.map((term) => ({ term, party_id: id, name: search.name }))).execute();
    }
    const accountId = newId();
    await trx
      .insertInto('accounts')
      .values({
        id: accountId,
        account_number: `A${customerNumber}`,
        party_id: id,
        segment: input.segment,
        account_manager_id: input.accountManagerId ?? null,
        status: 'active',
        created_at: now,
      })
      .execute();
    for (const line of lines) {
      await trx
        .insertInto('lines')
        .values({ id: newId(), account_id: accountId, msisdn: line.msisdn, kind: line.kind, plan: line.plan, status: 'active', activated_at: now })
        .execute();
    }
    const points = [
      ...phones.map((value, i) => ({ kind: 'phone' as const, value, is_primary: (i === 0 ? 1 : 0) as Flag })),
      ...emails.map((value, i) => ({ kind: 'email' as const, value, is_primary: (i === 0 ? 1 : 0) as Flag })),
    ];
    for (const point of points) {
      await trx.insertInto('contact_points').values({ id: newId(), party_id: id, ...point }).execute();
    }
    return { id, customerNumber };
  });
}

async function nextCustomerNumber(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('parties')
    .select((eb) => eb.fn.max('customer_number').as('max'))
    .where('customer_number', 'like', 'C%')
    .executeTakeFirst();
  const last = row?.max ? Number(row.max.slice(1)) : 0;
  return `C${String((Number.isFinite(last) ? last : 0) + 1).padStart(8, '0')}`;
}

export { findByPhone, searchCustomers, type CustomerSummary, type PhoneMatch, type SearchResult } from './customer-search.js';

/** Everything the advisor needs about a customer, in one answer. */
export interface CustomerCard {
  customer: {
    id: string;
    customerNumber: string;
    kind: 'individual' | 'organisation';
    displayName: string;
    givenName: string | null;
    familyName: string | null;
    organisationName: string | null;
    preferredLanguage: Language;
    consents: { surveys: boolean; marketing: boolean };
    customerSince: string;
    locality: string | null;
  };
  /** the customer's numbers that opted out of automatic SMS (a STOP by SMS), latest first: no survey reaches them */
  optOuts: { msisdn: string; at: string; keyword: string }[];
  segment: 'residential' | 'business';
  accounts: {
    id: string;
    accountNumber: string;
    segment: 'residential' | 'business';
    status: string;
    accountManager: { id: string; name: string; email: string } | null;
    lines: { msisdn: string; kind: 'mobile' | 'landline'; plan: string; status: string }[];
  }[];
  contactPoints: { kind: 'phone' | 'email'; value: string; primary: boolean }[];
  interactions: InteractionView[];
  flags: {
    /** the customer contacted us within the FCR window before now: this contact may be a repeat */
    repeatContact: boolean;
    /** contacts within the FCR window before now, counted up to RECENT_CONTACTS_CAP */
    recentContacts: number;
    /** the FCR window, in days, both flags above are counted over */
    windowDays: number;
    businessAccount: boolean;
  };
  /** the customer's latest survey answer */
  lastSurvey: {
    score: number | null;
    scale: { min: number; max: number };
    category: 'promoter' | 'passive' | 'detractor' | null;
    resolved: boolean | null;
    comment: string | null;
    receivedAt: string;
    interactionId: string;
  } | null;
}

export interface CardOptions {
  language: Language;
  fcrWindowDays: number;
  now?: number;
}

/** The card's queries, each compiled once: every recognition and card read runs them all. */
const cardQueries = {
  party: reusableQuery((db, v: { partyId: string }) => db.selectFrom('parties').selectAll().where('id', '=', v.partyId)),
  accounts: reusableQuery((db, v: { partyId: string }) =>
    db
      .selectFrom('accounts')
      .leftJoin('users', 'users.id', 'accounts.account_manager_id')
      .select([
        'accounts.id',
        'accounts.account_number',
        'accounts.segment',
        'accounts.status',
        'accounts.account_manager_id',
        'users.display_name as manager_name',
        'users.email as manager_email',
      ])
      .where('accounts.party_id', '=', v.partyId)
      .orderBy('accounts.created_at'),
  ),
  lines: reusableQuery((db, v: { partyId: string }) =>
    db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['lines.account_id', 'lines.msisdn', 'lines.kind', 'lines.plan', 'lines.status'])
      .where('accounts.party_id', '=', v.partyId)
      .orderBy('lines.activated_at'),
  ),
  contactPoints: reusableQuery((db, v: { partyId: string }) =>
    db
      .selectFrom('contact_points')
      .select(['kind', 'value', 'is_primary'])
      .where('party_id', '=', v.partyId)
      .orderBy('kind')
      .orderBy('is_primary', 'desc'),
  ),
  // Counted up to RECENT_CONTACTS_CAP: a customer contacting us all day long costs no more than any other.
  recentContacts: reusableQuery((db, v: { partyId: string; from: number; to: number; cap: number }) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('interactions')
          .select('interactions.id')
          .where('party_id', '=', v.partyId)
          .where('started_at', '>=', v.from)
          .where('started_at', '<=', v.to)
          .limit(v.cap)
          .as('recent'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n')),
  ),
  lastResponse: reusableQuery((db, v: { partyId: string }) =>
    db
      .selectFrom('survey_responses')
      .select(['score', 'scale_min', 'scale_max', 'category', 'resolved', 'comment', 'received_at', 'interaction_id'])
      .where('party_id', '=', v.partyId)
      .orderBy('received_at', 'desc')
      .limit(1),
  ),
};

type RowOf<Q> = Q extends { first: (...args: never[]) => Promise<infer R> } ? Exclude<R, undefined> : never;

/** What a card is made of, as the database returns it. */
export interface CardRows {
  party: RowOf<typeof cardQueries.party>;
  accounts: RowOf<typeof cardQueries.accounts>[];
  /** the lines of all those accounts, oldest first */
  lines: RowOf<typeof cardQueries.lines>[];
  contactPoints: RowOf<typeof cardQueries.contactPoints>[];
  /** the latest 20 contacts, newest first */
  interactions: InteractionRow[];
  /** contacts within the FCR window before now, up to RECENT_CONTACTS_CAP */
  recentContacts: number;
  lastResponse: RowOf<typeof cardQueries.lastResponse> | undefined;
  /** the customer's numbers in opt_outs, latest first (absent: none) */
  optOuts?: Awaited<ReturnType<typeof partyOptOuts.all>>;
}

/** Assembles a customer's card and writes the read to the audit trail. */
export async function getCustomerCard(
  db: Kysely<Database>,
  partyId: string,
  reader: { actor: Actor | 'system'; via: ReadChannel },
  options: CardOptions,
): Promise<CustomerCard> {
  const now = options.now ?? Date.now();
  const party = await cardQueries.party.first(db, { partyId });
  if (!party) throw new DomainError(404, 'not-found', `No customer has id ${partyId}`);
  const accounts = await cardQueries.accounts.all(db, { partyId });
  const lines = accounts.length ? await cardQueries.lines.all(db, { partyId }) : [];
  const contactPoints = await cardQueries.contactPoints.all(db, { partyId });
  const interactions = await interactionRows(db, partyId, { limit: 20, language: options.language });
  const from = now - options.fcrWindowDays * DAY_MS;
  const recent = await cardQueries.recentContacts.first(db, { partyId, from, to: now, cap: RECENT_CONTACTS_CAP });
  const lastResponse = await cardQueries.lastResponse.first(db, { partyId });
  const optOuts = await partyOptOuts.all(db, { partyId });
  await auditCustomerRead(db, reader.actor, partyId, reader.via);
  const recentContacts = Number(recent?.n ?? 0);
  return customerCard({ party, accounts, lines, contactPoints, interactions, recentContacts, lastResponse, optOuts }, { ...options, now });
}

/** The card the advisor sees, from its rows. */
export function customerCard(rows: CardRows, options: { fcrWindowDays: number; now: number }): CustomerCard {
  const { party, accounts, lines, lastResponse, recentContacts } = rows;
  const business = accounts.some((a) => a.segment === 'business');
  return {
    customer: {
      id: party.id,
      customerNumber: party.customer_number,
      kind: party.kind,
      displayName: party.display_name,
      givenName: party.given_name,
      familyName: party.family_name,
      organisationName: party.organisation_name,
      preferredLanguage: party.preferred_language,
      consents: { surveys: party.consent_surveys === 1, marketing: party.consent_marketing === 1 },
      customerSince: new Date(party.created_at).toISOString(),
      locality: party.locality,
    },
    optOuts: (rows.optOuts ?? []).map((o) => ({ msisdn: o.msisdn, at: new Date(Number(o.opted_out_at)).toISOString(), keyword: o.keyword })),
    segment: business ? 'business' : 'residential',
    accounts: accounts.map((a) => ({
      id: a.id,
      accountNumber: a.account_number,
      segment: a.segment,
      status: a.status,
      accountManager: a.account_manager_id
        ? { id: a.account_manager_id, name: a.manager_name ?? '', email: a.manager_email ?? '' }
        : null,
      lines: lines
        .filter((l) => l.account_id === a.id)
        .map((l) => ({ msisdn: l.msisdn, kind: l.kind, plan: l.plan, status: l.status })),
    })),
    contactPoints: rows.contactPoints.map((c) => ({ kind: c.kind, value: c.value, primary: c.is_primary === 1 })),
    interactions: rows.interactions.map((row) => toInteractionView(row, options.fcrWindowDays, options.now)),
    flags: { repeatContact: recentContacts > 0, recentContacts, windowDays: options.fcrWindowDays, businessAccount: business },
    lastSurvey: lastResponse
      ? {
          score: lastResponse.score,
          scale: { min: lastResponse.scale_min, max: lastResponse.scale_max },
          category: lastResponse.category,
          resolved: lastResponse.resolved === null ? null : lastResponse.resolved === 1,
          comment: lastResponse.comment,
          receivedAt: new Date(lastResponse.received_at).toISOString(),
          interactionId: lastResponse.interaction_id,
        }
      : null,
  };
}

/** Recognition: the card of whoever the number belongs to, plus the other parties sharing it. */
export async function recognizeByPhone(
  db: Kysely<Database>,
  rawPhone: string,
  reader: { actor: Actor | 'system'; via: ReadChannel },
  options: CardOptions,
): Promise<{ phone: string; matchedBy: PhoneMatch['matchedBy']; card: CustomerCard; otherMatches: CustomerSummary[] }> {
  const parsed = normalizePhone(rawPhone);
  if (!parsed.ok) throw invalid('phone', parsed.reason, 'invalid-phone');
  const matches = await findByPhone(db, parsed.e164);
  const first = matches[0];
  if (!first) {
    throw new DomainError(404, 'unknown-phone', `No customer has the number ${parsed.e164}; you can create one with this number`, [
      { field: 'phone', reason: 'no customer has this number' },
    ]);
  }
  const card = await getCustomerCard(db, first.partyId, reader, options);
  const others = matches.slice(1).map((m) => m.partyId);
  const otherMatches = await customerSummaries(db, others);
  return { phone: parsed.e164, matchedBy: first.matchedBy, card, otherMatches };
}
