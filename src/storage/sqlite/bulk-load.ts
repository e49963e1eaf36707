import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { DomainError } from '../../shared/errors.js';
import { BULK_COLUMNS, BULK_TABLE_ORDER, type BulkRow, type BulkTable } from '../bulk-columns.js';
import type { BulkLoad, BulkWriter, OffloadedWork, OffloadTask } from '../bulk-writer.js';
import type { StorageCapabilities } from '../database.js';
import type { Database } from '../schema.js';
import { SqliteRows, type SqliteRowsOptions } from './bulk-rows.js';

type Handle = SqliteDatabase.Database;

/** Rows per transaction: large enough that commits cost nothing, small enough to bound the journal. */
const ROWS_PER_TRANSACTION = 500_000;

const LOAD_ROWS: SqliteRowsOptions = { eager: true, orFail: true };

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
  dir: string;
  worker: Worker;
  done: Promise<unknown>;
}

/** Rows per scratch file of a worker: the main thread appends each file as soon as it is complete. */
const ROWS_PER_SCRATCH_FILE = 400_000;

/**
 * Bulk loads on the raw better-sqlite3 handle, for the duration of the load:
 * - prepared multi-row INSERTs (SqliteRows) in transactions of 500,000 rows, synchronous=OFF,
 *   rollback journal in memory, foreign-key checks off, a 1 GiB page cache (the previous settings
 *   are restored after);
 * - the non-unique secondary indexes of the loaded tables are dropped and built again at the end
 *   (one sort instead of millions of random-order B-tree inserts);
 * - offload(): a worker thread writes its part into scratch databases (plain tables, no index) of
 *   about 400,000 rows each; the main thread appends each one as it is ready with one
 *   INSERT … SELECT per table, which costs far less than binding the rows one by one.
 */
export class SqliteBulkLoad implements BulkLoad {
  readonly offload: ((task: OffloadTask) => Promise<unknown>) | undefined;
  private readonly inserter: SqliteRows;
  private readonly saved: Settings;
  private readonly droppedIndexes: { name: string; sql: string }[];
  private readonly parts: OffloadedPart[] = [];
  private committedRows = 0;
  private done = false;
  private readonly maxParameters: number;

