import type { Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import { canRunNow, reusableQuery } from '../storage/reusable-query.js';
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

/** How often a row waiting for another connection's lock is tried again. */
const LOCK_POLL_MS = 3;

const rowNow = reusableQuery((db, v: AuditRow) =>
  db.insertInto('audit_log').values({ at: v.at, actor_kind: v.actor_kind, actor_id: v.actor_id, action: v.action, party_id: v.party_id, subject: v.subject, via: v.via }),
);

async function write(db: Kysely<Database>, waiting: Waiting): Promise<void> {
  // Let the reads of this turn of the event loop join the statement.
  await new Promise((resolve) => setImmediate(resolve));
  try {
    while (waiting.rows.length > 0) {
      // On SQLite, the wait for the other connection's lock happens here, a row tried at once every few
      // milliseconds: a statement waiting in Kysely's queue holds the connection, and every query of
      // the process that goes through the queue (pages read meanwhile) would wait behind it.
      if (canRunNow(db)) {
        if (!rowNow.tryNow(db, waiting.rows[0]!)) {
          await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
          continue;
        }
        waiting.rows.shift();
        if (waiting.rows.length === 0) break;
      }
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
