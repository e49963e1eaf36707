import type { Kysely } from 'kysely';
import { DomainError } from '../shared/errors.js';
import { searchWords } from '../shared/fold.js';
import { normalizePhone } from '../shared/phone.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database } from '../storage/schema.js';

/** Letters or digits a search needs at least. */
export const SEARCH_MIN_CHARACTERS = 2;

export type PhoneMatch = { partyId: string; matchedBy: 'line' | 'contact_point' };

const phoneQueries = {
  lineOwner: reusableQuery((db, v: { e164: string }) =>
    db.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select('accounts.party_id').where('lines.msisdn', '=', v.e164).limit(1),
  ),
  phoneOwners: reusableQuery((db, v: { e164: string }) =>
    db.selectFrom('contact_points').select('party_id').where('value', '=', v.e164).where('kind', '=', 'phone').limit(10),
  ),
};

/** Finds who a number belongs to: the owner of the line first, otherwise a party with that phone on file. */
export async function findByPhone(db: Kysely<Database>, e164: string): Promise<PhoneMatch[]> {
  const line = await phoneQueries.lineOwner.first(db, { e164 });
  if (line) return [{ partyId: line.party_id, matchedBy: 'line' }];
  const points = await phoneQueries.phoneOwners.all(db, { e164 });
  return [...new Set(points.map((p) => p.party_id))].map((partyId) => ({ partyId, matchedBy: 'contact_point' as const }));
}

/** A customer in a list: enough to tell two customers of the same name apart. */
export interface CustomerSummary {
  id: string;
  customerNumber: string;
  displayName: string;
  kind: 'individual' | 'organisation';
  segment: 'residential' | 'business' | null;
  /** the primary phone on file (E.164), otherwise the number of the customer's first line */
  primaryPhone: string | null;
  /** the town or locality the customer lives in */
  locality: string | null;
}

export interface SearchResult {
  items: CustomerSummary[];
  /** more customers match than the limit: the query should be refined */
  hasMore: boolean;
  /** what the query was read as */
  matchedBy: 'customer_number' | 'phone' | 'email' | 'name';
}

/** Every string that starts with `prefix` is in [prefix, upperBound(prefix)) in code point order (SQLite's and PostgreSQL's "C"). */
const upperBound = (prefix: string) => `${prefix}\u{10ffff}`;

/**
 * Search by customer number (exact), phone number (any spelling), e-mail address (the whole
 * address or its beginning, any case) or name: every word of the query, in any order, begins a
 * word of the name; accents, case and punctuation do not count and the German spellings of umlauts
 * meet (mueller, muller and müller find Müller and Mueller). At most `limit` customers, and whether
 * there are more.
 */
