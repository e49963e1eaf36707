import type { ActorKind } from './schema-base.js';
/** The recordings of contacts and their redacted spans (docs/quality.md, "Recordings"). */

export type RecordingFormat = 'wav' | 'mp3' | 'opus';

export interface RecordingTable {
  id: string;
  /** the contact (interactions.id): one recording each */
  interaction_id: string;
  /** where its bytes are in the blob store */
  blob_key: string;
  format: RecordingFormat;
  media_type: string;
  bytes: number;
  duration_ms: number;
  sample_rate: number;
  channels: number;
  sha256: string;
  /** JSON: [min, max, min, max, …] in -1..1, a pair per slice of the waveform */
  peaks: string;
  stored_at: number;
}

export interface RecordingRedactionTable {
  id: string;
  recording_id: string;
  start_ms: number;
  end_ms: number;
  reason: string;
  created_at: number;
  created_by_kind: ActorKind;
  created_by_id: string;
}
