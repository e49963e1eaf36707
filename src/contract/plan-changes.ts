import { z } from '@hono/zod-openapi';
import { plan, planBucketTerms, usageBucket } from './usage.js';

/** A line's plan and the changes of it, as the API sends and takes them (docs/self-service.md, "Changing plan"). */

const day = z.string().openapi({ example: '2026-12-01' });
/** Who asked for a change or cancelled it (an object of its own each time: a nullable one is described inline). */
const who = () =>
  z.object({
    kind: z.enum(['user', 'token', 'system', 'customer']).openapi({ description: 'a person of staff, a system (the billing system), Ecoute itself, the customer in the app' }),
    name: z.string().nullable().openapi({ description: 'the person’s or the system’s name; null for the customer, Ecoute, and in the customer app for staff' }),
  });

export const planChangeOut = z
  .object({
    id: z.string(),
    msisdn: z.string(),
    from: z.object({ code: z.string(), name: z.string().nullable() }),
    to: z.object({ code: z.string(), name: z.string().nullable() }),
    kind: z.enum(['upgrade', 'downgrade']).openapi({ description: 'upgrade: the new plan costs as much or more a month, it applies at once; downgrade: from the next billing period' }),
    status: z.enum(['pending', 'applied', 'cancelled']).openapi({ description: 'pending: waits for its period (cancellable); applied; cancelled (by whom: `cancelledBy`)' }),
    effectiveFrom: day.openapi({ description: 'the first day of the billing period the new plan applies from' }),
    requestedAt: z.string(),
    requestedBy: who(),
    appliedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelledBy: who().nullable(),
  })
  .openapi('PlanChange');
export type PlanChangeOut = z.infer<typeof planChangeOut>;

export const linePlanOut = z
  .object({
    msisdn: z.string(),
    lineStatus: z.enum(['active', 'suspended', 'terminated']),
    plan: z.object({
      code: z.string(),
      name: z.string().nullable().openapi({ description: 'null: the catalogue does not know the line’s plan' }),
      monthlyPriceCents: z.number().int().nullable().openapi({ description: 'excl. VAT; null: not in the catalogue' }),
      buckets: z.array(planBucketTerms),
    }),
    period: z.object({ start: day, end: day }).openapi({ description: 'the current billing period' }),
    pending: planChangeOut.nullable().openapi({ description: 'the change that waits for the next period, if any' }),
    history: z.array(planChangeOut).openapi({ description: 'the line’s changes of plan, newest first (the last 50)' }),
  })
  .openapi('LinePlan');
export type LinePlanOut = z.infer<typeof linePlanOut>;

export const planOfferOut = z
  .object({
    plan,
    kind: z.enum(['upgrade', 'downgrade']),
    effectiveFrom: day.openapi({ description: 'an upgrade: the current period’s first day (it applies at once); a downgrade: the next period’s' }),
    buckets: z.array(
      z.object({
        type: usageBucket,
        unit: z.enum(['bytes', 'seconds', 'messages']),
        used: z.number().int().openapi({ description: 'used in the current period so far' }),
        allowance: z.object({ before: z.number().int().nullable(), after: z.number().int().nullable() }).openapi({ description: 'null: unlimited; an upgrade: this period’s after the change; a downgrade: the next period’s' }),
        chargedCents: z.object({ before: z.number().int(), after: z.number().int() }).openapi({ description: 'the period’s out-of-bundle amount so far, now and with the change (never more); a downgrade leaves it as it is' }),
      }),
    ),
  })
  .openapi('PlanOffer');
export type PlanOfferOut = z.infer<typeof planOfferOut>;

export const planOffersOut = z.object({ items: z.array(planOfferOut) }).openapi('PlanOffers');

export const planChangeIn = z
  .object({ plan: z.string().trim().min(1).max(100).openapi({ description: 'the code of a plan of the catalogue (`GET /plans`)', example: 'Love Trio' }) })
  .strict()
  .openapi('PlanChangeIn');
