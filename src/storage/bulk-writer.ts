import type { Insertable } from 'kysely';
import type { BulkRow, BulkTable } from './bulk-columns.js';
import type { Database } from './schema.js';

/**
 * Writes many rows fast, on each engine's fastest path: prepared multi-row INSERTs on SQLite,
 * multi-row INSERTs of as many rows as the parameter limit allows on PostgreSQL. Rows are queued
 * and reach the database by flush() at the latest, parents before children (the tables of
 * BULK_COLUMNS in their order, then the others in the order they were first used). Every row of a
 * table has the same columns, in the same order.
 */
export interface BulkWriter {
  /** Queues one row given as an object. */
  insert<T extends keyof Database>(table: T, row: Insertable<Database[T]>): void;
  /** Queues one row given as values in BULK_COLUMNS[table] order (no object per row, for millions of rows). */
  add<T extends BulkTable>(table: T, row: BulkRow<T>): void;
  /** Writes every queued row. */
  flush(): Promise<void>;
}

/**
 * A bulk writer that loads an empty database in transactions of its own, with the engine's load
 * settings for the duration (see SqliteBulkLoad and PostgresBulkLoad). A failed load leaves a
 * database to throw away.
 */
export interface BulkLoad extends BulkWriter {
  /**
   * Has a worker thread produce part of the rows when the engine gains from it, or undefined.
   * The worker runs `task.module`, which must call runOffloadedPart(); its rows (of the tables of
   * BULK_COLUMNS) are written, after the rows added here, by finish(). Resolves with what the
   * worker's work returned.
   */
  readonly offload: ((task: OffloadTask) => Promise<unknown>) | undefined;
  /** Writes what is left (offloaded parts included), makes it durable and restores the normal settings. */
  finish(): Promise<void>;
  /** Gives up after a failure: stops workers, restores the settings; rows not yet committed are dropped. */
  abort(): Promise<void>;
}

export interface OffloadTask {
  /** worker module (a .ts module is started through tsx, as in development and tests) */
  module: URL;
  /** structured-cloneable input of the worker's work */
  data: unknown;
  /** progress messages the worker's work reports */
  onReport?: (message: unknown) => void;
}

/** What an offloaded part runs inside its worker thread. */
export type OffloadedWork = (writer: BulkWriter, data: unknown, report: (message: unknown) => void) => Promise<unknown>;
