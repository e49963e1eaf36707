import type { Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement, type Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';

/** What the outbox carries. Each topic has one handler in the worker. */
export type Topic =
  | 'interaction.ended'
  | 'survey.send'
  | 'sms.send'
  | 'privacy.retention'
  // a notification to send (ref: the notification's id)
  | 'notification.send'
  // a complaint was acknowledged, answered, rejected, closed, marked at deadlock: the customer is told (ref: the case event's id)
  | 'complaint.acknowledged'
  | 'complaint.answered'
  | 'complaint.rejected'
  | 'complaint.closed'
  | 'complaint.deadlock'
  // the daily look for complaints open eight weeks (ref: the day, YYYY-MM-DD)
  | 'complaint.eight-weeks'
  // a hot follow-up pushed to its owner's console (ref: `<case id>:<version>`); missed deadlines escalated (ref: the hour)
  | 'followup.hot'
  | 'followup.deadlines'
  // a customer's sign-in code to send by SMS, when the number is a customer's line (ref: the code's id)
  | 'sign-in.code'
  // a customer's sign-in code to send by e-mail, when the address is a customer's (ref: the code's id)
  | 'sign-in.email'
  // the bytes of an attachment removed from a complaint, or erased with its customer (ref: the blob key)
  | 'attachment.blob-delete'
  // a change of a line's plan to apply at its billing period's start, or to check again once applied (ref: the change's id, `<id>:sweep`)
  | 'plan-change.apply';

export interface Job {
  id: number;
  topic: Topic;
  refId: string;
  attempts: number;
}

/**
 * Records that something must happen later, in the caller's transaction: it happens if and only if
 * the change commits. One job per (topic, ref): enqueuing twice changes nothing.
 */
export async function enqueue(db: Kysely<Database>, topic: Topic, refId: string, runAfter: number): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ topic, ref_id: refId, run_after: runAfter, attempts: 0, locked_until: null, last_error: null, done_at: null, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['topic', 'ref_id']).doNothing())
    .execute();
}

/** enqueue() for many jobs at once, in the caller's transaction. */
export async function enqueueMany(db: Kysely<Database>, jobs: { topic: Topic; refId: string; runAfter: number }[]): Promise<void> {
  const createdAt = Date.now();
  for (let i = 0, n = rowsPerStatement(capabilitiesOf(db), 8, 500); i < jobs.length; i += n) {
    await db
      .insertInto('outbox')
      .values(
        jobs.slice(i, i + n).map((job) => ({
          topic: job.topic, ref_id: job.refId, run_after: job.runAfter, attempts: 0, locked_until: null, last_error: null, done_at: null, created_at: createdAt,
        })),
      )
      .onConflict((oc) => oc.columns(['topic', 'ref_id']).doNothing())
      .execute();
  }
}

/**
 * Takes up to `limit` due jobs for `leaseMs`. A job whose worker died is taken again once its lease
 * has run out (at-least-once: handlers are idempotent). On PostgreSQL several workers claim side by
 * side with SKIP LOCKED; SQLite has a single writer, so its transaction alone keeps claims apart.
 */
export async function claimJobs(storage: Storage, limit: number, leaseMs: number, now = Date.now()): Promise<Job[]> {
  return storage.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('outbox')
      .select(['id', 'topic', 'ref_id', 'attempts'])
      .where('done_at', 'is', null)
      .where('run_after', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('run_after')
      .limit(limit);
    if (storage.capabilities.lockingReads) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('outbox')
      .set((eb) => ({ locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', rows.map((r) => r.id))
      .execute();
    return rows.map((r) => ({ id: r.id, topic: r.topic as Topic, refId: r.ref_id, attempts: r.attempts + 1 }));
  });
}

/** Marks jobs done, in one statement. */
export async function completeJobs(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ done_at: Date.now(), locked_until: null, last_error: null }).where('id', 'in', ids).execute();
}

/** Gives the job back, to run again at `runAfter`, with the error an operator reads. */
export async function retryJob(db: Kysely<Database>, id: number, error: string, runAfter: number): Promise<void> {
  await db.updateTable('outbox').set({ locked_until: null, last_error: error.slice(0, 500), run_after: runAfter }).where('id', '=', id).execute();
}

/** Exponential backoff with a cap: 5 s, 10 s, 20 s … up to 15 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(15 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}
