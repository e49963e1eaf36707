import { z } from '@hono/zod-openapi';
import type { BlobStore } from '../blobs/blob-store.js';
import { attachmentLimits, complaintAttachment } from '../contract/complaints.js';
import { attachmentDisposition } from '../http/content-disposition.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { ACCEPTED_FILE_TYPES } from '../shared/file-types.js';
import { safeText } from '../shared/safe-text.js';
import { addAttachment, listAttachments, openAttachment, removeAttachment } from './complaint-attachments.js';
import { presentAttachment } from './complaint-presenters.js';

const id = z.string().min(1).max(64);
const idParam = z.object({ id });
const attachmentParam = z.object({ id, attachmentId: id });

/** The media type a download is sent as: the one found in its content (text in UTF-8). */
const servedAs = (type: string) => (type === 'text/plain' ? 'text/plain; charset=utf-8' : type);

/** A complaint's attachments over the API (docs/complaints.md, "Attachments"): upload, list, download, remove. */
export function complaintAttachmentRoutes(deps: AppDeps, blobs: BlobStore) {
  const router = newRouter();
  const attachments = { db: deps.storage.db, blobs, limits: deps.config.attachments };
  const limits = { maxBytes: deps.config.attachments.maxBytes, perComplaint: deps.config.attachments.perComplaint, types: [...ACCEPTED_FILE_TYPES] };

  router.openapi(
    route('complaint.handle', {
      method: 'post', path: '/complaints/{id}/attachments', tags: ['complaints'],
      summary: 'Attach a file to a complaint (multipart/form-data, field `file`): its type is found in its content; an event of the timeline',
      description:
        'Accepted: PDF, PNG, JPEG, HEIC/HEIF, plain text (UTF-8), e-mail (.eml), recognised by their content whatever the name or declared type; ' +
        'at most ECOUTE_ATTACHMENT_MAX_BYTES (10 MiB by default) and ECOUTE_ATTACHMENTS_PER_COMPLAINT (20) per complaint. A refused file leaves nothing stored.',
      request: {
        params: idParam,
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: 'the file; its name is kept (cleaned) for display and download' }),
              }),
            },
          },
        },
      },
      responses: {
        201: json(complaintAttachment, 'Attached'),
        404: { description: 'No complaint has this id' },
        409: { description: '`too-many-attachments` (params max), or `customer-erased`' },
        413: { description: '`attachment-too-large` (params maxBytes)' },
        415: { description: '`attachment-type-not-allowed` (params allowed), or a body that is not multipart/form-data' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { file } = c.req.valid('form');
      const upload = { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
      return c.json(presentAttachment(await addAttachment(attachments, c.req.valid('param').id, upload, actorOf(c))), 201);
    },
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints/{id}/attachments', tags: ['complaints'],
      summary: "A complaint's attachments, removed ones included (who removed them and why), oldest first, and what may be attached (audited)",
      request: { params: idParam },
      responses: {
        200: json(z.object({ items: z.array(complaintAttachment), limits: attachmentLimits }), 'The attachments'),
        404: { description: 'No complaint has this id' },
        ...problemResponses,
      },
    }),
    async (c) => c.json({ items: (await listAttachments(attachments.db, c.req.valid('param').id, actorOf(c))).map(presentAttachment), limits }, 200),
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: '/complaints/{id}/attachments/{attachmentId}', tags: ['complaints'],
      summary: 'Download an attachment (Content-Disposition: attachment; a read of the customer’s record: audited)',
      request: { params: attachmentParam },
      responses: {
        200: {
          description: 'The file, as the type found in its content',
          content: Object.fromEntries(ACCEPTED_FILE_TYPES.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])),
        },
        404: { description: 'No attachment of this complaint has this id' },
        410: { description: '`attachment-removed`: its file is deleted' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id: complaintId, attachmentId } = c.req.valid('param');
      const { attachment, body } = await openAttachment(attachments, complaintId, attachmentId, actorOf(c));
      return c.body(body, 200, {
        'content-type': servedAs(attachment.contentType),
        'content-length': String(attachment.sizeBytes),
        'content-disposition': attachmentDisposition(attachment.fileName),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      });
    },
  );

  router.openapi(
    route('complaint.handle', {
      method: 'delete', path: '/complaints/{id}/attachments/{attachmentId}', tags: ['complaints'],
      summary: 'Remove an attachment, saying why: its record stays (who, when, why) and an event goes to the timeline; its file is deleted',
      request: {
        params: attachmentParam,
        body: { content: { 'application/json': { schema: z.object({ reason: safeText(2000, { min: 1, multiline: true }).openapi({ example: 'Another customer’s bill, attached by mistake' }) }).strict() } } },
      },
      responses: {
        200: json(complaintAttachment, 'Removed'),
        404: { description: 'No attachment of this complaint has this id' },
        409: { description: '`attachment-already-removed`' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { id: complaintId, attachmentId } = c.req.valid('param');
      return c.json(presentAttachment(await removeAttachment(attachments, complaintId, attachmentId, c.req.valid('json').reason, actorOf(c))), 200);
    },
  );

  return router;
}
