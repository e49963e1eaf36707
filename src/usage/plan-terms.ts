import type { UsageBucket } from '../storage/schema.js';
import { chargedCents } from './buckets.js';
import type { Plan } from './plans.js';

/**
 * The rules of a change of plan within a billing period (docs/self-service.md, "Changing plan"), pure:
 * whether it is an upgrade (at once) or a downgrade (from the next period), and the terms a counter of
 * the period takes with the new plan. Shared by the change itself, the job that applies a downgrade at
 * the period's boundary and the preview the customer sees before confirming.
 */

/** A counter's terms: what it includes, and each started block beyond it and its price. */
export interface CounterTerms {
  allowance: number | null;
  blockUnits: number;
  blockPriceCents: number;
}

/** Terms of a bucket a plan does not describe (as ingestion gives them): no allowance, nothing charged. */
export const NO_TERMS: CounterTerms = { allowance: null, blockUnits: 1, blockPriceCents: 0 };

/**
 * An upgrade when the new plan's monthly price is higher or equal: it applies at once, in the current
 * period. A downgrade applies from the next period. A line whose plan the catalogue does not know has
 * no price to compare: any plan is an upgrade from it.
 */
export function changeKind(from: Pick<Plan, 'monthlyPriceCents'> | undefined, to: Pick<Plan, 'monthlyPriceCents'>): 'upgrade' | 'downgrade' {
  return from === undefined || to.monthlyPriceCents >= from.monthlyPriceCents ? 'upgrade' : 'downgrade';
}

/** A plan's terms for a bucket (the bucket's terms of a plan that does not describe it: none). */
export function termsOf(plan: Pick<Plan, 'buckets'> | undefined, bucket: UsageBucket): CounterTerms {
  const terms = plan?.buckets.find((b) => b.bucket === bucket);
  return terms ? { allowance: terms.allowance, blockUnits: terms.blockUnits, blockPriceCents: terms.blockPriceCents } : NO_TERMS;
}

/** A counter with the terms it is to take, and the out-of-bundle amount of its use under them. */
export interface Retermed extends CounterTerms {
  chargedCents: number;
}

/**
 * A counter of a period that a downgrade (or a plan set at a period's boundary) reaches: the period is
 * the new plan's, so its use is counted under the new plan's terms.
 */
export function retermPlain(used: number, target: CounterTerms): Retermed {
  return { ...target, chargedCents: chargedCents(used, target) };
}

/**
 * A counter of the current period that an upgrade reaches: it takes the new plan's terms, and its
 * out-of-bundle amount is computed again from its use, never above what the counter charged before
 * for the same use. Where the new terms would charge more for the use so far (a plan with an
 * unlimited bucket changed to one with a limit), the counter's allowance takes in that use: the blocks
 * the old terms charged are charged again at the new price, the rest is included; beyond it, the new
 * plan's terms apply. The amount depends on the counter's total only, as ingestion computes it, so
 * events counted after the change add to it with the same terms.
 */
export function retermUpgrade(used: number, current: CounterTerms, target: CounterTerms): Retermed {
  const before = chargedCents(used, current);
  const plain = chargedCents(used, target);
  if (plain <= before) return { ...target, chargedCents: plain };
  // plain > before ≥ 0: the target has an allowance and a price above 0
  const blocks = Math.floor(before / target.blockPriceCents);
  const allowance = Math.max(target.allowance ?? 0, used - blocks * target.blockUnits);
  const terms = { allowance, blockUnits: target.blockUnits, blockPriceCents: target.blockPriceCents };
  return { ...terms, chargedCents: chargedCents(used, terms) };
}

/** Whether two terms are the same (a counter still on a plan's terms). */
export function sameTerms(a: CounterTerms, b: CounterTerms): boolean {
  return a.allowance === b.allowance && a.blockUnits === b.blockUnits && a.blockPriceCents === b.blockPriceCents;
}
