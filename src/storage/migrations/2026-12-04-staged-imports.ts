import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Imports in short transactions (src/imports/import-batches.ts): a batch per imported file, the
 * file's checked rows staged until the whole file has passed, and the batch id on the customers and
 * contacts it published, so that a publication that cannot finish is undone.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('staging', 'publishing', 'published', 'failed')`))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fcr_window_days', 'integer')
    .execute();
  await db.schema.createIndex('import_batches_status').on('import_batches').columns(['status', 'heartbeat_at']).execute();
  await db.schema
    .createTable('import_staged_rows')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_staged_rows_pk', ['batch_id', 'seq'])
    .modifyEnd(caps.clusteredTable ?? sql``)
    .execute();
  for (const table of ['parties', 'interactions']) {
    await db.schema.alterTable(table).addColumn('import_batch_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_import_batch`)
      .on(table)
      .column('import_batch_id')
      .where(sql.ref('import_batch_id'), 'is not', null)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['parties', 'interactions']) {
    await db.schema.dropIndex(`${table}_import_batch`).execute();
    await db.schema.alterTable(table).dropColumn('import_batch_id').execute();
  }
  await db.schema.dropTable('import_staged_rows').execute();
  await db.schema.dropTable('import_batches').execute();
}
