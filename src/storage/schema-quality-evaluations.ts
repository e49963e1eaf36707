import type { Flag } from './schema-base.js';

/** Row types of scorecards and evaluations (src/quality, docs/quality.md "Scorecards and scores", "Evaluations"). */

export interface ScorecardTable {
  id: string;
  name: string;
  created_at: number;
}

export type ScorecardVersionState = 'draft' | 'published' | 'archived';

export interface ScorecardVersionTable {
  id: string;
  scorecard_id: string;
  /** 1, 2, … per scorecard */
  version: number;
  state: ScorecardVersionState;
  /** JSON: { passThreshold, sections: [{ key, kind, labels, criteria: [{ key, labels, weight, critical, allowNa }] }] }; never changed once published */
  content: string;
  created_by: string | null;
  created_at: number;
  published_at: number | null;
  archived_at: number | null;
}

export type EvaluationState = 'draft' | 'submitted' | 'acknowledged' | 'disputed' | 'decided';
export type EvaluationPurpose = 'coaching' | 'calibration';
export type StoredAnswer = 'yes' | 'partial' | 'no' | 'na';

export interface EvaluationTable {
  id: string;
  interaction_id: string;
  /** the advisor who handled the contact, and their team when it was evaluated */
  advisor_id: string;
  team_id: string | null;
  evaluator_id: string;
  scorecard_version_id: string;
  /** calibration evaluations never count in the quality figures */
  purpose: EvaluationPurpose;
  /** the drawn sample item this evaluation is of, when it came from a sample */
  sample_item_id: string | null;
  state: EvaluationState;
  /** 0–100 (0 on a critical failure); null until a standard criterion is answered */
  score: number | null;
  raw_score: number | null;
  pass: Flag | null;
  /** JSON array of the critical criteria answered no */
  critical_failures: string;
  /** JSON array of { criterion, points } lost on applicable standard criteria */
  lost_points: string;
  strengths: string;
  improvements: string;
  /** JSON array of { atMs, kind: strength | improve, text, criterion? } */
  markers: string;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  /** until when the advisor may dispute items: submitted_at + the window */
  dispute_until: number | null;
  acknowledged_at: number | null;
  disputed_at: number | null;
  decided_at: number | null;
  /** the second evaluator who decided the disputed items */
  reviewer_id: string | null;
}

export interface EvaluationAnswerTable {
  evaluation_id: string;
  criterion_key: string;
  answer: StoredAnswer;
  comment: string;
}

export interface EvaluationDisputeTable {
  evaluation_id: string;
  criterion_key: string;
  comment: string;
  proposed_answer: StoredAnswer;
  decision: 'keep' | 'accept' | 'set' | null;
  decided_answer: StoredAnswer | null;
  decision_comment: string | null;
}

export interface EvaluationEventTable {
  id: string;
  evaluation_id: string;
  at: number;
  actor_id: string;
  from_state: EvaluationState | null;
  to_state: EvaluationState;
  note: string | null;
}
