/**
 * Seeded pseudo-random numbers for the demo data: small, fast (sfc32) and reproducible.
 * Every customer gets its own stream derived from (seed, customer index), so a customer's data
 * does not depend on how the load is chunked.
 */

/** 32-bit mix of several integers (murmur3 finalizer over a running hash). */
export function hash32(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // second word for values above 2^32 (seeds, epoch times)
    const high = Math.floor(value / 4294967296) | 0;
    h = Math.imul(h ^ high, 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 1) {
    this.reseed(seed);
  }

  /** Restarts the stream from a 32-bit seed. */
  reseed(seed: number): this {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    for (let i = 0; i < 12; i++) this.uint32();
    return this;
  }

  /** Uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** Picks among items with fixed relative weights in O(log n). */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error('Weighted needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      sum += weight;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Random): T {
    return this.at(rng.next());
  }

  /** The item at `fraction` (0 ≤ fraction < 1) of the total weight. */
  at(fraction: number): T {
    const x = fraction * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/**
 * A bijection of [0, size) chosen by the seed: turns a running index into a number that looks
 * random but never repeats (phone numbers are unique without remembering the ones handed out).
 */
export class Permutation {
  private readonly multiplier: number;
  private readonly offset: number;

  constructor(
    readonly size: number,
    seed: number,
  ) {
    if (size < 2 || size * size > Number.MAX_SAFE_INTEGER) throw new RangeError(`permutation size ${size} not supported`);
    let m = (hash32(seed, size, 1) % (size - 1)) + 1;
    while (gcd(m, size) !== 1) m = (m % (size - 1)) + 1;
    this.multiplier = m;
    this.offset = hash32(seed, size, 2) % size;
  }

  at(index: number): number {
    if (index < 0 || index >= this.size) throw new RangeError(`index ${index} outside [0, ${this.size})`);
    return (index * this.multiplier + this.offset) % this.size;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
