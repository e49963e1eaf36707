import type { CaseEvent } from '../cases/case-service.js';
import type { TmfStatus, TroubleTicket } from '../contract/tmf621.js';
import type { ComplaintState } from './complaint-kind.js';
import type { ComplaintDetail } from './complaint-queries.js';

/**
 * A complaint in the TM Forum TMF621 Trouble Ticket v4 shape (docs/complaints.md, "TMF621"): pure
 * mapping, the reads are in tmf621-queries.ts.
 */

export const TMF621_BASE = '/tmf-api/troubleTicket/v4/troubleTicket';

/** The TMF621 status of each state of a complaint; a paused clock (waiting for the customer) is `pending`. */
const STATUS_OF: Record<ComplaintState, TmfStatus> = {
  received: 'acknowledged',
  acknowledged: 'acknowledged',
  under_investigation: 'inProgress',
  answered: 'resolved',
  closed: 'closed',
  rejected: 'rejected',
};

export function tmfStatus(state: ComplaintState, paused: boolean): TmfStatus {
  return paused && !['answered', 'closed', 'rejected'].includes(state) ? 'pending' : STATUS_OF[state];
}

/** Which complaints a TMF621 status filter means: some states, and whether paused (null: either). None for `held` and `cancelled`. */
export function statesOfTmfStatus(status: TmfStatus): { states: ComplaintState[]; paused: boolean | null } {
  if (status === 'pending') return { states: ['received', 'acknowledged', 'under_investigation'], paused: true };
  const states = (Object.keys(STATUS_OF) as ComplaintState[]).filter((s) => STATUS_OF[s] === status);
  const unanswered = states.some((s) => ['received', 'acknowledged', 'under_investigation'].includes(s));
  return { states, paused: unanswered ? false : null };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The status changes of a timeline, oldest first: a state change, a pause, a resume; consecutive repeats are one. */
export function statusChanges(events: readonly CaseEvent[]): { status: TmfStatus; at: number; reason: string | null }[] {
  const out: { status: TmfStatus; at: number; reason: string | null }[] = [];
  let paused = false;
  for (const e of [...events].sort((a, b) => a.at - b.at)) {
    const state = e.toState as ComplaintState;
    if (e.action === 'pause') paused = true;
    else if (e.action === 'resume' || e.fromState !== e.toState) paused = false;
    const status = tmfStatus(state, paused);
    if (out.at(-1)?.status !== status) out.push({ status, at: e.at, reason: e.reason });
  }
  return out;
}

/** The deadline a TMF621 client expects the resolution by: the answer's, as moved by pauses and reopening. */
function expectedResolution(c: ComplaintDetail): number {
  return (c.state === 'acknowledged' || c.state === 'under_investigation') && c.dueAt !== null ? c.dueAt : c.answerDueAt;
}

/** A complaint, its customer's kind and its timeline as a TMF621 v4 TroubleTicket. */
export function toTroubleTicket(c: ComplaintDetail, partyKind: 'individual' | 'organisation', events: readonly CaseEvent[]): TroubleTicket {
  const changes = statusChanges(events);
  const last = changes.at(-1);
  const lastUpdate = events.reduce((max, e) => Math.max(max, e.at), c.receivedAt);
  return {
    id: c.id,
    href: `${TMF621_BASE}/${c.id}`,
    name: c.reference,
    externalId: c.reference,
    description: c.description,
    severity: c.hot ? 'high' : 'normal',
    ticketType: 'complaint',
    status: tmfStatus(c.state, c.paused),
    statusChangeDate: iso(last?.at ?? c.receivedAt),
    statusChangeReason: last?.reason ?? null,
    creationDate: iso(c.receivedAt),
    lastUpdate: iso(lastUpdate),
    expectedResolutionDate: iso(expectedResolution(c)),
    resolutionDate: c.answeredAt !== null ? iso(c.answeredAt) : c.state === 'rejected' && c.closedAt !== null ? iso(c.closedAt) : null,
    relatedParty: [{ id: c.customer.id, name: c.customer.name, role: 'customer', '@referredType': partyKind === 'organisation' ? 'Organization' : 'Individual' }],
    channel: { name: c.channel },
    note: events.filter((e) => e.action === 'comment' && e.reason !== null).map((e) => ({ date: iso(e.at), author: e.actorName ?? e.actorKind, text: e.reason! })),
    statusChange: changes.map((s) => ({ status: s.status, changeDate: iso(s.at), changeReason: s.reason })),
    '@type': 'TroubleTicket',
  };
}
