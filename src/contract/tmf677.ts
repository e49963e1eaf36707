import { z } from '@hono/zod-openapi';
import { usageBucket } from './usage.js';

/**
 * A line's consumption in the TM Forum TMF677 Usage Consumption v4 shape (docs/self-service.md,
 * "TMF677 (TM Forum)"). The components carry TMF677's own names: a bucket is a `UsageVolumeProduct`,
 * its balance a `UsageVolumeBalance`, its counter a `ConsumptionSummary`, and `@type` says so on each
 * object. Ecoute does not sub-class TMF677's resources, so no object carries `@baseType`.
 */

/** How a bucket's quantities are counted: bytes, seconds, messages; money in euros. */
export const TMF677_UNITS = ['byte', 'second', 'message', 'EUR'] as const;
export type Tmf677Unit = (typeof TMF677_UNITS)[number];

const instant = z.string().openapi({ format: 'date-time', description: 'ISO 8601, UTC' });

export const quantity = z
  .object({
    amount: z.number().openapi({ description: 'in base units (bytes, seconds, messages), or euros with cents', example: 2_500_000_000 }),
    units: z.enum(TMF677_UNITS),
  })
  .openapi('Quantity', { description: 'An amount in a given unit' });
export type Quantity = z.infer<typeof quantity>;

export const timePeriod = z
  .object({
    startDateTime: instant,
    endDateTime: instant,
  })
  .openapi('TimePeriod', { description: 'From startDateTime up to endDateTime' });
export type TimePeriod = z.infer<typeof timePeriod>;

/** The line the bucket belongs to (TMF677's NetworkProduct: an instantiated product a customer subscribed to). */
export const productRef = z
  .object({
    id: z.string().openapi({ description: 'the line’s id in Ecoute; a number given to a new line makes a new id' }),
    publicIdentifier: z.string().openapi({ description: 'the line’s number, E.164', example: '+352621123456' }),
    name: z.string().openapi({ description: 'the line’s plan, by its catalogue name (its code when the catalogue does not know it)', example: 'Love Duo' }),
    '@type': z.literal('NetworkProduct'),
  })
  .openapi('NetworkProduct');

/** What is left of a bucket's allowance in the billing period (TMF677's UsageVolumeBalance). */
export const bucketBalance = z
  .object({
    remainingValue: quantity,
    validFor: timePeriod,
    '@type': z.literal('UsageVolumeBalance'),
  })
  .openapi('UsageVolumeBalance', {
    description: 'remainingValue: allowance − used, never below 0; validFor: the billing period, from 00:00 on its first day to 24:00 on its last (Europe/Luxembourg)',
  });

/** A counter of a bucket (TMF677's ConsumptionSummary): what was used, or what was charged beyond the allowance. */
export const bucketCounter = z
  .object({
    counterType: z.enum(['used', 'outOfBucket']).openapi({
      description: '`used`: the units used in the period; `outOfBucket`: the out-of-bundle amount of the bucket so far, in euros excl. VAT',
    }),
    value: quantity,
    consumptionPeriod: timePeriod,
    '@type': z.literal('ConsumptionSummary'),
  })
  .openapi('ConsumptionSummary', { description: 'consumptionPeriod: from the start of the billing period to the report’s effectiveDate' });

/** One bucket of the line's plan in the period (TMF677's UsageVolumeProduct). */
export const bucket = z
  .object({
    id: usageBucket,
    name: z.string().openapi({ example: 'Data in Luxembourg' }),
    usageType: z.enum(['data', 'voice', 'sms']),
    isShared: z.boolean().openapi({ description: 'always false: a bucket is one line’s' }),
    product: z.array(productRef),
    bucketBalance: z.array(bucketBalance).openapi({ description: 'one balance; none for an unlimited bucket' }),
    bucketCounter: z.array(bucketCounter).openapi({ description: 'the `used` counter, then the `outOfBucket` one' }),
    '@type': z.literal('UsageVolumeProduct'),
  })
  .openapi('UsageVolumeProduct');

export const usageConsumptionReport = z
  .object({
    id: z.string().openapi({ description: 'the line’s number (digits) and the first day of the billing period: the same for every report of that period', example: '352621123456-20261201' }),
    href: z.string(),
    name: z.string().openapi({ example: 'Consumption of +352621123456 from 2026-12-01 to 2026-12-31' }),
    description: z.string().openapi({ example: 'Plan Love Duo, line active' }),
    effectiveDate: z.string().openapi({ format: 'date-time', description: 'when the report was computed' }),
    bucket: z.array(bucket),
    '@type': z.literal('UsageConsumptionReport'),
  })
  .openapi('UsageConsumptionReport');
export type UsageConsumptionReport = z.infer<typeof usageConsumptionReport>;
