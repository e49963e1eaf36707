import type { ActorKind } from '../storage/schema.js';
import type { Kysely } from 'kysely';
import { actorColumns, auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { newBlobKey, type BlobStore } from '../blobs/blob-store.js';
import { findCase, transition, type CaseRow } from '../cases/case-service.js';
import type { AttachmentLimits } from '../config.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { ACCEPTED_FILE_TYPES, displayFileName, sniffFileType, type FileType } from '../shared/file-types.js';
import { newId } from '../shared/ids.js';
import type { ComplaintAttachmentTable, Database } from '../storage/schema.js';
import { deleteBlobLater, deleteBlobsNow } from './attachment-blobs.js';
import { assertWithinScope } from './complaint-access.js';
import { COMPLAINT } from './complaint-kind.js';

/**
 * The files attached to a complaint (docs/complaints.md, "Attachments"): a letter scanned, a bill, a
 * photo of a device, the customer's e-mail. Their bytes are in the blob store, their record in
 * `complaint_attachments`, and each one attached or removed is an event of the complaint's timeline.
 * Who may reach them is who may reach the complaint (`complaintScope`); reading one is a read of the
 * customer's record (audited).
 */

/** What the attachment service works with beside the database. */
export interface AttachmentDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  limits: AttachmentLimits;
}

/** Who did something, with their name where it still exists. */
export interface ActorRef {
  kind: ActorKind;
  id: string;
  name: string | null;
}

/** An attachment as its complaint lists it. */
export interface Attachment {
  id: string;
  complaintId: string;
  fileName: string;
  contentType: FileType;
  sizeBytes: number;
  sha256: string;
  uploadedAt: number;
  uploadedBy: ActorRef;
  removed: { at: number; by: ActorRef; reason: string | null } | null;
}

/** A file as it was sent: its name as the sender's device gave it, and its bytes. */
export interface Upload {
  fileName: string | undefined;
  bytes: Uint8Array;
}

const mib = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/** 413 for a file over the limit (also answered by the request body cap of the route, src/server/app.ts). */
export function attachmentTooLarge(maxBytes: number): DomainError {
  return new DomainError(413, 'attachment-too-large', `The file is larger than ${mib(maxBytes)}, the most an attachment may be. Nothing was stored.`, [], { maxBytes });
}

const typeNotAllowed = () =>
  new DomainError(
    415,
    'attachment-type-not-allowed',
    'This file is none of the types a complaint accepts: PDF, PNG, JPEG, HEIC/HEIF, plain text (UTF-8) or an e-mail (.eml). Its content decides, not its name nor its declared type. Nothing was stored.',
    [],
    { allowed: ACCEPTED_FILE_TYPES.join(', ') },
  );

const tooMany = (max: number) =>
  new DomainError(409, 'too-many-attachments', `This complaint already holds ${max} attachments, the most it may: remove one first. Nothing was stored.`, [], { max });

/** The complaint, if the actor may reach it: 404 for none, 403 for another team's. */
async function complaintInReach(db: Kysely<Database>, complaintId: string, actor: Actor): Promise<CaseRow> {
  const found = await findCase(db, complaintId);
  if (!found || found.kind !== COMPLAINT.kind) throw notFound('No complaint has this id');
  assertWithinScope(actor, found);
  return found;
}

async function attachedCount(db: Kysely<Database>, complaintId: string): Promise<number> {
  const row = await db
    .selectFrom('complaint_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('complaint_id', '=', complaintId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs a transaction that acts on the complaint's case, again when another change of the complaint
 * took its version first (PostgreSQL: two files sent at once); a refusal of any other kind is final.
 */
async function onLatestVersion<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= 5 || !(error instanceof DomainError) || error.code !== 'case-version-conflict') throw error;
    }
  }
}

/**
 * Attaches a file to a complaint. Refused before anything is written: an unknown complaint (404), one
 * out of reach (403), an erased customer's (409 `customer-erased`), an empty file (400), one over the
 * size limit (413 `attachment-too-large`, params maxBytes), of a type not accepted by its content (415
 * `attachment-type-not-allowed`, params allowed), one too many (409 `too-many-attachments`, params max).
 *
 * The bytes are written to the blob store first, whole or not at all, then the row and the `attach`
 * event in one short transaction (a file is never written while the database is locked); if that
 * transaction fails, the blob is deleted (or, failing that, left to an `attachment.blob-delete` job).
 * So a failed upload leaves no row and no blob; a row never points at a missing blob.
 */
