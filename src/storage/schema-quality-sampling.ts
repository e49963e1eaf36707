/** The coach's samples of contacts to listen to (migration 2026-12-29-quality-sampling, docs/quality.md "Sampling"). */

export interface QualitySampleTable {
  id: string;
  /** YYYY-MM, Europe/Luxembourg */
  period: string;
  /** the team sampled; null: every team */
  team_id: string | null;
  /** period|team (period|* for every team) while the sample is live; null once withdrawn */
  active_key: string | null;
  seed: string;
  per_advisor: number;
  oversample: number;
  /** eligible contacts of the period */
  population_size: number;
  /** SHA-256 of the eligible contact ids, sorted, one a line */
  population_hash: string;
  drawn_by: string;
  drawn_at: number;
  withdrawn_at: number | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
}

export interface QualitySampleAdvisorTable {
  sample_id: string;
  advisor_id: string;
  /** the advisor's eligible contacts of the period */
  population: number;
}

export interface QualitySampleItemTable {
  id: string;
  sample_id: string;
  /** order of the draw within the sample */
  position: number;
  contact_id: string;
  advisor_id: string;
  kind: 'random' | 'detractor-oversample';
  stratum: string;
  /** JSON: DrawReason of src/quality/sample-draw.ts */
  why: string;
  /** the item this one replaces */
  replaces_item_id: string | null;
  replaced_at: number | null;
  replaced_by: string | null;
  replace_reason: 'unusable-recording' | 'wrong-advisor' | 'other' | null;
  replace_note: string | null;
}
