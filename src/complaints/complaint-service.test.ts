import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { customer, seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { caseTimeline, findCase } from '../cases/case-service.js';
import { createCustomer } from '../customers/customer-service.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { saveCategory } from './complaint-categories.js';
import { complaintTimeline, getComplaint, listComplaints } from './complaint-queries.js';
import { actOnComplaint, assignComplaints, createComplaint } from './complaint-service.js';

/** Tuesday 22 December 2026, 16:30 in Luxembourg: Christmas and New Year ahead. */
const DEC_22 = Date.UTC(2026, 11, 22, 15, 30);
/** 18:00 in Luxembourg (UTC+1 in winter). */
const closing = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 17, 0);
const HOUR = 3_600_000;

const refused = (status: number, code: string, params?: Record<string, unknown>) => (error: unknown) => {
  assert.ok(error instanceof DomainError, String(error));
  assert.deepEqual([error.status, error.code], [status, code]);
  if (params) assert.deepEqual(error.params, params);
  return true;
};

for (const engine of await testEngines()) {
  describe(`complaints on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisor: Actor;
    let lead: Actor;
    let stranger: Actor;
    let partyId: string;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Billing back office');
      partyId = (await seedCustomer(storage.db)).id;
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      const leadId = await createUser(storage.db, { email: 'lead@complaints.test', displayName: 'Luc Hoffmann', role: 'team_lead', teamId: team.teamId, password: 'correct horse' });
      lead = { kind: 'user', id: leadId, role: 'team_lead', displayName: 'Luc Hoffmann', teamId: team.teamId, language: 'fr' };
      stranger = { kind: 'user', id: other.advisorId, role: 'advisor', displayName: 'Paul Muller', teamId: other.teamId, language: 'de' };
    });
    after(() => storage?.close());

    const record = (overrides: Partial<Parameters<typeof createComplaint>[1]> = {}, now = DEC_22) =>
      createComplaint(storage.db, { partyId, channel: 'phone', category: 'billing', description: 'Billed twice for November', receivedAt: now, ...overrides }, advisor, { now });
    const counts = async (id: string) => ({
      events: (await caseTimeline(storage.db, id)).length,
      outbox: (await storage.db.selectFrom('outbox').select('id').where('topic', 'like', 'complaint.%').execute()).length,
      complaint: await storage.db.selectFrom('complaints').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow(),
      case: await findCase(storage.db, id),
    });

    it('records a complaint with its reference and deadlines at 18:00 of the 2nd and 10th business day after the day of receipt', async () => {
      const { id, reference } = await record();
      assert.match(reference, /^REC-2026-\d{6}$/);
      const detail = await getComplaint(storage.db, id, advisor, DEC_22);
      // 23, 24 December; then 28-31 December, 4-7 January (25, 26 December and 1 January are holidays)
      assert.deepEqual([detail.state, detail.ackDueAt, detail.answerDueAt, detail.dueAt], ['received', closing(2026, 12, 24), closing(2027, 1, 7), closing(2026, 12, 24)]);
      assert.deepEqual([detail.language, detail.segment, detail.channel, detail.deadline], ['fr', 'residential', 'phone', 'upcoming']);
      assert.deepEqual(detail.actions, ['acknowledge', 'investigate', 'answer', 'reject', 'pause', 'resume', 'assign', 'transfer', 'comment', 'edit', 'link-contact', 'deadlock', 'code-cause']);
      const audit = await storage.db.selectFrom('audit_log').select(['actor_id', 'action', 'via']).where('party_id', '=', partyId).execute();
      assert.deepEqual(audit.at(-1), { actor_id: advisor.id, action: 'customer.read', via: 'complaints' }, 'reading a complaint is a read of the customer’s record');
    });

    it('takes the deadlines of the category, and the business ones for a business customer', async () => {
      await saveCategory(storage.db, 'roaming', { labels: { fr: 'Itinérance', de: 'Roaming', en: 'Roaming' }, ackDays: 1, answerDays: 5, businessAckDays: 1, businessAnswerDays: 3 });
      const firm = await createCustomer(storage.db, customer({ kind: 'organisation', organisationName: 'Bakes SARL', segment: 'business', lines: [{ msisdn: '+352 691 555 001', plan: 'Pro' }] }));
      const { id } = await record({ partyId: firm.id, category: 'roaming' });
      const detail = await getComplaint(storage.db, id, advisor, DEC_22);
      assert.deepEqual([detail.segment, detail.ackDueAt, detail.answerDueAt], ['business', closing(2026, 12, 23), closing(2026, 12, 28)]);
      await assert.rejects(record({ category: 'weather' }), refused(400, 'invalid-input'));
    });

    it('walks the lifecycle with its clock and tells the customer through the outbox, in the transition’s transaction', async () => {
      const { id } = await record();
      const act = (action: Parameters<typeof actOnComplaint>[2], input: Parameters<typeof actOnComplaint>[3] = {}, at: number, who: Actor = advisor) =>
        actOnComplaint(storage.db, id, action, input, who, { now: at });
      const ack = await act('acknowledge', {}, DEC_22 + HOUR);
      assert.equal(ack.case.due_at, closing(2027, 1, 7), 'acknowledged: the answer is due next');
      const job = await storage.db.selectFrom('outbox').select(['topic', 'ref_id']).where('ref_id', '=', ack.eventId).executeTakeFirstOrThrow();
      assert.deepEqual(job, { topic: 'complaint.acknowledged', ref_id: ack.eventId });
      await act('investigate', {}, closing(2026, 12, 23) - 8 * HOUR);
      // waiting for the customer's bank statement: Wednesday 13:00 to Monday 28 December 10:00 (5 + 10 + 2 business hours: 24 December is a working day)
      await act('pause', { reason: 'bank statement asked' }, closing(2026, 12, 23) - 5 * HOUR);
      const resumed = await act('resume', {}, Date.UTC(2026, 11, 28, 9, 0));
      assert.equal(resumed.case.paused_ms, 17 * HOUR);
      assert.equal(resumed.case.due_at, closing(2027, 1, 11) - 3 * HOUR, 'moved by 17 business hours: 10 on Friday 8 January, 7 on Monday 11 January, until 15:00');

      const before = await counts(id);
      await assert.rejects(act('answer', {}, Date.UTC(2026, 11, 29, 9, 0)), refused(400, 'invalid-input'));
      await assert.rejects(act('close', {}, Date.UTC(2026, 11, 29, 9, 0)), refused(409, 'transition-not-allowed', { action: 'close', state: 'under_investigation' }));
      await assert.rejects(act('reopen', { reason: 'not happy' }, Date.UTC(2026, 11, 29, 9, 0)), refused(409, 'transition-not-allowed', { action: 'reopen', state: 'under_investigation' }));
      await assert.rejects(act('transfer', { reason: 'billing' }, Date.UTC(2026, 11, 29, 9, 0)), refused(400, 'invalid-input'));
      assert.deepEqual(await counts(id), before, 'refused actions wrote nothing: no event, no outbox row, no change');

      const answered = await act('answer', { outcome: 'upheld', rootCause: 'duplicate billing run' }, Date.UTC(2026, 11, 29, 9, 0));
      assert.equal(answered.case.due_at, null);
      await assert.rejects(act('close', {}, Date.UTC(2026, 11, 30, 9, 0)), refused(400, 'invalid-input'), 'no root cause: not closed');
      await act('close', { causeCode: 'billing.double_charge' }, Date.UTC(2026, 11, 30, 9, 0));
      const reopened = await act('reopen', { reason: 'the refund never came' }, Date.UTC(2027, 0, 4, 9, 0));
      assert.deepEqual([reopened.case.state, reopened.case.closed_at, reopened.case.due_at], ['under_investigation', null, closing(2027, 1, 18)]);
      const detail = await getComplaint(storage.db, id, advisor, Date.UTC(2027, 0, 4, 10, 0));
      assert.deepEqual([detail.outcome, detail.rootCause, detail.answeredAt, detail.acknowledgedAt], ['upheld', 'duplicate billing run', Date.UTC(2026, 11, 29, 9, 0), DEC_22 + HOUR]);
      const topics = await storage.db.selectFrom('outbox').innerJoin('case_events', 'case_events.id', 'outbox.ref_id').select('outbox.topic').where('case_events.case_id', '=', id).orderBy('outbox.id').execute();
      assert.deepEqual(topics.map((t) => t.topic), ['complaint.acknowledged', 'complaint.answered', 'complaint.closed']);
      const timeline = await complaintTimeline(storage.db, id, advisor);
      assert.deepEqual(timeline.map((e) => `${e.action}:${e.toState}`), [
        'opened:received', 'acknowledge:acknowledged', 'investigate:under_investigation', 'pause:under_investigation', 'resume:under_investigation',
        'answer:answered', 'close:closed', 'reopen:under_investigation',
      ]);
      assert.deepEqual(timeline[5]!.data, { outcome: 'upheld', rootCause: 'duplicate billing run', dueAt: null });
    });

    it('rejects with a reason, and records edits of the description and category as events', async () => {
      const { id } = await record({}, Date.now());
      await assert.rejects(actOnComplaint(storage.db, id, 'edit', { reason: 'typo' }, advisor), refused(400, 'invalid-input'));
      await actOnComplaint(storage.db, id, 'edit', { reason: 'customer specified', description: 'Billed twice for November and December', category: 'price' }, advisor);
      const edit = (await caseTimeline(storage.db, id)).at(-1)!;
      assert.deepEqual([edit.action, edit.reason, edit.data], ['edit', 'customer specified', {
        edited: { description: { from: 'Billed twice for November', to: 'Billed twice for November and December' }, category: { from: 'billing', to: 'price' } },
      }]);
      await assert.rejects(actOnComplaint(storage.db, id, 'reject', {}, advisor), refused(400, 'invalid-input'));
      await actOnComplaint(storage.db, id, 'reject', { reason: 'the invoice was right: two lines' }, advisor);
      const detail = await getComplaint(storage.db, id, advisor);
      assert.deepEqual([detail.state, detail.rejectionReason, detail.category, detail.dueAt, detail.actions], ['rejected', 'the invoice was right: two lines', 'price', null, ['comment', 'link-contact']]);
    });

    it('keeps another team’s complaints from an advisor, but shows a customer’s on their card; assigns within the team only', async () => {
      const { id } = await record();
      await assert.rejects(getComplaint(storage.db, id, stranger), refused(403, 'forbidden'));
      await assert.rejects(actOnComplaint(storage.db, id, 'acknowledge', {}, stranger), refused(403, 'forbidden'));
      await assert.rejects(listComplaints(storage.db, { teamId: advisor.teamId!, limit: 10 }, stranger), refused(403, 'forbidden'));
      const card = await listComplaints(storage.db, { partyId, limit: 50 }, stranger);
      assert.ok(card.items.some((c) => c.id === id));
      const own = await listComplaints(storage.db, { limit: 50 }, stranger);
      assert.deepEqual(own.items, [], 'their own team has none');

      await assert.rejects(assignComplaints(storage.db, [id], lead.id, advisor), refused(403, 'forbidden'));
      await assert.rejects(assignComplaints(storage.db, [id], stranger.id, lead), refused(400, 'invalid-input'));
      await actOnComplaint(storage.db, id, 'assign', { assigneeId: advisor.id }, advisor);
      const assigned = await assignComplaints(storage.db, [id], lead.id, lead);
      assert.equal(assigned[0]!.assignee_id, lead.id);
      await actOnComplaint(storage.db, id, 'transfer', { teamId: stranger.teamId!, reason: 'a billing error' }, lead);
      assert.equal((await getComplaint(storage.db, id, stranger)).teamId, stranger.teamId, 'now the other team’s');
      await assert.rejects(getComplaint(storage.db, id, advisor), refused(403, 'forbidden'));
    });

    it('never gives two complaints the same reference, however many are recorded at once', async () => {
      const now = Date.now();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => record({ description: `complaint ${i}` }, now)));
      const references = results.map((r) => r.reference);
      assert.equal(new Set(references).size, 12);
      const numbers = references.map((r) => Number(r.slice(-6))).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 12 }, (_, i) => numbers[0]! + i), 'consecutive numbers of the year');
    });
  });
}
