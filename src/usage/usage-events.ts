import type { FieldIssue } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import type { UsageType } from '../storage/schema.js';
import { isCountryCode, USAGE_TYPES } from './buckets.js';
import { ingestionHorizon } from './usage-retention.js';

/**
 * A usage event as the mediation platform sends it (API, file or message bus), and its checks
 * (docs/self-service.md, "Usage sources"). The same checks for every source: a field that is wrong is
 * named with what is wrong, and the event counts nowhere.
 */
export interface UsageEventInput {
  eventId?: unknown;
  msisdn?: unknown;
  occurredAt?: unknown;
  type?: unknown;
  quantity?: unknown;
  country?: unknown;
}

export interface UsageEvent {
  eventId: string;
  /** E.164 */
  msisdn: string;
  occurredAt: number;
  type: UsageType;
  quantity: number;
  country: string;
}

/** The largest quantity one event may carry, per type: a terabyte, a day of calling, a long concatenated SMS. */
export const MAX_QUANTITY: Record<UsageType, number> = { data: 1_000_000_000_000, voice: 86_400, sms: 20 };
/** How old an event may be: usage of the current and the last three billing periods still counts. */
export const MAX_AGE_DAYS = 100;
/** How far ahead of the server's clock an event may be (clock skew of the platform that sends it). */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
/** An event id: 1 to 128 visible ASCII characters (a CDR id, a UUID). */
const EVENT_ID = /^[\x21-\x7e]{1,128}$/;
/**
 * A number already in E.164 (`+` and 8 to 15 digits), as mediation platforms send them: taken as it is,
 * without the phone library's parse (a few microseconds an event); whether it is a line is looked up next.
 */
const E164 = /^\+[1-9]\d{7,14}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The event, or every issue of its fields (named without prefix: `quantity`, `country` …). */
export function checkUsageEvent(input: UsageEventInput, now: number): { event: UsageEvent } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const text = (field: string, value: unknown): string | undefined => {
    if (value === undefined || value === null || value === '') {
      issues.push({ field, reason: 'is required', code: 'required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      issues.push({ field, reason: 'must be a string', code: 'wrong-type', params: { expected: 'string' } });
      return undefined;
    }
    return value.trim();
  };

  const eventId = text('eventId', input.eventId);
  if (eventId !== undefined && !EVENT_ID.test(eventId)) {
    issues.push({ field: 'eventId', reason: 'must be 1 to 128 visible ASCII characters, without spaces', code: 'invalid-format', params: { format: 'event-id' } });
  }

  let msisdn: string | undefined;
  const rawNumber = text('msisdn', input.msisdn);
  if (rawNumber !== undefined) {
    const parsed = E164.test(rawNumber) ? { ok: true as const, e164: rawNumber } : normalizePhone(rawNumber);
    if (parsed.ok) msisdn = parsed.e164;
    else issues.push({ field: 'msisdn', reason: parsed.reason, code: 'invalid-format', params: { format: 'phone' } });
  }

  let occurredAt: number | undefined;
  const rawTime = text('occurredAt', input.occurredAt);
  if (rawTime !== undefined) {
    const ms = ISO_TIME.test(rawTime) ? Date.parse(rawTime) : Number.NaN;
    if (!Number.isFinite(ms)) {
      issues.push({ field: 'occurredAt', reason: 'must be a date and time with its offset, e.g. 2026-12-04T09:15:00+01:00', code: 'invalid-format', params: { format: 'datetime' } });
    } else if (ms > now + FUTURE_TOLERANCE_MS) {
      issues.push({ field: 'occurredAt', reason: 'is in the future', code: 'usage-in-future' });
    } else if (ms < now - MAX_AGE_DAYS * 86_400_000) {
      issues.push({ field: 'occurredAt', reason: `is more than ${MAX_AGE_DAYS} days ago`, code: 'usage-too-old', params: { days: MAX_AGE_DAYS } });
    } else {
      // older than what is kept: its row, had it come before, may be purged already (docs/privacy.md#retention)
      const kept = ingestionHorizon(now);
      if (kept.horizon !== null && ms < kept.horizon) issues.push({ field: 'occurredAt', reason: `is older than the ${kept.months} months usage is kept`, code: 'usage-past-retention', params: { months: kept.months } });
      else occurredAt = ms;
    }
  }

  let type: UsageType | undefined;
  const rawType = text('type', input.type);
  if (rawType !== undefined) {
    const lower = rawType.toLowerCase();
    if ((USAGE_TYPES as readonly string[]).includes(lower)) type = lower as UsageType;
    else issues.push({ field: 'type', reason: `must be one of ${USAGE_TYPES.join(', ')}`, code: 'not-one-of', params: { options: USAGE_TYPES.join(', ') } });
  }

  let quantity: number | undefined;
  const rawQuantity = typeof input.quantity === 'string' && input.quantity.trim() !== '' ? Number(input.quantity.trim()) : input.quantity;
  if (rawQuantity === undefined || rawQuantity === null || rawQuantity === '') {
    issues.push({ field: 'quantity', reason: 'is required', code: 'required' });
  } else if (typeof rawQuantity !== 'number' || !Number.isFinite(rawQuantity)) {
    issues.push({ field: 'quantity', reason: 'must be a number', code: 'not-a-number' });
  } else if (!Number.isInteger(rawQuantity)) {
    issues.push({ field: 'quantity', reason: 'must be a whole number (bytes, seconds or messages)', code: 'not-whole-number' });
  } else if (rawQuantity < 1) {
    issues.push({ field: 'quantity', reason: 'must be at least 1', code: 'too-small', params: { minimum: 1 } });
  } else if (type !== undefined && rawQuantity > MAX_QUANTITY[type]) {
    issues.push({ field: 'quantity', reason: `must be at most ${MAX_QUANTITY[type]} for ${type}`, code: 'too-large', params: { maximum: MAX_QUANTITY[type] } });
  } else {
    quantity = rawQuantity;
  }

  let country: string | undefined;
  const rawCountry = text('country', input.country);
  if (rawCountry !== undefined) {
    const upper = rawCountry.toUpperCase();
    if (isCountryCode(upper)) country = upper;
    else issues.push({ field: 'country', reason: 'must be an ISO 3166-1 alpha-2 country code, e.g. LU, FR, US', code: 'invalid-format', params: { format: 'country' } });
  }

  if (issues.length > 0 || eventId === undefined || msisdn === undefined || occurredAt === undefined || type === undefined || quantity === undefined || country === undefined) {
    return { issues };
  }
  return { event: { eventId, msisdn, occurredAt, type, quantity, country } };
}
