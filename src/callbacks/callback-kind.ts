import { defineCaseKind } from '../cases/case-kinds.js';
import { CALLBACK_STATES } from '../contract/callbacks.js';

/**
 * The life of a callback (docs/self-service.md, "Callbacks"), as data: requested by the customer for a
 * slot (the deadline is the slot's end); each call that does not reach the customer is recorded and
 * keeps it open; done once the customer was reached (or when the team stops trying); cancelled by the
 * customer in the app or by the team. The first person to call takes it (`take`).
 */
export const CALLBACK = defineCaseKind({
  kind: 'callback',
  states: CALLBACK_STATES,
  initial: 'requested',
  transitions: {
    attempt: { from: ['requested'] },
    done: { from: ['requested'], to: 'done' },
    cancel: { from: ['requested'], to: 'cancelled' },
    take: { from: ['requested'], requires: ['assignee'], effect: 'assign' },
  },
  terminal: ['done', 'cancelled'],
});
