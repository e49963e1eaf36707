import type { Kysely } from 'kysely';
import type { Database, UsageBucket } from '../storage/schema.js';
import { invalid } from '../shared/errors.js';
import { USAGE_BUCKETS } from './buckets.js';

/**
 * The plan catalogue (docs/self-service.md, "Plans"): per plan, what each bucket includes per billing
 * period and what a block beyond it costs. A line names its plan (`lines.plan`); a counter takes its
 * plan's terms when the period's first event of its bucket arrives.
 */
export interface Plan {
  code: string;
  name: string;
  monthlyPriceCents: number;
  buckets: PlanBucketTerms[];
  /** the segments the plan is sold to, which their customers may change to in the app; none: kept for the lines that have it */
  offeredTo?: readonly Segment[];
  /** the kind of line the plan is for; null: any */
  lineKind?: 'mobile' | 'landline' | null;
}

export type Segment = 'residential' | 'business';
export const SEGMENTS: readonly Segment[] = ['residential', 'business'];

export interface PlanBucketTerms {
  bucket: UsageBucket;
  allowance: number | null;
  blockUnits: number;
  blockPriceCents: number;
}

export async function listPlans(db: Kysely<Database>): Promise<Plan[]> {
  const [plans, buckets] = await Promise.all([
    db.selectFrom('plans').selectAll().orderBy('code').execute(),
    db.selectFrom('plan_buckets').selectAll().execute(),
  ]);
  return plans.map((p) => ({
    code: p.code, name: p.name, monthlyPriceCents: Number(p.monthly_price_cents), offeredTo: segmentsOf(p.offered_to), lineKind: p.line_kind,
    buckets: USAGE_BUCKETS.flatMap((b) => buckets.filter((t) => t.plan_code === p.code && t.bucket === b)).map((t) => ({
      bucket: t.bucket, allowance: t.allowance === null ? null : Number(t.allowance), blockUnits: Number(t.block_units), blockPriceCents: Number(t.block_price_cents),
    })),
  }));
}

/** Creates the plan or replaces its name, price and every bucket's terms, at once. */
export async function definePlan(db: Kysely<Database>, plan: Plan, now: number = Date.now()): Promise<Plan> {
  const code = plan.code.trim();
  if (code === '' || code.length > 100) throw invalid('code', 'must be 1 to 100 characters', 'too-long', { maximum: 100 });
  const seen = new Set<UsageBucket>();
  plan.buckets.forEach((b, i) => {
    if (seen.has(b.bucket)) throw invalid(`buckets[${i}].type`, `${b.bucket} is given twice`, 'duplicate-bucket', { bucket: b.bucket });
    seen.add(b.bucket);
  });
  const offer = { offered_to: SEGMENTS.filter((s) => plan.offeredTo?.includes(s)).join(','), line_kind: plan.lineKind ?? null };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('plans')
      .values({ code, name: plan.name, monthly_price_cents: plan.monthlyPriceCents, ...offer, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: plan.name, monthly_price_cents: plan.monthlyPriceCents, ...offer, updated_at: now }))
      .execute();
    await trx.deleteFrom('plan_buckets').where('plan_code', '=', code).execute();
    if (plan.buckets.length > 0) {
      await trx
        .insertInto('plan_buckets')
        .values(plan.buckets.map((b) => ({ plan_code: code, bucket: b.bucket, allowance: b.allowance, block_units: b.blockUnits, block_price_cents: b.blockPriceCents })))
        .execute();
    }
  });
  return (await listPlans(db)).find((p) => p.code === code)!;
}

/** The segments a plan's `offered_to` column lists. */
export function segmentsOf(column: string): Segment[] {
  return SEGMENTS.filter((s) => column.split(',').includes(s));
}
