import { defineCaseKind } from '../cases/case-kinds.js';
import { ACTION_STATES, type ActionState } from '../contract/actions.js';

export type { ActionState };

/** The states an action is still being worked on or judged in: it may be abandoned from each. */
const OPEN = ['proposed', 'approved', 'in_progress', 'done'] as const;

/**
 * The lifecycle of an improvement action (docs/improvement.md, "Improvement actions"), as data:
 * proposed → approved → in progress → done → verified; abandoned with the reason from any open state;
 * reopened (back in progress, with the reason) once done or verified, when it must be worked on again
 * (its effect faded). Verifying is gated on the measured effect (action-service.ts): significant in
 * the intended direction, or an override with its reason. Edits of its fields and the evidence added
 * or removed are events of its timeline too; evidence does not change what anyone decides on, so the
 * case keeps its version.
 */
export const ACTION = defineCaseKind({
  kind: 'action',
  states: ACTION_STATES,
  initial: 'proposed',
  transitions: {
    approve: { from: ['proposed'], to: 'approved' },
    start: { from: ['approved'], to: 'in_progress' },
    done: { from: ['in_progress'], to: 'done' },
    verify: { from: ['done'], to: 'verified' },
    abandon: { from: OPEN, to: 'abandoned', requires: ['reason'] },
    reopen: { from: ['done', 'verified'], to: 'in_progress', requires: ['reason'] },
    edit: { from: OPEN },
    'add-evidence': { from: ACTION_STATES, keepsVersion: true },
    'remove-evidence': { from: ACTION_STATES, keepsVersion: true },
  },
  terminal: ['verified', 'abandoned'],
  partyOptional: true,
});
