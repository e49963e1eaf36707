/** Row types of callbacks (src/callbacks, docs/self-service.md, "Callbacks"): a callback is a case of kind `callback`. */

/** How a callback ended: the customer was reached, was not (the team gave up), or it was cancelled. */
export type CallbackOutcome = 'reached' | 'not_reached' | 'cancelled';

export interface CallbackTable {
  /** the case (kind `callback`) */
  case_id: string;
  /** the line to call, one of the customer's */
  line_id: string;
  /** the half-hour slot the customer chose, epoch ms */
  slot_start: number;
  slot_end: number;
  /** what the customer wants to talk about, as they wrote it; null: nothing said */
  topic: string | null;
  requested_via: 'app';
  /** null while open */
  outcome: CallbackOutcome | null;
  /** calls made to the customer so far */
  attempts: number;
  /** when it was done or cancelled; null while open */
  done_at: number | null;
}
