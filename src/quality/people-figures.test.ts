import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { loadDemoQuality } from '../demo/demo-quality.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { categorise, npsReport } from '../nps/nps-report.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { compareFigures, emptyRaw, pooledRawFigures, summarise, type RawFigures } from './people-figures.js';

const near = (actual: number | null | undefined, expected: number, digits = 2) => assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`);
const raw = (over: Partial<RawFigures>): RawFigures => ({ ...emptyRaw(), ...over });

describe('figures of advisors: worked examples of docs/quality.md, "Figures of advisors"', () => {
  const beforeTraining = raw({ scores: [70, 80, 90, 100], passed: 3, nps: new Map([['9-10/0-6', { promoters: 50, passives: 30, detractors: 20 }]]), contacts: 200, fcr: 120, repeats: 40 });
  const afterTraining = raw({ scores: [85, 90, 95, 100], passed: 4, nps: new Map([['9-10/0-6', { promoters: 60, passives: 25, detractors: 15 }]]), contacts: 200, fcr: 150, repeats: 30 });

  it('gives each figure with its interval: quality by t, NPS by adjusted Wald, FCR by Wilson', () => {
    const f = summarise(beforeTraining, 30);
    near(f.quality.mean, 85);
    near(f.quality.interval!.low, 64.46);
    assert.equal(f.quality.interval!.high, 100, 'a score interval stops at 100');
    near(f.quality.passRate, 75);
    assert.equal(f.nps.nps, 30);
    assert.equal(f.nps.n, 100);
    near(f.fcr.rate, 60);
    // Wilson 95% for 120 of 200: 53.09 – 66.54
    near(f.fcr.interval!.low, 53.09);
    near(f.fcr.interval!.high, 66.54);
    near(f.repeat.rate, 20);
  });

  it('compares after with before: Welch for quality, adjusted Wald for NPS, Newcombe for FCR (values from scipy)', () => {
    const change = compareFigures(beforeTraining, afterTraining, 30);
    // Welch: difference 7.5, df 4.41, t 2.6772 → −11.82 to 26.82
    near(change.quality!.difference, 7.5);
    near(change.quality!.interval.low, -11.82);
    near(change.quality!.interval.high, 26.82);
    // NPS 30 → 45: standard error 10.618, 95% −5.81 to 35.81, p 0.158, not significant
    near(change.nps!.difference, 15);
    near(change.nps!.interval.low, -5.81);
    near(change.nps!.interval.high, 35.81);
    near(change.nps!.pValue, 0.1577, 3);
    assert.equal(change.nps!.significant, false);
    // FCR 60% → 75%: Newcombe 5.83 to 23.83, p 0.0014
    near(change.fcr!.difference, 15);
    near(change.fcr!.interval.low, 5.83);
    near(change.fcr!.interval.high, 23.83);
    assert.equal(change.fcr!.significant, true);
    near(change.repeat!.difference, -5);
  });

  it('never mixes two bases: NPS compares on the basis before, and says what it left out', () => {
    const otherBasis = raw({ nps: new Map([['10/0-7', { promoters: 5, passives: 0, detractors: 0 }], ['9-10/0-6', { promoters: 1, passives: 0, detractors: 1 }]]) });
    const f = summarise(otherBasis, 30);
    assert.equal(f.nps.basis, '10/0-7');
    assert.equal(f.nps.otherBases, 2);
    assert.equal(compareFigures(raw({ nps: new Map([['9-10/0-6', { promoters: 3, passives: 0, detractors: 0 }]]) }), raw({ nps: new Map([['10/0-7', { promoters: 3, passives: 0, detractors: 0 }]]) }), 30).nps, null);
  });

  it('says nothing it cannot: no evaluations, no contacts, one evaluation', () => {
    const f = summarise(raw({ scores: [80] }), 30);
    assert.equal(f.quality.mean, 80);
    assert.equal(f.quality.interval, null);
    assert.equal(f.fcr.rate, null);
    assert.equal(f.nps.nps, null);
    assert.deepEqual(compareFigures(emptyRaw(), emptyRaw(), 30), { quality: null, nps: null, fcr: null, repeat: null });
  });
});

const NOW = Date.UTC(2026, 10, 20, 12);

for (const engine of await testEngines()) {
  describe(`figures of advisors on ${engine.name}: the same as a recomputation from the surveys and evaluations`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 1500, seed: 5, now: NOW });
      await loadDemoSurveys(storage, { seed: 5, now: NOW });
      await loadDemoQuality(storage, { seed: 5, now: NOW });
    });
    after(() => storage.close());

    it('pools two advisors over different windows as the raw reports and the evaluations give them', async () => {
      const busiest = await storage.db.selectFrom('interactions').select(['advisor_id', (eb) => eb.fn.countAll<number>().as('n')]).where('advisor_id', 'is not', null).groupBy('advisor_id').orderBy('n', 'desc').orderBy('advisor_id').limit(2).execute();
      const advisors = busiest.map((a) => a.advisor_id!);
      const today = localDay(NOW);
      const windows = [
        { advisorId: advisors[0]!, from: addDays(today, -120), to: addDays(today, -31) },
        { advisorId: advisors[1]!, from: addDays(today, -60), to: addDays(today, -1) },
      ];
      const pooled = await pooledRawFigures(storage.db, windows, today);
      const expected = emptyRaw();
      for (const w of windows) {
        const report = await npsReport(storage.db, { from: w.from, to: w.to, interval: 'total', groupBy: [], filters: { advisor: w.advisorId }, minResponses: 1, source: 'raw', today });
        for (const row of report.rows) {
          if (row.basis !== '') {
            const c = categorise(row.scores, row.basis);
            const sum = expected.nps.get(row.basis) ?? { promoters: 0, passives: 0, detractors: 0 };
            expected.nps.set(row.basis, { promoters: sum.promoters + c.promoters, passives: sum.passives + c.passives, detractors: sum.detractors + c.detractors });
          }
        }
        const first = report.rows[0];
        expected.contacts += first?.contacts ?? 0;
        expected.fcr += first?.fcr ?? 0;
        expected.repeats += first?.repeats ?? 0;
        const scores = await storage.db
          .selectFrom('evaluations')
          .select('score')
          .where('advisor_id', '=', w.advisorId)
          .where('purpose', '=', 'coaching')
          .where('state', '!=', 'draft')
          .where('submitted_at', '>=', dayStart(w.from))
          .where('submitted_at', '<', dayStart(addDays(w.to, 1)))
          .execute();
        expected.scores.push(...scores.map((s) => Number(s.score)));
      }
      assert.ok(expected.contacts > 50 && [...expected.nps.values()].some((c) => c.promoters + c.detractors > 10) && expected.scores.length > 3, 'the demo gives both advisors contacts, answers and evaluations');
      assert.deepEqual([...pooled.nps.entries()].sort(), [...expected.nps.entries()].sort());
      assert.deepEqual([pooled.contacts, pooled.fcr, pooled.repeats], [expected.contacts, expected.fcr, expected.repeats]);
      assert.deepEqual([...pooled.scores].sort(), [...expected.scores].sort());
    });
  });
}
