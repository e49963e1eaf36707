/** The bulk writer of storage/: every code that writes many rows at once goes through it. */
import type { Kysely } from 'kysely';
import type { BulkLoad, BulkWriter } from './bulk-writer.js';
import type { Storage } from './database.js';
import { PostgresBulkLoad } from './postgres/bulk-load.js';
import { PostgresRows } from './postgres/bulk-rows.js';
import type { Database } from './schema.js';
import { SqliteBulkLoad } from './sqlite/bulk-load.js';
import { SqliteRows } from './sqlite/bulk-rows.js';

export { BULK_COLUMNS, BULK_TABLE_ORDER, type BulkRow, type BulkTable } from './bulk-columns.js';
export type { BulkLoad, BulkWriter, OffloadedWork, OffloadTask } from './bulk-writer.js';
/** Entry point of a worker started by BulkLoad.offload (only SQLite offloads). */
export { runOffloadedPart } from './sqlite/bulk-load.js';

/**
 * A bulk writer inside the caller's transaction `trx` of `storage`. On SQLite it runs on the raw
 * handle: the transaction holds Kysely's only connection, so nothing else interleaves.
 */
export function bulkWriter(storage: Storage, trx: Kysely<Database>): BulkWriter {
  const sqlite = storage.sqlite;
  if (sqlite) {
    const rows = new SqliteRows(sqlite, storage.capabilities.maxParameters, { eager: false, orFail: false });
    return { insert: (table, row) => rows.insertObject(table, row), add: (table, row) => rows.add(table, row), flush: async () => rows.writeQueued() };
  }
  const rows = new PostgresRows(storage.capabilities);
  return { insert: (table, row) => rows.insertObject(table, row), add: (table, row) => rows.add(table, row), flush: () => rows.write(trx) };
}

/** A bulk load into the (empty) database of `storage`. */
export function openBulkLoad(storage: Storage): BulkLoad {
  return storage.sqlite ? new SqliteBulkLoad(storage.sqlite, storage.capabilities) : new PostgresBulkLoad(storage.db, storage.capabilities);
}
