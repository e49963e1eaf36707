import type { Flag } from './schema-base.js';

/** Row types of calibration sessions (src/quality/calibration.ts, docs/quality.md "Calibration and agreement"). */
export interface CalibrationSessionTable {
  id: string;
  title: string;
  scorecard_version_id: string;
  /** the coach who runs it: sets the references, reveals */
  lead_id: string;
  /** open: evaluators score blind; revealed: everyone in it sees every score */
  state: 'open' | 'revealed';
  created_at: number;
  revealed_at: number | null;
}

export interface CalibrationContactTable {
  session_id: string;
  interaction_id: string;
  position: number;
  /** the score the session agrees on, set by the lead; null: the median of the evaluators */
  reference_score: number | null;
}

export interface CalibrationEvaluatorTable {
  session_id: string;
  user_id: string;
  /** A, B, C…: how the other evaluators see them */
  letter: string;
}

export interface CalibrationScoreTable {
  session_id: string;
  interaction_id: string;
  evaluator_id: string;
  /** JSON object: criterion key → yes | partial | no | na */
  answers: string;
  score: number | null;
  critical_failures: string;
  complete: Flag;
  scored_at: number;
}
