import { sql, type Kysely, type Transaction } from 'kysely';
import { chunks, inChunks } from '../shared/batches.js';
import type { FieldIssue } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import type { Database, UsageBucket } from '../storage/schema.js';
import { bucketOf, chargedCents, HOME_COUNTRY, periodStartAt } from './buckets.js';
import type { CounterChange } from './counter-change.js';
import { alertCrossings, welcomeRoamers, type Arrival } from './usage-alerts.js';
import { checkUsageEvent, type UsageEvent, type UsageEventInput } from './usage-events.js';

/**
 * Usage ingestion (docs/self-service.md, "Usage sources" and "Counters"): a batch of events, checked,
 * recorded by their id and added to the counters of their line, billing period and bucket, in one
 * transaction. Idempotent on the event id: an event already received (in this batch or an earlier one,
 * through any source) is a duplicate and counts nowhere, so a sender may replay a batch it is not sure
 * was received. A batch with any event refused writes nothing unless `skipInvalid`, which records the
 * valid ones and reports the others.
 */

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

interface LineTerms {
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

interface Terms {
  allowance: number | null;
  blockUnits: number;
  blockPriceCents: number;
}

/** Terms of a bucket the line's plan does not describe (a plan missing from the catalogue): no allowance, nothing charged. */
const NO_TERMS: Terms = { allowance: null, blockUnits: 1, blockPriceCents: 0 };

export async function ingestUsage(
  storage: Storage,
  inputs: readonly UsageEventInput[],
  options: {
    skipInvalid?: boolean;
    now?: number;
    /** check and report, write nothing */
    checkOnly?: boolean;
    /** false: no alert for what this batch passes (history loaded after the fact, such as the demo's) */
    alerts?: boolean;
  } = {},
): Promise<IngestReport> {
  const now = options.now ?? Date.now();
  const refused: RefusedEvent[] = [];
  const valid: { index: number; event: UsageEvent }[] = [];
  inputs.forEach((input, index) => {
    const checked = checkUsageEvent(input, now);
    if ('event' in checked) valid.push({ index, event: checked.event });
    else refused.push({ index, eventId: typeof input.eventId === 'string' ? input.eventId : null, issues: checked.issues });
  });

  const lines = await linesOf(storage.db, valid.map((v) => v.event.msisdn));
  const known = valid.filter(({ index, event }) => {
    if (lines.has(event.msisdn)) return true;
    refused.push({ index, eventId: event.eventId, issues: [{ field: 'msisdn', reason: `${event.msisdn} is not a line of any customer`, code: 'unknown-line' }] });
    return false;
  });
  refused.sort((a, b) => a.index - b.index);

  const report: IngestReport = { received: inputs.length, accepted: 0, duplicates: 0, refused, written: false, counters: [], alerts: 0 };
  if ((refused.length > 0 && !options.skipInvalid) || options.checkOnly) return report;

  // Twice in this batch: the first counts (if it is new), the others are duplicates.
  const seen = new Set<string>();
  const fresh: UsageEvent[] = [];
  for (const { event } of known) {
    if (seen.has(event.eventId)) report.duplicates++;
    else (seen.add(event.eventId), fresh.push(event));
  }

  // Rows are written in key order: two batches at once (PostgreSQL) then take their locks in one order and never deadlock.
  fresh.sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  await storage.db.transaction().execute(async (trx) => {
    const rows = fresh.map((e) => {
      const line = lines.get(e.msisdn)!;
      return {
        event_id: e.eventId, line_id: line.lineId, occurred_at: e.occurredAt, type: e.type, quantity: e.quantity, country: e.country,
        bucket: bucketOf(e.type, e.country), period_start: periodStartAt(e.occurredAt, line.billingDay), accepted_at: now,
      };
    });
    const inserted = new Set<string>();
    for (const part of chunks(rows, 400)) {
      const done = await trx.insertInto('usage_events').values(part).onConflict((oc) => oc.column('event_id').doNothing()).returning('event_id').execute();
      for (const r of done) inserted.add(r.event_id);
    }
    report.accepted = inserted.size;
    report.duplicates += rows.length - inserted.size;

    // What each counter gains: the events recorded now, summed per line, period and bucket.
    const planOf = new Map([...lines.values()].map((l) => [l.lineId, l.plan]));
    const gains = new Map<string, { lineId: string; plan: string; periodStart: number; bucket: UsageBucket; used: number; events: number }>();
    for (const row of rows) {
      if (!inserted.has(row.event_id)) continue;
      const key = `${row.line_id}\u001f${row.period_start}\u001f${row.bucket}`;
      const gain = gains.get(key);
      if (gain) (gain.used += row.quantity, gain.events++);
      else gains.set(key, { lineId: row.line_id, plan: planOf.get(row.line_id)!, periodStart: row.period_start, bucket: row.bucket, used: row.quantity, events: 1 });
    }
    report.counters = await addToCounters(trx, [...gains].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, gain]) => gain), now);
    // Where each line was last used: written only when it changes country (most batches write nothing here).
    const byLine = new Map([...lines.values()].map((l) => [l.lineId, l]));
    const moves = countryMoves(rows.filter((r) => inserted.has(r.event_id)), byLine);
    for (const [lineId, latest] of [...moves.latest].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await trx.updateTable('lines').set({ last_country: latest.country, last_country_at: latest.at }).where('id', '=', lineId).execute();
    }
    // In the same transaction: an alert leaves if and only if the count that called for it commits.
    if (options.alerts !== false) {
      report.alerts = await alertCrossings(trx, report.counters, byLine, now);
      report.alerts += await welcomeRoamers(trx, moves.arrivals, byLine, now);
    }
  });
  report.written = true;
  return report;
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

