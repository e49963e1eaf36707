import type { Kysely } from 'kysely';
import { Z_95 } from '../shared/normal.js';
import { twoProportionTest, wilsonInterval } from '../shared/proportions.js';
import { addDays, dayStart } from '../shared/calendar.js';
import { meanInterval, studentTQuantile } from '../shared/student-t.js';
import type { Database } from '../storage/schema.js';
import { categorise, npsReport } from '../nps/nps-report.js';
import { compare, estimate, type NpsCounts } from '../nps/statistics.js';

/**
 * The figures of advisors over days (docs/quality.md, "Figures of advisors"): quality score (mean of
 * their coaching evaluations, calibration never counted), NPS of the surveys of their contacts, first-
 * contact resolution and repeat rate of their contacts, each with its 95% interval; the same counting
 * as the NPS reports (src/nps/nps-report.ts), read from the aggregates grouped by advisor. Several
 * advisors pool their counts (never their rates); a before/after comparison gives each difference with
 * its interval.
 */

/** An advisor's days, inclusive (Europe/Luxembourg yyyymmdd). */
export interface AdvisorWindow {
  advisorId: string;
  from: number;
  to: number;
}

/** What is counted for one advisor or several pooled. */
export interface RawFigures {
  scores: number[];
  passed: number;
  criticalFailures: number;
  /** answered responses by basis */
  nps: Map<string, NpsCounts>;
  contacts: number;
  fcr: number;
  repeats: number;
}

export interface Interval {
  low: number;
  high: number;
}

export interface PeopleFigures {
  quality: { evaluations: number; mean: number | null; interval: Interval | null; passRate: number | null; criticalFailures: number };
  /** on the basis with most responses (figures on two bases are never mixed); `otherBases` responses left out */
  nps: { basis: string | null; n: number; nps: number | null; interval: Interval | null; reliable: boolean; otherBases: number };
  fcr: { contacts: number; count: number; rate: number | null; interval: Interval | null };
  repeat: { contacts: number; count: number; rate: number | null; interval: Interval | null };
}

export interface FiguresChange {
  /** after − before, in points, with the 95% interval of the difference; null when either side lacks data */
  quality: { difference: number; interval: Interval } | null;
  nps: { difference: number; interval: Interval; pValue: number; significant: boolean } | null;
  fcr: { difference: number; interval: Interval; pValue: number; significant: boolean } | null;
  repeat: { difference: number; interval: Interval; pValue: number; significant: boolean } | null;
}

export const emptyRaw = (): RawFigures => ({ scores: [], passed: 0, criticalFailures: 0, nps: new Map(), contacts: 0, fcr: 0, repeats: 0 });

/** Adds b's counts into a (in place) and returns a. */
export function poolInto(a: RawFigures, b: RawFigures): RawFigures {
  a.scores.push(...b.scores);
  a.passed += b.passed;
  a.criticalFailures += b.criticalFailures;
  for (const [basis, c] of b.nps) {
    const sum = a.nps.get(basis) ?? { promoters: 0, passives: 0, detractors: 0 };
    a.nps.set(basis, { promoters: sum.promoters + c.promoters, passives: sum.passives + c.passives, detractors: sum.detractors + c.detractors });
  }
  a.contacts += b.contacts;
  a.fcr += b.fcr;
  a.repeats += b.repeats;
  return a;
}

/** The counts of each advisor over their windows (several windows of one advisor add up). */
export async function rawFiguresByAdvisor(db: Kysely<Database>, windows: readonly AdvisorWindow[], today?: number): Promise<Map<string, RawFigures>> {
  const byAdvisor = new Map<string, RawFigures>();
  const of = (id: string) => byAdvisor.get(id) ?? (byAdvisor.set(id, emptyRaw()), byAdvisor.get(id)!);
  for (const w of windows) of(w.advisorId);
  // one read per distinct window, for all its advisors at once
  const groups = new Map<string, { from: number; to: number; advisors: Set<string> }>();
  for (const w of windows) {
    if (w.from > w.to) continue;
    const key = `${w.from}-${w.to}`;
    const g = groups.get(key) ?? { from: w.from, to: w.to, advisors: new Set<string>() };
    g.advisors.add(w.advisorId);
    groups.set(key, g);
  }
  for (const { from, to, advisors } of groups.values()) {
    const ids = [...advisors];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('evaluations')
        .select(['advisor_id', 'score', 'pass', 'critical_failures'])
        .where('purpose', '=', 'coaching')
        .where('state', '!=', 'draft')
        .where('advisor_id', 'in', ids.slice(i, i + 500))
        .where('submitted_at', '>=', dayStart(from))
        .where('submitted_at', '<', dayStart(addDays(to, 1)))
        .execute();
      for (const r of rows) {
        const raw = of(r.advisor_id);
        raw.scores.push(Number(r.score ?? 0));
        if (r.pass === 1) raw.passed += 1;
        if ((JSON.parse(r.critical_failures) as string[]).length > 0) raw.criticalFailures += 1;
      }
    }
    const report = await npsReport(db, { from, to, interval: 'total', groupBy: ['advisor'], filters: {}, minResponses: 1, source: 'aggregates', ...(today !== undefined ? { today } : {}) });
    const counted = new Set<string>();
    for (const row of report.rows) {
      const id = row.group.advisor ?? '';
      if (!advisors.has(id)) continue;
      const raw = of(id);
      if (row.basis !== '') {
        const counts = categorise(row.scores, row.basis);
        poolInto(raw, { ...emptyRaw(), nps: new Map([[row.basis, counts]]) });
      }
      // every row of a group carries the group's contacts: count them once
      if (!counted.has(id)) {
        counted.add(id);
        raw.contacts += row.contacts;
        raw.fcr += row.fcr;
        raw.repeats += row.repeats;
      }
    }
  }
  return byAdvisor;
}

