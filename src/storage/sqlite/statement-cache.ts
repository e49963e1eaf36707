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
  const prepare = (text: string): SqliteDatabase.Statement => {
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
  };
  return {
    close: () => handle.close(),
    prepare,
    /**
     * Runs a query at once, without Kysely's connection queue, when nothing else holds the connection
     * in a transaction (a query run now cannot land inside another flow's transaction); undefined
     * otherwise, and the caller goes through Kysely. better-sqlite3 runs synchronously, so no other
     * query can interleave with this one. Used by the compiled hot-path queries
     * (src/storage/reusable-query.ts): Kysely's promise chain per query cost as much as the query.
     */
    runNow: (sql: string, parameters: readonly unknown[]): { rows: unknown[] } | undefined => {
      if (handle.inTransaction) return undefined;
      const statement = prepare(sql);
      if (statement.busy) return undefined;
      try {
        if (statement.reader) return { rows: statement.all(parameters) };
        statement.run(parameters);
        return { rows: [] };
      } catch (error) {
        // another statement of the connection is being iterated (Kysely's stream()), or another
        // connection holds the write lock (nothing was done): wait in Kysely's queue, which retries
        if (error instanceof TypeError && /busy/i.test(error.message)) return undefined;
        if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return undefined;
        throw error;
      }
    },
  };
}
