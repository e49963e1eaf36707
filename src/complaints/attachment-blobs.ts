import type { Kysely } from 'kysely';
import type { BlobStore } from '../blobs/blob-store.js';
import { enqueue, enqueueMany } from '../jobs/outbox.js';
import type { JobHandler } from '../jobs/worker.js';
import type { Database } from '../storage/schema.js';

/**
 * What becomes of an attachment's bytes once the attachment is removed or its customer erased
 * (docs/complaints.md, "Attachments"). The change that ends an attachment writes an
 * `attachment.blob-delete` job in its own transaction (ref: the blob key): the bytes are deleted if
 * and only if the change commits, whatever happens after. The caller also deletes them at once after
 * the commit; the job then finds nothing left to do.
 */

/** Deletes a blob at once, after the commit; a failure is left to the outbox job written with the change. */
export async function deleteBlobsNow(blobs: BlobStore, keys: readonly string[]): Promise<void> {
  for (const key of keys) await blobs.delete(key).catch(() => false);
}

/** Writes the job that deletes a blob, in the caller's transaction. */
export async function deleteBlobLater(db: Kysely<Database>, key: string, at = Date.now()): Promise<void> {
  await enqueue(db, 'attachment.blob-delete', key, at);
}

/**
 * The worker's handler of `attachment.blob-delete`: deletes the blob, unless an attachment still
 * attached holds its key (never the case for a job written by a removal or an erasure: a guard, not a
 * path), or a recording still holds it. A blob already gone is done; a store that fails is tried again later.
 */
export function attachmentBlobHandler(db: Kysely<Database>, blobs: BlobStore): JobHandler {
  return async (key) => {
    const attached = await db.selectFrom('complaint_attachments').select('id').where('blob_key', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
    // the same job deletes the bytes of contacts' recordings replaced, erased or past retention (src/quality)
    const recorded = attached ?? (await db.selectFrom('recordings').select('id').where('blob_key', '=', key).executeTakeFirst());
    if (!recorded) await blobs.delete(key);
    return { done: true };
  };
}

/**
 * Deletes the attachment rows of a customer's complaints, in the erasure's transaction, and writes the
 * jobs that delete their bytes. Answers the rows deleted and the blob keys, for the caller to delete
 * at once after the commit.
 */
export async function eraseAttachmentsOf(db: Kysely<Database>, partyId: string, at = Date.now()): Promise<{ rows: number; blobKeys: string[] }> {
  const cases = db.selectFrom('cases').select('id').where('party_id', '=', partyId);
  const rows = await db.selectFrom('complaint_attachments').select('blob_key').where('complaint_id', 'in', cases).execute();
  if (rows.length === 0) return { rows: 0, blobKeys: [] };
  await db.deleteFrom('complaint_attachments').where('complaint_id', 'in', cases).execute();
  const blobKeys = rows.map((r) => r.blob_key);
  await enqueueMany(db, blobKeys.map((refId) => ({ topic: 'attachment.blob-delete', refId, runAfter: at })));
  return { rows: rows.length, blobKeys };
}
