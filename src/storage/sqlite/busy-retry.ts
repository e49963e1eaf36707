import type SqliteDatabase from 'better-sqlite3';
import { SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryCompiler, type QueryResult, type SqliteDialectConfig, type TransactionSettings } from 'kysely';

/**
 * Waiting for the write lock without holding the event loop. better-sqlite3 runs statements
 * synchronously: under busy_timeout alone, a statement that finds another connection writing (a CLI
 * import, the checkpoint thread) sleeps inside SQLite and the whole process waits with it, and SQLite's
 * busy handler sleeps in growing steps (up to 100 ms) past the moment the lock is free. So the
 * connection does not wait inside SQLite (`SYNC_WAIT_MS`): it retries asynchronously, every
 * millisecond, until `waitMs` have passed, and gets the lock in the first pause of the other writer.
 *
 * Only what can run again unchanged is retried: a statement that failed while no transaction was open
 * (an auto-commit statement, or the `begin immediate` that opens a transaction) had no effect. Inside a
 * transaction nothing waits: it began immediate, so it already holds the write lock.
 */
export const SYNC_WAIT_MS = 0;

export class BusyRetryDialect extends SqliteDialect {
  constructor(
    config: SqliteDialectConfig,
    private readonly handle: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new BusyRetryDriver(super.createDriver(), this.handle, this.waitMs);
  }
}

class BusyRetryDriver implements Driver {
  private readonly connections = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly handle: SqliteDatabase.Database,
    private readonly waitMs: number,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let retrying = this.connections.get(connection);
    if (!retrying) {
      retrying = {
        executeQuery: <R>(query: CompiledQuery) => this.retry(() => connection.executeQuery<R>(query)),
        streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
      };
      this.connections.set(connection, retrying);
    }
    return retrying;
  }

  private async retry<R>(run: () => Promise<QueryResult<R>>): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!isBusy(error) || this.handle.inTransaction || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.savepoint!(connection, name, compile);
  }
  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }
  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, …). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
