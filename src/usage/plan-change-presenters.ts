import type { LinePlanOut, PlanChangeOut, PlanOfferOut } from '../contract/plan-changes.js';
import { formatDay } from '../shared/calendar.js';
import type { LinePlan, PlanChange, PlanOffer } from './plan-changes.js';
import { presentPlan } from './usage-presenters.js';

/**
 * A line's plan and its changes as they leave the server (src/contract/plan-changes.ts): no internal
 * id of line or customer. Staff see who asked (a person's or a system's name); the customer, that it
 * was them, staff or the billing system, never a person's name.
 */
export type Audience = 'staff' | 'customer';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentPlanChange(c: PlanChange, audience: Audience): PlanChangeOut {
  const who = (a: PlanChange['requestedBy']) => ({ kind: a.kind, name: audience === 'staff' ? a.name : null });
  return {
    id: c.id, msisdn: c.msisdn, from: c.from, to: c.to, kind: c.kind, status: c.status, effectiveFrom: formatDay(c.effectivePeriod),
    requestedAt: iso(c.requestedAt)!, requestedBy: who(c.requestedBy), appliedAt: iso(c.appliedAt), cancelledAt: iso(c.cancelledAt),
    cancelledBy: c.cancelledBy === null ? null : who(c.cancelledBy),
  };
}

export function presentLinePlan(p: LinePlan, audience: Audience): LinePlanOut {
  return {
    msisdn: p.msisdn, lineStatus: p.lineStatus,
    plan: {
      code: p.plan.code, name: p.plan.name, monthlyPriceCents: p.plan.monthlyPriceCents,
      buckets: p.plan.buckets.map((b) => ({ type: b.bucket, allowance: b.allowance, blockUnits: b.blockUnits, blockPriceCents: b.blockPriceCents })),
    },
    period: { start: formatDay(p.period.start), end: formatDay(p.period.end) },
    pending: p.pending === null ? null : presentPlanChange(p.pending, audience),
    history: p.history.map((c) => presentPlanChange(c, audience)),
  };
}

export function presentPlanOffer(o: PlanOffer): PlanOfferOut {
  return {
    plan: presentPlan(o.plan), kind: o.kind, effectiveFrom: formatDay(o.effectiveFrom),
    buckets: o.buckets.map((b) => ({ type: b.bucket, unit: b.unit, used: b.used, allowance: b.allowance, chargedCents: b.chargedCents })),
  };
}
