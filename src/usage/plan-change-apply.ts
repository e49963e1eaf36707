import type { Kysely } from 'kysely';
import type { JobHandler, JobResult } from '../jobs/worker.js';
import { enqueue } from '../jobs/outbox.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { capabilitiesOf } from '../storage/database.js';
import type { Database, UsageBucket } from '../storage/schema.js';
import { periodStartOfDay } from './buckets.js';
import { catalogue, lineRow, type LineRow } from './plan-line.js';
import { retermPlain, retermUpgrade, sameTerms, termsOf, type CounterTerms } from './plan-terms.js';
import type { Plan } from './plans.js';

/**
 * How a change of plan reaches the line and its counters (docs/self-service.md, "Changing plan"), so
 * that ingestion needs to know nothing of it: it counts with `lines.plan` and a counter keeps the terms
 * it was written with.
 *
 * - An upgrade, at once: the line takes the new plan; the counters of the current period its terms,
 *   their amounts computed again, never above what they charged for the same use (plan-terms.ts).
 * - A downgrade, at the start of its period: the `plan-change.apply` job (one per change, due at the
 *   period's first instant in Luxembourg) sets the line's plan and gives the new plan's terms to the
 *   counters of that period and later ones that events counted before the job wrote with the old plan.
 * - Either way, the period before keeps the old plan's terms: its buckets that no event has counted yet
 *   are written with no use and the old terms, so an event of that period that arrives late counts
 *   under the plan it was used under.
 * - A batch of usage that read the old plan just before the change committed may still write a counter
 *   with the old terms: `<id>:sweep`, a minute later, gives those counters the new plan's terms too.
 */

/** How long after a change its counters are looked at again. */
export const SWEEP_AFTER_MS = 60_000;

type Db = Kysely<Database>;

const counterTerms = (c: { allowance: number | null; block_units: number; block_price_cents: number }): CounterTerms => ({
  allowance: c.allowance === null ? null : Number(c.allowance), blockUnits: Number(c.block_units), blockPriceCents: Number(c.block_price_cents),
});

/** Gives a counter new terms and amount, when they differ from its own. */
async function setTerms(db: Db, c: { line_id: string; period_start: number; bucket: UsageBucket; allowance: number | null; block_units: number; block_price_cents: number; charged_cents: number }, next: CounterTerms & { chargedCents: number }, now: number): Promise<void> {
  if (sameTerms(counterTerms(c), next) && Number(c.charged_cents) === next.chargedCents) return;
  await db
    .updateTable('usage_counters')
    .set({ allowance: next.allowance, block_units: next.blockUnits, block_price_cents: next.blockPriceCents, charged_cents: next.chargedCents, updated_at: now })
    .where('line_id', '=', c.line_id)
    .where('period_start', '=', Number(c.period_start))
    .where('bucket', '=', c.bucket)
    .execute();
}

/** The first day of the period before the one starting on `start`. */
const periodBefore = (start: number, billingDay: number) => periodStartOfDay(addDays(start, -1), billingDay);

/**
 * The old plan's terms for the period before `period`: each of its buckets that no event has counted
 * yet gets a counter with no use and those terms (an existing counter keeps its own). Nothing for a line
 * opened since, or a plan the catalogue does not know (ingestion gives its buckets no terms either way).
 */
async function keepTermsBefore(db: Db, line: LineRow, period: number, plan: Plan | undefined, now: number): Promise<void> {
  if (!plan || plan.buckets.length === 0 || Number(line.activated_at) >= dayStart(period)) return;
  const before = periodBefore(period, Number(line.billing_day));
  await db
    .insertInto('usage_counters')
    .values(plan.buckets.map((b) => ({
      line_id: line.id, period_start: before, bucket: b.bucket, used: 0, events: 0, allowance: b.allowance, block_units: b.blockUnits, block_price_cents: b.blockPriceCents,
      charged_cents: 0, updated_at: now,
    })))
    .onConflict((oc) => oc.columns(['line_id', 'period_start', 'bucket']).doNothing())
    .execute();
}

/**
 * An upgrade, in the caller's transaction: the line's plan, the current period's counters (never
 * charging more than before for the same use), the period before kept on the old terms, and the stop of
 * data roaming lifted when the period's amount abroad is now under the line's spending limit.
 */
