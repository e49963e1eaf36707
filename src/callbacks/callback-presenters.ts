import type { CallbackSummaryOut, MyCallbackOut } from '../contract/callbacks.js';
import type { CallbackSummary } from './callback-service.js';
import type { Slot } from './callback-slots.js';
import type { MyCallback } from './my-callbacks.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const presentSlot = (s: Slot) => ({ start: iso(s.start), end: iso(s.end) });

export function presentMyCallback(c: MyCallback): MyCallbackOut {
  return { id: c.id, state: c.state, slotStart: iso(c.slotStart), slotEnd: iso(c.slotEnd), msisdn: c.msisdn, topic: c.topic, outcome: c.outcome, requestedAt: iso(c.requestedAt) };
}

export function presentCallback(c: CallbackSummary): CallbackSummaryOut {
  return {
    id: c.id, state: c.state, customer: { id: c.customer.id, customerNumber: c.customer.customerNumber, name: c.customer.name }, msisdn: c.msisdn,
    slotStart: iso(c.slotStart), slotEnd: iso(c.slotEnd), topic: c.topic, attempts: c.attempts, outcome: c.outcome, teamId: c.teamId, assigneeId: c.assigneeId,
    requestedAt: iso(c.requestedAt), dueAt: isoOrNull(c.dueAt), doneAt: isoOrNull(c.doneAt),
  };
}
