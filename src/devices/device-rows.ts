import { formatDay, localDay, parseDay } from '../shared/calendar.js';
import type { FieldIssue } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { unsafeTextReason } from '../shared/safe-text.js';
import type { DeviceStatus } from '../storage/schema.js';
import { imeiCheckDigitValid, imeiDigits } from './imei.js';

/**
 * A device as the operator's systems send it (API or CSV file), and its checks (docs/self-service.md,
 * "Devices"). The same checks for every source: each field that is wrong is named with a stable code
 * and the values its message is made of, and the device is recorded nowhere. Whether its line exists
 * is the batch's check (device-import.ts).
 */
export interface DeviceInput {
  msisdn?: unknown;
  imei?: unknown;
  make?: unknown;
  model?: unknown;
  purchasedOn?: unknown;
  warrantyUntil?: unknown;
  /** what is left to pay of the instalment plan, incl. VAT in cents; with `instalmentLastOn`, or neither (no plan) */
  instalmentRemainingCents?: unknown;
  instalmentLastOn?: unknown;
  status?: unknown;
}

/** A device that passed the checks. Days are yyyymmdd (Europe/Luxembourg). */
export interface CheckedDevice {
  /** E.164 */
  msisdn: string;
  /** 15 digits */
  imei: string;
  make: string;
  model: string;
  purchasedOn: number;
  warrantyUntil: number;
  instalments: { remainingCents: number; lastOn: number } | null;
  status: DeviceStatus;
}

export const DEVICE_STATUSES: readonly DeviceStatus[] = ['active', 'replaced', 'lost', 'stolen'];
export const MAX_MAKE = 60;
export const MAX_MODEL = 100;
/** The largest instalment plan left to pay: ten thousand euros. */
export const MAX_INSTALMENT_CENTS = 1_000_000;
/** The first day a device may have been bought. */
const EARLIEST_DAY = 20000101;

/** The device, or every issue of its fields (named without prefix: `imei`, `warrantyUntil` …). */
export function checkDevice(input: DeviceInput, now: number): { device: CheckedDevice } | { issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const today = localDay(now);
  const text = (field: string, value: unknown, required = true): string | undefined => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) issues.push({ field, reason: 'is required', code: 'required' });
      return undefined;
    }
    if (typeof value !== 'string') {
      issues.push({ field, reason: 'must be a string', code: 'wrong-type', params: { expected: 'string' } });
      return undefined;
    }
    return value.trim();
  };
  const name = (field: string, value: unknown, max: number): string | undefined => {
    const raw = text(field, value);
    if (raw === undefined) return undefined;
    if (raw.length > max) {
      issues.push({ field, reason: `must be at most ${max} characters`, code: 'too-long', params: { maximum: max } });
      return undefined;
    }
    const unsafe = unsafeTextReason(raw);
    if (unsafe !== undefined) {
      issues.push({ field, reason: unsafe, code: 'unsafe-text' });
      return undefined;
    }
    return raw;
  };
  const day = (field: string, value: unknown, required = true): number | undefined => {
    const raw = text(field, value, required);
    if (raw === undefined) return undefined;
    const parsed = parseDay(raw);
    if (parsed === null) {
      issues.push({ field, reason: 'must be a calendar day written YYYY-MM-DD, e.g. 2026-12-01', code: 'invalid-format', params: { format: 'date' } });
      return undefined;
    }
    if (parsed < EARLIEST_DAY) {
      issues.push({ field, reason: 'must be 2000-01-01 or later', code: 'too-small', params: { minimum: formatDay(EARLIEST_DAY) } });
      return undefined;
    }
    return parsed;
  };

  let msisdn: string | undefined;
  const rawNumber = text('msisdn', input.msisdn);
  if (rawNumber !== undefined) {
    const parsed = normalizePhone(rawNumber);
    if (parsed.ok) msisdn = parsed.e164;
    else issues.push({ field: 'msisdn', reason: parsed.reason, code: 'invalid-phone' });
  }

  let imei: string | undefined;
  const rawImei = text('imei', input.imei);
  if (rawImei !== undefined) {
    const digits = imeiDigits(rawImei);
    if (digits === null) issues.push({ field: 'imei', reason: 'must be the 15 digits of an IMEI (*#06# on the phone shows it)', code: 'invalid-format', params: { format: 'imei' } });
    else if (!imeiCheckDigitValid(digits)) issues.push({ field: 'imei', reason: 'its last digit is not the check digit of the 14 before it: a digit is wrong', code: 'imei-check-digit' });
    else imei = digits;
  }

  const make = name('make', input.make, MAX_MAKE);
  const model = name('model', input.model, MAX_MODEL);

  const purchasedOn = day('purchasedOn', input.purchasedOn);
  if (purchasedOn !== undefined && purchasedOn > today) issues.push({ field: 'purchasedOn', reason: 'is in the future', code: 'in-future' });
  const warrantyUntil = day('warrantyUntil', input.warrantyUntil);
  if (purchasedOn !== undefined && warrantyUntil !== undefined && warrantyUntil < purchasedOn) {
    issues.push({ field: 'warrantyUntil', reason: 'is before purchasedOn', code: 'warranty-before-purchase' });
  }

  const instalments = instalmentsOf(input, purchasedOn, issues, day);

  let status: DeviceStatus | undefined;
  const rawStatus = text('status', input.status, false);
  if (rawStatus === undefined) {
    status = 'active';
  } else {
    const lower = rawStatus.toLowerCase() as DeviceStatus;
    if (DEVICE_STATUSES.includes(lower)) status = lower;
    else issues.push({ field: 'status', reason: `must be one of ${DEVICE_STATUSES.join(', ')}`, code: 'not-one-of', params: { options: DEVICE_STATUSES.join(', ') } });
  }

  if (
    issues.length > 0 || msisdn === undefined || imei === undefined || make === undefined || model === undefined || purchasedOn === undefined ||
    warrantyUntil === undefined || instalments === undefined || status === undefined
  ) {
    return { issues };
  }
  return { device: { msisdn, imei, make, model, purchasedOn, warrantyUntil, instalments, status } };
}

