import type { Database } from '../storage/schema.js';

/** Column order of the rows handed to a bulk writer, per table (parents before children). */
export const BULK_COLUMNS = {
  sites: ['id', 'code', 'name', 'kind', 'city', 'created_at'],
  teams: ['id', 'name', 'site_id', 'created_at'],
  users: ['id', 'email', 'display_name', 'role', 'team_id', 'site_id', 'password_hash', 'language', 'active', 'created_at'],
  parties: [
    'id', 'customer_number', 'kind', 'given_name', 'family_name', 'organisation_name', 'display_name', 'search_name',
    'preferred_language', 'consent_surveys', 'consent_marketing', 'created_at', 'updated_at',
  ],
  accounts: ['id', 'account_number', 'party_id', 'segment', 'account_manager_id', 'status', 'created_at'],
  lines: ['id', 'account_id', 'msisdn', 'kind', 'plan', 'status', 'activated_at'],
  contact_points: ['id', 'party_id', 'kind', 'value', 'is_primary'],
  interactions: [
    'id', 'external_id', 'party_id', 'account_id', 'channel', 'direction', 'reason_code', 'started_at', 'ended_at',
    'advisor_id', 'team_id', 'site_id', 'outcome', 'resolved', 'recording_ref', 'notes', 'phone', 'repeat_of',
    'next_contact_at', 'created_at',
  ],
} as const satisfies { [T in keyof Database]?: readonly (keyof Database[T] & string)[] };

export type BulkTable = keyof typeof BULK_COLUMNS;

/** One row as a tuple of values in BULK_COLUMNS[table] order, typed from the schema. */
export type BulkRow<T extends BulkTable> = TupleOf<Database[T], (typeof BULK_COLUMNS)[T]>;
type TupleOf<Row, Columns extends readonly unknown[]> = {
  -readonly [I in keyof Columns]: Columns[I] extends keyof Row ? Row[Columns[I]] : never;
};

/** Tables in the order rows must reach the database (foreign keys). */
export const BULK_TABLE_ORDER = Object.keys(BULK_COLUMNS) as BulkTable[];

/**
 * Writes many rows fast. The only place where the engines differ for the demo load:
 * SQLite inserts with prepared multi-row statements in large transactions on the raw handle
 * (and can have a worker thread fill part of the rows), PostgreSQL with batched multi-row inserts.
 */
export interface BulkWriter {
  /** Queues one row (it may be written at once). */
  add<T extends BulkTable>(table: T, row: BulkRow<T>): void;
  /** Writes every queued row, parents before children; call between chunks. */
  flush(): Promise<void>;
  /**
   * Has a worker thread produce part of the rows when the engine gains from it, or undefined.
   * The worker runs `task.module`, which must call runOffloadedPart(); its rows are written, after
   * the rows added here, by finish(). Resolves with what the worker's work returned.
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
