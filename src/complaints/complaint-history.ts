import { COMPLAINT_OUTCOMES, COMPLAINT_STATES } from '../contract/complaints.js';
import type { RowError } from '../imports/csv-rows.js';
import type { ComplaintActionInput } from './complaint-service.js';
import type { ComplaintAction, ComplaintState, Outcome } from './complaint-kind.js';

/**
 * The lifecycle part of an imported complaint (docs/complaints.md, "Importing a back office's
 * history"): its state, given or derived from the dates, checked against them, and the actions that
 * bring a received complaint there, each at its own time. Pure.
 */

export interface History {
  receivedAt: number;
  acknowledgedAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
  state: ComplaintState;
  outcome: Outcome | null;
  rejectionReason: string | null;
}

type Given = Omit<History, 'state' | 'outcome'> & { state: string; outcome: string };

/** The date columns a state needs (to reach it) and those it cannot have. */
const NEEDS: Record<ComplaintState, { needs: (keyof History)[]; forbids: (keyof History)[] }> = {
  received: { needs: [], forbids: ['acknowledgedAt', 'answeredAt', 'closedAt'] },
  acknowledged: { needs: ['acknowledgedAt'], forbids: ['answeredAt', 'closedAt'] },
  under_investigation: { needs: [], forbids: ['answeredAt', 'closedAt'] },
  answered: { needs: ['answeredAt'], forbids: ['closedAt'] },
  closed: { needs: ['answeredAt', 'closedAt'], forbids: [] },
  rejected: { needs: ['closedAt'], forbids: ['answeredAt'] },
};
const COLUMN: Record<string, string> = { receivedAt: 'received_at', acknowledgedAt: 'acknowledged_at', answeredAt: 'answered_at', closedAt: 'closed_at' };

/** The state a row without one is in: the last date it has, rejected when it has a rejection reason. */
export function derivedState(h: Pick<History, 'acknowledgedAt' | 'answeredAt' | 'closedAt' | 'rejectionReason'>): ComplaintState {
  if (h.rejectionReason !== null) return 'rejected';
  if (h.closedAt !== null) return 'closed';
  if (h.answeredAt !== null) return 'answered';
  if (h.acknowledgedAt !== null) return 'acknowledged';
  return 'received';
}

/** Checks a row's state, outcome and dates together: the history, or every error (line, column, what is wrong, an example). */
export function checkHistory(given: Given, line: number): { history: History | undefined; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ line, field, reason });
  const stateRaw = given.state.toLowerCase().replace(/[\s-]+/g, '_');
  let state: ComplaintState | undefined;
  if (stateRaw === '') state = derivedState(given);
  else if ((COMPLAINT_STATES as readonly string[]).includes(stateRaw)) state = stateRaw as ComplaintState;
  else fail('state', `"${given.state}" is not one of ${COMPLAINT_STATES.join(', ')} (or leave it empty: it follows from the dates)`);
  const outcomeRaw = given.outcome.toLowerCase().replace(/[\s-]+/g, '_');
  const outcome = outcomeRaw === '' ? null : (COMPLAINT_OUTCOMES as readonly string[]).includes(outcomeRaw) ? (outcomeRaw as Outcome) : undefined;
  if (outcome === undefined) fail('outcome', `"${given.outcome}" is not one of ${COMPLAINT_OUTCOMES.join(', ')}`);
  if (state !== undefined) {
    for (const key of NEEDS[state].needs) if (given[key] === null) fail(COLUMN[key]!, `is required for a complaint ${state} (e.g. 2026-03-02 14:30)`);
    for (const key of NEEDS[state].forbids) if (given[key] !== null) fail(COLUMN[key]!, `must be empty for a complaint ${state}`);
    const answered = state === 'answered' || state === 'closed';
    if (answered && outcomeRaw === '') fail('outcome', `is required for a complaint ${state} (upheld, partially_upheld or not_upheld)`);
    if (!answered && outcome) fail('outcome', `must be empty for a complaint ${state}: only an answer has an outcome`);
    if (state === 'rejected' && given.rejectionReason === null) fail('rejection_reason', 'is required for a rejected complaint (e.g. "outside our services")');
    if (state !== 'rejected' && given.rejectionReason !== null) fail('rejection_reason', `must be empty for a complaint ${state}`);
  }
  // Each date after the ones before it.
  let previous: [string, number] = ['received_at', given.receivedAt];
  for (const key of ['acknowledgedAt', 'answeredAt', 'closedAt'] as const) {
    const at = given[key];
    if (at === null) continue;
    if (at < previous[1]) fail(COLUMN[key]!, `is before ${previous[0]} (${new Date(previous[1]).toISOString()})`);
    else previous = [COLUMN[key]!, at];
  }
  if (errors.length > 0 || state === undefined || outcome === undefined) return { history: undefined, errors };
  return { history: { ...given, state, outcome }, errors };
}

/** Why an imported closed complaint is coded with the unknown cause. */
export const IMPORTED_WITHOUT_CAUSE = 'imported from the back office without a root cause';

/** The actions, in order and each at its time, that take a complaint received at `receivedAt` to its state. */
export function historicActions(h: History): { action: ComplaintAction; at: number; input: ComplaintActionInput }[] {
  const steps: { action: ComplaintAction; at: number; input: ComplaintActionInput }[] = [];
  if (h.acknowledgedAt !== null) steps.push({ action: 'acknowledge', at: h.acknowledgedAt, input: {} });
  if (h.state === 'under_investigation') steps.push({ action: 'investigate', at: h.acknowledgedAt ?? h.receivedAt, input: {} });
  if (h.answeredAt !== null) steps.push({ action: 'answer', at: h.answeredAt, input: { outcome: h.outcome! } });
  // a back office's history has no cause from Ecoute's tree: coded unknown, with why, to be recoded
  if (h.state === 'closed') steps.push({ action: 'close', at: h.closedAt!, input: { causeCode: 'unknown', unknownReason: IMPORTED_WITHOUT_CAUSE } });
  if (h.state === 'rejected') steps.push({ action: 'reject', at: h.closedAt!, input: { reason: h.rejectionReason } });
  return steps;
}
