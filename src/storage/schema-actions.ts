import type { ActorKind } from './schema-base.js';
import type { Flag } from './schema-base.js';

/**
 * Row types of improvement actions (src/actions, docs/improvement.md "Improvement actions"): an action
 * is a case of kind `action` (cases, case_events: its state, the team of its owner, its owner as the
 * assignee, its history) with what is particular to it here: what it does about which causes, by when,
 * and the complaints, follow-ups and survey answers that show why.
 */

/** What an action's effect is judged on first: the cause's complaint rate, the NPS of its contacts, their repeat rate. */
export type ActionMeasure = 'complaint_rate' | 'nps' | 'repeat_rate';

export interface ActionTable {
  /** the case (cases.id) */
  case_id: string;
  /** ACT-<year>-<4 digits>, a sequence per year of creation */
  reference: string;
  title: string;
  description: string;
  /** what the action should achieve, in words */
  target_text: string;
  /** the measure the target is about: the one whose change verifies the action */
  target_measure: ActionMeasure;
  /** the intended change of that measure */
  target_direction: 'decrease' | 'increase';
  /** the value aimed at, in the measure's unit (per 1,000 customers per 4 weeks, NPS points, %); null: none given */
  target_value: number | null;
  /** departments.code: the department that carries it out */
  department_code: string;
  /** users.id: the person in charge (also the case's assignee) */
  owner_id: string;
  /** the day it is due by, Europe/Luxembourg yyyymmdd */
  due_day: number;
  /** when it was done, as the owner recorded it (may be earlier than the recording); null until done */
  done_at: number | null;
  /** lengths of the windows before and after done_at its effect is measured over, in weeks */
  before_weeks: number;
  after_weeks: number;
  /** verified without a significant effect, by a person allowed to override, with the reason on the event */
  verified_by_override: Flag;
  created_at: number;
  updated_at: number;
}

/** The causes an action addresses (one or more); its effect is measured on them and the causes under them. */
export interface ActionCauseTable {
  action_id: string;
  /** causes.code */
  cause_code: string;
}

/** What an action's evidence is: a complaint, a detractor follow-up, a survey answer. */
export type EvidenceKind = 'complaint' | 'followup' | 'response';

/** What shows why an action is needed: a complaint or a follow-up (cases.id), a survey answer's comment (survey_responses.id). */
export interface ActionEvidenceTable {
  id: string;
  action_id: string;
  subject_kind: EvidenceKind;
  subject_id: string;
  added_at: number;
  added_by_kind: ActorKind;
  added_by_id: string;
}

/** The last reference number given each year. */
export interface ActionSequenceTable {
  year: number;
  last: number;
}