export async function applyUpgrade(db: Db, change: { id: string; line: LineRow; from: Plan | undefined; to: Plan; period: number }, now: number): Promise<void> {
  const { line, from, to, period } = change;
  // another change applied in this period already kept the period before on the plan it was under
  const earlier = await db.selectFrom('plan_changes').select('id').where('line_id', '=', line.id).where('status', '=', 'applied').where('effective_period', '=', period).where('id', '!=', change.id).executeTakeFirst();
  if (!earlier) await keepTermsBefore(db, line, period, from, now);
  await db.updateTable('lines').set({ plan: to.code }).where('id', '=', line.id).execute();
  const counters = await db.selectFrom('usage_counters').selectAll().where('line_id', '=', line.id).where('period_start', '=', period).execute();
  let abroad = 0;
  for (const c of counters) {
    const next = retermUpgrade(Number(c.used), counterTerms(c), termsOf(to, c.bucket));
    await setTerms(db, c, next, now);
    if (c.bucket === 'data_world') abroad = next.chargedCents;
  }
  const stopped = line.roaming_stopped_period !== null && Number(line.roaming_stopped_period) === period;
  if (stopped && (Number(line.roaming_limit_off) === 1 || abroad < Number(line.roaming_limit_cents))) {
    await db.updateTable('lines').set({ roaming_stopped_period: null, roaming_stopped_at: null }).where('id', '=', line.id).execute();
  }
}

/** The counters of `period` and later periods take the plan's terms, their amounts counted again under them. */
async function retermFrom(db: Db, lineId: string, period: number, plan: Plan, now: number): Promise<void> {
  const counters = await db.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).where('period_start', '>=', period).execute();
  for (const c of counters) await setTerms(db, c, retermPlain(Number(c.used), termsOf(plan, c.bucket)), now);
}

/**
 * The `plan-change.apply` job of a change (ref: its id): a downgrade that waits is applied once its
 * period has begun (earlier, it is put back to that instant). One cancelled or applied already is done.
 * One whose line ended, or whose plan changed meanwhile by other means, is cancelled by the system.
 */
export async function applyDue(db: Db, id: string, now: number): Promise<JobResult> {
  return db.transaction().execute(async (trx) => {
    const lock = capabilitiesOf(trx).lockTables;
    if (lock) await lock(['plan_changes']).execute(trx);
    const change = await trx.selectFrom('plan_changes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!change || change.status !== 'pending') return { done: true };
    const effective = Number(change.effective_period);
    if (now < dayStart(effective)) return { done: false, retryAt: dayStart(effective), error: 'not due yet' };
    const line = await lineRow(trx, change.line_id);
    const plans = await catalogue(trx);
    const to = plans.get(change.to_plan);
    if (line.status === 'terminated' || line.plan !== change.from_plan || !to) {
      await trx.updateTable('plan_changes').set({ status: 'cancelled', cancelled_at: now, cancelled_by_kind: 'system', cancelled_by_id: 'system' }).where('id', '=', id).execute();
      return { done: true };
    }
    await keepTermsBefore(trx, line, effective, plans.get(change.from_plan), now);
    await trx.updateTable('lines').set({ plan: to.code }).where('id', '=', line.id).execute();
    await retermFrom(trx, line.id, effective, to, now);
    await trx.updateTable('plan_changes').set({ status: 'applied', applied_at: now }).where('id', '=', id).execute();
    await enqueue(trx, 'plan-change.apply', `${id}:sweep`, now + SWEEP_AFTER_MS);
    return { done: true };
  });
}

/**
 * A change applied a minute ago, looked at again (ref `<id>:sweep`): a counter of its periods that a
 * batch of usage wrote with the old plan's terms while the change committed takes the new plan's (an
 * upgrade's, never charging more than before). Nothing when the line has changed plan since.
 */
export async function sweep(db: Db, id: string, now: number): Promise<JobResult> {
  return db.transaction().execute(async (trx) => {
    const change = await trx.selectFrom('plan_changes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!change || change.status !== 'applied') return { done: true };
    const line = await lineRow(trx, change.line_id);
    const plans = await catalogue(trx);
    const to = plans.get(change.to_plan);
    if (line.plan !== change.to_plan || !to) return { done: true };
    const effective = Number(change.effective_period);
    if (change.kind === 'downgrade') {
      await retermFrom(trx, line.id, effective, to, now);
      return { done: true };
    }
    const from = plans.get(change.from_plan);
    const counters = await trx.selectFrom('usage_counters').selectAll().where('line_id', '=', line.id).where('period_start', '=', effective).execute();
    for (const c of counters) {
      if (!sameTerms(counterTerms(c), termsOf(from, c.bucket))) continue;
      await setTerms(trx, c, retermUpgrade(Number(c.used), counterTerms(c), termsOf(to, c.bucket)), now);
    }
    return { done: true };
  });
}

/** The worker's handler of `plan-change.apply`. `clock` gives the time (tests fix it). */
export function planChangeHandler(db: Db, options: { clock?: () => number } = {}): JobHandler {
  const clock = options.clock ?? Date.now;
  return async (refId) => (refId.endsWith(':sweep') ? sweep(db, refId.slice(0, -':sweep'.length), clock()) : applyDue(db, refId, clock()));
}
