import type { ActorKind } from './schema-base.js';
import type { Flag } from './schema-base.js';

/**
 * Row types of cases (src/cases): follow-ups, complaints, repairs and improvement actions are each a
 * kind of case, with its state machine, deadline and the events that made it what it is.
 */

/** A case: where it stands now. Its history is in case_events. */
export interface CaseTable {
  id: string;
  /** complaint, followup …: the state machine the case follows (src/cases/case-kinds.ts) */
  kind: string;
  state: string;
  /** the customer; null only for a kind that allows a case without one */
  party_id: string | null;
  /** the team that holds the case */
  team_id: string | null;
  /** the person working on it; null: the team's, not yet assigned */
  assignee_id: string | null;
  /** needs attention first (a churn word, a very low score) */
  hot: Flag;
  opened_at: number;
  /** the next deadline that applies in the current state; null when none does (or the case is closed) */
  due_at: number | null;
  /** the clock is paused since then (waiting for the customer); null: running */
  paused_at: number | null;
  /** business time paused so far, in ms (pauses already ended) */
  paused_ms: number;
  /** entered a terminal state then; null while open */
  closed_at: number | null;
  updated_at: number;
  /** incremented by every change: optimistic concurrency */
  version: number;
}

/** One change of a case: who, when, what, from which state to which, and why. Never updated nor deleted. */
export interface CaseEventTable {
  id: string;
  case_id: string;
  at: number;
  actor_kind: ActorKind;
  actor_id: string;
  /** opened, or an action of the kind's state machine */
  action: string;
  /** null for the opening */
  from_state: string | null;
  to_state: string;
  /** why, as the person gave it; the text of a comment */
  reason: string | null;
  /** JSON object: what else the change did (assignee, team, paused time, fields edited) */
  data: string | null;
}
