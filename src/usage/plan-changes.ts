import type { Kysely, Transaction } from 'kysely';
import { actorColumns, auditCustomerAction } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import { enqueue } from '../jobs/outbox.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { normalizePhone } from '../shared/phone.js';
import { capabilitiesOf } from '../storage/database.js';
import type { ActorKind, Database, PlanChangeKind, PlanChangeStatus, UsageBucket } from '../storage/schema.js';
import { periodEnd, periodStartAt, unitOf, USAGE_BUCKETS } from './buckets.js';
import { applyUpgrade, SWEEP_AFTER_MS } from './plan-change-apply.js';
import { catalogue, lineRow, type LineRow } from './plan-line.js';
import { changeKind, retermUpgrade, termsOf } from './plan-terms.js';
import type { Plan, PlanBucketTerms, Segment } from './plans.js';

/**
 * A change of a line's plan (docs/self-service.md, "Changing plan"), asked by the customer in the app
 * (a plan offered to their segment), by staff or by the billing system (any plan of the catalogue for
 * the kind of line). An upgrade (the new plan's monthly price higher or equal) applies at once: the
 * line takes the new plan and the counters of the current period its terms, never charging more than
 * before for the same use (plan-terms.ts). A downgrade applies from the next billing period: it waits,
 * cancellable until then, and the `plan-change.apply` job applies it at the period's start
 * (plan-change-apply.ts). Every change is one transaction with its row of the audit trail.
 */

export interface PlanChange {
  id: string;
  lineId: string;
  msisdn: string;
  from: { code: string; name: string | null };
  to: { code: string; name: string | null };
  kind: PlanChangeKind;
  status: PlanChangeStatus;
  /** first day (yyyymmdd) of the billing period the new plan applies from */
  effectivePeriod: number;
  requestedAt: number;
  requestedBy: { kind: ActorKind; id: string; name: string | null };
  appliedAt: number | null;
  cancelledAt: number | null;
  cancelledBy: { kind: ActorKind; id: string; name: string | null } | null;
}

/** A line's plan: what it is, its current billing period, the change that waits and the history of its changes. */
export interface LinePlan {
  lineId: string;
  msisdn: string;
  partyId: string;
  lineKind: 'mobile' | 'landline';
  lineStatus: 'active' | 'suspended' | 'terminated';
  segment: Segment;
  plan: { code: string; name: string | null; monthlyPriceCents: number | null; buckets: PlanBucketTerms[] };
  period: { start: number; end: number };
  pending: PlanChange | null;
  /** newest first, the last 50 */
  history: PlanChange[];
}

/** A plan the line may change to, and what the change would do. */
export interface PlanOffer {
  plan: Plan;
  kind: PlanChangeKind;
  /** the first day the new plan would apply: today's period's for an upgrade, the next period's for a downgrade */
  effectiveFrom: number;
  /** bucket by bucket, the allowance and the period's out-of-bundle amount so far, now and with the change (a downgrade changes neither in this period) */
  buckets: { bucket: UsageBucket; unit: 'bytes' | 'seconds' | 'messages'; used: number; allowance: { before: number | null; after: number | null }; chargedCents: { before: number; after: number } }[];
}

export const HISTORY_LIMIT = 50;

type Db = Kysely<Database>;
export type ChangeActor = Actor | CustomerActor;

/** The line a number is (a number given again keeps its old, terminated line: the live one is it); 400 `invalid-phone`, 404 when none. */
export async function lineIdOfNumber(db: Db, msisdnInput: string): Promise<string> {
  const parsed = normalizePhone(msisdnInput);
  if (!parsed.ok) throw invalid('msisdn', parsed.reason, 'invalid-phone');
  const lines = await db.selectFrom('lines').select(['id', 'status', 'activated_at']).where('msisdn', '=', parsed.e164).execute();
  const line = lines.sort((a, b) => Number(a.status === 'terminated') - Number(b.status === 'terminated') || Number(b.activated_at) - Number(a.activated_at))[0];
  if (!line) throw notFound(`No line has the number ${parsed.e164}.`);
  return line.id;
}

function changesOf(db: Db) {
  return db
    .selectFrom('plan_changes as c')
    .innerJoin('lines as l', 'l.id', 'c.line_id')
    .leftJoin('plans as pf', 'pf.code', 'c.from_plan')
    .leftJoin('plans as pt', 'pt.code', 'c.to_plan')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'c.actor_id').on('c.actor_kind', '=', 'user'))
    .leftJoin('api_tokens as t', (join) => join.onRef('t.id', '=', 'c.actor_id').on('c.actor_kind', '=', 'token'))
    .leftJoin('users as cu', (join) => join.onRef('cu.id', '=', 'c.cancelled_by_id').on('c.cancelled_by_kind', '=', 'user'))
    .leftJoin('api_tokens as ct', (join) => join.onRef('ct.id', '=', 'c.cancelled_by_id').on('c.cancelled_by_kind', '=', 'token'))
    .selectAll('c')
    .select(['l.msisdn', 'pf.name as from_name', 'pt.name as to_name', 'u.display_name as user_name', 't.name as token_name', 'cu.display_name as cancel_user', 'ct.name as cancel_token']);
}
type ChangeRow = Awaited<ReturnType<ReturnType<typeof changesOf>['execute']>>[number];

