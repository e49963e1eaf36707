import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import {
  BULK_COLUMNS, BULK_TABLE_ORDER, type BulkRow, type BulkTable, type BulkWriter, type OffloadedWork, type OffloadTask,
} from './bulk-columns.js';

type Handle = SqliteDatabase.Database;
type Statement = SqliteDatabase.Statement<unknown[]>;

/** Rows per multi-row INSERT: fewer calls into SQLite, far below its 32766-variable limit. */
const ROWS_PER_STATEMENT = 64;
/** Rows per transaction: large enough that commits cost nothing, small enough to bound the journal. */
const ROWS_PER_TRANSACTION = 500_000;

interface TableBuffer {
  values: unknown[];
  rows: number;
  batch: Statement;
  /** statements for the last, partial batch, by row count */
  partial: Map<number, Statement>;
}

/**
 * Multi-row inserts on one connection. `INSERT OR FAIL`: a failing row still stops the load, but
 * SQLite needs no statement journal to undo the statement's earlier rows, which it would otherwise
 * fill with a copy of every page a 64-row statement touches.
 */
class RowInserter {
  private readonly buffers = new Map<BulkTable, TableBuffer>();
  rowsWritten = 0;

  constructor(private readonly handle: Handle) {}

  add(table: BulkTable, row: readonly unknown[]): void {
    let buffer = this.buffers.get(table);
    if (!buffer) {
      buffer = { values: [], rows: 0, batch: this.handle.prepare(insertSql(table, ROWS_PER_STATEMENT)), partial: new Map() };
      this.buffers.set(table, buffer);
    }
    const values = buffer.values;
    for (let i = 0; i < row.length; i++) values.push(row[i]);
    if (++buffer.rows === ROWS_PER_STATEMENT) {
      buffer.batch.run(values);
      values.length = 0;
      buffer.rows = 0;
      this.rowsWritten += ROWS_PER_STATEMENT;
    }
  }

  /** Writes the partial batches, parents first. */
  writeQueued(): void {
    for (const table of BULK_TABLE_ORDER) {
      const buffer = this.buffers.get(table);
      if (!buffer || buffer.rows === 0) continue;
      let statement = buffer.partial.get(buffer.rows);
      if (!statement) {
        statement = this.handle.prepare(insertSql(table, buffer.rows));
        buffer.partial.set(buffer.rows, statement);
      }
      statement.run(buffer.values);
      this.rowsWritten += buffer.rows;
      buffer.values.length = 0;
      buffer.rows = 0;
    }
  }

  clear(): void {
    for (const buffer of this.buffers.values()) {
      buffer.values.length = 0;
      buffer.rows = 0;
    }
  }
}

function insertSql(table: BulkTable, rows: number): string {
  const columns = BULK_COLUMNS[table];
  const tuple = `(${columns.map(() => '?').join(',')})`;
  return `insert or fail into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`;
}

interface Settings {
  synchronous: number;
  foreignKeys: number;
  cacheSize: number;
  tempStore: number;
  journalMode: string;
}

function readSettings(handle: Handle): Settings {
  return {
    synchronous: Number(handle.pragma('synchronous', { simple: true })),
    foreignKeys: Number(handle.pragma('foreign_keys', { simple: true })),
    cacheSize: Number(handle.pragma('cache_size', { simple: true })),
    tempStore: Number(handle.pragma('temp_store', { simple: true })),
    journalMode: String(handle.pragma('journal_mode', { simple: true })),
  };
}

/** Settings of a load: not crash-safe while it runs (a failed demo load leaves a database to throw away). */
function applyLoadSettings(handle: Handle, cacheMiB: number): void {
  handle.pragma('synchronous = OFF');
  handle.pragma('foreign_keys = OFF');
  handle.pragma(`cache_size = ${-cacheMiB * 1024}`);
  handle.pragma('temp_store = MEMORY');
  // one write of each page instead of two (WAL, then checkpoint); OFF is refused in defensive mode
  handle.pragma('journal_mode = MEMORY');
}

