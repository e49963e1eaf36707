/** Flow control shared by the gateways: a window of outstanding requests, a rate cap, reconnect backoff. */

/** At most `size` holders at once; the others wait in order. */
export class Window {
  private used = 0;
  private readonly waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`window must be a positive whole number, got ${size}`);
  }

  get inUse(): number {
    return this.used;
  }

  get queued(): number {
    return this.waiting.length;
  }

  acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.used--;
  }

  /** Rejects every waiter (the holders keep their slots until they release). */
  rejectWaiting(error: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}

/**
 * Token bucket as virtual scheduling (GCRA): `ratePerSecond` on average, bursts of at most
 * `burst`. `take()` resolves when the caller may go; callers are served in order. 0 = no cap.
 */
export class RateLimiter {
  private theoreticalArrival = 0;
  private readonly interval: number;
  private readonly tolerance: number;

  constructor(
    readonly ratePerSecond: number,
    burst = Math.max(1, Math.round(ratePerSecond / 10)),
  ) {
    if (!(ratePerSecond >= 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`rate must be ≥ 0, got ${ratePerSecond}`);
    this.interval = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
    this.tolerance = (Math.max(1, burst) - 1) * this.interval;
  }

  /** Milliseconds to wait before going (and the slot is reserved). */
  reserve(now = performance.now()): number {
    if (this.interval === 0) return 0;
    const allowedAt = Math.max(now, this.theoreticalArrival - this.tolerance);
    this.theoreticalArrival = Math.max(this.theoreticalArrival, now) + this.interval;
    return allowedAt - now;
  }

  take(): Promise<void> {
    const wait = this.reserve();
    return wait <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
  }
}

export interface BackoffOptions {
  /** First delay (ms). Default 1000. */
  initialMs?: number;
  /** Cap (ms). Default 60000. */
  maxMs?: number;
}

/** Exponential backoff, capped, with jitter: attempt n waits between 50 % and 100 % of min(max, initial · 2ⁿ). */
export class Backoff {
  private attempt = 0;
  readonly initialMs: number;
  readonly maxMs: number;

  constructor(options: BackoffOptions = {}, private readonly random: () => number = Math.random) {
    this.initialMs = options.initialMs ?? 1000;
    this.maxMs = options.maxMs ?? 60_000;
  }

  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(ceiling * (0.5 + 0.5 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