/**
 * The line each number is, with its account's billing day and its plan. A number given again to a new
 * line keeps its old, terminated line too: the live one is the one usage belongs to.
 */
async function linesOf(db: Kysely<Database>, msisdns: string[]): Promise<Map<string, LineTerms>> {
  const rows = await inChunks(msisdns, (chunk) =>
    db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['lines.id', 'lines.msisdn', 'lines.plan', 'lines.kind', 'lines.status', 'lines.activated_at', 'lines.roaming_limit_cents', 'lines.roaming_limit_off', 'lines.last_country', 'lines.last_country_at', 'accounts.billing_day', 'accounts.party_id'])
      .where('lines.msisdn', 'in', chunk)
      .execute(),
  );
  const rank = (status: string) => (status === 'terminated' ? 0 : 1);
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.msisdn);
    if (!current || rank(row.status) > rank(current.status) || (rank(row.status) === rank(current.status) && row.activated_at > current.activated_at)) best.set(row.msisdn, row);
  }
  return new Map([...best].map(([msisdn, r]) => [msisdn, {
    lineId: r.id, billingDay: Number(r.billing_day), plan: r.plan, partyId: r.party_id, msisdn: r.msisdn, kind: r.kind,
    roamingLimitCents: Number(r.roaming_limit_cents), roamingLimitOff: Number(r.roaming_limit_off) === 1,
    lastCountry: r.last_country, lastCountryAt: r.last_country_at === null ? null : Number(r.last_country_at),
  }]));
}

/**
 * Adds the gains to their counters. A counter's terms (allowance, block, price) are its plan's when
 * its first event arrives; its out-of-bundle amount is recomputed from its new total in the same
 * statement, so two batches adding to one counter at once still give the amount of the sum.
 */
async function addToCounters(
  trx: Transaction<Database>,
  gains: { lineId: string; plan: string; periodStart: number; bucket: UsageBucket; used: number; events: number }[],
  now: number,
): Promise<CounterChange[]> {
  if (gains.length === 0) return [];
  const terms = await termsOf(trx, gains.map((g) => g.plan));
  const changes: CounterChange[] = [];
  for (const part of chunks(gains, 300)) {
    const values = part.map((g) => {
      const t = terms.get(`${g.plan}\u001f${g.bucket}`) ?? NO_TERMS;
      return {
        line_id: g.lineId, period_start: g.periodStart, bucket: g.bucket, used: g.used, events: g.events,
        allowance: t.allowance, block_units: t.blockUnits, block_price_cents: t.blockPriceCents, charged_cents: chargedCents(g.used, t), updated_at: now,
      };
    });
    const total = sql<number>`usage_counters.used + excluded.used`;
    const rows = await trx
      .insertInto('usage_counters')
      .values(values)
      .onConflict((oc) =>
        oc.columns(['line_id', 'period_start', 'bucket']).doUpdateSet({
          used: total,
          events: sql<number>`usage_counters.events + excluded.events`,
          charged_cents: sql<number>`case when usage_counters.allowance is null or ${total} <= usage_counters.allowance then 0
            else ((${total} - usage_counters.allowance + usage_counters.block_units - 1) / usage_counters.block_units) * usage_counters.block_price_cents end`,
          updated_at: now,
        }),
      )
      .returning(['line_id', 'period_start', 'bucket', 'used', 'allowance', 'block_units', 'block_price_cents'])
      .execute();
    const gained = new Map(part.map((g) => [`${g.lineId}\u001f${g.periodStart}\u001f${g.bucket}`, g.used]));
    for (const r of rows) {
      const used = Number(r.used);
      changes.push({
        lineId: r.line_id, periodStart: Number(r.period_start), bucket: r.bucket, used,
        before: used - (gained.get(`${r.line_id}\u001f${r.period_start}\u001f${r.bucket}`) ?? 0),
        allowance: r.allowance === null ? null : Number(r.allowance), blockUnits: Number(r.block_units), blockPriceCents: Number(r.block_price_cents),
      });
    }
  }
  return changes;
}

async function termsOf(db: Kysely<Database>, plans: string[]): Promise<Map<string, Terms>> {
  const rows = await inChunks(plans, (chunk) => db.selectFrom('plan_buckets').selectAll().where('plan_code', 'in', chunk).execute());
  return new Map(
    rows.map((r) => [
      `${r.plan_code}\u001f${r.bucket}`,
      { allowance: r.allowance === null ? null : Number(r.allowance), blockUnits: Number(r.block_units), blockPriceCents: Number(r.block_price_cents) },
    ]),
  );
}
