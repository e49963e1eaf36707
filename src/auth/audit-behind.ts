import type { Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import type { AuditLogTable, Database } from '../storage/schema.js';

/** An audit row as written (the columns of `audit_log` but its id). */
export type AuditRow = Omit<AuditLogTable, 'id'>;

/**
 * Audit rows that could not be written at once, on SQLite, because another connection held the write
 * lock (a bulk import in another process) or another flow's transaction was open on the connection:
 * the read is answered, and its row is written as soon as the lock is free, with the others that
 * waited, in one statement (docs/security.md, "The audit trail"). Up to `MAX_WAITING` rows wait; past
 * that a read waits for them to be written. Reading the trail, exporting a record and closing the
 * server write them first (`writeWaitingAudits`).
 */
const MAX_WAITING = 10_000;

interface Waiting {
  rows: AuditRow[];
  writing: Promise<void> | undefined;
}
const waitingOf = new WeakMap<Kysely<Database>, Waiting>();

/** Queues a row to be written as soon as the database lets it; resolves at once unless too many wait. */
export async function auditBehind(db: Kysely<Database>, row: AuditRow): Promise<void> {
  let waiting = waitingOf.get(db);
  if (!waiting) waitingOf.set(db, (waiting = { rows: [], writing: undefined }));
  waiting.rows.push(row);
  const writing = (waiting.writing ??= write(db, waiting));
  if (waiting.rows.length > MAX_WAITING) await writing;
}

/** Writes every waiting row (of reads answered before now) and resolves once they are in the database. */
export async function writeWaitingAudits(db: Kysely<Database>): Promise<void> {
  const waiting = waitingOf.get(db);
  while (waiting?.writing) await waiting.writing;
}

async function write(db: Kysely<Database>, waiting: Waiting): Promise<void> {
  // Let the reads of this turn of the event loop join the statement.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    while (waiting.rows.length > 0) {
      const rows = waiting.rows.splice(0, rowsPerStatement(capabilitiesOf(db), 7, 500));
      try {
        // Through Kysely's queue: waits for the other connection's lock without holding the event loop.
        await db.insertInto('audit_log').values(rows).execute();
      } catch (error) {
        // Kept, and tried again shortly (a database that stays unwritable fails the requests that follow).
        waiting.rows.unshift(...rows);
        console.error(`audit trail: ${rows.length} rows not written yet (${(error as Error).message}); trying again`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } finally {
    waiting.writing = undefined;
  }
}
