/** Row types of coaching (src/quality/coaching.ts, docs/quality.md "Coaching"). */
export interface CoachingSessionTable {
  id: string;
  advisor_id: string;
  /** who coached: a quality coach or the advisor's team lead */
  coach_id: string;
  held_at: number;
  /** JSON array of criterion keys the session works on */
  focus: string;
  /** JSON arrays of the evaluations and cases (follow-ups, complaints) it is about */
  evaluation_ids: string;
  case_ids: string;
  notes: string;
  created_at: number;
}

export interface CoachingActionTable {
  id: string;
  session_id: string;
  text: string;
  /** due by this day, Europe/Luxembourg yyyymmdd */
  due_day: number;
  state: 'open' | 'done' | 'dropped';
  follow_up: string;
  done_at: number | null;
  updated_at: number;
}
