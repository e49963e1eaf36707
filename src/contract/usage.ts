import { z } from '@hono/zod-openapi';

/** Usage, plans and consumption as the API sends and takes them (docs/self-service.md). */

export const usageBucket = z.enum(['data_national', 'data_eu', 'data_world', 'voice', 'sms']).openapi('UsageBucket', {
  description: 'data at home (LU), data roaming in the EU/EEA (fair use), data elsewhere, voice, SMS',
});

/** One usage event, as the mediation platform sends it. Checked field by field (`refused[].issues`), not by the schema. */
export const usageEventIn = z
  .object({
    eventId: z.unknown().openapi({ type: 'string', description: 'the sender’s unique id of the event: 1–128 visible ASCII characters; an id already received is a duplicate, never counted twice', example: 'cdr-2026120409150001' }),
    msisdn: z.unknown().openapi({ type: 'string', description: 'the line’s number, any usual spelling', example: '+352 621 123 456' }),
    occurredAt: z.unknown().openapi({ type: 'string', format: 'date-time', description: 'with its offset; at most 10 minutes ahead, at most 100 days ago', example: '2026-12-04T09:15:00+01:00' }),
    type: z.unknown().openapi({ type: 'string', enum: ['data', 'voice', 'sms'] }),
    quantity: z.unknown().openapi({ type: 'integer', description: 'bytes (data), seconds (voice) or messages (sms), at least 1', example: 1048576 }),
    country: z.unknown().openapi({ type: 'string', description: 'ISO 3166-1 alpha-2 country the line used the network in', example: 'LU' }),
  })
  .openapi('UsageEventIn');

export const usageIngestReport = z
  .object({
    received: z.number().int(),
    accepted: z.number().int().openapi({ description: 'counted by this request' }),
    duplicates: z.number().int().openapi({ description: 'received before (or twice in this request): not counted again' }),
    written: z.boolean().openapi({ description: 'false: some events were refused and skipInvalid was not set, nothing was counted' }),
    refused: z.array(
      z.object({
        index: z.number().int().openapi({ description: 'position in the request, from 0' }),
        eventId: z.string().nullable(),
        issues: z.array(z.object({ field: z.string(), reason: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })),
      }),
    ),
  })
  .openapi('UsageIngestReport');
export type UsageIngestReport = z.infer<typeof usageIngestReport>;

/** The alerts of a line's period: data at home at 80% and 100%, EU fair use used up, the roaming limit at 80% and 100%, a roaming welcome. */
export const USAGE_ALERT_TYPES = ['data-80', 'data-100', 'fair-use-100', 'roaming-limit-80', 'roaming-limit-100', 'roaming-eu', 'roaming-world'] as const;

export const bucketConsumption = z
  .object({
    type: usageBucket,
    unit: z.enum(['bytes', 'seconds', 'messages']),
    used: z.number().int(),
    allowance: z.number().int().nullable().openapi({ description: 'included in the plan per billing period; null: unlimited (for data_eu: the fair-use limit)' }),
    remaining: z.number().int().nullable().openapi({ description: 'allowance − used, never below 0; null: unlimited' }),
    events: z.number().int(),
    chargedCents: z.number().int().openapi({ description: 'out-of-bundle amount of this bucket so far, in euro cents excl. VAT' }),
  })
  .openapi('BucketConsumption');

export const lineConsumption = z
  .object({
    msisdn: z.string(),
    plan: z.object({ code: z.string(), name: z.string().nullable().openapi({ description: 'null: the plan is not in the catalogue' }) }),
    lineStatus: z.enum(['active', 'suspended', 'terminated']),
    period: z.object({ start: z.string().openapi({ example: '2026-12-01' }), end: z.string().openapi({ example: '2026-12-31' }) }),
    buckets: z.array(bucketConsumption),
    outOfBundle: z.object({ type: z.literal('out_of_bundle'), unit: z.literal('cents'), used: z.number().int(), allowance: z.null() }).openapi({
      description: 'the period’s out-of-bundle amount, every bucket together, in euro cents excl. VAT',
    }),
    updatedAt: z.string().nullable().openapi({ description: 'when the period’s last event was counted' }),
    alerts: z
      .array(
        z.object({
          type: z.enum(USAGE_ALERT_TYPES),
          country: z.string().nullable().openapi({ description: 'a roaming welcome: the country (ISO 3166-1 alpha-2)' }),
          at: z.string(),
          status: z.enum(['queued', 'waiting_quiet_hours', 'waiting_cap', 'released', 'failed']),
        }),
      )
      .openapi({ description: 'the SMS alerts written to the line in this period, oldest first (docs/self-service.md#alerts)' }),
    roamingLimit: z
      .object({
        limitCents: z.number().int().openapi({ description: 'the spending limit on data roaming outside the EU/EEA per period, in euro cents excl. VAT (default 5000)' }),
        off: z.boolean().openapi({ description: 'the customer chose to go on past the limit' }),
        spentCents: z.number().int().openapi({ description: 'what data outside the EU/EEA cost in this period so far' }),
        stoppedAt: z.string().nullable().openapi({ description: 'when data roaming stopped at the limit in this period; null: not stopped' }),
      })
      .openapi({ description: 'bill-shock protection (docs/self-service.md#alerts)' }),
  })
  .openapi('LineConsumption');
export type LineConsumptionOut = z.infer<typeof lineConsumption>;

export const planBucketTerms = z
  .object({
    type: usageBucket,
    allowance: z.number().int().min(0).nullable().openapi({ description: 'units per billing period (bytes, seconds, messages); null: unlimited' }),
    blockUnits: z.number().int().min(1).openapi({ description: 'beyond the allowance, each started block of this many units is charged', example: 1048576 }),
    blockPriceCents: z.number().int().min(0).max(100_000).openapi({ description: 'price of one block in euro cents excl. VAT', example: 1 }),
  })
  .openapi('PlanBucketTerms');

export const planSegment = z.enum(['residential', 'business']).openapi('PlanSegment');

export const plan = z
  .object({
    code: z.string(),
    name: z.string(),
    monthlyPriceCents: z.number().int(),
    buckets: z.array(planBucketTerms),
    offeredTo: z.array(planSegment).openapi({ description: 'the segments the plan is sold to: their customers may change to it in the app (docs/self-service.md#changing-plan); empty: kept for the lines that have it, sold to none' }),
    lineKind: z.enum(['mobile', 'landline']).nullable().openapi({ description: 'the kind of line the plan is for; null: any' }),
  })
  .openapi('Plan');
export type PlanOut = z.infer<typeof plan>;

export const planIn = z
  .object({
    name: z.string().trim().min(1).max(100),
    monthlyPriceCents: z.number().int().min(0).max(10_000_000),
    buckets: z.array(planBucketTerms).max(5),
    offeredTo: z.array(planSegment).max(2).optional().openapi({ description: 'the segments the plan is sold to; left out: none (the plan is replaced whole)' }),
    lineKind: z.enum(['mobile', 'landline']).nullable().optional().openapi({ description: 'the kind of line the plan is for; left out or null: any' }),
  })
  .strict()
  .openapi('PlanIn');
