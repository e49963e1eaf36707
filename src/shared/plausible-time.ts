import { z } from 'zod';

/** The earliest time a contact or call event may have: Ecoute holds no contact from before 2000. */
export const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1);
/** How far ahead of the server's clock a time may be: a day covers any clock skew and time zone slip. */
export const FUTURE_TOLERANCE_MS = 86_400_000;

/** Why the time `ms` (epoch milliseconds) cannot be when something happened, or undefined when it can. */
export function implausibleTimeReason(ms: number, now: number = Date.now()): string | undefined {
  if (!Number.isFinite(ms)) return 'is not a time';
  if (ms < EARLIEST_PLAUSIBLE) return 'is before 2000-01-01';
  if (ms > now + FUTURE_TOLERANCE_MS) return 'is more than a day in the future';
  return undefined;
}

/**
 * The schema of a time at which something happened (a contact's start or end, a call event): ISO 8601
 * with its offset, not before 2000 and not more than a day ahead of now.
 */
export function plausibleTime() {
  return z.iso.datetime({ offset: true }).superRefine((value, ctx) => {
    const reason = implausibleTimeReason(Date.parse(value));
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}
