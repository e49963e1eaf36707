import type { Storage } from '../storage/database.js';
import type { BulkWriter } from './bulk-columns.js';
import { PostgresBulkWriter } from './bulk-postgres.js';
import { SqliteBulkWriter } from './bulk-sqlite.js';

export {
  BULK_COLUMNS, BULK_TABLE_ORDER, type BulkRow, type BulkTable, type BulkWriter, type OffloadedWork, type OffloadTask,
} from './bulk-columns.js';
/** Entry point of a worker started by BulkWriter.offload (only the SQLite writer offloads). */
export { runOffloadedPart } from './bulk-sqlite.js';

/** The fastest writer the storage offers: the raw SQLite handle when there is one, batched SQL otherwise. */
export function openBulkWriter(storage: Storage): BulkWriter {
  return storage.sqlite ? new SqliteBulkWriter(storage.sqlite) : new PostgresBulkWriter(storage.db);
}
