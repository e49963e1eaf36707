import { z } from '@hono/zod-openapi';
import type { BlobStore } from '../blobs/blob-store.js';
import { recording, recordingPlay } from '../contract/quality-recordings.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { safeText } from '../shared/safe-text.js';
import { parseByteRange } from './byte-ranges.js';
import { addRedaction } from './recording-redactions.js';
import { presentRecording } from './recording-presenters.js';
import { openPlay, recordingDetails, recordingOfContact, startPlay, storeRecording, type RecordingDeps } from './recording-service.js';

const id = z.string().min(1).max(64);
const idParam = z.object({ id });
const AUDIO_TYPES = ['audio/wav', 'audio/mpeg', 'audio/ogg'];

/** The recordings of contacts over the API (docs/quality.md, "Recordings"): hand over, read, play (audited), stream by ranges, redact. */
export function recordingRoutes(deps: AppDeps, blobs: BlobStore) {
  const router = newRouter();
  const recordings: RecordingDeps = { db: deps.storage.db, blobs, settings: deps.config.recordings, secret: deps.config.privacySecret };

  router.openapi(
    route('recording.store', {
      method: 'post', path: '/quality/recordings', tags: ['quality'],
      summary: "Hand over a contact's recording (multipart/form-data: `interactionId`, `file`): WAV, MP3 or Ogg Opus by its content; duration and waveform computed here",
      description: 'At most ECOUTE_RECORDING_MAX_BYTES (50 MiB by default); one recording per contact. A refused file leaves nothing stored.',
      request: {
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                interactionId: id.openapi({ description: 'the contact (interactions.id)' }),
                file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: 'the audio' }),
              }),
            },
          },
        },
      },
      responses: {
        201: json(recording, 'Stored'),
        404: { description: 'No contact has this id' },
        409: { description: '`recording-exists`, or `customer-erased`' },
        413: { description: '`recording-too-large` (params maxBytes)' },
        415: { description: '`recording-type-not-allowed` (params allowed), or a body that is not multipart/form-data' },
        422: { description: '`recording-undecodable`: truncated or damaged' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { interactionId, file } = c.req.valid('form');
      return c.json(presentRecording(await storeRecording(recordings, interactionId, new Uint8Array(await file.arrayBuffer()))), 201);
    },
  );

  router.openapi(
    route('recording.play', {
      method: 'get', path: '/quality/recordings/{id}', tags: ['quality'],
      summary: 'A recording for the player: format, duration, waveform peaks and redacted spans (no audio; within the reader’s quality scope)',
      request: { params: idParam },
      responses: { 200: json(recording, 'The recording'), 404: { description: 'No recording has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentRecording(await recordingDetails(recordings.db, c.req.valid('param').id, actorOf(c))), 200),
  );

  router.openapi(
    route('recording.play', {
      method: 'get', path: '/quality/contacts/{id}/recording', tags: ['quality'],
      summary: "A contact's recording for the player, as GET /quality/recordings/{id}",
      request: { params: idParam },
      responses: { 200: json(recording, 'The recording'), 404: { description: 'The contact has no recording' }, ...problemResponses },
    }),
    async (c) => c.json(presentRecording(await recordingOfContact(recordings.db, c.req.valid('param').id, actorOf(c))), 200),
  );

  router.openapi(
    route('recording.play', {
      method: 'post', path: '/quality/recordings/{id}/plays', tags: ['quality'],
      summary: 'Play a recording: a read of the customer’s personal data (one audit row); answers the address of its audio for this reader, valid ECOUTE_RECORDING_PLAY_MINUTES',
      request: { params: idParam },
      responses: { 201: json(recordingPlay, 'The play'), 404: { description: 'No recording has this id' }, ...problemResponses },
    }),
    async (c) => {
      const recordingId = c.req.valid('param').id;
      const play = await startPlay(recordings, recordingId, actorOf(c));
      const url = `/api/v1/quality/recordings/${encodeURIComponent(recordingId)}/audio?play=${encodeURIComponent(play.token)}`;
      return c.json({ url, expiresAt: new Date(play.expiresAt).toISOString() }, 201);
    },
  );

  router.openapi(
    route('recording.play', {
      method: 'get', path: '/quality/recordings/{id}/audio', tags: ['quality'],
      summary: 'The audio of a play (`play`: its token), whole or by byte ranges (`Range: bytes=…`: 206, 416); only for the reader who played it, until it expires',
      request: { params: idParam, query: z.object({ play: z.string().min(1).max(1000) }) },
      responses: {
        200: { description: 'The whole recording', content: Object.fromEntries(AUDIO_TYPES.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])) },
        206: { description: 'The bytes of the range (Content-Range)', content: Object.fromEntries(AUDIO_TYPES.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])) },
        404: { description: 'No recording has this id' },
        410: { description: '`recording-gone`' },
        416: { description: 'The range holds none of its bytes (Content-Range: bytes */size)' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const recordingId = c.req.valid('param').id;
      const ifRange = c.req.header('if-range');
      const { row, size, blob } = await openPlay(recordings, recordingId, c.req.valid('query').play, actorOf(c), (total, sha256) =>
        // a range of another version of the audio (redacted since): the whole file instead
        ifRange && ifRange !== `"${sha256}"` ? undefined : parseByteRange(c.req.header('range'), total),
      );
      const headers = {
        'accept-ranges': 'bytes',
        etag: `"${row.sha256}"`,
        'content-type': row.media_type,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
      };
      if (!blob) return c.body(null, 416, { ...headers, 'content-range': `bytes */${size}` });
      if (blob.range === undefined) return c.body(blob.body, 200, { ...headers, 'content-length': String(blob.sizeBytes) });
      if (blob.range === null) return c.body(null, 416, { ...headers, 'content-range': `bytes */${blob.sizeBytes}` });
      const { start, end } = blob.range;
      return c.body(blob.body, 206, { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${blob.sizeBytes}` });
    },
  );

  router.openapi(
    route('recording.redact', {
      method: 'post', path: '/quality/recordings/{id}/redactions', tags: ['quality'],
      summary: 'Silence a span of a recording for good (a card number read out): the stored audio is replaced by one where the span is silent (WAV); audited',
      request: {
        params: idParam,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  startMs: z.number().int().min(0),
                  endMs: z.number().int().min(1),
                  reason: safeText(500, { min: 1 }).openapi({ example: 'Card number read out' }),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 201: json(recording, 'Redacted: the recording as it now is'), 404: { description: 'No recording has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentRecording(await addRedaction(recordings, c.req.valid('param').id, c.req.valid('json'), actorOf(c))), 201),
  );

  return router;
}
