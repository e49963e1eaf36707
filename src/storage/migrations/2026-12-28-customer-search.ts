import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Customer search by words (docs/console.md, "Finding a customer"): `party_search_terms` holds each
 * distinct search word of a customer's name (folded, punctuation ignored, German umlaut spellings
 * made one: src/shared/fold.ts `searchWords`) with the whole name's words as the order of the
 * results; a query's words are found by prefix in the index on (term, name, party_id), every word
 * of the query in any order. Filled here for the customers already there (not for erased ones,
 * whose name is gone). And the town or locality a customer lives in (`parties.locality`), shown in
 * search results and on the card.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.schema.alterTable('parties').addColumn('locality', 'text').execute();
  await db.schema
    .createTable('party_search_terms')
    // byte order on PostgreSQL whatever the database's collation: a word's prefix range is contiguous
    .addColumn('term', 'text', (c) => (caps.engine === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('name', 'text', (c) => (caps.engine === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
    .addPrimaryKeyConstraint('party_search_terms_pk', ['party_id', 'term'])
    .modifyEnd(caps.clusteredTable ?? sql``)
    .execute();
  await db.schema.createIndex('party_search_terms_term').on('party_search_terms').columns(['term', 'name', 'party_id']).execute();

  const page = 2000;
  const perInsert = Math.max(1, Math.floor(caps.maxParameters / 3 / 2));
  let after = '';
  for (;;) {
    const parties: { id: string; display_name: string }[] = await db
      .selectFrom('parties')
      .select(['id', 'display_name'])
      .where('id', '>', after)
      .where('erased_at', 'is', null)
      .orderBy('id')
      .limit(page)
      .execute();
    if (parties.length === 0) break;
    const rows = parties.flatMap((p) => {
      const words = frozenSearchWords(p.display_name);
      const name = words.join(' ');
      return [...new Set(words)].map((term) => ({ term, party_id: p.id, name }));
    });
    for (let i = 0; i < rows.length; i += perInsert) await db.insertInto('party_search_terms').values(rows.slice(i, i + perInsert)).execute();
    after = parties[parties.length - 1]!.id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('party_search_terms').ifExists().execute();
  await db.schema.alterTable('parties').dropColumn('locality').execute();
}

/** src/shared/fold.ts `searchWords` as it was when this migration was written (a migration reads no live code). */
function frozenSearchWords(text: string): string[] {
  let folded = '';
  const composed = text.normalize('NFC');
  for (let i = 0; i < composed.length; i++) {
    const code = composed.charCodeAt(i);
    if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) {
      folded += composed[i]!.toLowerCase();
      continue;
    }
    const char = composed[i]!;
    const lower = char.toLowerCase();
    const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
    folded += base.length === 1 ? base : lower.length === 1 ? lower : char;
  }
  const ligatures: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe' };
  return folded
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[ßæœø]/g, (ch) => ligatures[ch]!)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/ae|oe|ue/g, (pair) => pair[0]!)
    .split(' ')
    .filter((word) => word !== '');
}
