import type { Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { newBlobKey, type BlobRange, type BlobStore, type StoredBlob } from '../blobs/blob-store.js';
import { deleteBlobLater } from '../complaints/attachment-blobs.js';
import type { RecordingSettings } from '../config.js';
import { DomainError, forbidden, invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database, RecordingRedactionTable, RecordingTable } from '../storage/schema.js';
import { recordingInReach, recordingRows, reachesRecording, type RecordingRow } from './recording-access.js';
import { MEDIA_TYPES, decodeAudio, durationMsOf, peaksOf, sniffAudio } from './recording-audio.js';
import { issuePlayToken, readPlayToken } from './recording-play-tokens.js';

/**
 * The recordings of contacts (docs/quality.md, "Recordings"): handed over by the telephony platform,
 * kept in the blob store, listened to by those whose quality scope reaches the contact's advisor.
 * Every play is a read of the customer's personal data (one audit row); the audio is served by byte
 * ranges under a short-lived play token bound to its reader.
 */

export interface RecordingDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  settings: RecordingSettings;
  /** the key play tokens are signed with (ECOUTE_PRIVACY_SECRET) */
  secret: string;
}

export interface Redaction {
  id: string;
  startMs: number;
  endMs: number;
  reason: string;
  createdAt: number;
}

/** A recording as the player reads it: what it is, its waveform and its redacted spans; never its bytes. */
export interface Recording {
  id: string;
  interactionId: string;
  format: RecordingTable['format'];
  mediaType: string;
  bytes: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
  sha256: string;
  peaks: number[];
  storedAt: number;
  redactions: Redaction[];
}

const mib = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/** 413 for a recording over the limit (also answered by the request body cap of the route, src/server/app.ts). */
export function recordingTooLarge(maxBytes: number): DomainError {
  return new DomainError(413, 'recording-too-large', `The recording is larger than ${mib(maxBytes)}, the most one may be. Nothing was stored.`, [], { maxBytes });
}

const typeNotAllowed = () =>
  new DomainError(415, 'recording-type-not-allowed', 'This file is none of the recording formats accepted: WAV, MP3 or Ogg Opus, recognised by their content. Nothing was stored.', [], {
    allowed: 'audio/wav, audio/mpeg, audio/ogg',
  });

export async function redactionsOf(db: Kysely<Database>, recordingId: string): Promise<Redaction[]> {
  const rows = await db.selectFrom('recording_redactions').selectAll().where('recording_id', '=', recordingId).orderBy('start_ms').orderBy('id').execute();
  return rows.map((r: RecordingRedactionTable) => ({ id: r.id, startMs: Number(r.start_ms), endMs: Number(r.end_ms), reason: r.reason, createdAt: Number(r.created_at) }));
}

export function recordingOf(row: RecordingTable, redactions: Redaction[]): Recording {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    format: row.format,
    mediaType: row.media_type,
    bytes: Number(row.bytes),
    durationMs: Number(row.duration_ms),
    sampleRate: Number(row.sample_rate),
    channels: Number(row.channels),
    sha256: row.sha256,
    peaks: JSON.parse(row.peaks) as number[],
    storedAt: Number(row.stored_at),
    redactions,
  };
}

/**
 * Stores a contact's recording. Refused before anything is written: an unknown contact (404, field
 * interactionId), an erased customer's (409 `customer-erased`), a contact that has one already (409
 * `recording-exists`), an empty file (400), one over the limit (413 `recording-too-large`), one of
 * another format by its content (415 `recording-type-not-allowed`), one that does not decode (422
 * `recording-undecodable`). Its duration and waveform are computed here; the bytes go to the blob
 * store first, then the row; if the row fails, the blob is deleted (or left to a job).
 */
