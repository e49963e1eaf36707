import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneParse =
  | { ok: true; e164: string; kind: 'mobile' | 'landline' | 'other' }
  | { ok: false; reason: string };

/**
 * Reads a phone number in any usual spelling (`+352 621 123 456`, `00352621123456`,
 * `621123456`, `(+352) 26 12 34`) and returns it in E.164. Numbers without a country
 * prefix are read as Luxembourg numbers.
 */
export function normalizePhone(input: string): PhoneParse {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'is empty' };
  if (/[^\d\s+().\-/]/.test(trimmed)) {
    return { ok: false, reason: 'may only contain digits, spaces, +, -, /, . and brackets' };
  }
  const compact = trimmed.replace(/[\s().\-/]/g, '').replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(compact, 'LU');
  if (!parsed || !parsed.isValid()) {
    return { ok: false, reason: `"${trimmed}" is not a valid phone number (expected e.g. +352 621 123 456)` };
  }
  const type = parsed.getType();
  const kind = type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'landline' : 'other';
  return { ok: true, e164: parsed.number, kind };
}
