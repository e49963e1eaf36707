import type { Statement } from 'better-sqlite3';
import type { Insertable, Transaction } from 'kysely';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

type Table = keyof Database;
type Row<T extends Table> = Insertable<Database[T]>;

/**
 * Inserts many rows inside the caller's transaction, fast on both engines: buffered until flush(),
 * then multi-row INSERTs; on SQLite prepared once on the raw handle (the transaction holds
 * Kysely's only connection, so nothing else interleaves). Rows are flushed table by table in the
 * order the tables were first used, so insert parents before children.
 */
export interface BulkInserter {
  insert<T extends Table>(table: T, row: Row<T>): void;
  flush(): Promise<void>;
}

/** PostgreSQL accepts at most 65535 parameters per statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS = 1_000;
const SQLITE_ROWS_PER_STATEMENT = 64;
const SQLITE_MAX_PARAMETERS = 32_000;

export function bulkInserter(storage: Storage, trx: Transaction<Database>): BulkInserter {
  const sqlite = storage.sqlite;
  if (sqlite) {
    // Multi-row statements: a third of the time of one statement per row.
    // Every row of a table must have the same columns, in the same order.
    const statements = new Map<string, Statement>();
    const statement = (table: Table, columns: string[], rows: number) => {
      const key = `${table}:${rows}`;
      let prepared = statements.get(key);
      if (!prepared) {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        prepared = sqlite.prepare(
          `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${Array(rows).fill(tuple).join(', ')}`,
        );
        statements.set(key, prepared);
      }
      return prepared;
    };
    const buffers = new Map<Table, { columns: string[]; values: unknown[]; rows: number }>();
    return {
      insert(table, row) {
        let buffer = buffers.get(table);
        if (!buffer) {
          buffer = { columns: Object.keys(row), values: [], rows: 0 };
          buffers.set(table, buffer);
        }
        for (const value of Object.values(row)) buffer.values.push(value);
        buffer.rows++;
      },
      async flush() {
        for (const [table, buffer] of buffers) {
          const width = buffer.columns.length;
          const chunk = Math.max(1, Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(SQLITE_MAX_PARAMETERS / width)));
          let row = 0;
          for (; row + chunk <= buffer.rows; row += chunk) {
            statement(table, buffer.columns, chunk).run(buffer.values.slice(row * width, (row + chunk) * width));
          }
          for (; row < buffer.rows; row++) {
            statement(table, buffer.columns, 1).run(buffer.values.slice(row * width, (row + 1) * width));
          }
          buffer.values = [];
          buffer.rows = 0;
        }
      },
    };
  }
  const buffers = new Map<Table, Record<string, unknown>[]>();
  return {
    insert(table, row) {
      let buffer = buffers.get(table);
      if (!buffer) {
        buffer = [];
        buffers.set(table, buffer);
      }
      buffer.push(row as Record<string, unknown>);
    },
    async flush() {
      for (const [table, rows] of buffers) {
        if (rows.length === 0) continue;
        const columns = Object.keys(rows[0]!).length;
        const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns)));
        for (let i = 0; i < rows.length; i += size) {
          await trx
            .insertInto(table)
            .values(rows.slice(i, i + size) as never)
            .execute();
        }
        rows.length = 0;
      }
    },
  };
}