interface OffloadedPart {
  path: string;
  worker: Worker;
  done: Promise<unknown>;
}

/**
 * Bulk loads on the raw better-sqlite3 handle, for the duration of the load:
 * - prepared 64-row INSERTs in transactions of 500,000 rows, synchronous=OFF, rollback journal in
 *   memory, foreign-key checks off, a 1 GiB page cache (the previous settings are restored after);
 * - the non-unique secondary indexes of the loaded tables are dropped and built again at the end
 *   (one sort instead of millions of random-order B-tree inserts);
 * - offload(): a worker thread fills a scratch database (plain tables, no index) with its part, and
 *   finish() appends it with one INSERT … SELECT per table, which costs far less than binding rows.
 */
export class SqliteBulkWriter implements BulkWriter {
  readonly offload: ((task: OffloadTask) => Promise<unknown>) | undefined;
  private readonly inserter: RowInserter;
  private readonly saved: Settings;
  private droppedIndexes: { name: string; sql: string }[];
  private readonly parts: OffloadedPart[] = [];
  private committedRows = 0;
  private done = false;

  constructor(private readonly handle: Handle) {
    if (handle.inTransaction) throw new Error('SqliteBulkWriter needs a connection outside any transaction');
    this.saved = readSettings(handle);
    applyLoadSettings(handle, 1024);
    this.inserter = new RowInserter(handle);
    this.offload = handle.memory ? undefined : (task) => this.startPart(task);
    const tables = BULK_TABLE_ORDER.map((t) => `'${t}'`).join(', ');
    this.droppedIndexes = handle
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables}) and sql not like 'create unique%' collate nocase`)
      .all() as { name: string; sql: string }[];
    if (process.env.KEEP_IDX) this.droppedIndexes = this.droppedIndexes.filter((i) => !process.env.KEEP_IDX!.split(',').includes(i.name));
    handle.exec('BEGIN');
    for (const index of this.droppedIndexes) handle.exec(`drop index "${index.name}"`);
  }

  add<T extends BulkTable>(table: T, row: BulkRow<T>): void {
    this.inserter.add(table, row as unknown[]);
  }

  async flush(): Promise<void> {
    this.inserter.writeQueued();
    if (this.inserter.rowsWritten - this.committedRows >= ROWS_PER_TRANSACTION) {
      this.handle.exec('COMMIT');
      this.handle.exec('BEGIN');
      this.committedRows = this.inserter.rowsWritten;
    }
    // let timers and I/O (progress bar, worker messages, an HTTP server) run between chunks
    await new Promise((resolve) => setImmediate(resolve));
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.inserter.writeQueued();
    this.handle.exec('COMMIT');
    const T = performance.now(); const log = (m: string) => process.env.BULK_DEBUG && console.error(m, ((performance.now() - T) / 1000).toFixed(1));
    log('local committed ' + performance.now());
    for (const part of this.parts) await part.done;
    log('parts done');
    for (const [i, part] of this.parts.entries()) {
      const alias = `bulk_part_${i}`;
      this.handle.prepare(`attach database ? as ${alias}`).run(part.path);
      this.handle.exec('BEGIN');
      for (const table of BULK_TABLE_ORDER) {
        const columns = BULK_COLUMNS[table].join(', ');
        this.handle.exec(`insert or fail into main.${table} (${columns}) select ${columns} from ${alias}.${table} order by rowid`);
      }
      this.handle.exec('COMMIT');
      this.handle.exec(`detach database ${alias}`);
      rmSync(part.path, { force: true });
      log('merged');
    }
    if (process.env.THREADS) this.handle.pragma(`threads = ${process.env.THREADS}`);
    this.handle.exec('BEGIN');
    for (const index of this.droppedIndexes) { this.handle.exec(index.sql); log(index.name); }
    this.handle.exec('COMMIT');
    log('commit');
    this.restore();
    log('restored');
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.inserter.clear();
    await Promise.all(this.parts.map((part) => part.worker.terminate()));
    if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
    for (const part of this.parts) {
      try {
        this.handle.exec(`detach database bulk_part_${this.parts.indexOf(part)}`);
      } catch {
        // not attached
      }
      rmSync(part.path, { force: true });
    }
    const present = new Set((this.handle.prepare(`select name from sqlite_master where type = 'index'`).all() as { name: string }[]).map((r) => r.name));
    for (const index of this.droppedIndexes) if (!present.has(index.name)) this.handle.exec(index.sql);
    this.restore();
  }

  private restore(): void {
    this.done = true;
    const { synchronous, foreignKeys, cacheSize, tempStore, journalMode } = this.saved;
    this.handle.pragma(`journal_mode = ${journalMode}`);
    this.handle.pragma(`synchronous = ${synchronous}`);
    this.handle.pragma(`foreign_keys = ${foreignKeys}`);
    this.handle.pragma(`cache_size = ${cacheSize}`);
    this.handle.pragma(`temp_store = ${tempStore}`);
  }

  /** Creates a scratch database with the loaded tables' columns and starts the worker filling it. */
  private startPart(task: OffloadTask): Promise<unknown> {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-bulk-')), 'part.sqlite');
    this.inserter.writeQueued();
    this.handle.exec('COMMIT');
    this.handle.prepare('attach database ? as bulk_new_part').run(path);
    for (const table of BULK_TABLE_ORDER) {
      this.handle.exec(`create table bulk_new_part.${table} as select * from main.${table} where 0`);
    }
    this.handle.exec('detach database bulk_new_part');
    this.handle.exec('BEGIN');

    const moduleUrl = task.module.href;
    // In development and tests the modules are TypeScript run through tsx: the worker registers it too.
    const boot = moduleUrl.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`
      : `import(${JSON.stringify(moduleUrl)})`;
    const worker = new Worker(boot, { eval: true, workerData: { path, data: task.data } });
    const done = new Promise<unknown>((resolve, reject) => {
      let result: { value: unknown } | undefined;
      worker.on('message', (message: { kind: 'report' | 'done'; value: unknown }) => {
        if (message.kind === 'report') task.onReport?.(message.value);
        else result = { value: message.value };
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (process.env.BULK_DEBUG) console.error('worker exit', performance.now());
        if (result) resolve(result.value);
        else reject(new Error(`bulk load worker stopped (exit code ${code}) before finishing its part`));
      });
    });
    // a failure is reported when the part is awaited (or by abort); never as an unhandled rejection
    done.catch(() => undefined);
    this.parts.push({ path, worker, done });
    return done;
  }
}

/**
 * Runs inside a worker started by SqliteBulkWriter.offload: gives `work` a writer on the scratch
 * database and reports the result to the writer that started it.
 */
export async function runOffloadedPart(work: OffloadedWork): Promise<void> {
  const port = parentPort;
  if (isMainThread || !port) throw new Error('runOffloadedPart() runs only in a worker started by BulkWriter.offload');
  const { path, data } = workerData as { path: string; data: unknown };
  const handle = new SqliteDatabase(path);
  try {
    applyLoadSettings(handle, 256);
    const inserter = new RowInserter(handle);
    handle.exec('BEGIN');
    const writer: BulkWriter = {
      add: (table, row) => inserter.add(table, row as unknown[]),
      flush: async () => inserter.writeQueued(),
      offload: undefined,
      finish: async () => {
        inserter.writeQueued();
        handle.exec('COMMIT');
      },
      abort: async () => {
        if (handle.inTransaction) handle.exec('ROLLBACK');
      },
    };
    const value = await work(writer, data, (report) => port.postMessage({ kind: 'report', value: report }));
    await writer.finish();
    port.postMessage({ kind: 'done', value });
  } finally {
    handle.close();
  }
}
