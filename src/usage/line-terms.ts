import type { UsageFastPath, UsageLineRow } from '../storage/usage-fast-path.js';

/**
 * What ingestion needs to know of a line to count its events (docs/self-service.md, "Counters"): the
 * line, its plan, its account's billing day and customer, its roaming limit, where it was last used.
 */
export interface LineTerms {
  lineId: string;
  billingDay: number;
  plan: string;
  partyId: string;
  msisdn: string;
  kind: 'mobile' | 'landline';
  roamingLimitCents: number;
  roamingLimitOff: boolean;
  lastCountry: string | null;
  lastCountryAt: number | null;
}

export function lineTermsOfRow(r: Omit<UsageLineRow, 'billing_day' | 'roaming_limit_cents' | 'roaming_limit_off' | 'last_country_at'> & {
  billing_day: number | string; roaming_limit_cents: number | string; roaming_limit_off: number | string; last_country_at: number | string | null;
}): LineTerms {
  return {
    lineId: r.id, billingDay: Number(r.billing_day), plan: r.plan, partyId: r.party_id, msisdn: r.msisdn, kind: r.kind,
    roamingLimitCents: Number(r.roaming_limit_cents), roamingLimitOff: Number(r.roaming_limit_off) === 1,
    lastCountry: r.last_country, lastCountryAt: r.last_country_at === null ? null : Number(r.last_country_at),
  };
}

/** The log is pruned to this many entries when it holds twice as many. */
const LOG_KEPT = 50_000;
/** Lines kept at most; past it the longest kept go first (a tenth at a time). */
const MAX_LINES = 2_000_000;

/**
 * The terms of the lines ingestion counted for lately, by number, on SQLite: a batch of 10,000 events
 * reads only the lines it has not met yet instead of all of them. Never stale: `refresh()`, called at
 * the start of each batch inside its transaction (no other writer can change a line until it ends),
 * forgets every line the log of changes names since the last batch (a trigger writes it whoever
 * changes a line or its account: migration 2027-01-09-usage-fast-path), and everything when the log
 * was pruned past what this process had read.
 */
export class LineTermsCache {
  private readonly byNumber = new Map<string, LineTerms>();
  /** the last change of the log this process has read; undefined: none yet */
  private seen: number | undefined;

  constructor(private readonly fast: UsageFastPath) {}

  /** Forgets the lines changed since the last call, and prunes the log when it is long (in a write transaction only). */
  refresh(): void {
    const { changes, min, max } = this.fast.lineChanges(this.seen ?? Number.MAX_SAFE_INTEGER);
    const lost = this.seen === undefined || (max === null ? this.seen !== 0 : max < this.seen || (min !== null && min > this.seen + 1));
    if (lost) {
      this.byNumber.clear();
    } else {
      for (const change of changes) this.byNumber.delete(change.msisdn);
    }
    this.seen = max ?? 0;
    if (min !== null && max !== null && max - min > 2 * LOG_KEPT && this.fast.inTransaction()) this.fast.pruneLineChanges(max - LOG_KEPT);
  }

  /** The terms of each of these numbers that is a line (reading those not kept yet), by number. */
  load(msisdns: readonly string[]): void {
    let missing: Set<string> | undefined;
    for (const msisdn of msisdns) if (!this.byNumber.has(msisdn)) (missing ??= new Set()).add(msisdn);
    if (!missing) return;
    if (this.byNumber.size + missing.size > MAX_LINES) this.evict(Math.max(missing.size, MAX_LINES / 10));
    for (const row of this.fast.lines([...missing])) this.byNumber.set(row.msisdn, lineTermsOfRow(row));
  }

  /**
   * Where this batch's events took these lines, written by this transaction just now: kept as written,
   * and the log's entries of these writes marked read (no other writer can have written between them:
   * the batch holds the write lock), so the next batch does not read these lines again.
   */
  movedHere(moves: readonly { line: LineTerms; country: string; at: number }[]): void {
    for (const { line, country, at } of moves) (line.lastCountry = country), (line.lastCountryAt = at);
    this.seen = this.fast.lineChanges(Number.MAX_SAFE_INTEGER).max ?? 0;
  }

  get(msisdn: string): LineTerms | undefined {
    return this.byNumber.get(msisdn);
  }

  /** Forgets everything (a batch that failed after it read lines it may have changed). */
  clear(): void {
    this.byNumber.clear();
    this.seen = undefined;
  }

  private evict(count: number): void {
    let left = count;
    for (const msisdn of this.byNumber.keys()) {
      if (left-- <= 0) break;
      this.byNumber.delete(msisdn);
    }
  }
}

const caches = new WeakMap<UsageFastPath, LineTermsCache>();

/** The cache of a database's fast path (one per open database). */
export function lineTermsCache(fast: UsageFastPath): LineTermsCache {
  let cache = caches.get(fast);
  if (!cache) caches.set(fast, (cache = new LineTermsCache(fast)));
  return cache;
}