const changeOf = (r: ChangeRow): PlanChange => ({
  id: r.id, lineId: r.line_id, msisdn: r.msisdn, from: { code: r.from_plan, name: r.from_name ?? null }, to: { code: r.to_plan, name: r.to_name ?? null },
  kind: r.kind, status: r.status, effectivePeriod: Number(r.effective_period), requestedAt: Number(r.requested_at),
  requestedBy: { kind: r.actor_kind, id: r.actor_id, name: r.user_name ?? r.token_name ?? null },
  appliedAt: r.applied_at === null ? null : Number(r.applied_at), cancelledAt: r.cancelled_at === null ? null : Number(r.cancelled_at),
  cancelledBy: r.cancelled_by_kind === null || r.cancelled_by_id === null ? null : { kind: r.cancelled_by_kind, id: r.cancelled_by_id, name: r.cancel_user ?? r.cancel_token ?? null },
});

/** One change by its id; with `lineIds`, only one of those lines' (another's is not found). */
export async function planChange(db: Db, id: string, lineIds?: readonly string[]): Promise<PlanChange> {
  let query = changesOf(db).where('c.id', '=', id);
  if (lineIds !== undefined) query = lineIds.length === 0 ? query.where('c.id', '=', '') : query.where('c.line_id', 'in', [...lineIds]);
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('No change of plan has this id.');
  return changeOf(row);
}

/** A line's plan, its current period, the change that waits and the last changes. */
export async function linePlan(db: Db, lineId: string, now = Date.now()): Promise<LinePlan> {
  const line = await lineRow(db, lineId);
  const [plans, rows] = await Promise.all([
    catalogue(db),
    changesOf(db).where('c.line_id', '=', lineId).orderBy('c.requested_at', 'desc').orderBy('c.id', 'desc').limit(HISTORY_LIMIT).execute(),
  ]);
  const history = rows.map(changeOf);
  const plan = plans.get(line.plan);
  const start = periodStartAt(now, Number(line.billing_day));
  return {
    lineId, msisdn: line.msisdn, partyId: line.party_id, lineKind: line.kind, lineStatus: line.status, segment: line.segment,
    plan: { code: line.plan, name: plan?.name ?? null, monthlyPriceCents: plan?.monthlyPriceCents ?? null, buckets: plan?.buckets ?? [] },
    period: { start, end: periodEnd(start) },
    pending: history.find((c) => c.status === 'pending') ?? null,
    history,
  };
}

/** Whether a plan fits a line: for its kind of line, and for a customer's own choice, offered to their segment. */
function fits(plan: Plan, line: LineRow, offeredOnly: boolean): boolean {
  if (plan.lineKind != null && plan.lineKind !== line.kind) return false;
  return !offeredOnly || (plan.offeredTo ?? []).includes(line.segment);
}

/** The first day of the period after the one `now` is in. */
function nextPeriod(now: number, billingDay: number): number {
  return addDays(periodEnd(periodStartAt(now, billingDay)), 1);
}

/** The plans offered to the line's customer (their segment, the kind of line), but its own, with what each change would do. */
export async function planOffers(db: Db, lineId: string, now = Date.now()): Promise<PlanOffer[]> {
  const line = await lineRow(db, lineId);
  const plans = await catalogue(db);
  const current = plans.get(line.plan);
  const start = periodStartAt(now, Number(line.billing_day));
  const counters = await db.selectFrom('usage_counters').selectAll().where('line_id', '=', lineId).where('period_start', '=', start).execute();
  return [...plans.values()]
    .filter((p) => p.code !== line.plan && fits(p, line, true))
    .sort((a, b) => a.monthlyPriceCents - b.monthlyPriceCents || (a.code < b.code ? -1 : 1))
    .map((plan) => {
      const kind = changeKind(current, plan);
      const buckets = USAGE_BUCKETS.filter((b) => current?.buckets.some((t) => t.bucket === b) || plan.buckets.some((t) => t.bucket === b) || counters.some((c) => c.bucket === b)).map((bucket) => {
        const counter = counters.find((c) => c.bucket === bucket);
        const target = termsOf(plan, bucket);
        if (!counter) return { bucket, unit: unitOf(bucket), used: 0, allowance: { before: termsOf(current, bucket).allowance, after: target.allowance }, chargedCents: { before: 0, after: 0 } };
        const terms = { allowance: counter.allowance === null ? null : Number(counter.allowance), blockUnits: Number(counter.block_units), blockPriceCents: Number(counter.block_price_cents) };
        const used = Number(counter.used);
        const before = Number(counter.charged_cents);
        const after = kind === 'upgrade' ? retermUpgrade(used, terms, target) : { allowance: terms.allowance, chargedCents: before };
        // a downgrade leaves this period as it is: the allowance it shows is the next period's
        return { bucket, unit: unitOf(bucket), used, allowance: { before: terms.allowance, after: kind === 'upgrade' ? after.allowance : target.allowance }, chargedCents: { before, after: after.chargedCents } };
      });
      return { plan, kind, effectiveFrom: kind === 'upgrade' ? start : nextPeriod(now, Number(line.billing_day)), buckets };
    });
}

