import type { Kysely } from 'kysely';
import { notFound } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { invalid } from '../shared/errors.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, NotificationStatus, UsageBucket } from '../storage/schema.js';
import { periodEnd, periodStartAt, unitOf, USAGE_BUCKETS } from './buckets.js';

/**
 * A line's consumption in its current billing period (docs/self-service.md, "Counters"): every bucket
 * of its plan, counted or not yet, and any bucket counted beyond the plan's (a plan missing from the
 * catalogue), with what is used, what is included and what is charged beyond it.
 */
export interface LineConsumption {
  lineId: string;
  msisdn: string;
  partyId: string;
  plan: string;
  /** the plan's name in the catalogue; null when the catalogue does not know the line's plan */
  planName: string | null;
  lineStatus: 'active' | 'suspended' | 'terminated';
  period: { start: number; end: number };
  buckets: BucketConsumption[];
  /** the out-of-bundle amount of the period so far, every bucket together */
  outOfBundleCents: number;
  /** when the last event of the period was counted; null: none yet */
  updatedAt: number | null;
  /** the alerts written to the line in this period, oldest first (a roaming welcome with its country) */
  alerts: { key: string; at: number; status: NotificationStatus; country: string | null }[];
  /** the spending limit on data roaming outside the EU/EEA: the limit, what the period spent against it, and when data roaming stopped at it */
  roamingLimit: { limitCents: number; off: boolean; spentCents: number; stoppedAt: number | null };
}

export interface BucketConsumption {
  bucket: UsageBucket;
  unit: 'bytes' | 'seconds' | 'messages';
  used: number;
  /** null: unlimited */
  allowance: number | null;
  events: number;
  chargedCents: number;
}

// The page a customer opens most: its queries compiled once, run at once on SQLite (storage/reusable-query.ts),
// so that they never wait in the connection's queue behind a write waiting for another connection's lock.
const lineByNumber = reusableQuery((db, v: { msisdn: string }) =>
  db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .leftJoin('plans', 'plans.code', 'lines.plan')
    .select([
      'lines.id', 'lines.msisdn', 'lines.plan', 'lines.status', 'lines.activated_at', 'lines.roaming_limit_cents', 'lines.roaming_limit_off', 'lines.roaming_stopped_period',
      'lines.roaming_stopped_at', 'accounts.party_id', 'accounts.billing_day', 'plans.name as plan_name',
    ])
    .where('lines.msisdn', '=', v.msisdn),
);
const periodCounters = reusableQuery((db, v: { lineId: string; periodStart: number }) =>
  db.selectFrom('usage_counters').selectAll().where('line_id', '=', v.lineId).where('period_start', '=', v.periodStart),
);
const planTerms = reusableQuery((db, v: { plan: string }) => db.selectFrom('plan_buckets').selectAll().where('plan_code', '=', v.plan));
const periodAlerts = reusableQuery((db, v: { lineId: string; occasion: string; welcomes: string }) =>
  db
    .selectFrom('notifications')
    .select(['template_key', 'created_at', 'status', 'occasion'])
    .where('ref_type', '=', 'line')
    .where('ref_id', '=', v.lineId)
    .where((eb) => eb.or([eb('occasion', '=', v.occasion), eb('occasion', 'like', v.welcomes)]))
    .orderBy('created_at'),
);

export async function lineConsumption(db: Kysely<Database>, msisdnInput: string, now: number = Date.now()): Promise<LineConsumption> {
  const parsed = normalizePhone(msisdnInput);
  if (!parsed.ok) throw invalid('msisdn', parsed.reason, 'invalid-phone');
  const lines = await lineByNumber.all(db, { msisdn: parsed.e164 });
  // A number given to a new line keeps its old, terminated one: the live one is shown.
  const line = lines.sort((a, b) => Number(a.status === 'terminated') - Number(b.status === 'terminated') || b.activated_at - a.activated_at)[0];
  if (!line) throw notFound(`No line has the number ${parsed.e164}.`);

  const start = periodStartAt(now, Number(line.billing_day));
  // the period's alerts, and its roaming welcomes (occasion `<period>:<country>`)
  const [counters, terms, alerts] = await Promise.all([
    periodCounters.all(db, { lineId: line.id, periodStart: start }),
    planTerms.all(db, { plan: line.plan }),
    periodAlerts.all(db, { lineId: line.id, occasion: String(start), welcomes: `${start}:%` }),
  ]);
  const byBucket = new Map<UsageBucket, BucketConsumption>();
  for (const t of terms) {
    byBucket.set(t.bucket, { bucket: t.bucket, unit: unitOf(t.bucket), used: 0, allowance: t.allowance === null ? null : Number(t.allowance), events: 0, chargedCents: 0 });
  }
  let updatedAt: number | null = null;
  for (const c of counters) {
    byBucket.set(c.bucket, {
      bucket: c.bucket, unit: unitOf(c.bucket), used: Number(c.used), allowance: c.allowance === null ? null : Number(c.allowance),
      events: Number(c.events), chargedCents: Number(c.charged_cents),
    });
    updatedAt = Math.max(updatedAt ?? 0, Number(c.updated_at));
  }
  const buckets = USAGE_BUCKETS.flatMap((b) => byBucket.get(b) ?? []);
  return {
    lineId: line.id, msisdn: line.msisdn, partyId: line.party_id, plan: line.plan, planName: line.plan_name ?? null, lineStatus: line.status,
    period: { start, end: periodEnd(start) }, buckets, outOfBundleCents: buckets.reduce((sum, b) => sum + b.chargedCents, 0), updatedAt,
    alerts: alerts.map((a) => ({ key: a.template_key, at: Number(a.created_at), status: a.status, country: a.occasion.includes(':') ? a.occasion.split(':')[1]! : null })),
    roamingLimit: {
      limitCents: Number(line.roaming_limit_cents), off: Number(line.roaming_limit_off) === 1, spentCents: byBucket.get('data_world')?.chargedCents ?? 0,
      stoppedAt: line.roaming_stopped_period !== null && Number(line.roaming_stopped_period) === start && line.roaming_stopped_at !== null ? Number(line.roaming_stopped_at) : null,
    },
  };
}
