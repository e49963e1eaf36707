import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { parsePeriod } from './analysis-query.js';
import { coding, saveCodings } from './analysis.testkit.js';
import { causeChart, wholePeriods, type CauseChartQuery } from './cause-chart.js';

const at = (iso: string) => Date.parse(iso);

/** `n` customers created at `createdAt`, written a few hundred at a time. */
async function customers(storage: Storage, prefix: string, n: number, createdAt: number) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`, customer_number: `${prefix}-${i}`, kind: 'individual' as const, given_name: null, family_name: null, organisation_name: null, display_name: 'x', search_name: 'x',
    preferred_language: 'fr' as const, consent_surveys: 1 as const, consent_marketing: 0 as const, created_at: createdAt, updated_at: createdAt, erased_at: null, import_batch_id: null,
  }));
  for (let i = 0; i < rows.length; i += 200) await storage.db.insertInto('parties').values(rows.slice(i, i + 200)).execute();
}

/**
 * The worked example of docs/improvement.md ("Control chart of a cause"): complaints coded with a
 * billing cause per month of 2026, 1,000 customers until April and 2,000 from then on.
 */
const MONTHS: [string, number][] = [['2026-01-15', 2], ['2026-02-15', 1], ['2026-03-15', 3], ['2026-04-20', 4], ['2026-05-15', 4], ['2026-06-15', 14]];

for (const engine of await testEngines()) {
  describe(`the control chart of a cause on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await customers(storage, 'a', 1_000, at('2025-06-01T00:00:00Z'));
      await customers(storage, 'b', 1_000, at('2026-04-15T00:00:00Z'));
      let n = 0;
      const codings = MONTHS.flatMap(([day, count]) =>
        Array.from({ length: count }, (_, i) =>
          coding(`c${n++}`, { cause_code: i % 2 === 0 ? 'billing.roaming' : 'billing.double_charge', party_id: `a${n}`, occurred_at: at(`${day}T10:00:00Z`), team_id: i % 3 === 0 ? 't2' : 't1' }),
        ),
      );
      await saveCodings(storage.db, [
        ...codings,
        // not counted: another cause, a follow-up, and a complaint of 1 July in Luxembourg
        coding('network', { cause_code: 'network.coverage', occurred_at: at('2026-03-10T10:00:00Z') }),
        coding('followup', { subject_kind: 'followup', occurred_at: at('2026-05-10T10:00:00Z') }),
        coding('july', { occurred_at: at('2026-06-30T22:30:00Z') }),
      ]);
    });
    after(async () => storage?.close());

    const query = (over: Partial<CauseChartQuery> = {}): CauseChartQuery => ({
      ...parsePeriod({ from: '2026-01-10', to: '2026-06-20' }), cause: 'billing', interval: 'month', measure: 'complaints', filters: {}, language: 'en', ...over,
    });

    it('draws the worked example: complaints per 1,000 customers of each month-end, centre on a baseline of five months, June beyond the limits', async () => {
      const chart = await causeChart(storage.db, query({ baselinePeriods: 5 }));
      assert.deepEqual([chart.query.from, chart.query.to], [20260101, 20260630], 'widened to whole months');
      assert.deepEqual([chart.cause.code, chart.cause.label, chart.department?.code], ['billing', 'Billing', 'it_billing']);
      assert.deepEqual(chart.points.map((p) => [p.period, p.count, p.customers, p.value]), [
        ['2026-01', 2, 1_000, 2], ['2026-02', 1, 1_000, 1], ['2026-03', 3, 1_000, 3], ['2026-04', 4, 2_000, 2], ['2026-05', 4, 2_000, 2], ['2026-06', 14, 2_000, 7],
      ]);
      // ū = (2 + 1 + 3 + 4 + 4) / (1 + 1 + 1 + 2 + 2) = 2 per 1,000; June: σ = √(2 / 2) = 1, limits [0, 5], 7 is 5σ above
      assert.equal(chart.centre, 2);
      const june = chart.points[5]!;
      assert.deepEqual([june.lcl, june.ucl, june.sigmas, june.flags], [0, 5, 5, [{ code: 'beyond-limits', side: 'above' }]]);
      const january = chart.points[0]!;
      assert.ok(Math.abs(january.ucl! - (2 + 3 * Math.SQRT2)) < 1e-12);
      assert.deepEqual(chart.points.slice(0, 5).map((p) => p.flags), [[], [], [], [], []]);
    });

    it('takes the centre over every period without a baseline, counts detractors apart, and reads the same from the codings', async () => {
      const all = await causeChart(storage.db, query());
      assert.equal(all.centre, 28 / 9);
      assert.equal(all.baseline, 6);
      const detractors = await causeChart(storage.db, query({ measure: 'detractors' }));
      assert.deepEqual(detractors.points.map((p) => p.count), [0, 0, 0, 0, 1, 0]);
      const aggregates = await causeChart(storage.db, query({ filters: { team: 't1' } }), 'aggregates');
      const codings = await causeChart(storage.db, query({ filters: { team: 't1' } }), 'codings');
      assert.deepEqual(aggregates.points, codings.points);
      assert.deepEqual(aggregates.points.map((p) => p.count), [1, 0, 2, 2, 2, 9]);
    });

    it('widens a period to whole ISO weeks, and refuses a baseline longer than the chart or a cause that does not exist', async () => {
      assert.deepEqual(wholePeriods({ from: 20260304, to: 20260310 }, 'week'), { from: 20260302, to: 20260315 });
      const weeks = await causeChart(storage.db, query({ from: 20260304, to: 20260310, interval: 'week' }));
      assert.deepEqual(weeks.points.map((p) => [p.period, p.start, p.end]), [['2026-W10', 20260302, 20260308], ['2026-W11', 20260309, 20260315]]);
      await assert.rejects(causeChart(storage.db, query({ baselinePeriods: 7 })), /baselinePeriods/);
      await assert.rejects(causeChart(storage.db, query({ cause: 'nothing' })), (e: { status?: number }) => e.status === 404);
    });
  });
}
