import { CompiledQuery, type Kysely } from 'kysely';
import { BULK_COLUMNS, writeOrder, type BulkTable } from '../bulk-columns.js';
import { rowsPerStatement, type StorageCapabilities } from '../database.js';
import type { Database } from '../schema.js';

/** Rows per multi-row INSERT, at most: beyond, the statement's parsing outweighs the round trips saved. */
const ROWS_PER_STATEMENT = 2_000;

interface TableBuffer {
  columns: readonly string[];
  values: unknown[];
  rows: number;
}

/**
 * Rows queued per table and written as multi-row INSERTs of as many rows as the parameter limit
 * allows. The SQL text of each statement size is made once and run with new parameters: no query
 * building per row.
 */
export class PostgresRows {
  private readonly buffers = new Map<string, TableBuffer>();
  private readonly texts = new Map<string, string>();
  /** tables rows were written to */
  readonly touched = new Set<string>();

  constructor(private readonly capabilities: StorageCapabilities) {}

  /** Queues a row of values in BULK_COLUMNS[table] order. */
  add(table: BulkTable, row: readonly unknown[]): void {
    const buffer = this.buffers.get(table) ?? this.open(table, BULK_COLUMNS[table]);
    for (let i = 0; i < row.length; i++) buffer.values.push(row[i]);
    buffer.rows++;
  }

  /** Queues a row given as an object: the table's columns are those of its first row. */
  insertObject(table: string, row: object): void {
    const buffer = this.buffers.get(table) ?? this.open(table, Object.keys(row));
    for (const value of Object.values(row)) buffer.values.push(value);
    buffer.rows++;
  }

  /** True when rows are waiting to be written. */
  get queued(): boolean {
    for (const buffer of this.buffers.values()) if (buffer.rows > 0) return true;
    return false;
  }

  /** Writes every queued row through `db` (the caller's transaction), parents first. */
  async write(db: Kysely<Database>): Promise<void> {
    for (const table of writeOrder(this.buffers.keys())) {
      const buffer = this.buffers.get(table)!;
      if (buffer.rows === 0) continue;
      const { values, rows } = buffer;
      buffer.values = [];
      buffer.rows = 0;
      this.touched.add(table);
      const width = buffer.columns.length;
      const perStatement = rowsPerStatement(this.capabilities, width, ROWS_PER_STATEMENT);
      for (let row = 0; row < rows; row += perStatement) {
        const count = Math.min(perStatement, rows - row);
        await db.executeQuery(CompiledQuery.raw(this.text(table, buffer.columns, count), values.slice(row * width, (row + count) * width)));
      }
    }
  }

  /** Drops the queued rows. */
  clear(): void {
    for (const buffer of this.buffers.values()) {
      buffer.values = [];
      buffer.rows = 0;
    }
  }

  private open(table: string, columns: readonly string[]): TableBuffer {
    const buffer: TableBuffer = { columns, values: [], rows: 0 };
    this.buffers.set(table, buffer);
    return buffer;
  }

  private text(table: string, columns: readonly string[], rows: number): string {
    const key = `${table}:${rows}`;
    let text = this.texts.get(key);
    if (!text) {
      const tuples: string[] = [];
      let parameter = 0;
      for (let row = 0; row < rows; row++) tuples.push(`(${columns.map(() => `$${++parameter}`).join(', ')})`);
      text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
      this.texts.set(key, text);
    }
    return text;
  }
}
