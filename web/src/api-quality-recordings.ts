import { enc, request } from './api.js';
import type { Recording, RecordingPlay } from '../../src/contract/quality-recordings.js';

export type { Recording, RecordingPlay } from '../../src/contract/quality-recordings.js';

/** The recordings of contacts (docs/quality.md, "Recordings"): metadata for the player, a play (audited), a redaction. */
export const recordingsApi = {
  get: (id: string) => request<Recording>('GET', `/api/v1/quality/recordings/${enc(id)}`),
  ofContact: (interactionId: string) => request<Recording>('GET', `/api/v1/quality/contacts/${enc(interactionId)}/recording`),
  play: (id: string) => request<RecordingPlay>('POST', `/api/v1/quality/recordings/${enc(id)}/plays`),
  redact: (id: string, span: { startMs: number; endMs: number; reason: string }) => request<Recording>('POST', `/api/v1/quality/recordings/${enc(id)}/redactions`, span),
};
