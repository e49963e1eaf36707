import type { Recording as RecordingJson, RecordingRedaction } from '../contract/quality-recordings.js';
import type { Recording, Redaction } from './recording-service.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentRedaction(r: Redaction): RecordingRedaction {
  return { id: r.id, startMs: r.startMs, endMs: r.endMs, reason: r.reason, createdAt: iso(r.createdAt) };
}

/** A recording as the API shows it, field by field. */
export function presentRecording(r: Recording): RecordingJson {
  return {
    id: r.id,
    interactionId: r.interactionId,
    format: r.format,
    mediaType: r.mediaType,
    bytes: r.bytes,
    durationMs: r.durationMs,
    sampleRate: r.sampleRate,
    channels: r.channels,
    sha256: r.sha256,
    peaks: r.peaks,
    storedAt: iso(r.storedAt),
    redactions: r.redactions.map(presentRedaction),
  };
}
