import { z } from '@hono/zod-openapi';

/** The recordings of contacts over the API (docs/quality.md, "Recordings"). */

const time = z.string().openapi({ description: 'ISO 8601' });

export const RECORDING_FORMATS = ['wav', 'mp3', 'opus'] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

export const recordingRedaction = z
  .object({
    id: z.string(),
    startMs: z.number().int().openapi({ description: 'first millisecond silenced' }),
    endMs: z.number().int().openapi({ description: 'the millisecond after the last one silenced' }),
    reason: z.string(),
    createdAt: time,
  })
  .openapi('RecordingRedaction');
export type RecordingRedaction = z.infer<typeof recordingRedaction>;

export const recording = z
  .object({
    id: z.string(),
    interactionId: z.string().openapi({ description: 'the contact it records' }),
    format: z.enum(RECORDING_FORMATS).openapi({ description: 'found in its content' }),
    mediaType: z.string().openapi({ example: 'audio/wav' }),
    bytes: z.number().int(),
    durationMs: z.number().int(),
    sampleRate: z.number().int(),
    channels: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the stored bytes (after any redaction), lower-case hex' }),
    peaks: z.array(z.number()).openapi({ description: 'the waveform: (min, max) pairs in -1..1 over equal slices of the recording, computed on the server' }),
    storedAt: time,
    redactions: z.array(recordingRedaction).openapi({ description: 'spans silenced for good, in order' }),
  })
  .openapi('Recording');
export type Recording = z.infer<typeof recording>;

export const recordingPlay = z
  .object({
    url: z.string().openapi({ description: 'where the audio streams from (byte ranges), for this reader only, until it expires' }),
    expiresAt: time,
  })
  .openapi('RecordingPlay');
export type RecordingPlay = z.infer<typeof recordingPlay>;