  constructor(
    private readonly handle: Handle,
    capabilities: StorageCapabilities,
  ) {
    if (handle.inTransaction) throw new Error('SqliteBulkLoad needs a connection outside any transaction');
    this.maxParameters = capabilities.maxParameters;
    this.saved = readSettings(handle);
    try {
      applyLoadSettings(handle, 1024);
    } catch (error) {
      this.restore();
      // Leaving WAL mode needs the file to itself.
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DomainError(409, 'database-busy', 'the SQLite file is open in another process (is `ecoute serve` running on it?); stop that process, then load the demo');
      }
      throw error;
    }
    this.inserter = new SqliteRows(handle, this.maxParameters, LOAD_ROWS);
    this.offload = handle.memory ? undefined : (task) => this.startPart(task);
    const tables = BULK_TABLE_ORDER.map((t) => `'${t}'`).join(', ');
    this.droppedIndexes = handle
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables}) and sql not like 'create unique%' collate nocase`,
      )
      .all() as { name: string; sql: string }[];
    handle.exec('BEGIN');
    for (const index of this.droppedIndexes) handle.exec(`drop index "${index.name}"`);
  }

  add<T extends BulkTable>(table: T, row: BulkRow<T>): void {
    this.inserter.add(table, row as unknown[]);
  }

  insert<T extends keyof Database>(table: T, row: Insertable<Database[T]>): void {
    this.inserter.insertObject(table, row);
  }

  async flush(): Promise<void> {
    this.inserter.writeQueued();
    if (this.inserter.rowsWritten - this.committedRows >= ROWS_PER_TRANSACTION) this.commit();
    // let timers and I/O run between chunks: progress bar, workers' scratch files, an HTTP server
    await new Promise((resolve) => setImmediate(resolve));
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.inserter.writeQueued();
    this.handle.exec('COMMIT');
    // every scratch file is appended when its message arrives, before the part's "done"
    await Promise.all(this.parts.map((part) => part.done));
    for (const part of this.parts) rmSync(part.dir, { recursive: true, force: true });
    this.handle.pragma('threads = 2'); // index sorts may use a helper thread
    this.handle.exec('BEGIN');
    for (const index of this.droppedIndexes) this.handle.exec(index.sql);
    this.handle.exec('COMMIT');
    this.restore();
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.inserter.clear();
    await Promise.all(this.parts.map((part) => part.worker.terminate()));
    if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
    for (const part of this.parts) rmSync(part.dir, { recursive: true, force: true });
    const present = new Set(
      (this.handle.prepare(`select name from sqlite_master where type = 'index'`).all() as { name: string }[]).map((r) => r.name),
    );
    for (const index of this.droppedIndexes) if (!present.has(index.name)) this.handle.exec(index.sql);
    this.restore();
  }

  private commit(): void {
    this.handle.exec('COMMIT');
    this.handle.exec('BEGIN');
    this.committedRows = this.inserter.rowsWritten;
  }

  private restore(): void {
    this.done = true;
    const { synchronous, foreignKeys, cacheSize, tempStore, journalMode } = this.saved;
    this.handle.pragma('threads = 0');
    this.handle.pragma(`journal_mode = ${journalMode}`);
    this.handle.pragma(`synchronous = ${synchronous}`);
    this.handle.pragma(`foreign_keys = ${foreignKeys}`);
    this.handle.pragma(`cache_size = ${cacheSize}`);
    this.handle.pragma(`temp_store = ${tempStore}`);
  }

  /** Appends a worker's complete scratch file to the main tables, then deletes it. */
  private append(path: string): void {
    if (this.done) return;
    const open = this.handle.inTransaction;
    if (open) {
      this.inserter.writeQueued();
      this.handle.exec('COMMIT');
    }
    this.handle.prepare('attach database ? as bulk_part').run(path);
    try {
      this.handle.exec('BEGIN');
      for (const table of BULK_TABLE_ORDER) {
        const columns = BULK_COLUMNS[table].join(', ');
        this.handle.exec(`insert or fail into main.${table} (${columns}) select ${columns} from bulk_part.${table} order by rowid`);
      }
      this.handle.exec('COMMIT');
    } finally {
      if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
      this.handle.exec('detach database bulk_part');
      if (open) this.handle.exec('BEGIN');
      this.committedRows = this.inserter.rowsWritten;
    }
    rmSync(path, { force: true });
  }

  /** Creates the empty scratch database the worker copies for each of its files, and starts the worker. */
  private startPart(task: OffloadTask): Promise<unknown> {
    const dir = mkdtempSync(join(tmpdir(), 'ecoute-bulk-'));
    const template = join(dir, 'template.sqlite');
    this.inserter.writeQueued();
    this.handle.exec('COMMIT');
    this.handle.prepare('attach database ? as bulk_template').run(template);
    for (const table of BULK_TABLE_ORDER) {
      this.handle.exec(`create table bulk_template.${table} as select * from main.${table} where 0`);
    }
    this.handle.exec('detach database bulk_template');
    this.handle.exec('BEGIN');
    this.committedRows = this.inserter.rowsWritten;

    const moduleUrl = task.module.href;
    // In development and tests the modules are TypeScript run through tsx: the worker registers it too.
    const boot = moduleUrl.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })`
      : `import(${JSON.stringify(moduleUrl)})`;
    const workerInput: WorkerInput = { template, dir, maxParameters: this.maxParameters, data: task.data };
    const worker = new Worker(boot, { eval: true, workerData: workerInput });
    const done = new Promise<unknown>((resolve, reject) => {
      let result: { value: unknown } | undefined;
      let failure: unknown;
      worker.on('message', (message: WorkerMessage) => {
        if (failure !== undefined) return;
        try {
          if (message.kind === 'report') task.onReport?.(message.value);
          else if (message.kind === 'file') this.append(message.path);
          else result = { value: message.value };
        } catch (error) {
          failure = error;
          void worker.terminate();
        }
      });
      worker.once('error', (error) => (failure ??= error));
      worker.once('exit', (code) => {
        if (failure !== undefined) reject(failure);
        else if (result) resolve(result.value);
        else reject(new Error(`bulk load worker stopped (exit code ${code}) before finishing its part`));
      });
    });
    // a failure is reported when the part is awaited (or by abort); never as an unhandled rejection
    done.catch(() => undefined);
    this.parts.push({ dir, worker, done });
    return done;
  }
}

interface WorkerInput {
  template: string;
  dir: string;
  maxParameters: number;
  data: unknown;
}

type WorkerMessage = { kind: 'report'; value: unknown } | { kind: 'file'; path: string } | { kind: 'done'; value: unknown };

/**
 * Runs inside a worker started by SqliteBulkLoad.offload: gives `work` a writer that fills scratch
 * databases of about 400,000 rows, hands each complete one to the main thread, and reports the result.
 */
export async function runOffloadedPart(work: OffloadedWork): Promise<void> {
  const port = parentPort;
  if (isMainThread || !port) throw new Error('runOffloadedPart() runs only in a worker started by BulkLoad.offload');
  const post = (message: WorkerMessage) => port.postMessage(message);
  const { template, dir, maxParameters, data } = workerData as WorkerInput;
  let files = 0;
  let handle: Handle | undefined;
  let inserter: SqliteRows | undefined;
  const open = () => {
    const path = join(dir, `part-${files++}.sqlite`);
    copyFileSync(template, path);
    handle = new SqliteDatabase(path);
    applyLoadSettings(handle, 256);
    inserter = new SqliteRows(handle, maxParameters, LOAD_ROWS);
    handle.exec('BEGIN');
    return { handle, inserter };
  };
  const close = () => {
    if (!handle || !inserter) return;
    inserter.writeQueued();
    handle.exec('COMMIT');
    const path = handle.name;
    handle.close();
    handle = undefined;
    inserter = undefined;
    post({ kind: 'file', path });
  };
  const current = () => (inserter ? { handle: handle as Handle, inserter } : open());
  const writer: BulkWriter = {
    add: (table, row) => current().inserter.add(table, row as unknown[]),
    insert: (table, row) => current().inserter.insertObject(table, row),
    flush: async () => {
      if (inserter && inserter.rowsWritten >= ROWS_PER_SCRATCH_FILE) close();
      else inserter?.writeQueued();
    },
  };
  try {
    const value = await work(writer, data, (report) => post({ kind: 'report', value: report }));
    close();
    post({ kind: 'done', value });
  } finally {
    handle?.close();
    handle = undefined;
  }
}