export async function addAttachment(deps: AttachmentDeps, complaintId: string, upload: Upload, actor: Actor, now = Date.now()): Promise<Attachment> {
  const { db, blobs, limits } = deps;
  const complaint = await complaintInReach(db, complaintId, actor);
  const party = await db.selectFrom('parties').select('erased_at').where('id', '=', complaint.party_id!).executeTakeFirst();
  if (party && party.erased_at !== null) throw new DomainError(409, 'customer-erased', "This customer's data was erased: nothing new can be recorded on the record");
  if (upload.bytes.length > limits.maxBytes) throw attachmentTooLarge(limits.maxBytes);
  if (upload.bytes.length === 0) throw invalid('file', 'is empty', 'required');
  const contentType = sniffFileType(upload.bytes);
  if (!contentType) throw typeNotAllowed();
  if ((await attachedCount(db, complaintId)) >= limits.perComplaint) throw tooMany(limits.perComplaint);

  const fileName = displayFileName(upload.fileName, contentType);
  const key = newBlobKey();
  const { sizeBytes, sha256 } = await blobs.put(key, upload.bytes, { contentType });
  const by = actorColumns(actor);
  const row: ComplaintAttachmentTable = {
    id: newId(), complaint_id: complaintId, file_name: fileName, content_type: contentType, size_bytes: sizeBytes, sha256, blob_key: key,
    uploaded_at: now, uploaded_by_kind: by.actor_kind, uploaded_by_id: by.actor_id, deleted_at: null, deleted_by_kind: null, deleted_by_id: null, deletion_reason: null,
  };
  try {
    await onLatestVersion(db, async (trx) => {
      await transition(trx, complaintId, 'attach', actor, { at: now, data: { attachment: { id: row.id, fileName, contentType, sizeBytes } } });
      // Counted again behind the case's row: two files sent at once never both pass the last place.
      if ((await attachedCount(trx, complaintId)) >= limits.perComplaint) throw tooMany(limits.perComplaint);
      await trx.insertInto('complaint_attachments').values(row).execute();
    });
  } catch (error) {
    const deleted = await blobs.delete(key).catch(() => false);
    if (!deleted) await deleteBlobLater(db, key).catch(() => undefined);
    throw error;
  }
  return attachmentOf({ ...row, uploader_name: actor.displayName, remover_name: null });
}

type Row = ComplaintAttachmentTable & { uploader_name: string | null; remover_name: string | null };

function attachmentOf(r: Row): Attachment {
  return {
    id: r.id,
    complaintId: r.complaint_id,
    fileName: r.file_name,
    contentType: r.content_type as FileType,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    uploadedAt: Number(r.uploaded_at),
    uploadedBy: { kind: r.uploaded_by_kind, id: r.uploaded_by_id, name: r.uploader_name },
    removed:
      r.deleted_at === null
        ? null
        : { at: Number(r.deleted_at), by: { kind: r.deleted_by_kind ?? 'system', id: r.deleted_by_id ?? 'system', name: r.remover_name }, reason: r.deletion_reason },
  };
}

/** The attachments of a complaint with the names of who attached and removed them, in the order they came. */
function attachmentRows(db: Kysely<Database>) {
  return db
    .selectFrom('complaint_attachments')
    .leftJoin('users as uploader', 'uploader.id', 'complaint_attachments.uploaded_by_id')
    .leftJoin('api_tokens as uploader_token', 'uploader_token.id', 'complaint_attachments.uploaded_by_id')
    .leftJoin('users as remover', 'remover.id', 'complaint_attachments.deleted_by_id')
    .leftJoin('api_tokens as remover_token', 'remover_token.id', 'complaint_attachments.deleted_by_id')
    .selectAll('complaint_attachments')
    .select((eb) => [
      eb.fn.coalesce('uploader.display_name', 'uploader_token.name').as('uploader_name'),
      eb.fn.coalesce('remover.display_name', 'remover_token.name').as('remover_name'),
    ]);
}

