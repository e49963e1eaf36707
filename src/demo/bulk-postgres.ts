import { sql, type Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { BULK_COLUMNS, BULK_TABLE_ORDER, type BulkRow, type BulkTable, type BulkWriter } from './bulk-columns.js';

/** PostgreSQL accepts at most 65535 bind parameters per statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_STATEMENT = 2_000;

/**
 * Bulk loads through Kysely: rows are queued in memory and written by flush() as multi-row
 * INSERTs, all tables of one flush in one transaction; finish() refreshes the planner statistics.
 */
export class PostgresBulkWriter implements BulkWriter {
  private readonly queued = new Map<BulkTable, unknown[][]>();
  private readonly touched = new Set<BulkTable>();
  /** PostgreSQL loads in one thread: its inserts already run in the server process. */
  readonly offload = undefined;

  constructor(private readonly db: Kysely<Database>) {}

  add<T extends BulkTable>(table: T, row: BulkRow<T>): void {
    let rows = this.queued.get(table);
    if (!rows) {
      rows = [];
      this.queued.set(table, rows);
    }
    rows.push(row as unknown[]);
  }

  async flush(): Promise<void> {
    const work: [BulkTable, unknown[][]][] = [];
    for (const table of BULK_TABLE_ORDER) {
      const rows = this.queued.get(table);
      if (rows && rows.length > 0) work.push([table, rows]);
    }
    this.queued.clear();
    if (work.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [table, rows] of work) {
        this.touched.add(table);
        const columns = BULK_COLUMNS[table] as readonly string[];
        const perStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / columns.length));
        for (let start = 0; start < rows.length; start += perStatement) {
          const objects = rows.slice(start, start + perStatement).map((row) => {
            const object: Record<string, unknown> = {};
            columns.forEach((column, i) => (object[column] = row[i]));
            return object;
          });
          await trx.insertInto(table).values(objects as never).execute();
        }
      }
    });
  }

  async finish(): Promise<void> {
    await this.flush();
    for (const table of this.touched) await sql`analyze ${sql.table(table)}`.execute(this.db);
  }

  async abort(): Promise<void> {
    this.queued.clear();
  }
}
