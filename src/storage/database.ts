import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, type ColumnDataType, type ColumnDefinitionBuilder, type DialectAdapter, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { BusyRetryDialect, SYNC_WAIT_MS } from './sqlite/busy-retry.js';
import { startCheckpointer } from './sqlite/checkpointer.js';
import { cachingHandle } from './sqlite/statement-cache.js';
import { registerRunNow } from './reusable-query.js';

/** What differs between the engines, as capabilities; domain code never asks which engine it runs on. */
export interface StorageCapabilities {
  engine: 'sqlite' | 'postgres';
  /** Type and definition of an auto-incremented 64-bit primary key column */
  identityKey: { type: ColumnDataType; define: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder };
  /** SELECT … FOR UPDATE SKIP LOCKED exists (several workers claim jobs); SQLite has one writer and no row locks */
  lockingReads: boolean;
  /** case-insensitive LIKE operator */
  caseInsensitiveLike: 'like' | 'ilike';
  /** table option keeping rows in their primary key's B-tree (SQLite WITHOUT ROWID); PostgreSQL has heap tables only */
  clusteredTable: RawBuilder<unknown> | undefined;
  /**
   * Statement that makes other writers of these tables wait until the transaction ends (PostgreSQL
   * LOCK TABLE); undefined where a write transaction already excludes every other writer (SQLite)
   */
  lockTables: ((tables: readonly string[]) => RawBuilder<unknown>) | undefined;
  /** Most bind parameters one statement may have (SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's 16-bit count) */
  maxParameters: number;
  /**
   * One write transaction at a time for the whole database (SQLite): a long one makes every other
   * writer wait, so bulk work writes in short transactions with pauses between them
   */
  singleWriter: boolean;
}

/** Capabilities by the dialect adapter of an open database, which its transactions share. */
const opened = new WeakMap<DialectAdapter, StorageCapabilities>();

/** The capabilities of the engine a Kysely instance (or one of its transactions) runs on. */
export function capabilitiesOf(db: Kysely<Database>): StorageCapabilities {
  const capabilities = opened.get(db.getExecutor().adapter);
  if (!capabilities) throw new Error('capabilitiesOf: this Kysely instance was not opened by openStorage');
  return capabilities;
}

/** Rows of `columns` values each that one statement can carry: at most `cap`, within the engine's parameter limit. */
export function rowsPerStatement(capabilities: StorageCapabilities, columns: number, cap: number): number {
  return Math.max(1, Math.min(cap, Math.floor(capabilities.maxParameters / columns)));
}

function withCapabilities(storage: Storage): Storage {
  opened.set(storage.db.getExecutor().adapter, storage.capabilities);
  return storage;
}

export interface Storage {
  db: Kysely<Database>;
  capabilities: StorageCapabilities;
  /**
   * The raw better-sqlite3 handle when running on SQLite: for storage/ itself (bulk writer, key
   * lookups), tests and benchmarks; code outside storage/ never uses it (test/architecture.test.ts).
   */
  sqlite: SqliteDatabase.Database | undefined;
  /**
   * For a long-running server on SQLite: WAL checkpoints from a worker thread instead of inside
   * requests. Not during bulk loads, which change the journal mode and need the file to themselves.
   */
  backgroundCheckpoints?: () => void;
  /**
   * Where the database is, for a worker thread that opens a connection of its own to it
   * (`openStorage(location)`); undefined for an in-memory database, which no other connection reaches.
   */
  location: StorageOptions | undefined;
  close(): Promise<void>;
}

export interface StorageOptions {
  databaseUrl?: string | undefined;
  sqlitePath?: string;
}

/**
 * Opens the database Ecoute is configured for: PostgreSQL when a URL is given, otherwise the SQLite file.
 * `existing`: a SQLite file that is not there is an error rather than a new empty database (a thread
 * opening the server's database must never create one).
 */
export function openStorage(options: StorageOptions, sqliteOptions: SqliteOptions = {}): Storage {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(options.sqlitePath ?? './data/ecoute.sqlite', sqliteOptions);
}

export interface SqliteOptions {
  /**
   * How long a statement waits for another connection's write lock before it fails with
   * SQLITE_BUSY (default 30 s), asynchronously: the event loop goes on meanwhile (sqlite/busy-retry.ts)
   */
  busyWaitMs?: number | undefined;
  /** the file must exist already: fail rather than create an empty database */
  existing?: boolean | undefined;
  /**
   * Another connection of the process checkpoints the WAL (the serving one's `backgroundCheckpoints`):
   * this one never does it inside its own commits (a worker thread's connection that writes a lot)
   */
  checkpointsElsewhere?: boolean | undefined;
}

export function openSqlite(path: string, options: SqliteOptions = {}): Storage {
  if (path !== ':memory:' && !options.existing) mkdirSync(dirname(path), { recursive: true });
  const handle = new SqliteDatabase(path, { fileMustExist: options.existing === true });
  const busyWaitMs = options.busyWaitMs ?? 30_000;
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma(`busy_timeout = ${Math.min(SYNC_WAIT_MS, busyWaitMs)}`);
  handle.pragma('cache_size = -65536');
  if (options.checkpointsElsewhere) handle.pragma('wal_autocheckpoint = 0');
  let checkpointer: ReturnType<typeof startCheckpointer> | undefined;
  const statements = cachingHandle(handle);
  const db = new Kysely<Database>({ dialect: new BusyRetryDialect({ database: statements }, handle, busyWaitMs) });
  registerRunNow(db, statements.runNow);
  return withCapabilities({
    db,
    sqlite: handle,
    location: path === ':memory:' ? undefined : { sqlitePath: path },
    capabilities: {
      engine: 'sqlite',
      identityKey: { type: 'integer', define: (c) => c.primaryKey().autoIncrement() },
      lockingReads: false,
      caseInsensitiveLike: 'like',
      clusteredTable: sql`without rowid`,
      lockTables: undefined,
      maxParameters: 32_766,
      singleWriter: true,
    },
    backgroundCheckpoints: () => {
      if (checkpointer || path === ':memory:') return;
      // Checkpoints run in a worker thread, never in the serving one: an automatic checkpoint there copies
      // the whole log into the database inside some request (a second for a log of 80 MiB, the size a bulk
      // import beside long reports reaches). The worker also keeps the log bounded (sqlite/checkpointer.ts).
      checkpointer = startCheckpointer(path);
      handle.pragma('wal_autocheckpoint = 0');
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  });
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export function openPostgres(url: string): Storage {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Epoch milliseconds and counts are bigint in PostgreSQL: read them as JavaScript numbers
    // (exact up to 2^53, far beyond any timestamp or count Ecoute stores).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (restart, failover, dropped database) must not crash the
  // process: the pool discards it and the next query opens a new one.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return withCapabilities({
    db,
    sqlite: undefined,
    location: { databaseUrl: url },
    capabilities: {
      engine: 'postgres',
      identityKey: { type: 'bigint', define: (c) => c.primaryKey().generatedByDefaultAsIdentity() },
      lockingReads: true,
      caseInsensitiveLike: 'ilike',
      clusteredTable: undefined,
      lockTables: (tables) => sql`lock table ${sql.join(tables.map((t) => sql.table(t)))} in exclusive mode`,
      maxParameters: 65_535,
      singleWriter: false,
    },
    close: () => db.destroy(),
  });
}