/** The instalment plan: both its fields or neither; undefined when a field is wrong (the issue is pushed). */
function instalmentsOf(
  input: DeviceInput,
  purchasedOn: number | undefined,
  issues: FieldIssue[],
  day: (field: string, value: unknown, required?: boolean) => number | undefined,
): CheckedDevice['instalments'] | undefined {
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  const amountGiven = !empty(input.instalmentRemainingCents);
  const dayGiven = !empty(input.instalmentLastOn);
  if (!amountGiven && !dayGiven) return null;
  if (!amountGiven) {
    issues.push({ field: 'instalmentRemainingCents', reason: 'is required with instalmentLastOn: what is left to pay of the instalment plan (0 when paid off)', code: 'required' });
    return undefined;
  }
  if (!dayGiven) {
    issues.push({ field: 'instalmentLastOn', reason: 'is required with instalmentRemainingCents: the day of the last instalment', code: 'required' });
    return undefined;
  }
  const raw = typeof input.instalmentRemainingCents === 'string' ? Number(input.instalmentRemainingCents.trim()) : input.instalmentRemainingCents;
  let remaining: number | undefined;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) issues.push({ field: 'instalmentRemainingCents', reason: 'must be a number of cents', code: 'not-a-number' });
  else if (!Number.isInteger(raw)) issues.push({ field: 'instalmentRemainingCents', reason: 'must be a whole number of cents (1234 for 12.34 EUR)', code: 'not-whole-number' });
  else if (raw < 0) issues.push({ field: 'instalmentRemainingCents', reason: 'must be at least 0', code: 'too-small', params: { minimum: 0 } });
  else if (raw > MAX_INSTALMENT_CENTS) issues.push({ field: 'instalmentRemainingCents', reason: `must be at most ${MAX_INSTALMENT_CENTS}`, code: 'too-large', params: { maximum: MAX_INSTALMENT_CENTS } });
  else remaining = raw;
  const lastOn = day('instalmentLastOn', input.instalmentLastOn);
  if (lastOn !== undefined && purchasedOn !== undefined && lastOn < purchasedOn) {
    issues.push({ field: 'instalmentLastOn', reason: 'is before purchasedOn', code: 'instalment-before-purchase' });
    return undefined;
  }
  return remaining === undefined || lastOn === undefined ? undefined : { remainingCents: remaining, lastOn };
}