/**
 * Changes a line's plan. Refused, changing nothing: a line terminated (409 `line-terminated`), a plan
 * the catalogue does not have (`unknown-plan`), the line's own plan (`same-plan`), a plan for another
 * kind of line or, for the customer's own choice, not offered to their segment (`plan-not-offered`), a
 * line with a change that waits already (409 `plan-change-pending`: cancel it first).
 */
export async function changePlan(
  db: Db,
  lineId: string,
  planCode: string,
  actor: ChangeActor,
  options: { offeredOnly: boolean; now?: number },
): Promise<PlanChange> {
  const now = options.now ?? Date.now();
  const id = await db.transaction().execute(async (trx) => {
    // One change of plan at a time (PostgreSQL; SQLite has one writer): two requests never both pass the check of the change that waits.
    const lock = capabilitiesOf(trx).lockTables;
    if (lock) await lock(['plan_changes']).execute(trx);
    const line = await lineRow(trx, lineId);
    if (line.status === 'terminated') throw new DomainError(409, 'line-terminated', 'This line is terminated: its plan no longer changes');
    const plans = await catalogue(trx);
    const code = planCode.trim();
    const target = plans.get(code);
    if (!target) throw invalid('plan', `${code} is not a plan of the catalogue`, 'unknown-plan', { plan: code });
    if (target.code === line.plan) throw invalid('plan', `the line already has ${code}`, 'same-plan', { plan: code });
    if (!fits(target, line, options.offeredOnly)) throw invalid('plan', `${code} is not offered for this line`, 'plan-not-offered', { plan: code });
    const waiting = await trx.selectFrom('plan_changes').select('id').where('line_id', '=', lineId).where('status', '=', 'pending').executeTakeFirst();
    if (waiting) throw new DomainError(409, 'plan-change-pending', 'A change of plan already waits for the next period: cancel it first');
    const current = plans.get(line.plan);
    const kind = changeKind(current, target);
    const period = kind === 'upgrade' ? periodStartAt(now, Number(line.billing_day)) : nextPeriod(now, Number(line.billing_day));
    const changeId = newId();
    await trx
      .insertInto('plan_changes')
      .values({
        id: changeId, line_id: lineId, from_plan: line.plan, to_plan: target.code, kind, status: kind === 'upgrade' ? 'applied' : 'pending', effective_period: period,
        requested_at: now, ...actorColumns(actor), applied_at: kind === 'upgrade' ? now : null, cancelled_at: null, cancelled_by_kind: null, cancelled_by_id: null,
      })
      .execute();
    if (kind === 'upgrade') {
      await applyUpgrade(trx, { id: changeId, line, from: current, to: target, period }, now);
      // a batch of usage that read the old plan just before this commit may still write a counter with its terms: looked at again soon
      await enqueue(trx, 'plan-change.apply', `${changeId}:sweep`, now + SWEEP_AFTER_MS);
    } else {
      await enqueue(trx, 'plan-change.apply', changeId, dayStart(period));
    }
    await auditCustomerAction(trx, actor, line.party_id, 'plan.change', 'api', now);
    return changeId;
  });
  return planChange(db, id);
}

/** Cancels a change that waits for the next period; one applied or cancelled already is a 409 `plan-change-not-pending`. */
export async function cancelPlanChange(db: Db, id: string, actor: ChangeActor, options: { lineIds?: readonly string[]; now?: number } = {}): Promise<PlanChange> {
  const now = options.now ?? Date.now();
  await db.transaction().execute(async (trx: Transaction<Database>) => {
    const lock = capabilitiesOf(trx).lockTables;
    if (lock) await lock(['plan_changes']).execute(trx);
    const change = await planChange(trx, id, options.lineIds);
    if (change.status !== 'pending') throw new DomainError(409, 'plan-change-not-pending', `This change of plan is ${change.status}: only one that waits for the next period can be cancelled`, [], { status: change.status });
    const by = actorColumns(actor);
    await trx.updateTable('plan_changes').set({ status: 'cancelled', cancelled_at: now, cancelled_by_kind: by.actor_kind, cancelled_by_id: by.actor_id }).where('id', '=', id).execute();
    const line = await lineRow(trx, change.lineId);
    await auditCustomerAction(trx, actor, line.party_id, 'plan.change-cancel', 'api', now);
  });
  return planChange(db, id);
}
