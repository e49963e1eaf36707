import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Contact aggregates beside the NPS ones (src/nps/contact-facts.ts): per contact day (per month
 * for pairs of dimensions) and dimension keys, the contacts, those the advisor recorded as resolved,
 * the repeat contacts, and the first-contact resolutions (resolved, no repeat).
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.schema
    .createTable('contact_counts')
    .addColumn('dims', 'text', (c) => c.notNull())
    .addColumn('key1', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('key2', 'text', (c) => c.notNull())
    .addColumn('contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('repeats', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fcr', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('contact_counts_pk', ['dims', 'key1', 'day', 'key2'])
    .modifyEnd(caps.clusteredTable ?? sql``)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_counts').ifExists().execute();
}