export async function searchCustomers(db: Kysely<Database>, query: string, limit: number): Promise<SearchResult> {
  const q = query.trim();
  // Letters and digits are what a search is made of: '%%', '__' or '..' search for nothing.
  if ((q.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < SEARCH_MIN_CHARACTERS) {
    throw new DomainError(
      400,
      'search-too-short',
      `q must have at least ${SEARCH_MIN_CHARACTERS} letters or digits (name, customer number, phone number or e-mail address)`,
      [{ field: 'q', reason: `must have at least ${SEARCH_MIN_CHARACTERS} letters or digits`, code: 'too-short', params: { minimum: SEARCH_MIN_CHARACTERS } }],
      { min: SEARCH_MIN_CHARACTERS },
    );
  }
  let found: { ids: string[]; hasMore: boolean; matchedBy: SearchResult['matchedBy'] };
  if (/^[Cc]\d+$/.test(q)) {
    const rows = await db.selectFrom('parties').select('id').where('customer_number', '=', q.toUpperCase()).execute();
    found = { ids: rows.map((r) => r.id), hasMore: false, matchedBy: 'customer_number' };
  } else if (/^[\d\s+().\-/]+$/.test(q)) {
    const phone = normalizePhone(q);
    const ids = phone.ok ? (await findByPhone(db, phone.e164)).map((m) => m.partyId) : [];
    found = { ids: ids.slice(0, limit), hasMore: ids.length > limit, matchedBy: 'phone' };
  } else if (q.includes('@')) {
    found = { ...(await byEmail(db, q.toLowerCase(), limit)), matchedBy: 'email' };
  } else {
    found = { ...(await byName(db, searchWords(q), limit)), matchedBy: 'name' };
  }
  return { items: await customerSummaries(db, found.ids), hasMore: found.hasMore, matchedBy: found.matchedBy };
}

/** Customers with an e-mail address beginning with `prefix`, by address, from the index on contact_points(value, kind). */
async function byEmail(db: Kysely<Database>, prefix: string, limit: number): Promise<{ ids: string[]; hasMore: boolean }> {
  // a customer with two matching addresses comes twice: read a few more rows than customers shown
  const rows = await db
    .selectFrom('contact_points')
    .select('party_id')
    .where('value', '>=', prefix)
    .where('value', '<', upperBound(prefix))
    .where('kind', '=', 'email')
    .orderBy('value')
    .limit(2 * (limit + 1))
    .execute();
  const ids = [...new Set(rows.map((r) => r.party_id))];
  return { ids: ids.slice(0, limit), hasMore: ids.length > limit };
}

/**
 * Customers whose name has a word beginning with each of `words`, ordered by the word the longest
 * query word matched, then by name. The longest word walks the index on (term, name, party_id) in
 * its order, the others are each looked up for the customer in the primary key (party_id, term), and
 * the walk stops after `limit + 1` customers: the cost follows the customers shown, not the base.
 */
async function byName(db: Kysely<Database>, words: string[], limit: number): Promise<{ ids: string[]; hasMore: boolean }> {
  const distinct = [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const [driver, ...others] = distinct;
  if (driver === undefined) return { ids: [], hasMore: false };
  // The other conditions are per-row lookups (scalar subqueries, which PostgreSQL does not turn into
  // a join that would read every customer matching a word before sorting them).
  let select = db
    .selectFrom('party_search_terms as t')
    .select('t.party_id')
    .where('t.term', '>=', driver)
    .where('t.term', '<', upperBound(driver))
    // once per customer: at the first of its words the longest query word begins
    .where(
      (eb) =>
        eb
          .selectFrom('party_search_terms as d')
          .select('d.term')
          .whereRef('d.party_id', '=', 't.party_id')
          .where('d.term', '>=', driver)
          .whereRef('d.term', '<', 't.term')
          .limit(1),
      'is',
      null,
    );
  for (const word of others) {
    select = select.where(
      (eb) =>
        eb
          .selectFrom('party_search_terms as o')
          .select('o.term')
          .whereRef('o.party_id', '=', 't.party_id')
          .where('o.term', '>=', word)
          .where('o.term', '<', upperBound(word))
          .limit(1),
      'is not',
      null,
    );
  }
  const rows = await select.orderBy('t.term').orderBy('t.name').orderBy('t.party_id').limit(limit + 1).execute();
  return { ids: rows.slice(0, limit).map((r) => r.party_id), hasMore: rows.length > limit };
}

/** The summaries of these customers, in the order given. */
export async function customerSummaries(db: Kysely<Database>, ids: string[]): Promise<CustomerSummary[]> {
  if (ids.length === 0) return [];
  const parties = await db
    .selectFrom('parties')
    .select(['id', 'customer_number', 'display_name', 'kind', 'locality'])
    .where('id', 'in', ids)
    .execute();
  const accounts = await db.selectFrom('accounts').select(['id', 'party_id', 'segment', 'created_at']).where('party_id', 'in', ids).orderBy('created_at').execute();
  const phones = await db
    .selectFrom('contact_points')
    .select(['party_id', 'value', 'is_primary'])
    .where('party_id', 'in', ids)
    .where('kind', '=', 'phone')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
  const lines = accounts.length
    ? await db
        .selectFrom('lines')
        .select(['account_id', 'msisdn', 'activated_at'])
        .where('account_id', 'in', accounts.map((a) => a.id))
        .where('status', '!=', 'terminated')
        .orderBy('activated_at')
        .orderBy('id')
        .execute()
    : [];
  const byId = new Map(parties.map((p) => [p.id, p]));
  return ids.flatMap((id): CustomerSummary[] => {
    const p = byId.get(id);
    if (!p) return [];
    const own = accounts.filter((a) => a.party_id === id);
    const ownAccounts = new Set(own.map((a) => a.id));
    const phone = phones.find((c) => c.party_id === id)?.value ?? lines.find((l) => ownAccounts.has(l.account_id))?.msisdn ?? null;
    const segment = own.length === 0 ? null : own.some((a) => a.segment === 'business') ? 'business' : 'residential';
    return [{ id, customerNumber: p.customer_number, displayName: p.display_name, kind: p.kind, segment, primaryPhone: phone, locality: p.locality }];
  });
}
