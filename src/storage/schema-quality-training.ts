import type { Role } from './schema-base.js';

/** Row types of training (src/quality/trainings.ts, docs/quality.md "Training"). */
export type TrainingKind = 'product' | 'process' | 'soft_skills';
/** who a training is written for: call-centre advisors, shop advisors, account managers */
export type TrainingAudience = 'call_centre' | 'shop' | 'account_management';
export type AttendanceStatus = 'enrolled' | 'attended' | 'completed' | 'absent';

export interface TrainingTable {
  id: string;
  /** the operator's own short code, unique (e.g. FIBRE-101) */
  code: string;
  title: string;
  kind: TrainingKind;
  /** JSON array of TrainingAudience */
  audiences: string;
  duration_minutes: number;
  description: string;
  archived_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface TrainingSessionTable {
  id: string;
  training_id: string;
  starts_at: number;
  ends_at: number;
  place: string;
  trainer: string;
  capacity: number | null;
  cancelled_at: number | null;
  created_by: string;
  created_at: number;
}

export interface TrainingAttendanceTable {
  session_id: string;
  user_id: string;
  status: AttendanceStatus;
  /** when the training was completed (status completed), the session's end unless said otherwise */
  completed_at: number | null;
  updated_by: string;
  updated_at: number;
}

export interface TrainingRequirementTable {
  id: string;
  training_id: string;
  role: Role;
  /** '' any site; otherwise only people of a site of this kind */
  site_kind: '' | 'call_centre' | 'shop';
  /** to be completed by this day (Europe/Luxembourg yyyymmdd); people who arrive later get the grace period */
  due_day: number;
  created_by: string;
  created_at: number;
}
