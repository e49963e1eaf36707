import { auditCustomerRead } from '../auth/audit.js';
import { actorColumns } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { newBlobKey } from '../blobs/blob-store.js';
import { readAll } from '../blobs/read-all.js';
import { deleteBlobLater, deleteBlobsNow } from '../complaints/attachment-blobs.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { recordingInReach } from './recording-access.js';
import { MEDIA_TYPES, decodeAudio, encodeWav, peaksOf, silence } from './recording-audio.js';
import { recordingOf, redactionsOf, type Recording, type RecordingDeps } from './recording-service.js';

/**
 * Redacted spans (docs/quality.md, "Recordings"): a span that must never be heard again (a card number
 * read out). The audio is decoded, the span silenced, the result stored as a new WAV blob; the row
 * points at it and the redaction is recorded in one transaction, and only then is the old blob deleted
 * (at once, and by an `attachment.blob-delete` job written in the same transaction). All or nothing:
 * if the transaction fails, the new blob is deleted and the recording is as it was.
 */
export async function addRedaction(deps: RecordingDeps, id: string, span: { startMs: number; endMs: number; reason: string }, actor: Actor, now = Date.now()): Promise<Recording> {
  const { db, blobs } = deps;
  const row = await recordingInReach(db, id, actor);
  const duration = Number(row.duration_ms);
  if (span.endMs <= span.startMs) throw invalid('endMs', 'is not after startMs', 'end-before-start');
  if (span.startMs >= duration) throw invalid('startMs', `is past the end of the recording (${duration} ms)`, 'out-of-range', { minimum: 0, maximum: Math.max(0, duration - 1) });
  const endMs = Math.min(span.endMs, duration);

  const stored = await blobs.get(row.blob_key);
  if (!stored) throw new DomainError(410, 'recording-gone', "This recording's audio is no longer kept");
  const pcm = await decodeAudio(await readAll(stored.body), row.format);
  if (!pcm) throw new DomainError(422, 'recording-undecodable', 'The recording could not be decoded (truncated or damaged). Nothing was changed.');
  silence(pcm, span.startMs, endMs);
  const wav = encodeWav(pcm);
  const key = newBlobKey();
  const put = await blobs.put(key, wav, { contentType: MEDIA_TYPES.wav });
  try {
    await db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('recordings')
        .set({ blob_key: key, format: 'wav', media_type: MEDIA_TYPES.wav, bytes: put.sizeBytes, sha256: put.sha256, peaks: JSON.stringify(peaksOf(pcm)) })
        .where('id', '=', id)
        .where('blob_key', '=', row.blob_key)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) !== 1) throw new DomainError(409, 'recording-changed', 'The recording changed meanwhile (another redaction): try again.');
      await trx
        .insertInto('recording_redactions')
        .values({ id: newId(), recording_id: id, start_ms: span.startMs, end_ms: endMs, reason: span.reason, created_at: now, created_by_kind: actorColumns(actor).actor_kind, created_by_id: actorColumns(actor).actor_id })
        .execute();
      await deleteBlobLater(trx, row.blob_key, now);
    });
  } catch (error) {
    const deleted = await blobs.delete(key).catch(() => false);
    if (!deleted) await deleteBlobLater(db, key).catch(() => undefined);
    throw error;
  }
  await deleteBlobsNow(blobs, [row.blob_key]);
  await auditCustomerRead(db, actor, row.party_id, 'recordings');
  const after = await recordingInReach(db, id, actor);
  return recordingOf(after, await redactionsOf(db, id));
}
