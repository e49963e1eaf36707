import type SqliteDatabase from 'better-sqlite3';
import { BULK_COLUMNS, writeOrder, type BulkTable } from '../bulk-columns.js';

type Handle = SqliteDatabase.Database;
type Statement = SqliteDatabase.Statement<unknown[]>;

/** Rows per multi-row INSERT: a third of the time of one statement per row; longer statements gain nothing more. */
const ROWS_PER_STATEMENT = 64;

interface TableBuffer {
  table: string;
  columns: readonly string[];
  values: unknown[];
  rows: number;
  perStatement: number;
  batch: Statement | undefined;
  /** statements for a last, partial batch, by row count */
  partial: Map<number, Statement>;
}

export interface SqliteRowsOptions {
  /** write each full batch at once (only with foreign-key checks off: a child's batch may come before its parent's) */
  eager: boolean;
  /**
   * `INSERT OR FAIL`: a failing row still stops the load, but SQLite needs no statement journal to
   * undo the statement's earlier rows, which it would otherwise fill with a copy of every page a
   * multi-row statement touches. For loads whose failure throws the database away.
   */
  orFail: boolean;
}

/** Rows queued per table and written with prepared multi-row INSERTs on one connection. */
export class SqliteRows {
  private readonly buffers = new Map<string, TableBuffer>();
  rowsWritten = 0;

  constructor(
    private readonly handle: Handle,
    /** the engine's parameter limit (StorageCapabilities.maxParameters) */
    private readonly maxParameters: number,
    private readonly options: SqliteRowsOptions,
  ) {}

  /** Queues a row of values in BULK_COLUMNS[table] order. */
  add(table: BulkTable, row: readonly unknown[]): void {
    this.push(this.buffers.get(table) ?? this.open(table, BULK_COLUMNS[table]), row);
  }

  /** Queues a row given as an object: the table's columns are those of its first row. */
  insertObject(table: string, row: object): void {
    this.push(this.buffers.get(table) ?? this.open(table, Object.keys(row)), Object.values(row));
  }

  /** Writes every queued row, parents first. */
  writeQueued(): void {
    for (const table of writeOrder(this.buffers.keys())) {
      const buffer = this.buffers.get(table)!;
      if (buffer.rows === 0) continue;
      const width = buffer.columns.length;
      let row = 0;
      for (; row + buffer.perStatement <= buffer.rows; row += buffer.perStatement) {
        this.statement(buffer, buffer.perStatement).run(buffer.values.slice(row * width, (row + buffer.perStatement) * width));
      }
      if (row < buffer.rows) this.statement(buffer, buffer.rows - row).run(buffer.values.slice(row * width));
      this.rowsWritten += buffer.rows;
      buffer.values.length = 0;
      buffer.rows = 0;
    }
  }

  /** Drops the queued rows. */
  clear(): void {
    for (const buffer of this.buffers.values()) {
      buffer.values.length = 0;
      buffer.rows = 0;
    }
  }

  private open(table: string, columns: readonly string[]): TableBuffer {
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(this.maxParameters / columns.length)));
    const buffer: TableBuffer = { table, columns, values: [], rows: 0, perStatement, batch: undefined, partial: new Map() };
    this.buffers.set(table, buffer);
    return buffer;
  }

  private push(buffer: TableBuffer, row: readonly unknown[]): void {
    const values = buffer.values;
    for (let i = 0; i < row.length; i++) values.push(row[i]);
    if (++buffer.rows === buffer.perStatement && this.options.eager) {
      buffer.batch ??= this.prepare(buffer, buffer.perStatement);
      buffer.batch.run(values);
      values.length = 0;
      buffer.rows = 0;
      this.rowsWritten += buffer.perStatement;
    }
  }

  private statement(buffer: TableBuffer, rows: number): Statement {
    if (rows === buffer.perStatement) return (buffer.batch ??= this.prepare(buffer, rows));
    let statement = buffer.partial.get(rows);
    if (!statement) {
      statement = this.prepare(buffer, rows);
      buffer.partial.set(rows, statement);
    }
    return statement;
  }

  private prepare(buffer: TableBuffer, rows: number): Statement {
    const tuple = `(${buffer.columns.map(() => '?').join(',')})`;
    const columns = buffer.columns.map((c) => `"${c}"`).join(', ');
    return this.handle.prepare(
      `insert${this.options.orFail ? ' or fail' : ''} into "${buffer.table}" (${columns}) values ${Array.from({ length: rows }, () => tuple).join(',')}`,
    );
  }
}
