import type { FieldIssue } from '../shared/errors.js';
import { HOME_COUNTRY } from './buckets.js';
import type { CounterChange } from './counter-change.js';
import type { LineTerms } from './line-terms.js';
import type { Arrival } from './usage-alerts.js';
import type { UsageEvent } from './usage-events.js';

/** What a batch of usage events is and gives, and the steps both ways of writing it share (usage-ingest.ts). */

/** One event refused: where it was in the batch (0-based), its id when it had one, and every issue. */
export interface RefusedEvent {
  index: number;
  eventId: string | null;
  issues: FieldIssue[];
}

export interface IngestReport {
  received: number;
  /** counted now */
  accepted: number;
  /** already received (earlier, or twice in this batch): not counted again */
  duplicates: number;
  refused: RefusedEvent[];
  /** false: refusals and no skipInvalid, nothing was written */
  written: boolean;
  /** the counters this batch changed, as they are after it */
  counters: CounterChange[];
  /** alerts written (SMS to lines that passed 80% or 100% of their data) */
  alerts: number;
}

/** The most events one batch may carry (an API request, a chunk of a file, a bus delivery). */
export const MAX_BATCH_EVENTS = 10_000;

export interface IngestOptions {
  skipInvalid?: boolean;
  now?: number;
  /** check and report, write nothing */
  checkOnly?: boolean;
  /** false: no alert for what this batch passes (history loaded after the fact, such as the demo's) */
  alerts?: boolean;
}

/** A batch after the checks of each event: the valid ones with their place, the refused ones. */
export interface CheckedBatch {
  received: number;
  valid: { index: number; event: UsageEvent }[];
  refused: RefusedEvent[];
}

/**
 * Refuses the events whose number is no customer's line (added to `refused`, which ends sorted by the
 * events' places) and answers the others, each with its line.
 */
export function refuseUnknownLines<T extends { index: number; event: UsageEvent }>(
  valid: readonly T[],
  refused: RefusedEvent[],
  lineOf: (msisdn: string) => LineTerms | undefined,
): { known: T[]; lines: LineTerms[] } {
  const known: T[] = [];
  const lines: LineTerms[] = [];
  for (const v of valid) {
    const line = lineOf(v.event.msisdn);
    if (line) (known.push(v), lines.push(line));
    else refused.push({ index: v.index, eventId: v.event.eventId, issues: [{ field: 'msisdn', reason: `${v.event.msisdn} is not a line of any customer`, code: 'unknown-line' }] });
  }
  refused.sort((a, b) => a.index - b.index);
  return { known, lines };
}

/**
 * Where the batch's events take each line, event by event in the order they happened from where the
 * line was last used: an event in another country than the line's latest is a move, and a move to a
 * country abroad an arrival there (a line's first use ever abroad included). An event older than the
 * line's latest known one moves nothing. `latest`: the lines whose country changed, with their latest.
 */
export function countryMoves(
  rows: readonly { line_id: string; period_start: number; country: string; occurred_at: number }[],
  lines: ReadonlyMap<string, { lastCountry: string | null; lastCountryAt: number | null }>,
): { arrivals: Arrival[]; latest: Map<string, { country: string; at: number }> } {
  const byLine = new Map<string, typeof rows[number][]>();
  for (const r of rows) {
    const list = byLine.get(r.line_id);
    if (list) list.push(r);
    else byLine.set(r.line_id, [r]);
  }
  const arrivals: (Arrival & { at: number })[] = [];
  const latest = new Map<string, { country: string; at: number }>();
  for (const [lineId, events] of byLine) {
    const known = lines.get(lineId);
    let country = known?.lastCountry ?? null;
    let at = known?.lastCountryAt ?? null;
    for (const e of [...events].sort((a, b) => a.occurred_at - b.occurred_at)) {
      if (at !== null && e.occurred_at < at) continue;
      if (e.country !== country && e.country !== HOME_COUNTRY) arrivals.push({ lineId, periodStart: e.period_start, country: e.country, at: e.occurred_at });
      if (e.country !== country) latest.set(lineId, { country: e.country, at: e.occurred_at });
      country = e.country;
      at = e.occurred_at;
    }
  }
  return { arrivals: arrivals.sort((a, b) => a.at - b.at), latest };
}
