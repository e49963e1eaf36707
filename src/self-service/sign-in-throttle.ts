import type { Kysely } from 'kysely';
import { addressKey } from '../auth/login-throttle.js';
import { KyselyRateLimiter } from '../auth/rate-limit-store.js';
import { RateLimited, type RATE_LIMIT_CODES } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/** A number of events allowed per window, on one key. */
export interface Allowance {
  points: number;
  windowSeconds: number;
}

/** The limits of the customer's sign-in (docs/self-service.md, "Sign-in"), on a number (customer or not) and on a client address. */
export interface SignInLimits {
  /** codes asked for one number: a few in a short while (a code that did not arrive), and a day's worth */
  codesPerNumber: Allowance;
  codesPerNumberPerDay: Allowance;
  /** codes asked from one address (IPv6: its /64) for any numbers: a shop's tablet signs in several customers */
  codesPerAddress: Allowance;
  /** wrong codes for one number over its codes, and from one address */
  failuresPerNumber: Allowance;
  failuresPerAddress: Allowance;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  codesPerNumber: { points: 3, windowSeconds: 15 * 60 },
  codesPerNumberPerDay: { points: 10, windowSeconds: 24 * 3600 },
  codesPerAddress: { points: 30, windowSeconds: 3600 },
  failuresPerNumber: { points: 10, windowSeconds: 24 * 3600 },
  failuresPerAddress: { points: 50, windowSeconds: 3600 },
};

interface Limited {
  limiter: KyselyRateLimiter;
  key: string;
}

/**
 * Throttles of the customer's sign-in, with rate-limiter-flexible's counters in the database (every
 * process shares them). Keys are the keyed hash of the number (the same for a customer's number and
 * anyone else's: a limit tells nothing of who is a customer) and the hashed client address.
 */
export class SignInThrottle {
  private readonly limiters: Record<keyof SignInLimits, KyselyRateLimiter>;

  constructor(db: Kysely<Database>, limits: SignInLimits = SIGN_IN_LIMITS) {
    const limiter = (prefix: string, a: Allowance) => new KyselyRateLimiter(db, { keyPrefix: `sign-in-${prefix}`, points: a.points, duration: a.windowSeconds });
    this.limiters = {
      codesPerNumber: limiter('codes', limits.codesPerNumber),
      codesPerNumberPerDay: limiter('codes-day', limits.codesPerNumberPerDay),
      codesPerAddress: limiter('codes-from', limits.codesPerAddress),
      failuresPerNumber: limiter('failures', limits.failuresPerNumber),
      failuresPerAddress: limiter('failures-from', limits.failuresPerAddress),
    };
  }

  /** Counts a code asked for; refused (429 `too-many-codes`, with the seconds to wait) past a limit, the refused request counted too. */
  async codeAsked(numberKey: string, address: string): Promise<void> {
    const from = `address:${addressKey(address)}`;
    await this.consume(
      [
        { limiter: this.limiters.codesPerNumber, key: numberKey },
        { limiter: this.limiters.codesPerNumberPerDay, key: numberKey },
        { limiter: this.limiters.codesPerAddress, key: from },
      ],
      'too-many-codes',
      'Too many codes asked for this number or from this address',
    );
  }

  /** Refuses (429 `too-many-attempts`) a code check while the number or the address has had too many wrong codes; checks nothing else. */
  async checkAllowed(numberKey: string, address: string): Promise<void> {
    const keys = this.failureKeys(numberKey, address);
    const results = await Promise.all(keys.map(({ limiter, key }) => limiter.get(key)));
    const waitMs = Math.max(0, ...results.map((res, i) => (res && res.consumedPoints >= keys[i]!.limiter.points ? res.msBeforeNext : 0)));
    if (waitMs > 0) throw tooMany(waitMs, 'too-many-attempts', 'Too many wrong codes for this number or from this address');
  }

  /** Counts a wrong code against the number and the address. */
  async failed(numberKey: string, address: string): Promise<void> {
    await Promise.all(this.failureKeys(numberKey, address).map(({ limiter, key }) => limiter.penalty(key)));
  }

  private failureKeys(numberKey: string, address: string): Limited[] {
    return [
      { limiter: this.limiters.failuresPerNumber, key: numberKey },
      { limiter: this.limiters.failuresPerAddress, key: `address:${addressKey(address)}` },
    ];
  }

  private async consume(keys: Limited[], code: (typeof RATE_LIMIT_CODES)[number], message: string): Promise<void> {
    const results = await Promise.all(keys.map(({ limiter, key }) => limiter.penalty(key)));
    const waitMs = Math.max(0, ...results.map((res, i) => (res.consumedPoints > keys[i]!.limiter.points ? res.msBeforeNext : 0)));
    if (waitMs > 0) throw tooMany(waitMs, code, message);
  }
}

function tooMany(waitMs: number, code: (typeof RATE_LIMIT_CODES)[number], message: string): RateLimited {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new RateLimited(seconds, `${message}: try again in ${seconds} s`, code);
}
