import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaseEvent } from '../cases/case-service.js';
import type { ComplaintDetail } from './complaint-queries.js';
import { statesOfTmfStatus, statusChanges, tmfStatus, toTroubleTicket } from './tmf621.js';

const T0 = Date.UTC(2026, 11, 1, 9, 0);
const H = 3_600_000;
const event = (at: number, action: string, fromState: string | null, toState: string, reason: string | null = null): CaseEvent => ({
  id: `e${at}`, caseId: 'c1', at, actorKind: 'user', actorId: 'u1', actorName: 'Anne Schmit', action, fromState, toState, reason, data: null,
});

const detail = (overrides: Partial<ComplaintDetail> = {}): ComplaintDetail => ({
  id: 'c1', reference: 'REC-2026-000042', state: 'under_investigation', customer: { id: 'p1', customerNumber: 'C-1', name: 'Marie Weber' },
  channel: 'letter', category: 'billing', receivedAt: T0, teamId: 't1', assigneeId: null, hot: false, dueAt: T0 + 200 * H, deadline: 'upcoming', paused: false,
  amountDisputedCents: 1250, accountId: null, lineId: null, segment: 'residential', description: 'Billed twice', language: 'fr', rootCause: null, teamName: 'Back office',
  assigneeName: null, ackDueAt: T0 + 48 * H, answerDueAt: T0 + 150 * H, acknowledgedAt: T0 + H, answeredAt: null, closedAt: null, outcome: null, rejectionReason: null,
  mediationInfoSentAt: null, pausedMs: 0, version: 3, actions: [], contactIds: [], satisfaction: null, cause: null, refundCents: null, ...overrides,
});

describe('TMF621 mapping of complaints', () => {
  it('maps every state, a paused clock to pending, and each TMF status back to the states it means', () => {
    assert.deepEqual(
      (['received', 'acknowledged', 'under_investigation', 'answered', 'closed', 'rejected'] as const).map((s) => tmfStatus(s, false)),
      ['acknowledged', 'acknowledged', 'inProgress', 'resolved', 'closed', 'rejected'],
    );
    assert.equal(tmfStatus('acknowledged', true), 'pending');
    assert.equal(tmfStatus('closed', true), 'closed');
    assert.deepEqual(statesOfTmfStatus('acknowledged'), { states: ['received', 'acknowledged'], paused: false });
    assert.deepEqual(statesOfTmfStatus('pending'), { states: ['received', 'acknowledged', 'under_investigation'], paused: true });
    assert.deepEqual(statesOfTmfStatus('resolved'), { states: ['answered'], paused: null });
    assert.deepEqual(statesOfTmfStatus('held').states, []);
  });

  it('lists status changes oldest first, pauses as pending, repeats once, comments not at all', () => {
    const changes = statusChanges([
      event(T0 + 3 * H, 'pause', 'acknowledged', 'acknowledged', 'waiting for the bill'),
      event(T0, 'opened', null, 'received'),
      event(T0 + H, 'acknowledge', 'received', 'acknowledged'),
      event(T0 + 2 * H, 'comment', 'acknowledged', 'acknowledged', 'called'),
      event(T0 + 4 * H, 'resume', 'acknowledged', 'acknowledged'),
      event(T0 + 5 * H, 'answer', 'acknowledged', 'answered', 'refunded'),
    ]);
    assert.deepEqual(changes, [
      { status: 'acknowledged', at: T0, reason: null },
      { status: 'pending', at: T0 + 3 * H, reason: 'waiting for the bill' },
      { status: 'acknowledged', at: T0 + 4 * H, reason: null },
      { status: 'resolved', at: T0 + 5 * H, reason: 'refunded' },
    ]);
  });

  it('gives the ticket its TMF621 fields: reference, customer, channel, notes from comments, the answer deadline', () => {
    const events = [event(T0, 'opened', null, 'received'), event(T0 + H, 'investigate', 'received', 'under_investigation', 'billing checks'), event(T0 + 2 * H, 'comment', 'under_investigation', 'under_investigation', 'Called back')];
    const ticket = toTroubleTicket(detail(), 'organisation', events);
    assert.equal(ticket.href, '/tmf-api/troubleTicket/v4/troubleTicket/c1');
    assert.deepEqual([ticket.name, ticket.ticketType, ticket.status, ticket['@type'], ticket.severity], ['REC-2026-000042', 'complaint', 'inProgress', 'TroubleTicket', 'normal']);
    assert.deepEqual(ticket.relatedParty, [{ id: 'p1', name: 'Marie Weber', role: 'customer', '@referredType': 'Organization' }]);
    assert.deepEqual(ticket.channel, { name: 'letter' });
    assert.deepEqual(ticket.note, [{ date: new Date(T0 + 2 * H).toISOString(), author: 'Anne Schmit', text: 'Called back' }]);
    assert.equal(ticket.statusChangeDate, new Date(T0 + H).toISOString());
    assert.equal(ticket.statusChangeReason, 'billing checks');
    assert.equal(ticket.lastUpdate, new Date(T0 + 2 * H).toISOString());
    assert.equal(ticket.expectedResolutionDate, new Date(T0 + 200 * H).toISOString(), 'the current answer deadline');
    assert.equal(ticket.resolutionDate, null);
    const answered = toTroubleTicket(detail({ state: 'answered', dueAt: null, answeredAt: T0 + 9 * H, hot: true }), 'individual', events);
    assert.deepEqual([answered.status, answered.resolutionDate, answered.expectedResolutionDate, answered.severity, answered.relatedParty[0]!['@referredType']],
      ['resolved', new Date(T0 + 9 * H).toISOString(), new Date(T0 + 150 * H).toISOString(), 'high', 'Individual']);
  });
});
