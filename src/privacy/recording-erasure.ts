import type { Kysely } from 'kysely';
import { enqueueMany } from '../jobs/outbox.js';
import type { Database } from '../storage/schema.js';

/**
 * What becomes of contacts' recordings when their customer is erased or their retention ends
 * (docs/quality.md, "Recordings"): their rows (and redactions) are deleted in the caller's
 * transaction with an `attachment.blob-delete` job per blob, so the bytes go if and only if the
 * deletion commits; the erasure also deletes them at once after its commit.
 */

async function deleteRecordings(db: Kysely<Database>, ids: readonly string[], keys: readonly string[], at: number): Promise<void> {
  await db.deleteFrom('recording_redactions').where('recording_id', 'in', ids).execute();
  await db.deleteFrom('recordings').where('id', 'in', ids).execute();
  await enqueueMany(db, keys.map((refId) => ({ topic: 'attachment.blob-delete', refId, runAfter: at })));
}

/** Deletes the recordings of a customer's contacts, in the erasure's transaction; answers the rows deleted and their blob keys. */
export async function eraseRecordingsOf(db: Kysely<Database>, partyId: string, at = Date.now()): Promise<{ rows: number; blobKeys: string[] }> {
  const rows = await db
    .selectFrom('recordings')
    .innerJoin('interactions', 'interactions.id', 'recordings.interaction_id')
    .select(['recordings.id', 'recordings.blob_key'])
    .where('interactions.party_id', '=', partyId)
    .execute();
  if (rows.length === 0) return { rows: 0, blobKeys: [] };
  const blobKeys = rows.map((r) => r.blob_key);
  await deleteRecordings(db, rows.map((r) => r.id), blobKeys, at);
  return { rows: rows.length, blobKeys };
}

/** Deletes the recordings stored before `cutoff`, a batch per transaction (a purge stopped half-way is finished by the next); answers how many. */
export async function purgeRecordings(db: Kysely<Database>, cutoff: number, at: number, batch: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.selectFrom('recordings').select(['id', 'blob_key']).where('stored_at', '<', cutoff).orderBy('stored_at').limit(batch).execute();
    if (rows.length > 0) await db.transaction().execute((trx) => deleteRecordings(trx, rows.map((r) => r.id), rows.map((r) => r.blob_key), at));
    total += rows.length;
    if (rows.length < batch) return total;
  }
}
