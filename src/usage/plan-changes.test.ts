import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import { dayStart } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { chargedCents } from './buckets.js';
import { planChangeHandler, SWEEP_AFTER_MS } from './plan-change-apply.js';
import { cancelPlanChange, changePlan, lineIdOfNumber, linePlan, planOffers } from './plan-changes.js';
import { definePlan, type PlanBucketTerms } from './plans.js';
import { ingestUsage } from './usage-ingest.js';

const GB = 1_000_000_000;
const MB = 1_000_000;
const NOW = Date.parse('2026-12-15T10:00:00+01:00');
const JANUARY = 20270101;
const ADMIN: Actor = { kind: 'user', id: 'admin-1', role: 'admin', displayName: 'Admin', teamId: null, language: 'fr' };

/** data at home, in the EU, outside it (its price a MB), voice seconds, SMS; null: unlimited */
function buckets(home: number | null, eu: number | null, worldCents: number, voice: number | null = null, sms: number | null = null, world = 0): PlanBucketTerms[] {
  return [
    { bucket: 'data_national', allowance: home, blockUnits: MB, blockPriceCents: 1 },
    { bucket: 'data_eu', allowance: eu, blockUnits: MB, blockPriceCents: 1 },
    { bucket: 'data_world', allowance: world, blockUnits: MB, blockPriceCents: worldCents },
    { bucket: 'voice', allowance: voice, blockUnits: 60, blockPriceCents: 20 },
    { bucket: 'sms', allowance: sms, blockUnits: 1, blockPriceCents: 10 },
  ];
}

