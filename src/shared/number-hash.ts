import { createHmac } from 'node:crypto';

/** What an erased customer's opted-out number becomes in `opt_outs`: this prefix and a keyed hash. */
export const NUMBER_HASH_PREFIX = 'hmac:';

/**
 * The keyed hash (HMAC-SHA-256, hex) that stands for a phone number (E.164) once its owner is
 * erased: the opt-out stays, the number is gone. Keyed, because the numbers of a country are few
 * enough to hash them all: without the key, the hash tells nothing.
 */
export function numberHash(key: string, e164: string): string {
  return NUMBER_HASH_PREFIX + createHmac('sha256', key).update(e164).digest('hex');
}

/** The values of `opt_outs.msisdn` that stand for these numbers: each number and its keyed hash. */
export function optOutKeys(key: string, numbers: readonly string[]): string[] {
  return numbers.flatMap((n) => [n, numberHash(key, n)]);
}
