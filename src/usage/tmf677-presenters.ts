import type { Quantity, TimePeriod, Tmf677Unit, UsageConsumptionReport } from '../contract/tmf677.js';
import { addDays, dayStart, formatDay } from '../shared/calendar.js';
import type { UsageBucket } from '../storage/schema.js';
import type { BucketConsumption, LineConsumption } from './consumption.js';

/**
 * A line's consumption in the TM Forum TMF677 Usage Consumption v4 shape (docs/self-service.md,
 * "TMF677 (TM Forum)"): the same figures as GET /api/v1/lines/{msisdn}/consumption, mapped field by
 * field. Pure: the figures come from `lineConsumption` (consumption.ts).
 */

export const TMF677_BASE = '/tmf-api/usageConsumption/v4/usageConsumptionReport';

/** The query parameter that names the line, as TMF677 filters a report by its buckets' product. */
export const LINE_FILTER = 'bucket.product.publicIdentifier';

const USAGE_TYPE: Record<UsageBucket, 'data' | 'voice' | 'sms'> = {
  data_national: 'data', data_eu: 'data', data_world: 'data', voice: 'voice', sms: 'sms',
};

const BUCKET_NAME: Record<UsageBucket, string> = {
  data_national: 'Data in Luxembourg',
  data_eu: 'Data roaming in the EU/EEA',
  data_world: 'Data roaming outside the EU/EEA',
  voice: 'Calls',
  sms: 'SMS',
};

const UNIT: Record<BucketConsumption['unit'], Tmf677Unit> = { bytes: 'byte', seconds: 'second', messages: 'message' };

const iso = (ms: number) => new Date(ms).toISOString();

/** The report's id: the line's number without its `+` and the period's first day, the same for every report of that period. */
export function reportIdOf(c: Pick<LineConsumption, 'msisdn' | 'period'>): string {
  return `${c.msisdn.replace(/^\+/, '')}-${c.period.start}`;
}

/** The number a report id names (E.164), or null when the id is not one Ecoute gives. */
export function msisdnOfReportId(id: string): string | null {
  const m = /^(\d{6,15})-\d{8}$/.exec(id);
  return m ? `+${m[1]}` : null;
}

/** The billing period as instants: from 00:00 on its first day to 24:00 on its last (the next period's first instant), Europe/Luxembourg. */
export function billingPeriodOf(c: Pick<LineConsumption, 'period'>): TimePeriod {
  return { startDateTime: iso(dayStart(c.period.start)), endDateTime: iso(dayStart(addDays(c.period.end, 1))) };
}

/** Euro cents as euros with cents (an amount of money in TMF677 is a Quantity in EUR). */
export function eurosOf(cents: number): Quantity {
  return { amount: cents / 100, units: 'EUR' };
}

/** The line's current period as a TMF677 UsageConsumptionReport computed at `now`. */
export function toUsageConsumptionReport(c: LineConsumption, now: number): UsageConsumptionReport {
  const id = reportIdOf(c);
  const validFor = billingPeriodOf(c);
  const consumptionPeriod: TimePeriod = { startDateTime: validFor.startDateTime, endDateTime: iso(now) };
  const product = { id: c.lineId, publicIdentifier: c.msisdn, name: c.planName ?? c.plan, '@type': 'NetworkProduct' as const };
  return {
    id,
    href: `${TMF677_BASE}/${id}`,
    name: `Consumption of ${c.msisdn} from ${formatDay(c.period.start)} to ${formatDay(c.period.end)}`,
    description: `Plan ${c.planName ?? `${c.plan} (not in the catalogue)`}, line ${c.lineStatus}`,
    effectiveDate: iso(now),
    bucket: c.buckets.map((b) => ({
      id: b.bucket,
      name: BUCKET_NAME[b.bucket],
      usageType: USAGE_TYPE[b.bucket],
      isShared: false,
      product: [product],
      // An unlimited bucket has nothing left to count down: no balance.
      bucketBalance: b.allowance === null ? [] : [{ remainingValue: { amount: Math.max(0, b.allowance - b.used), units: UNIT[b.unit] }, validFor, '@type': 'UsageVolumeBalance' as const }],
      bucketCounter: [
        { counterType: 'used' as const, value: { amount: b.used, units: UNIT[b.unit] }, consumptionPeriod, '@type': 'ConsumptionSummary' as const },
        { counterType: 'outOfBucket' as const, value: eurosOf(b.chargedCents), consumptionPeriod, '@type': 'ConsumptionSummary' as const },
      ],
      '@type': 'UsageVolumeProduct' as const,
    })),
    '@type': 'UsageConsumptionReport',
  };
}
