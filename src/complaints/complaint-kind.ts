import { defineCaseKind } from '../cases/case-kinds.js';
import { COMPLAINT_OUTCOMES, COMPLAINT_STATES } from '../contract/complaints.js';

export type ComplaintState = (typeof COMPLAINT_STATES)[number];

/** A complaint not yet answered: its clock runs (or is paused), it can be rejected. */
const UNANSWERED = ['received', 'acknowledged', 'under_investigation'] as const;
/** Every state but the terminal ones. */
const OPEN = [...UNANSWERED, 'answered'] as const;

/**
 * The lifecycle of a complaint (ISO 10002), as data: received → acknowledged → under investigation →
 * answered → closed; rejected with a reason before an answer; reopened (back under investigation,
 * with the reason) when the customer disagrees with the answer, even once closed. Waiting for the
 * customer pauses the clock. Assignments, transfers, comments, edits of the description or category,
 * linked contacts, a deadlock (no agreement is in sight: the customer is told of the mediation at once),
 * the mediation information sent, and the files attached and removed (with the reason) are events of
 * the complaint's timeline too.
 */
export const COMPLAINT = defineCaseKind({
  kind: 'complaint',
  states: COMPLAINT_STATES,
  initial: 'received',
  transitions: {
    acknowledge: { from: ['received'], to: 'acknowledged' },
    investigate: { from: ['received', 'acknowledged'], to: 'under_investigation' },
    answer: { from: UNANSWERED, to: 'answered' },
    close: { from: ['answered'], to: 'closed' },
    reject: { from: UNANSWERED, to: 'rejected', requires: ['reason'] },
    reopen: { from: ['answered', 'closed'], to: 'under_investigation', requires: ['reason'] },
    pause: { from: UNANSWERED, effect: 'pause' },
    resume: { from: UNANSWERED, effect: 'resume' },
    assign: { from: OPEN, requires: ['assignee'], effect: 'assign' },
    transfer: { from: OPEN, requires: ['team', 'reason'], effect: 'transfer' },
    comment: { from: COMPLAINT_STATES, requires: ['reason'] },
    edit: { from: OPEN, requires: ['reason'] },
    'link-contact': { from: COMPLAINT_STATES },
    deadlock: { from: UNANSWERED, requires: ['reason'] },
    // the root cause from the tree (docs/improvement.md): required to close, recoded at any time (a rejected complaint has none)
    'code-cause': { from: [...OPEN, 'closed'] },
    // records of what happened beside the decisions: the case keeps its version (a person's answer or closing is not refused for them)
    'mediation-info-sent': { from: COMPLAINT_STATES, keepsVersion: true },
    attach: { from: COMPLAINT_STATES, keepsVersion: true },
    'remove-attachment': { from: COMPLAINT_STATES, requires: ['reason'], keepsVersion: true },
  },
  terminal: ['closed', 'rejected'],
});

export type ComplaintAction = (typeof COMPLAINT.actions)[number];

/**
 * The actions recorded by other means than `POST /complaints/{id}/actions/{action}`: by Ecoute itself
 * (the mediation information sent), by the attachment routes (a file attached or removed).
 */
const RECORDED_ACTIONS: readonly ComplaintAction[] = ['mediation-info-sent', 'attach', 'remove-attachment'];

/** The actions a person takes through `POST /complaints/{id}/actions/{action}`. */
export const PERSON_ACTIONS = COMPLAINT.actions.filter((a) => !RECORDED_ACTIONS.includes(a));

/** How a complaint's answer came out for the customer. */
export type Outcome = (typeof COMPLAINT_OUTCOMES)[number];
