import { dayStart, daysBetween, formatDay, localDay, parseDay } from '../shared/calendar.js';
import type { FieldIssue } from '../shared/errors.js';

/**
 * A bill as the billing system sends it (API or CSV file), and its checks (docs/self-service.md,
 * "Bills"). The same checks for every source: each field that is wrong is named with a stable code and
 * the values its message is made of, and the bill is recorded nowhere. Whether its account exists and
 * how it compares with a bill already held are the batch's checks (bill-import.ts).
 */
export interface BillInput {
  billNumber?: unknown;
  accountNumber?: unknown;
  periodStart?: unknown;
  periodEnd?: unknown;
  amountCents?: unknown;
  currency?: unknown;
  issuedOn?: unknown;
  dueOn?: unknown;
  /** true: paid (when is not known: the time Ecoute learns it); false or absent: not paid */
  paid?: unknown;
  /** when it was paid: a day (YYYY-MM-DD) or a time with its offset; empty: see `paid` */
  paidAt?: unknown;
  pdfUrl?: unknown;
}

/** A bill that passed the checks. Days are yyyymmdd (Europe/Luxembourg). */
export interface CheckedBill {
  billNumber: string;
  accountNumber: string;
  periodStart: number;
  periodEnd: number;
  amountCents: number;
  currency: 'EUR';
  issuedOn: number;
  dueOn: number;
  /** `at`: paid then; `unknown`: paid, the time not given; null: not paid */
  paid: { at: number } | 'unknown' | null;
  pdfUrl: string | null;
}

