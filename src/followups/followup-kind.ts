import { defineCaseKind } from '../cases/case-kinds.js';
import { FOLLOWUP_STATES } from '../contract/followups.js';

/** The states of a follow-up (as the API names them): to call, being called (an attempt recorded), closed. */
export type FollowupState = (typeof FOLLOWUP_STATES)[number];

const OPEN = ['open', 'in_progress'] as const;

/**
 * The life of a follow-up (docs/followups.md), as data: opened for a detractor's answer; each
 * attempt to reach the customer (reached or not) is recorded and the first moves it in progress;
 * closed with the outcome once the customer was reached, as unreachable after enough attempts, or
 * cancelled with a reason; reopened (with the reason) when the loop must run again. Waiting for a
 * time the customer asked for pauses the clock. Escalations of a missed deadline are recorded by
 * Ecoute itself.
 */
export const FOLLOWUP = defineCaseKind({
  kind: 'followup',
  states: FOLLOWUP_STATES,
  initial: 'open',
  transitions: {
    attempt: { from: OPEN, to: 'in_progress' },
    close: { from: ['in_progress'], to: 'closed' },
    cancel: { from: OPEN, to: 'closed', requires: ['reason'] },
    reopen: { from: ['closed'], to: 'open', requires: ['reason'] },
    pause: { from: OPEN, effect: 'pause' },
    resume: { from: OPEN, effect: 'resume' },
    assign: { from: OPEN, requires: ['assignee'], effect: 'assign' },
    transfer: { from: OPEN, requires: ['team'], effect: 'transfer' },
    comment: { from: FOLLOWUP_STATES, requires: ['reason'] },
    escalate: { from: OPEN },
    // the root cause from the tree (docs/improvement.md): optional, with the closing or at any time
    'code-cause': { from: FOLLOWUP_STATES },
  },
  terminal: ['closed'],
});

export type FollowupAction = (typeof FOLLOWUP.actions)[number];

/** The actions a person takes through `POST /followups/{id}/actions/{action}`; escalations are Ecoute's own. */
export const PERSON_ACTIONS = FOLLOWUP.actions.filter((action): action is Exclude<FollowupAction, 'escalate'> => action !== 'escalate');
export type PersonAction = (typeof PERSON_ACTIONS)[number];
