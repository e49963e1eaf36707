import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Actor } from '../auth/policies.js';
import { caseTimeline } from '../cases/case-service.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { createAction, editAction, stepAction, type NewAction } from './action-service.js';
import { loadAction, withinScope } from './action-store.js';
import { codeComplaints, seedActionWorld, seedCustomersSince, spreadDays } from './actions.testkit.js';

const NOW = Date.UTC(2026, 5, 15, 10); // Monday 15 June 2026, noon in Luxembourg
const DAY = 86_400_000;

const refused = (status: number, code: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.status, status, e.message);
  assert.equal(e.code, code, e.message);
  if (field) assert.deepEqual(e.fields.map((f) => f.field), [field], e.message);
  return true;
};

for (const engine of await testEngines()) {
  describe(`improvement actions on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedActionWorld>>;
    const input = (over: Partial<NewAction> = {}): NewAction => ({
      title: 'Apply roaming caps at once', description: 'The EU cap is applied a day late after a plan change', causeCodes: ['billing.roaming'], dueDate: '2026-09-30', ...over,
    });
    const count = async () => Number((await storage.db.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      world = await seedActionWorld(storage.db);
    });
    after(async () => storage?.close());

    it('creates an action on a cause with its reference, defaults and case: the owner holds it with their team', async () => {
      const first = await createAction(storage.db, input({ ownerId: world.lead.id }), world.manager, { now: NOW });
      const second = await createAction(storage.db, input({ causeCodes: ['network.coverage', 'network.outage'], targetMeasure: 'nps' }), world.manager, { now: NOW + 1 });
      assert.equal(first.reference, 'ACT-2026-0001');
      assert.equal(second.reference, 'ACT-2026-0002');
      const one = await loadAction(storage.db, first.id);
      assert.equal(one.case.kind, 'action');
      assert.equal(one.case.state, 'proposed');
      assert.equal(one.case.party_id, null);
      assert.equal(one.case.assignee_id, world.lead.id);
      assert.equal(one.case.team_id, world.teamId);
      assert.equal(one.case.due_at, dayStart(20261001), 'late from the end of the due day');
      assert.deepEqual(
        [one.row.department_code, one.row.target_measure, one.row.target_direction, one.row.before_weeks, one.row.after_weeks, one.causes],
        ['it_billing', 'complaint_rate', 'decrease', 8, 8, ['billing.roaming']],
      );
      const two = await loadAction(storage.db, second.id);
      assert.deepEqual([two.row.owner_id, two.row.department_code, two.row.target_direction, two.causes], [world.manager.id, 'network', 'increase', ['network.coverage', 'network.outage']]);
      const [opened] = await caseTimeline(storage.db, first.id);
      assert.equal(opened!.action, 'opened');
      assert.deepEqual(opened!.data, { reference: 'ACT-2026-0001', causes: ['billing.roaming'] });
    });

    it('refuses, naming the field and writing nothing: no cause, unknown, an inactive or missing cause, an owner who does not work on actions, a due date before the proposal, a proposal ahead', async () => {
      const n = await count();
      const cases: [Partial<NewAction>, string][] = [
        [{ causeCodes: [] }, 'causeCodes'],
        [{ causeCodes: ['unknown'] }, 'causeCodes'],
        [{ causeCodes: ['billing.nothing'] }, 'causeCodes'],
        [{ ownerId: world.advisor.id }, 'ownerId'],
        [{ ownerId: 'nobody' }, 'ownerId'],
        [{ departmentCode: 'marketing' }, 'departmentCode'],
        [{ dueDate: '2026-06-14' }, 'dueDate'],
        [{ dueDate: '2026-02-30' }, 'dueDate'],
        [{ proposedAt: NOW + 60_000 }, 'proposedAt'],
      ];
      for (const [over, field] of cases) await assert.rejects(createAction(storage.db, input(over), world.manager, { now: NOW }), refused(400, 'invalid-input', field), field);
      assert.equal(await count(), n);
      const none = (await storage.db.selectFrom('action_sequences').select('last').where('year', '=', 2026).executeTakeFirstOrThrow()).last;
      assert.equal(Number(none), 2, 'no reference used up');
    });

    it('goes through its lifecycle: approved by a CX manager, started and done by its owner (a done date in the past), reopened, abandoned with the reason', async () => {
      const proposedAt = NOW - 20 * DAY;
      const { id } = await createAction(storage.db, input({ ownerId: world.lead.id, proposedAt }), world.manager, { now: NOW });
      await assert.rejects(stepAction(storage.db, id, 'approve', {}, world.lead, { now: NOW }), refused(403, 'forbidden'), 'the owner does not approve their own action');
      await assert.rejects(stepAction(storage.db, id, 'start', {}, world.lead, { now: NOW }), refused(409, 'transition-not-allowed'));
      await stepAction(storage.db, id, 'approve', {}, world.manager, { now: NOW });
      await assert.rejects(stepAction(storage.db, id, 'start', {}, world.otherLead, { now: NOW }), refused(403, 'forbidden'), 'another team lead');
      await stepAction(storage.db, id, 'start', {}, world.lead, { now: NOW });
      await assert.rejects(stepAction(storage.db, id, 'done', { doneAt: NOW + 60_000 }, world.lead, { now: NOW }), refused(400, 'invalid-input', 'doneAt'));
      await assert.rejects(stepAction(storage.db, id, 'done', { doneAt: proposedAt - 1 }, world.lead, { now: NOW }), refused(400, 'invalid-input', 'doneAt'));
      const done = await stepAction(storage.db, id, 'done', { doneAt: NOW - 10 * DAY }, world.lead, { now: NOW });
      assert.equal(done.case.state, 'done');
      assert.equal(done.row.done_at, NOW - 10 * DAY);
      assert.equal(done.case.due_at, null);
      assert.equal(done.case.closed_at, null, 'done is not closed: it is still to be verified');
      await assert.rejects(stepAction(storage.db, id, 'reopen', {}, world.lead, { now: NOW }), refused(400, 'invalid-input', 'reason'));
      const reopened = await stepAction(storage.db, id, 'reopen', { reason: 'The fix was rolled back' }, world.lead, { now: NOW });
      assert.deepEqual([reopened.case.state, reopened.row.done_at, reopened.case.due_at], ['in_progress', null, dayStart(20261001)]);
      await assert.rejects(stepAction(storage.db, id, 'abandon', {}, world.manager, { now: NOW }), refused(400, 'invalid-input', 'reason'));
      const abandoned = await stepAction(storage.db, id, 'abandon', { reason: 'Replaced by a new billing system' }, world.manager, { now: NOW });
      assert.equal(abandoned.case.state, 'abandoned');
      assert.equal(abandoned.case.closed_at, NOW);
      await assert.rejects(stepAction(storage.db, id, 'reopen', { reason: 'again' }, world.manager, { now: NOW }), refused(409, 'transition-not-allowed'));
      const steps = (await caseTimeline(storage.db, id)).map((e) => `${e.action}:${e.toState}`);
      assert.deepEqual(steps, ['opened:proposed', 'approve:approved', 'start:in_progress', 'done:done', 'reopen:in_progress', 'abandon:abandoned']);
    });

    it('verifies only a significant effect in the intended direction, otherwise by a CX manager\'s override with the reason', async () => {
      const doneAt = NOW - 60 * DAY; // 16 April 2026: the after window is complete by 15 June
      const { id } = await createAction(storage.db, input({ ownerId: world.lead.id, proposedAt: doneAt - DAY }), world.manager, { now: NOW });
      for (const step of ['approve', 'start'] as const) await stepAction(storage.db, id, step, {}, world.manager, { now: NOW });
      await stepAction(storage.db, id, 'done', { doneAt }, world.lead, { now: NOW });
      // no customer yet to count a rate against: pending
      await assert.rejects(stepAction(storage.db, id, 'verify', {}, world.lead, { now: NOW }), refused(409, 'effect-not-significant'));
      await assert.rejects(stepAction(storage.db, id, 'verify', { override: true, reason: 'Confirmed by IT' }, world.lead, { now: NOW }), refused(403, 'forbidden'), 'the owner may not override');
      await assert.rejects(stepAction(storage.db, id, 'verify', { override: true }, world.manager, { now: NOW }), refused(400, 'invalid-input', 'reason'));
      const verified = await stepAction(storage.db, id, 'verify', { override: true, reason: 'Confirmed by IT: no complaint since' }, world.manager, { now: NOW });
      assert.equal(verified.case.state, 'verified');
      assert.equal(verified.row.verified_by_override, 1);
      const event = (await caseTimeline(storage.db, id)).at(-1)!;
      assert.equal(event.reason, 'Confirmed by IT: no complaint since');
      assert.deepEqual(event.data, { override: true, verdict: 'pending' });

      // complaints about double charges fall from 40 in the 8 weeks before to 4 in the 8 weeks after, among 50 customers
      const customers = await seedCustomersSince(storage.db, 50, NOW - 400 * DAY);
      const doneDay = 20260416;
      await codeComplaints(storage.db, 'billing.double_charge', spreadDays(addDays(doneDay, -56), 56, 40), customers);
      await codeComplaints(storage.db, 'billing.double_charge', spreadDays(doneDay, 56, 4), customers);
      const other = await createAction(storage.db, input({ causeCodes: ['billing.double_charge'], ownerId: world.lead.id, proposedAt: doneAt - DAY }), world.manager, { now: NOW });
      for (const step of ['approve', 'start'] as const) await stepAction(storage.db, other.id, step, {}, world.manager, { now: NOW });
      await stepAction(storage.db, other.id, 'done', { doneAt }, world.lead, { now: NOW });
      const ok = await stepAction(storage.db, other.id, 'verify', {}, world.lead, { now: NOW });
      assert.equal(ok.case.state, 'verified');
      assert.equal(ok.row.verified_by_override, 0);
      const data = (await caseTimeline(storage.db, other.id)).at(-1)!.data!;
      assert.equal(data.override, false);
      assert.equal(data.verdict, 'better');
      assert.ok((data.pValue as number) < 0.05);
    });

    it('edits the fields that changed, in one event; a new owner takes the case with their team; nothing changed writes nothing', async () => {
      const { id } = await createAction(storage.db, input({ ownerId: world.lead.id }), world.manager, { now: NOW });
      await assert.rejects(editAction(storage.db, id, { title: 'Mine now' }, world.otherLead, { now: NOW }), refused(403, 'forbidden'));
      const edited = await editAction(storage.db, id, { title: 'Cap roaming at once', causeCodes: ['billing.roaming', 'billing.double_charge'], ownerId: world.otherLead.id, dueDate: '2026-10-15', reason: 'Network takes it' }, world.lead, { now: NOW });
      assert.deepEqual([edited.row.title, edited.causes, edited.case.assignee_id, edited.case.team_id, edited.case.due_at], [
        'Cap roaming at once', ['billing.double_charge', 'billing.roaming'], world.otherLead.id, world.otherTeamId, dayStart(20261016),
      ]);
      const last = (await caseTimeline(storage.db, id)).at(-1)!;
      assert.equal(last.action, 'edit');
      assert.deepEqual(last.data!.fields, ['title', 'owner_id', 'due_day', 'causes']);
      const events = (await caseTimeline(storage.db, id)).length;
      await editAction(storage.db, id, { title: 'Cap roaming at once', causeCodes: ['billing.double_charge', 'billing.roaming'] }, world.manager, { now: NOW });
      assert.equal((await caseTimeline(storage.db, id)).length, events);
      await assert.rejects(editAction(storage.db, id, { title: 'x', expectedVersion: 1 }, world.manager, { now: NOW }), refused(409, 'case-version-conflict'));
    });

    it('is read by every team for CX managers and coaches, by a team lead for their team and their own only', async () => {
      const { id } = await createAction(storage.db, input({ ownerId: world.lead.id }), world.manager, { now: NOW });
      const action = await loadAction(storage.db, id);
      const reads = (a: Actor) => withinScope(a, action);
      assert.deepEqual([reads(world.manager), reads(world.coach), reads(world.lead), reads(world.otherLead)], [true, true, true, false]);
    });
  });
}