/** A complaint's attachments, removed ones included (with who removed them and why), oldest first; audited like the complaint. */
export async function listAttachments(db: Kysely<Database>, complaintId: string, actor: Actor): Promise<Attachment[]> {
  const complaint = await complaintInReach(db, complaintId, actor);
  const rows = await attachmentRows(db).where('complaint_attachments.complaint_id', '=', complaintId).orderBy('complaint_attachments.uploaded_at').orderBy('complaint_attachments.id').execute();
  await auditCustomerRead(db, actor, complaint.party_id!, 'complaints');
  return rows.map(attachmentOf);
}

async function attachmentOfComplaint(db: Kysely<Database>, complaintId: string, attachmentId: string): Promise<Row> {
  const row = await attachmentRows(db).where('complaint_attachments.id', '=', attachmentId).where('complaint_attachments.complaint_id', '=', complaintId).executeTakeFirst();
  if (!row) throw notFound('No attachment of this complaint has this id');
  return row;
}

/** An attachment to download: its record and its bytes. */
export interface AttachmentFile {
  attachment: Attachment;
  body: ReadableStream<Uint8Array>;
}

/**
 * An attachment's bytes, for a reader who may reach its complaint; the read is audited (the customer's
 * record). A removed one is gone: 410 `attachment-removed`.
 */
export async function openAttachment(deps: Pick<AttachmentDeps, 'db' | 'blobs'>, complaintId: string, attachmentId: string, actor: Actor): Promise<AttachmentFile> {
  const { db, blobs } = deps;
  const complaint = await complaintInReach(db, complaintId, actor);
  const row = await attachmentOfComplaint(db, complaintId, attachmentId);
  if (row.deleted_at !== null) {
    throw new DomainError(410, 'attachment-removed', 'This attachment was removed from the complaint: its file is deleted (the timeline says who removed it and why)', [], { removedAt: new Date(Number(row.deleted_at)).toISOString() });
  }
  const blob = await blobs.get(row.blob_key);
  // A row whose bytes are missing is storage lost behind Ecoute's back: a server error, logged, not the reader's.
  if (!blob) throw new Error(`attachment ${row.id}: its bytes are missing from the blob store`);
  await auditCustomerRead(db, actor, complaint.party_id!, 'complaints');
  return { attachment: attachmentOf(row), body: blob.body };
}

/**
 * Removes an attachment from a complaint, with the reason: the row stays with who removed it, when and
 * why, the `remove-attachment` event goes to the timeline, and the bytes are deleted (at once, and by
 * the `attachment.blob-delete` job written in the same transaction, so that they go even if this
 * process stops). A removed file holds personal data that was not meant to be kept (a wrong document,
 * another customer's): keeping its bytes would keep that. Refused: 404, 403 as for the complaint,
 * 409 `attachment-already-removed`; nothing written.
 */
export async function removeAttachment(deps: Pick<AttachmentDeps, 'db' | 'blobs'>, complaintId: string, attachmentId: string, reason: string, actor: Actor, now = Date.now()): Promise<Attachment> {
  const { db, blobs } = deps;
  await complaintInReach(db, complaintId, actor);
  const by = actorColumns(actor);
  const key = await onLatestVersion(db, async (trx) => {
    const row = await attachmentOfComplaint(trx, complaintId, attachmentId);
    if (row.deleted_at !== null) throw new DomainError(409, 'attachment-already-removed', 'This attachment was already removed from the complaint');
    const { id, file_name: fileName, content_type: contentType } = row;
    await transition(trx, complaintId, 'remove-attachment', actor, { at: now, reason, data: { attachment: { id, fileName, contentType, sizeBytes: Number(row.size_bytes) } } });
    await trx
      .updateTable('complaint_attachments')
      .set({ deleted_at: now, deleted_by_kind: by.actor_kind, deleted_by_id: by.actor_id, deletion_reason: reason.trim() })
      .where('id', '=', attachmentId)
      .execute();
    await deleteBlobLater(trx, row.blob_key, now);
    return row.blob_key;
  });
  await deleteBlobsNow(blobs, [key]);
  return attachmentOf(await attachmentOfComplaint(db, complaintId, attachmentId));
}