for (const engine of await testEngines()) {
  describe(`plan changes on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let n = 0;
    const numbers = { duo: '+352621600001', trio: '+352621600002', max: '+352621600003', alerts: '+352621600004', ended: '+352621600005' };
    const ids: Record<keyof typeof numbers, string> = { duo: '', trio: '', max: '', alerts: '', ended: '' };
    let customer: CustomerActor;

    before(async () => {
      storage = await engine.open();
      const residential = { offeredTo: ['residential'] as const, lineKind: 'mobile' as const };
      await definePlan(storage.db, { code: 'Love Duo', name: 'Love Duo', monthlyPriceCents: 3500, buckets: buckets(20 * GB, 12 * GB, 199), ...residential }, NOW);
      await definePlan(storage.db, { code: 'Love Trio', name: 'Love Trio', monthlyPriceCents: 5000, buckets: buckets(50 * GB, 20 * GB, 199), ...residential }, NOW);
      await definePlan(storage.db, { code: 'Senior', name: 'Senior', monthlyPriceCents: 1500, buckets: buckets(2 * GB, 2 * GB, 299, 3600, 100), ...residential }, NOW);
      await definePlan(storage.db, { code: 'Data Max', name: 'Data Max', monthlyPriceCents: 6000, buckets: buckets(null, 40 * GB, 199), ...residential }, NOW);
      await definePlan(storage.db, { code: 'Go World', name: 'Go World', monthlyPriceCents: 7000, buckets: buckets(100 * GB, 35 * GB, 199, null, null, 2 * GB), ...residential }, NOW);
      await definePlan(storage.db, { code: 'Business Pro', name: 'Business Pro', monthlyPriceCents: 4000, buckets: buckets(50 * GB, 25 * GB, 199), offeredTo: ['business'], lineKind: 'mobile' }, NOW);
      await definePlan(storage.db, { code: 'Fibre', name: 'Fibre', monthlyPriceCents: 6000, buckets: [], offeredTo: ['residential'], lineKind: 'landline' }, NOW);
      const plans = { duo: 'Love Duo', trio: 'Love Trio', max: 'Data Max', alerts: 'Love Duo', ended: 'Love Duo' } as const;
      const party = await seedCustomer(storage.db, { familyName: 'Forfait', lines: Object.entries(numbers).map(([k, msisdn]) => ({ msisdn, plan: plans[k as keyof typeof plans] })), phones: [], emails: [] });
      // lines opened long ago: the period before a change is theirs too
      await storage.db.updateTable('lines').set({ activated_at: Date.parse('2025-01-01T00:00:00Z') }).execute();
      for (const key of Object.keys(numbers) as (keyof typeof numbers)[]) ids[key] = await lineIdOfNumber(storage.db, numbers[key]);
      await storage.db.updateTable('lines').set({ status: 'terminated' }).where('id', '=', ids.ended).execute();
      customer = { kind: 'customer', partyId: party.id, lineId: ids.duo, scope: 'account', factor: 'sms', language: 'fr' };
    });
    after(async () => storage?.close());

    const use = (msisdn: string, quantity: number, options: { at?: string; now?: number; country?: string; type?: 'data' | 'voice' | 'sms' } = {}) =>
      ingestUsage(storage, [{ eventId: `pc-${++n}`, msisdn, occurredAt: options.at ?? '2026-12-14T09:00:00+01:00', type: options.type ?? 'data', quantity, country: options.country ?? 'LU' }], { now: options.now ?? NOW });
    const counter = (lineId: string, period: number, bucket: string) =>
      storage.db.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).where('period_start', '=', period).where('bucket', '=', bucket as never).executeTakeFirst();
    const planOf = async (lineId: string) => (await storage.db.selectFrom('lines').select('plan').where('id', '=', lineId).executeTakeFirstOrThrow()).plan;
    const refusal = async (promise: Promise<unknown>): Promise<DomainError> => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      assert.fail('not refused');
    };

    it('applies an upgrade at once and recomputes the period’s amounts (the worked example), without sending an alert of the period again', async () => {
      await use(numbers.alerts, 17 * GB);
      await use(numbers.alerts, 6 * GB);
      await use(numbers.alerts, 3 * MB, { country: 'US' });
      const alerts = () => storage.db.selectFrom('notifications').select('template_key').where('ref_id', '=', ids.alerts).where('template_key', 'like', 'usage.data-%').orderBy('template_key').execute();
      assert.deepEqual((await alerts()).map((a) => a.template_key), ['usage.data-100', 'usage.data-80']);
      assert.equal(Number((await counter(ids.alerts, 20261201, 'data_national'))!.charged_cents), 3_000, '3 GB beyond 20 GB, a cent a MB');
      const offers = await planOffers(storage.db, ids.alerts, NOW);
      const trio = offers.find((o) => o.plan.code === 'Love Trio')!;
      assert.equal(trio.kind, 'upgrade');
      assert.deepEqual(trio.buckets.find((b) => b.bucket === 'data_national'), { bucket: 'data_national', unit: 'bytes', used: 23 * GB, allowance: { before: 20 * GB, after: 50 * GB }, chargedCents: { before: 3_000, after: 0 } });
      assert.ok(!offers.some((o) => ['Love Duo', 'Business Pro', 'Fibre'].includes(o.plan.code)), 'neither its own plan, nor one for businesses or for landlines');

      const change = await changePlan(storage.db, ids.alerts, 'Love Trio', ADMIN, { offeredOnly: false, now: NOW });
      assert.deepEqual([change.kind, change.status, change.effectivePeriod, change.appliedAt, change.requestedBy.kind], ['upgrade', 'applied', 20261201, NOW, 'user']);
      assert.equal(await planOf(ids.alerts), 'Love Trio');
      const home = (await counter(ids.alerts, 20261201, 'data_national'))!;
      assert.deepEqual([Number(home.allowance), Number(home.charged_cents), Number(home.used)], [50 * GB, 0, 23 * GB]);
      assert.equal(Number((await counter(ids.alerts, 20261201, 'data_world'))!.charged_cents), 3 * 199, 'the same terms abroad: the same amount');
      // 41 GB of 50 (82%), then 51 GB: both thresholds were passed in this period already
      await use(numbers.alerts, 18 * GB);
      await use(numbers.alerts, 10 * GB);
      assert.deepEqual((await alerts()).map((a) => a.template_key), ['usage.data-100', 'usage.data-80'], 'no alert twice in a period');
      assert.equal(Number((await counter(ids.alerts, 20261201, 'data_national'))!.charged_cents), chargedCents(51 * GB, { allowance: 50 * GB, blockUnits: MB, blockPriceCents: 1 }));
      const audit = await storage.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('action', 'like', 'plan.%').execute();
      assert.deepEqual(audit, [{ action: 'plan.change', actor_kind: 'user' }]);
      assert.ok(await storage.db.selectFrom('outbox').select('id').where('topic', '=', 'plan-change.apply').where('ref_id', '=', `${change.id}:sweep`).executeTakeFirst(), 'looked at again a minute later');
    });

    it('never charges more than before: an unlimited bucket’s use is taken in, and a stop of data roaming under the limit is lifted', async () => {
      await use(numbers.max, 150 * GB);
      await use(numbers.max, 26 * MB, { country: 'US' });
      const stopped = await storage.db.selectFrom('lines').select('roaming_stopped_period').where('id', '=', ids.max).executeTakeFirstOrThrow();
      assert.equal(Number(stopped.roaming_stopped_period), 20261201, '26 MB at 1.99 EUR passes the 50 EUR limit');
      await changePlan(storage.db, ids.max, 'Go World', ADMIN, { offeredOnly: false, now: NOW });
      const home = (await counter(ids.max, 20261201, 'data_national'))!;
      assert.deepEqual([Number(home.allowance), Number(home.charged_cents)], [150 * GB, 0]);
      assert.equal(Number((await counter(ids.max, 20261201, 'data_world'))!.charged_cents), 0, 'Go World includes 2 GB abroad');
      assert.equal((await storage.db.selectFrom('lines').select('roaming_stopped_period').where('id', '=', ids.max).executeTakeFirstOrThrow()).roaming_stopped_period, null);
      await use(numbers.max, GB);
      assert.equal(Number((await counter(ids.max, 20261201, 'data_national'))!.charged_cents), 1_000, 'beyond, Go World’s terms');
    });

    it('keeps a downgrade waiting for the next period, then applies it at the boundary, counters written early and late events included', async () => {
      await use(numbers.trio, 10 * GB);
      const change = await changePlan(storage.db, ids.trio, 'Senior', ADMIN, { offeredOnly: false, now: NOW });
      assert.deepEqual([change.kind, change.status, change.effectivePeriod, change.appliedAt], ['downgrade', 'pending', JANUARY, null]);
      assert.equal(await planOf(ids.trio), 'Love Trio', 'this period stays on the old plan');
      assert.equal((await linePlan(storage.db, ids.trio, NOW)).pending?.id, change.id);
      const job = await storage.db.selectFrom('outbox').select('run_after').where('topic', '=', 'plan-change.apply').where('ref_id', '=', change.id).executeTakeFirstOrThrow();
      assert.equal(Number(job.run_after), dayStart(JANUARY));
      assert.deepEqual(await planChangeHandler(storage.db, { clock: () => NOW })(change.id, undefined as never), { done: false, retryAt: dayStart(JANUARY), error: 'not due yet' });

      // counted before the job ran: the January counters are written with Love Trio's terms
      const early = Date.parse('2027-01-01T00:20:00+01:00');
      await use(numbers.trio, 3 * GB, { at: '2027-01-01T00:10:00+01:00', now: early });
      await use(numbers.trio, 600, { at: '2027-01-01T00:11:00+01:00', now: early, type: 'voice' });
      assert.equal(Number((await counter(ids.trio, JANUARY, 'data_national'))!.allowance), 50 * GB);

      const applied = Date.parse('2027-01-01T00:30:00+01:00');
      assert.deepEqual(await planChangeHandler(storage.db, { clock: () => applied })(change.id, undefined as never), { done: true });
      assert.equal(await planOf(ids.trio), 'Senior');
      const home = (await counter(ids.trio, JANUARY, 'data_national'))!;
      assert.deepEqual([Number(home.allowance), Number(home.charged_cents)], [2 * GB, 1_000], 'January is Senior’s: 1 GB beyond 2 GB');
      assert.equal(Number((await counter(ids.trio, JANUARY, 'voice'))!.allowance), 3600);
      assert.equal(Number((await counter(ids.trio, 20261201, 'data_national'))!.allowance), 50 * GB, 'December stays Love Trio’s');
      assert.equal((await linePlan(storage.db, ids.trio, applied)).history[0]!.status, 'applied');

      // an event of December that arrives late counts under the plan it was used under
      const late = Date.parse('2027-01-01T02:00:00+01:00');
      await use(numbers.trio, 3 * GB, { at: '2026-12-31T23:00:00+01:00', now: late, country: 'FR' });
      await use(numbers.trio, MB, { at: '2026-12-31T23:05:00+01:00', now: late, country: 'US' });
      assert.equal(Number((await counter(ids.trio, 20261201, 'data_eu'))!.charged_cents), 0, 'within Love Trio’s 20 GB in the EU (Senior’s 2 GB would charge)');
      assert.equal(Number((await counter(ids.trio, 20261201, 'data_world'))!.charged_cents), 199, 'Love Trio’s price abroad, not Senior’s');

      // a batch that read the old plan as the change committed: its counter is given the new terms a minute later
      await storage.db
        .insertInto('usage_counters')
        .values({ line_id: ids.trio, period_start: JANUARY, bucket: 'sms', used: 150, events: 150, allowance: null, block_units: 1, block_price_cents: 10, charged_cents: 0, updated_at: late })
        .execute();
      const sweep = await storage.db.selectFrom('outbox').select('run_after').where('topic', '=', 'plan-change.apply').where('ref_id', '=', `${change.id}:sweep`).executeTakeFirstOrThrow();
      assert.equal(Number(sweep.run_after), applied + SWEEP_AFTER_MS);
      await planChangeHandler(storage.db, { clock: () => late })(`${change.id}:sweep`, undefined as never);
      const sms = (await counter(ids.trio, JANUARY, 'sms'))!;
      assert.deepEqual([Number(sms.allowance), Number(sms.charged_cents)], [100, 500]);
      assert.deepEqual(await planChangeHandler(storage.db, { clock: () => late })(change.id, undefined as never), { done: true }, 'applied already: nothing more');
    });

    it('lets the customer cancel a downgrade until it applies, and nothing changes at the boundary then', async () => {
      const change = await changePlan(storage.db, ids.duo, 'Senior', customer, { offeredOnly: true, now: NOW });
      assert.equal(change.status, 'pending');
      const conflict = await refusal(changePlan(storage.db, ids.duo, 'Love Trio', customer, { offeredOnly: true, now: NOW }));
      assert.deepEqual([conflict.status, conflict.code], [409, 'plan-change-pending']);
      const cancelled = await cancelPlanChange(storage.db, change.id, customer, { lineIds: [ids.duo], now: NOW + 1000 });
      assert.deepEqual([cancelled.status, cancelled.cancelledBy?.kind, cancelled.cancelledAt], ['cancelled', 'customer', NOW + 1000]);
      assert.deepEqual(await planChangeHandler(storage.db, { clock: () => Date.parse('2027-01-01T01:00:00+01:00') })(change.id, undefined as never), { done: true });
      assert.equal(await planOf(ids.duo), 'Love Duo');
      const again = await refusal(cancelPlanChange(storage.db, change.id, customer, { lineIds: [ids.duo] }));
      assert.deepEqual([again.status, again.code, again.params], [409, 'plan-change-not-pending', { status: 'cancelled' }]);
      const others = await refusal(cancelPlanChange(storage.db, change.id, customer, { lineIds: [ids.trio] }));
      assert.equal(others.status, 404, 'another line’s change is not found');
      const audit = await storage.db.selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id']).where('action', 'like', 'plan.change%').where('actor_kind', '=', 'customer').orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['plan.change', 'plan.change-cancel']);
    });

    it('refuses an unknown plan, the same plan, a plan not offered, a terminated line, changing nothing', async () => {
      const before = await storage.db.selectFrom('plan_changes').select('id').execute();
      const cases: [string, string, boolean, number, string, string | undefined][] = [
        [ids.duo, 'Nope', true, 400, 'invalid-input', 'unknown-plan'],
        [ids.duo, 'Love Duo', true, 400, 'invalid-input', 'same-plan'],
        [ids.duo, 'Business Pro', true, 400, 'invalid-input', 'plan-not-offered'],
        [ids.duo, 'Fibre', false, 400, 'invalid-input', 'plan-not-offered'],
        [ids.ended, 'Love Trio', false, 409, 'line-terminated', undefined],
      ];
      for (const [lineId, plan, offeredOnly, status, code, field] of cases) {
        const error = await refusal(changePlan(storage.db, lineId, plan, offeredOnly ? customer : ADMIN, { offeredOnly, now: NOW }));
        assert.deepEqual([error.status, error.code, error.fields[0]?.code], [status, code, field], plan);
        if (field) assert.deepEqual([error.fields[0]!.field, error.fields[0]!.params], ['plan', { plan }]);
      }
      assert.equal((await storage.db.selectFrom('plan_changes').select('id').execute()).length, before.length);
      assert.equal(await planOf(ids.duo), 'Love Duo');
      // staff may give a plan of the catalogue that is not sold to the segment, for the kind of line
      const staff = await changePlan(storage.db, ids.duo, 'Business Pro', ADMIN, { offeredOnly: false, now: NOW });
      assert.equal(staff.status, 'applied');
    });
  });
}
