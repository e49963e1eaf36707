import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { businessDeadline } from '../shared/business-calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { allowedActions } from './case-kinds.js';
import { assignCases, caseTimeline, findCase, openCase, transition } from './case-service.js';
import { seedCaseWorld, TICKET } from './cases.testkit.js';

/** Monday 7 December 2026, 10:00 in Luxembourg (UTC+1). */
const MONDAY_10 = Date.UTC(2026, 11, 7, 9, 0);
const HOUR = 3_600_000;

const refusal = (status: number, code: string, params?: Record<string, unknown>) => (error: unknown) => {
  assert.ok(error instanceof DomainError, String(error));
  assert.equal(error.status, status);
  assert.equal(error.code, code);
  if (params) assert.deepEqual(error.params, params);
  return true;
};

for (const engine of await testEngines()) {
  describe(`cases on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedCaseWorld>>;
    before(async () => {
      storage = await engine.open();
      world = await seedCaseWorld(storage.db);
    });
    after(() => storage?.close());

    const open = (fields: Parameters<typeof openCase>[2] = {}) =>
      openCase(storage.db, TICKET, { partyId: world.partyId, teamId: world.teamId, openedAt: MONDAY_10, at: fields.openedAt ?? MONDAY_10, ...fields }, world.actor);
    /** Actions happen a minute apart from Monday 10:00 on, unless the test says when. */
    let clock = MONDAY_10;
    const act = (caseId: string, action: string, options: Parameters<typeof transition>[4] = {}, actor: Parameters<typeof transition>[3] = world.actor) =>
      transition(storage.db, caseId, action, actor, { at: (clock += 60_000), ...options });
    const events = async (caseId: string) => (await caseTimeline(storage.db, caseId)).length;

    it('opens a case in the initial state with its opening event, and tells the actions allowed from a state', async () => {
      const opened = await open({ reason: 'letter of 3 December', data: { channel: 'letter' } });
      assert.equal(opened.state, 'new');
      assert.equal(opened.version, 1);
      assert.deepEqual(await findCase(storage.db, opened.id), opened);
      const [event, ...rest] = await caseTimeline(storage.db, opened.id);
      assert.equal(rest.length, 0);
      assert.deepEqual(
        { action: event!.action, from: event!.fromState, to: event!.toState, who: event!.actorName, reason: event!.reason, data: event!.data, at: event!.at },
        { action: 'opened', from: null, to: 'new', who: 'Anne Schmit', reason: 'letter of 3 December', data: { channel: 'letter' }, at: MONDAY_10 },
      );
      assert.deepEqual(allowedActions(TICKET, 'done'), ['reopen', 'comment']);
      await assert.rejects(openCase(storage.db, TICKET, { teamId: world.teamId }, 'system'), refusal(400, 'invalid-input'));
    });

    it('refuses an action the state does not allow, or without what it requires, and writes nothing', async () => {
      const opened = await open();
      await assert.rejects(act(opened.id, 'finish'), refusal(409, 'transition-not-allowed', { action: 'finish', state: 'new' }));
      await assert.rejects(act(opened.id, 'cancel', { reason: '   ' }), refusal(400, 'invalid-input'));
      await assert.rejects(act(opened.id, 'transfer'), refusal(400, 'invalid-input'));
      await assert.rejects(act(opened.id, 'fly'), refusal(400, 'unknown-case-action', { action: 'fly', kind: 'test-ticket' }));
      await assert.rejects(act(opened.id, 'start', { expectedVersion: 7 }), refusal(409, 'case-version-conflict', { expected: 7, actual: 1 }));
      assert.deepEqual(await findCase(storage.db, opened.id), opened);
      assert.equal(await events(opened.id), 1);
    });

    it('closes on a terminal state (no deadline any more), reopens with a reason, and records who and why', async () => {
      const opened = await open({ dueAt: MONDAY_10 + 8 * HOUR });
      await act(opened.id, 'start', { expectedVersion: 1 });
      const done = await act(opened.id, 'finish', { at: MONDAY_10 + HOUR });
      assert.deepEqual([done.case.state, done.case.closed_at, done.case.due_at, done.case.version], ['done', MONDAY_10 + HOUR, null, 3]);
      await act(opened.id, 'comment', { reason: 'customer called to thank us', at: MONDAY_10 + 2 * HOUR }, 'system');
      assert.equal((await findCase(storage.db, opened.id))!.closed_at, MONDAY_10 + HOUR, 'a comment on a closed case leaves it closed when it was');
      const reopened = await act(opened.id, 'reopen', {
        reason: 'the fault came back',
        at: MONDAY_10 + 3 * HOUR,
        dueAt: (c) => businessDeadline(MONDAY_10 + 3 * HOUR, 2) + c.paused_ms,
      });
      assert.deepEqual([reopened.case.state, reopened.case.closed_at, reopened.case.due_at], ['working', null, Date.UTC(2026, 11, 9, 17, 0)]);
      const timeline = await caseTimeline(storage.db, opened.id);
      assert.deepEqual(
        timeline.map((e) => [e.action, e.fromState, e.toState, e.actorKind, e.reason]),
        [
          ['opened', null, 'new', 'user', null],
          ['start', 'new', 'working', 'user', null],
          ['finish', 'working', 'done', 'user', null],
          ['comment', 'done', 'done', 'system', 'customer called to thank us'],
          ['reopen', 'done', 'working', 'user', 'the fault came back'],
        ],
      );
      assert.deepEqual(timeline[4]!.data, { dueAt: Date.UTC(2026, 11, 9, 17, 0) });
    });

    it('pauses the clock and moves the deadline by the business time paused', async () => {
      // due Wednesday 18:00; paused Monday 16:00 until Tuesday 10:00: 2 h on Monday + 2 h on Tuesday
      const due = Date.UTC(2026, 11, 9, 17, 0);
      const opened = await open({ dueAt: due });
      await act(opened.id, 'start');
      await act(opened.id, 'pause', { at: MONDAY_10 + 6 * HOUR, reason: 'waiting for the customer’s invoice' });
      await assert.rejects(act(opened.id, 'pause'), refusal(409, 'case-already-paused'));
      const resumed = await act(opened.id, 'resume', { at: MONDAY_10 + 24 * HOUR });
      assert.equal(resumed.case.paused_at, null);
      assert.equal(resumed.case.paused_ms, 4 * HOUR);
      assert.equal(resumed.case.due_at, Date.UTC(2026, 11, 10, 11, 0), 'Thursday 12:00: 4 business hours after Wednesday 18:00');
      assert.deepEqual((await caseTimeline(storage.db, opened.id)).at(-1)!.data, { pausedMs: 4 * HOUR, dueAt: Date.UTC(2026, 11, 10, 11, 0) });
      await assert.rejects(act(opened.id, 'resume'), refusal(409, 'case-not-paused'));

      // closed while paused: the pause ends with it
      await act(opened.id, 'pause', { at: MONDAY_10 + 25 * HOUR });
      const done = await act(opened.id, 'finish', { at: MONDAY_10 + 26 * HOUR });
      assert.deepEqual([done.case.paused_at, done.case.paused_ms], [null, 5 * HOUR]);
    });

    it('assigns and transfers, and assigns in bulk all or nothing', async () => {
      // bulk assignment happens now: the cases were opened before
      const past = Date.now() - HOUR;
      const a = await open({ openedAt: past });
      const b = await open({ openedAt: past });
      const moved = await act(a.id, 'transfer', { teamId: world.otherTeamId, reason: 'billing question', at: past + 1000 });
      assert.deepEqual([moved.case.team_id, moved.case.assignee_id], [world.otherTeamId, null]);
      const closed = await open({ openedAt: past });
      await act(closed.id, 'cancel', { reason: 'duplicate', at: past + 1000 });
      await assert.rejects(assignCases(storage.db, [a.id, b.id, closed.id], world.otherAdvisorId, world.actor), refusal(409, 'transition-not-allowed'));
      assert.equal((await findCase(storage.db, a.id))!.assignee_id, null, 'the refused bulk assignment wrote nothing');
      assert.equal(await events(a.id), 2);
      const assigned = await assignCases(storage.db, [a.id, b.id, a.id], world.otherAdvisorId, world.actor);
      assert.deepEqual(assigned.map((c) => [c.id, c.assignee_id]), [[a.id, world.otherAdvisorId], [b.id, world.otherAdvisorId]]);
      assert.deepEqual((await caseTimeline(storage.db, b.id)).at(-1)!.data, { assigneeId: world.otherAdvisorId });
    });

    it('lets one of two simultaneous actions on a case through, never both', async () => {
      const opened = await open();
      const results = await Promise.allSettled([0, 1, 2].map(() => transition(storage.db, opened.id, 'start', world.actor)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as DomainError).status, 409);
      assert.equal(await events(opened.id), 2);
      assert.equal((await findCase(storage.db, opened.id))!.version, 2);
    });
  });
}