export async function storeRecording(deps: Pick<RecordingDeps, 'db' | 'blobs' | 'settings'>, interactionId: string, bytes: Uint8Array, now = Date.now()): Promise<Recording> {
  const { db, blobs, settings } = deps;
  const contact = await db
    .selectFrom('interactions')
    .innerJoin('parties', 'parties.id', 'interactions.party_id')
    .select(['interactions.id', 'parties.erased_at'])
    .where('interactions.id', '=', interactionId)
    .executeTakeFirst();
  if (!contact) throw new DomainError(404, 'not-found', 'No contact has this id', [{ field: 'interactionId', reason: 'names no contact', code: 'invalid' }]);
  if (contact.erased_at !== null) throw new DomainError(409, 'customer-erased', "This customer's data was erased: nothing new can be recorded on the record");
  if (await db.selectFrom('recordings').select('id').where('interaction_id', '=', interactionId).executeTakeFirst()) {
    throw new DomainError(409, 'recording-exists', 'This contact has a recording already. Nothing was stored.');
  }
  if (bytes.length > settings.maxBytes) throw recordingTooLarge(settings.maxBytes);
  if (bytes.length === 0) throw invalid('file', 'is empty', 'required');
  const format = sniffAudio(bytes);
  if (!format) throw typeNotAllowed();
  const pcm = await decodeAudio(bytes, format);
  if (!pcm) throw new DomainError(422, 'recording-undecodable', 'The recording could not be decoded (truncated or damaged). Nothing was stored.');

  const key = newBlobKey();
  const put = await blobs.put(key, bytes, { contentType: MEDIA_TYPES[format] });
  const row: RecordingTable = {
    id: newId(), interaction_id: interactionId, blob_key: key, format, media_type: MEDIA_TYPES[format], bytes: put.sizeBytes, duration_ms: durationMsOf(pcm),
    sample_rate: pcm.sampleRate, channels: pcm.channels.length, sha256: put.sha256, peaks: JSON.stringify(peaksOf(pcm)), stored_at: now,
  };
  try {
    await db.insertInto('recordings').values(row).execute();
  } catch (error) {
    const deleted = await blobs.delete(key).catch(() => false);
    if (!deleted) await deleteBlobLater(db, key).catch(() => undefined);
    if (await db.selectFrom('recordings').select('id').where('interaction_id', '=', interactionId).executeTakeFirst()) {
      throw new DomainError(409, 'recording-exists', 'This contact has a recording already. Nothing was stored.');
    }
    throw error;
  }
  return recordingOf(row, []);
}

/** What the player draws (metadata, peaks, redactions), for a reader who reaches it; no audio, so not audited. */
export async function recordingDetails(db: Kysely<Database>, id: string, actor: Actor): Promise<Recording> {
  const row = await recordingInReach(db, id, actor);
  return recordingOf(row, await redactionsOf(db, id));
}

/** The recording of a contact, if it has one the reader reaches. */
export async function recordingOfContact(db: Kysely<Database>, interactionId: string, actor: Actor): Promise<Recording> {
  const row = await recordingRows(db).where('recordings.interaction_id', '=', interactionId).executeTakeFirst();
  if (!row) throw notFound('This contact has no recording');
  if (!reachesRecording(actor, row)) throw forbidden("This contact's recording is outside the contacts you may listen to");
  return recordingOf(row, await redactionsOf(db, row.id));
}

/** A play: one audit row (a read of the customer's data through `recordings`) and a token for the audio, for this reader only. */
export async function startPlay(deps: RecordingDeps, id: string, actor: Actor, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const row = await recordingInReach(deps.db, id, actor);
  await auditCustomerRead(deps.db, actor, row.party_id, 'recordings');
  const expiresAt = now + deps.settings.playMinutes * 60_000;
  return { token: issuePlayToken(deps.secret, { recordingId: id, readerId: actor.id, expiresAt }), expiresAt };
}

/**
 * The audio of a play, whole or a range: only with a token of this recording given to this reader
 * and not expired (403 `play-token-invalid` otherwise), and while the reader still reaches it.
 */
export async function openPlay(deps: RecordingDeps, id: string, token: string, actor: Actor, range: (size: number, sha256: string) => BlobRange | 'unsatisfiable' | undefined) {
  const found = await recordingRows(deps.db).where('recordings.id', '=', id).executeTakeFirst();
  if (!found) throw notFound('No recording has this id');
  const grant = readPlayToken(deps.secret, token);
  if (!grant || grant.recordingId !== id || grant.readerId !== actor.id) {
    throw new DomainError(403, 'play-token-invalid', 'This play has expired or belongs to someone else: press play again.');
  }
  if (!reachesRecording(actor, found)) throw forbidden("This contact's recording is outside the contacts you may listen to");
  const row: RecordingRow = found;
  const size = Number(row.bytes);
  const wanted = range(size, row.sha256);
  if (wanted === 'unsatisfiable') return { row, size, blob: undefined };
  const blob: StoredBlob | undefined = await deps.blobs.get(row.blob_key, wanted);
  if (!blob) throw new DomainError(410, 'recording-gone', "This recording's audio is no longer kept");
  return { row, size, blob };
}
