/** Row types of usage and consumption (src/usage, docs/self-service.md). */

/** The counters of a billing period: data at home, data roaming in the EU/EEA (fair use), data elsewhere, voice, SMS. */
export type UsageBucket = 'data_national' | 'data_eu' | 'data_world' | 'voice' | 'sms';
/** What a usage event measures: data in bytes, voice in seconds, SMS in messages. */
export type UsageType = 'data' | 'voice' | 'sms';

export interface PlanTable {
  /** the plan's name as lines carry it (`lines.plan`) */
  code: string;
  name: string;
  monthly_price_cents: number;
  /** comma-separated segments the plan is sold to (`residential`, `business`); empty: sold to none */
  offered_to: string;
  /** the kind of line the plan is for; null: any */
  line_kind: 'mobile' | 'landline' | null;
  created_at: number;
  updated_at: number;
}

export interface PlanBucketTable {
  plan_code: string;
  bucket: UsageBucket;
  /** units included per billing period; null: unlimited (for EU roaming data: the fair-use limit) */
  allowance: number | null;
  /** beyond the allowance, each started block of this many units costs block_price_cents */
  block_units: number;
  block_price_cents: number;
}

export interface UsageEventTable {
  /** the sender's id of the event: a second event with the same id is a duplicate, never counted */
  event_id: string;
  line_id: string;
  occurred_at: number;
  type: UsageType;
  quantity: number;
  /** ISO 3166-1 alpha-2 country the line was in */
  country: string;
  bucket: UsageBucket;
  /** first day of the billing period the event counts in (yyyymmdd, Europe/Luxembourg) */
  period_start: number;
  accepted_at: number;
}

export interface UsageCounterTable {
  line_id: string;
  period_start: number;
  bucket: UsageBucket;
  /** bytes, seconds or messages */
  used: number;
  events: number;
  /** the plan's terms when the period's first event of the bucket arrived */
  allowance: number | null;
  block_units: number;
  block_price_cents: number;
  /** out-of-bundle amount of this bucket: started blocks beyond the allowance × their price */
  charged_cents: number;
  updated_at: number;
}