/** The counts of several advisors' windows pooled. */
export async function pooledRawFigures(db: Kysely<Database>, windows: readonly AdvisorWindow[], today?: number): Promise<RawFigures> {
  const pooled = emptyRaw();
  for (const raw of (await rawFiguresByAdvisor(db, windows, today)).values()) poolInto(pooled, raw);
  return pooled;
}

const rate = (count: number, n: number) => {
  const w = wilsonInterval(count, n);
  return { contacts: n, count, rate: w ? 100 * w.rate : null, interval: w ? { low: 100 * w.low, high: 100 * w.high } : null };
};

function mainBasis(raw: RawFigures): { basis: string | null; counts: NpsCounts; others: number } {
  let best: { basis: string | null; counts: NpsCounts } = { basis: null, counts: { promoters: 0, passives: 0, detractors: 0 } };
  let total = 0;
  const size = (c: NpsCounts) => c.promoters + c.passives + c.detractors;
  for (const [basis, counts] of raw.nps) {
    total += size(counts);
    if (size(counts) > size(best.counts) || (size(counts) === size(best.counts) && best.basis !== null && basis < best.basis)) best = { basis, counts };
  }
  return { ...best, others: total - size(best.counts) };
}

function meanAndSd(scores: readonly number[]): { n: number; mean: number | null; sd: number | null } {
  const n = scores.length;
  if (n === 0) return { n, mean: null, sd: null };
  const mean = scores.reduce((s, x) => s + x, 0) / n;
  return { n, mean, sd: n < 2 ? null : Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) };
}

/** The figures of counts: rates in %, NPS in points, each with its 95% interval. */
export function summarise(raw: RawFigures, minResponses: number): PeopleFigures {
  const q = meanAndSd(raw.scores);
  const ci = q.mean === null ? null : meanInterval(q.n, q.mean, q.sd);
  const main = mainBasis(raw);
  const e = estimate(main.counts, minResponses);
  return {
    quality: {
      evaluations: q.n,
      mean: q.mean,
      interval: ci && { low: Math.max(0, ci.low), high: Math.min(100, ci.high) },
      passRate: q.n === 0 ? null : (100 * raw.passed) / q.n,
      criticalFailures: raw.criticalFailures,
    },
    nps: { basis: main.basis, n: e.n, nps: e.nps, interval: e.ciLow === null || e.ciHigh === null ? null : { low: e.ciLow, high: e.ciHigh }, reliable: e.reliable, otherBases: main.others },
    fcr: rate(raw.fcr, raw.contacts),
    repeat: rate(raw.repeats, raw.contacts),
  };
}

/**
 * After against before: quality by Welch's t interval of the difference of means; NPS by the
 * difference of adjusted-Wald estimates (same basis only); FCR and repeat rate by Newcombe's
 * interval of the difference of proportions.
 */
export function compareFigures(before: RawFigures, after: RawFigures, minResponses: number): FiguresChange {
  const a = meanAndSd(after.scores);
  const b = meanAndSd(before.scores);
  let quality: FiguresChange['quality'] = null;
  if (a.sd !== null && b.sd !== null) {
    const va = a.sd ** 2 / a.n;
    const vb = b.sd ** 2 / b.n;
    const difference = a.mean! - b.mean!;
    const se = Math.sqrt(va + vb);
    // Welch–Satterthwaite degrees of freedom; both samples constant: no spread, the difference is exact
    const df = se === 0 ? Infinity : (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
    const half = se === 0 ? 0 : (Number.isFinite(df) ? studentTQuantile(0.975, df) : Z_95) * se;
    quality = { difference, interval: { low: difference - half, high: difference + half } };
  }
  const mb = mainBasis(before);
  const afterCounts = mb.basis === null ? undefined : after.nps.get(mb.basis);
  const test = afterCounts ? compare(afterCounts, mb.counts, { minResponses }) : null;
  const nps = test && { difference: test.difference, interval: { low: test.difference - Z_95 * test.standardError, high: test.difference + Z_95 * test.standardError }, pValue: test.pValue, significant: test.significant };
  const proportions = (sa: number, sb: number) => {
    const t = twoProportionTest({ successes: sa, n: after.contacts }, { successes: sb, n: before.contacts });
    return t && { difference: 100 * t.difference, interval: { low: 100 * t.low, high: 100 * t.high }, pValue: t.pValue, significant: t.significant };
  };
  return { quality, nps, fcr: proportions(after.fcr, before.fcr), repeat: proportions(after.repeats, before.repeats) };
}
