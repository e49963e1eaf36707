import { sql, type Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { CountsBatch, type ContactFact } from './counts-batch.js';
import { keysOf } from './dimensions.js';

/**
 * Contacts in the aggregates (contact_counts): advisor-recorded resolution, repeat contacts and
 * FCR per period and group, beside the NPS. A contact's FCR state depends on the contacts after it
 * (a repeat within the window), so every change of a customer's contacts is counted as the
 * difference between their states before and after: the old states taken away, the new added.
 */

interface ContactState extends ContactFact {
  id: string;
  /** what the aggregates see of it: two states with the same signature count the same */
  signature: string;
}

const PAGE = 20_000;

/**
 * A contact's segment (contacts `i`, their account `a`), as for surveys: the account's, else
 * business when the customer has a business account, else residential.
 */
export const CONTACT_SEGMENT = `coalesce(a.segment, case when exists (select 1 from accounts b where b.party_id = i.party_id and b.segment = 'business') then 'business' else 'residential' end)`;

/** The contacts of some customers (or a page of all contacts), with what they count for. */
function contactQuery(db: Kysely<Database>) {
  return db
    .selectFrom('interactions as i')
    .innerJoin('parties as p', 'p.id', 'i.party_id')
    .leftJoin('accounts as a', 'a.id', 'i.account_id')
    .select([
      'i.id', 'i.started_at', 'i.team_id', 'i.site_id', 'i.channel', 'i.reason_code', 'i.advisor_id', 'i.resolved', 'i.repeat_of', 'i.next_contact_at',
      'p.preferred_language',
      sql<'residential' | 'business'>`${sql.raw(CONTACT_SEGMENT)}`.as('segment'),
    ]);
}

type ContactRow = Awaited<ReturnType<ReturnType<typeof contactQuery>['execute']>>[number];

function stateOf(r: ContactRow): ContactState {
  const keys = keysOf({ ...r, language: r.preferred_language });
  const startedAt = Number(r.started_at);
  const resolved = r.resolved === 1;
  const repeat = r.repeat_of !== null;
  const fcr = resolved && r.next_contact_at === null;
  return { id: r.id, startedAt, keys, resolved, repeat, fcr, signature: JSON.stringify([startedAt, keys, resolved, repeat, fcr]) };
}

/** The current states of the contacts of these customers, by contact id. */
export async function contactStates(db: Kysely<Database>, partyIds: readonly string[]): Promise<Map<string, ContactState>> {
  const states = new Map<string, ContactState>();
  for (let i = 0, n = rowsPerStatement(capabilitiesOf(db), 1, 500); i < partyIds.length; i += n) {
    const rows = await contactQuery(db).where('i.party_id', 'in', partyIds.slice(i, i + n)).execute();
    for (const r of rows) states.set(r.id, stateOf(r));
  }
  return states;
}

/** Counts what changed between two snapshots of the same customers' contacts. */
export async function countContactChanges(db: Kysely<Database>, before: Map<string, ContactState>, after: Map<string, ContactState>): Promise<void> {
  const batch = new CountsBatch();
  for (const [id, old] of before) {
    const now = after.get(id);
    if (now?.signature === old.signature) continue;
    batch.addContact(old, -1);
  }
  for (const [id, now] of after) {
    if (before.get(id)?.signature === now.signature) continue;
    batch.addContact(now, 1);
  }
  await batch.write(db);
}

/** Runs a change of a customer's contacts (in the caller's transaction) and counts its effect. */
export async function trackContacts<T>(db: Kysely<Database>, partyId: string, change: () => Promise<T>): Promise<T> {
  const before = await contactStates(db, [partyId]);
  const result = await change();
  await countContactChanges(db, before, await contactStates(db, [partyId]));
  return result;
}

/** Recomputes contact_counts from every contact (in the caller's transaction). */
export async function rebuildContactCounts(db: Kysely<Database>): Promise<number> {
  await db.deleteFrom('contact_counts').execute();
  const batch = new CountsBatch();
  let after = '';
  let done = 0;
  for (;;) {
    const page = await contactQuery(db).where('i.id', '>', after).orderBy('i.id').limit(PAGE).execute();
    for (const r of page) {
      batch.addContact(stateOf(r), 1);
      if (batch.full) await batch.write(db);
    }
    done += page.length;
    if (page.length < PAGE) await batch.write(db);
    if (page.length < PAGE) return done;
    after = page.at(-1)!.id;
  }
}
