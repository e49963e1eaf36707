import type { Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Privacy rights (docs/privacy.md): the history of every consent change, the record of every
 * erasure (who, when, why: no personal data), the time a customer was erased, and an index the
 * daily retention purge of reply texts reads.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('consent_changes')
    .addColumn('id', caps.identityKey.type, caps.identityKey.define)
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('old_value', 'integer', (c) => c.notNull())
    .addColumn('new_value', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('changed_at', ms, (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_changes_party').on('consent_changes').columns(['party_id', 'changed_at']).execute();

  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().unique().references('parties.id'))
    .addColumn('erased_at', ms, (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('parties').addColumn('erased_at', ms).execute();
  await db.schema.createIndex('survey_replies_received_at').on('survey_replies').column('received_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_replies_received_at').ifExists().execute();
  await db.schema.alterTable('parties').dropColumn('erased_at').execute();
  await db.schema.dropTable('erasures').ifExists().execute();
  await db.schema.dropTable('consent_changes').ifExists().execute();
}
