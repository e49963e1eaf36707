/**
 * The two changes the benchmark proposes for src/storage/database.ts (openSqlite), measured against
 * the code as it is:
 *
 * 1. Statement cache. Kysely's SQLite driver calls better-sqlite3's prepare() for every query it runs,
 *    so each recognition parses and plans its ~9 statements again and leaves native statement objects
 *    to the garbage collector. A handle whose prepare() returns cached statements removes that cost.
 * 2. WAL checkpoints off the request path. Every recognition writes an audit row; SQLite's automatic
 *    checkpoint (every 1000 WAL pages) then runs inside one request, synchronously, with an fsync,
 *    and stalls the event loop for milliseconds. With wal_autocheckpoint = 0 on the serving connection
 *    and a PASSIVE checkpoint every second from a second connection in a worker thread, no request pays for it.
 */
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Storage } from '../src/storage/database.js';
import type { Database } from '../src/storage/schema.js';

/** A prepare() that reuses statements by SQL text (bounded: the least recently added go first). */
export function cachingHandle(handle: SqliteDatabase.Database, max = 1000) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => handle.close(),
    prepare: (sql: string) => {
      let statement = statements.get(sql);
      if (statement?.busy) return handle.prepare(sql); // still iterating (Kysely .stream())
      if (!statement) {
        statement = handle.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Checkpoints the WAL of `path` every `intervalMs` from its own connection in a worker thread. */
export function startCheckpointer(path: string, intervalMs = 1000): { stop(): Promise<void> } {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.path);
    db.pragma('busy_timeout = 1000');
    const timer = setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
    }, workerData.intervalMs);
    parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const driver = import.meta.resolve('better-sqlite3').replace(/^file:\/\//, '');
  const worker = new Worker(source, { eval: true, workerData: { path, intervalMs, driver: decodeURIComponent(driver) } });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}

/** The same storage with both changes: cached statements, and checkpoints in a worker thread. */
export function tuned(storage: Storage): Storage {
  const handle = storage.sqlite;
  if (!handle) return storage;
  handle.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(handle.name);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingHandle(handle) }) });
  return {
    ...storage,
    db,
    // the connection stays open: it belongs to `storage`
    close: async () => {
      await checkpointer.stop();
      handle.pragma('wal_autocheckpoint = 1000');
    },
  };
}
