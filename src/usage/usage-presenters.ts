import { USAGE_ALERT_TYPES, type LineConsumptionOut, type PlanOut, type UsageIngestReport } from '../contract/usage.js';
import { formatDay } from '../shared/calendar.js';
import type { LineConsumption } from './consumption.js';
import type { IngestReport } from './usage-ingest.js';
import type { Plan } from './plans.js';

/** A line's consumption as it leaves the server: no internal id, no customer id. */
export function presentConsumption(c: LineConsumption): LineConsumptionOut {
  return {
    msisdn: c.msisdn,
    plan: { code: c.plan, name: c.planName },
    lineStatus: c.lineStatus,
    period: { start: formatDay(c.period.start), end: formatDay(c.period.end) },
    buckets: c.buckets.map((b) => ({
      type: b.bucket, unit: b.unit, used: b.used, allowance: b.allowance, remaining: b.allowance === null ? null : Math.max(0, b.allowance - b.used),
      events: b.events, chargedCents: b.chargedCents,
    })),
    outOfBundle: { type: 'out_of_bundle', unit: 'cents', used: c.outOfBundleCents, allowance: null },
    updatedAt: c.updatedAt === null ? null : new Date(c.updatedAt).toISOString(),
    alerts: c.alerts.flatMap((a) => {
      const type = USAGE_ALERT_TYPES.find((t) => `usage.${t}` === a.key);
      return type ? [{ type, country: a.country, at: new Date(a.at).toISOString(), status: a.status }] : [];
    }),
    roamingLimit: { ...c.roamingLimit, stoppedAt: c.roamingLimit.stoppedAt === null ? null : new Date(c.roamingLimit.stoppedAt).toISOString() },
  };
}

export function presentIngestReport(r: IngestReport): UsageIngestReport {
  return {
    received: r.received, accepted: r.accepted, duplicates: r.duplicates, written: r.written,
    refused: r.refused.map((e) => ({
      index: e.index, eventId: e.eventId,
      issues: e.issues.map((i) => ({ field: i.field, reason: i.reason, code: i.code ?? 'invalid', ...(i.params ? { params: i.params } : {}) })),
    })),
  };
}

export function presentPlan(p: Plan): PlanOut {
  return {
    code: p.code, name: p.name, monthlyPriceCents: p.monthlyPriceCents,
    buckets: p.buckets.map((b) => ({ type: b.bucket, allowance: b.allowance, blockUnits: b.blockUnits, blockPriceCents: b.blockPriceCents })),
    offeredTo: [...(p.offeredTo ?? [])], lineKind: p.lineKind ?? null,
  };
}
