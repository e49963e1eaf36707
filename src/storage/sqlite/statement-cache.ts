import type SqliteDatabase from 'better-sqlite3';

/**
 * The subset of better-sqlite3 Kysely uses, with prepared statements reused by SQL text. Kysely's
 * SQLite driver prepares every query it runs; a recognition runs about nine, and parsing and
 * planning them again each time cost more than running them. Bounded: the oldest go first.
 *
 * Transactions begin IMMEDIATE: a deferred transaction that reads and then writes cannot wait for
 * another connection holding the write lock (the checkpoint thread restarting the WAL, a CLI
 * command): SQLite fails it at once with SQLITE_BUSY. An immediate one takes the write lock first
 * and waits for it under busy_timeout.
 */
export function cachingHandle(handle: SqliteDatabase.Database, max = 1000) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => handle.close(),
    prepare: (text: string) => {
      const sql = text === 'begin' ? 'begin immediate' : text;
      let statement = statements.get(sql);
      // A statement still being iterated (Kysely's stream()) cannot run twice at once.
      if (statement?.busy) return handle.prepare(sql);
      if (!statement) {
        statement = handle.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
