import { sql, type Insertable, type Kysely } from 'kysely';
import type { BulkRow, BulkTable } from '../bulk-columns.js';
import type { BulkLoad } from '../bulk-writer.js';
import type { StorageCapabilities } from '../database.js';
import type { Database } from '../schema.js';
import { PostgresRows } from './bulk-rows.js';

/**
 * Bulk loads through the pool: rows are queued in memory and written by flush() as multi-row
 * INSERTs, all tables of one flush in one transaction; finish() refreshes the planner statistics.
 */
export class PostgresBulkLoad implements BulkLoad {
  private readonly rows: PostgresRows;
  /** PostgreSQL loads in one thread: its inserts already run in the server process. */
  readonly offload = undefined;

  constructor(
    private readonly db: Kysely<Database>,
    capabilities: StorageCapabilities,
  ) {
    this.rows = new PostgresRows(capabilities);
  }

  add<T extends BulkTable>(table: T, row: BulkRow<T>): void {
    this.rows.add(table, row as unknown[]);
  }

  insert<T extends keyof Database>(table: T, row: Insertable<Database[T]>): void {
    this.rows.insertObject(table, row);
  }

  async flush(): Promise<void> {
    if (!this.rows.queued) return;
    await this.db.transaction().execute((trx) => this.rows.write(trx));
  }

  async finish(): Promise<void> {
    await this.flush();
    for (const table of this.rows.touched) await sql`analyze ${sql.table(table)}`.execute(this.db);
  }

  async abort(): Promise<void> {
    this.rows.clear();
  }
}
