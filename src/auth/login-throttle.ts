import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { RateLimited } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { clearEndedRateLimits, KyselyRateLimiter } from './rate-limit-store.js';

/**
 * How failed logins slow down further attempts on one key (an account or a client address): the
 * first `freeFailures` within `windowSeconds` cost nothing; from then on each failure blocks the key
 * for `firstDelaySeconds`, doubled at each further failure, at most `maxDelaySeconds`.
 */
export interface ThrottleRule {
  freeFailures: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

/** Per account (e-mail, known or not): a person who mistypes a few times is not slowed; a guesser is. */
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, windowSeconds: 24 * 3600 };
/** Per client address (IPv6: its /64): looser, several people may share one address. */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, firstDelaySeconds: 30, maxDelaySeconds: 15 * 60, windowSeconds: 24 * 3600 };

/** Seconds a key is blocked after its `failures`-th failure in the window: 0 within the free ones. */
export function delayAfter(rule: ThrottleRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelaySeconds, rule.firstDelaySeconds * 2 ** (failures - rule.freeFailures));
}

/** The address a throttle counts: an IPv4 address, or the /64 network of an IPv6 one (a host has a whole /64). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

const hashed = (kind: string, value: string) => `${kind}:${createHash('sha256').update(value).digest('base64url')}`;

/**
 * Brute-force protection of the login, with rate-limiter-flexible's counters in the database
 * (`rate_limits`), so every process of Ecoute sees the same failures and blocks. Keys are hashes:
 * the table holds no e-mail address nor client address.
 */
export class LoginThrottle {
  private readonly accountFailures: KyselyRateLimiter;
  private readonly addressFailures: KyselyRateLimiter;
  private readonly blocks: KyselyRateLimiter;
  private lastCleanup = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly rules: { account: ThrottleRule; address: ThrottleRule } = { account: ACCOUNT_RULE, address: ADDRESS_RULE },
  ) {
    this.accountFailures = new KyselyRateLimiter(db, { keyPrefix: 'login-failures', points: rules.account.freeFailures, duration: rules.account.windowSeconds });
    this.addressFailures = new KyselyRateLimiter(db, { keyPrefix: 'login-failures', points: rules.address.freeFailures, duration: rules.address.windowSeconds });
    this.blocks = new KyselyRateLimiter(db, { keyPrefix: 'login-blocked', points: 1, duration: 1 });
  }

  private keys(email: string, address: string) {
    return { account: hashed('account', email.trim().toLowerCase()), address: hashed('address', addressKey(address)) };
  }

  /** Refuses (429, with the seconds to wait) while the account or the address is blocked; the password is not even tried. */
  async check(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const [account, from] = await Promise.all([this.blocks.get(keys.account), this.blocks.get(keys.address)]);
    const waitMs = Math.max(...[account, from].map((res) => (res && res.consumedPoints > this.blocks.points ? res.msBeforeNext : 0)));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new RateLimited(seconds, `Too many failed logins for this account or from this address: try again in ${seconds} s`);
    }
  }

  /** Counts a failed login against the account and the address; blocks either once past its free failures. */
  async failed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const [account, from] = await Promise.all([this.accountFailures.penalty(keys.account), this.addressFailures.penalty(keys.address)]);
    const accountDelay = delayAfter(this.rules.account, account.consumedPoints);
    const addressDelay = delayAfter(this.rules.address, from.consumedPoints);
    await Promise.all([
      accountDelay > 0 ? this.blocks.block(keys.account, accountDelay) : undefined,
      addressDelay > 0 ? this.blocks.block(keys.address, addressDelay) : undefined,
    ]);
  }

  /** A successful login clears its account's failures (not its address's: one's own account must not reset a guesser's count). */
  async succeeded(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await Promise.all([this.accountFailures.delete(keys.account), this.blocks.delete(keys.account)]);
    if (Date.now() - this.lastCleanup > 3_600_000) {
      this.lastCleanup = Date.now();
      await clearEndedRateLimits(this.db);
    }
  }
}