/** A bill number: 1 to 64 visible ASCII characters (`F-2026-000123`), no space. */
const BILL_NUMBER = /^[\x21-\x7e]{1,64}$/;
export const MAX_BILL_NUMBER = 64;
export const MAX_ACCOUNT_NUMBER = 64;
/** The largest amount of one bill, either way (a credit note is negative): ten million euros. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;
/** The longest period one bill covers: a year (a leap year's). */
export const MAX_PERIOD_DAYS = 366;
export const MAX_PDF_URL = 2_000;
/** The first day a bill may be about. */
const EARLIEST_DAY = 20000101;
/** How far ahead of the server's clock a payment time may be (clock skew of the billing system). */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The bill, or every issue of its fields (named without prefix: `amountCents`, `pdfUrl` …). */
export function checkBill(input: BillInput, now: number): { bill: CheckedBill } | { issues: FieldIssue[] } {
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
  const day = (field: string, value: unknown): number | undefined => {
    const raw = text(field, value);
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

  const billNumber = text('billNumber', input.billNumber);
  if (billNumber !== undefined && !BILL_NUMBER.test(billNumber)) {
    issues.push({ field: 'billNumber', reason: `must be 1 to ${MAX_BILL_NUMBER} visible ASCII characters, without spaces`, code: 'invalid-format', params: { format: 'bill-number' } });
  }
  const accountNumber = text('accountNumber', input.accountNumber);
  if (accountNumber !== undefined && accountNumber.length > MAX_ACCOUNT_NUMBER) {
    issues.push({ field: 'accountNumber', reason: `must be at most ${MAX_ACCOUNT_NUMBER} characters`, code: 'too-long', params: { maximum: MAX_ACCOUNT_NUMBER } });
  }

  const periodStart = day('periodStart', input.periodStart);
  const periodEnd = day('periodEnd', input.periodEnd);
  let periodOk = periodStart !== undefined && periodEnd !== undefined;
  if (periodStart !== undefined && periodEnd !== undefined) {
    if (periodEnd < periodStart) {
      issues.push({ field: 'periodEnd', reason: 'is before periodStart', code: 'end-before-start' });
      periodOk = false;
    } else if (daysBetween(periodStart, periodEnd) + 1 > MAX_PERIOD_DAYS) {
      issues.push({ field: 'periodEnd', reason: `a bill covers at most ${MAX_PERIOD_DAYS} days`, code: 'too-long-span', params: { max: MAX_PERIOD_DAYS } });
      periodOk = false;
    }
  }

  let amountCents: number | undefined;
  const rawAmount = typeof input.amountCents === 'string' && input.amountCents.trim() !== '' ? Number(input.amountCents.trim()) : input.amountCents;
  if (rawAmount === undefined || rawAmount === null || rawAmount === '') {
    issues.push({ field: 'amountCents', reason: 'is required', code: 'required' });
  } else if (typeof rawAmount !== 'number' || !Number.isFinite(rawAmount)) {
    issues.push({ field: 'amountCents', reason: 'must be a number of cents', code: 'not-a-number' });
  } else if (!Number.isInteger(rawAmount)) {
    issues.push({ field: 'amountCents', reason: 'must be a whole number of cents (1234 for 12.34 EUR)', code: 'not-whole-number' });
  } else if (rawAmount > MAX_AMOUNT_CENTS) {
    issues.push({ field: 'amountCents', reason: `must be at most ${MAX_AMOUNT_CENTS}`, code: 'too-large', params: { maximum: MAX_AMOUNT_CENTS } });
  } else if (rawAmount < -MAX_AMOUNT_CENTS) {
    issues.push({ field: 'amountCents', reason: `must be at least ${-MAX_AMOUNT_CENTS}`, code: 'too-small', params: { minimum: -MAX_AMOUNT_CENTS } });
  } else {
    amountCents = rawAmount;
  }

  const currency = text('currency', input.currency, false);
  if (currency !== undefined && currency.toUpperCase() !== 'EUR') {
    issues.push({ field: 'currency', reason: 'must be EUR', code: 'not-one-of', params: { options: 'EUR' } });
  }

  const issuedOn = day('issuedOn', input.issuedOn);
  if (issuedOn !== undefined && issuedOn > today) issues.push({ field: 'issuedOn', reason: 'is in the future', code: 'in-future' });
  const dueOn = day('dueOn', input.dueOn);
  if (issuedOn !== undefined && dueOn !== undefined && dueOn < issuedOn) {
    issues.push({ field: 'dueOn', reason: 'is before issuedOn', code: 'due-before-issue' });
  }

  const paid = paymentOf(input, now, issues);
  const pdfUrl = pdfUrlOf(input.pdfUrl, issues);

  if (
    issues.length > 0 || billNumber === undefined || accountNumber === undefined || !periodOk || amountCents === undefined ||
    issuedOn === undefined || dueOn === undefined || paid === undefined || pdfUrl === undefined
  ) {
    return { issues };
  }
  return { bill: { billNumber, accountNumber, periodStart: periodStart!, periodEnd: periodEnd!, amountCents, currency: 'EUR', issuedOn, dueOn, paid, pdfUrl } };
}

/** Whether and when it was paid, from `paid` and `paidAt`; undefined when either is wrong (the issue is pushed). */
function paymentOf(input: BillInput, now: number, issues: FieldIssue[]): CheckedBill['paid'] | undefined {
  const flag = input.paid;
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
    issues.push({ field: 'paid', reason: 'must be true or false', code: 'wrong-type', params: { expected: 'boolean' } });
    return undefined;
  }
  const raw = input.paidAt;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return flag === true ? 'unknown' : null;
  if (typeof raw !== 'string') {
    issues.push({ field: 'paidAt', reason: 'must be a string', code: 'wrong-type', params: { expected: 'string' } });
    return undefined;
  }
  if (flag === false) {
    issues.push({ field: 'paid', reason: 'is false, but paidAt says when it was paid', code: 'invalid' });
    return undefined;
  }
  const value = raw.trim();
  const day = parseDay(value);
  const at = day !== null ? dayStart(day) : ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at)) {
    issues.push({ field: 'paidAt', reason: 'must be a day (2026-12-10) or a time with its offset (2026-12-10T09:15:00+01:00)', code: 'invalid-format', params: { format: 'datetime' } });
    return undefined;
  }
  if (at < dayStart(EARLIEST_DAY)) {
    issues.push({ field: 'paidAt', reason: 'must be 2000-01-01 or later', code: 'too-small', params: { minimum: formatDay(EARLIEST_DAY) } });
    return undefined;
  }
  if (day !== null ? day > localDay(now) : at > now + FUTURE_TOLERANCE_MS) {
    issues.push({ field: 'paidAt', reason: 'is in the future', code: 'in-future' });
    return undefined;
  }
  return { at };
}

/**
 * The link to the bill's PDF: https only. Staff and the customer open it from Ecoute's pages: a plain
 * http link would carry the bill (personal data) unencrypted and could be altered on the way, and any
 * other scheme (`javascript:`, `data:`, `file:`) would run or open something in the reader's browser
 * instead of a document. Credentials in the link would show them to every reader. Null: no link.
 */
function pdfUrlOf(value: unknown, issues: FieldIssue[]): string | null | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string') {
    issues.push({ field: 'pdfUrl', reason: 'must be a string', code: 'wrong-type', params: { expected: 'string' } });
    return undefined;
  }
  const raw = value.trim();
  if (raw.length > MAX_PDF_URL) {
    issues.push({ field: 'pdfUrl', reason: `must be at most ${MAX_PDF_URL} characters`, code: 'too-long', params: { maximum: MAX_PDF_URL } });
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    issues.push({ field: 'pdfUrl', reason: 'must be an absolute URL, e.g. https://billing.example.lu/bills/F-2026-000123.pdf', code: 'invalid-format', params: { format: 'url' } });
    return undefined;
  }
  if (url.protocol !== 'https:') {
    issues.push({ field: 'pdfUrl', reason: `must be an https URL, not ${url.protocol.replace(/:$/, '')}`, code: 'not-https' });
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    issues.push({ field: 'pdfUrl', reason: 'must not hold a user name or password', code: 'url-with-credentials' });
    return undefined;
  }
  return url.href;
}
