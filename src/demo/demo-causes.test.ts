import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { UNKNOWN_CAUSE } from '../causes/cause-tree.js';
import { addDays, localDay } from '../shared/calendar.js';
import { controlLimits, twoProportionTest, type ProportionCounts } from '../shared/proportions.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable } from '../storage/schema.js';
import { measureAction } from '../actions/action-measures.js';
import { effectSubject } from '../actions/action-queries.js';
import { loadAction } from '../actions/action-store.js';
import { loadDemoActions } from './demo-actions.js';
import { loadDemoCases } from './demo-cases.js';
import { DEMO_IMPROVEMENTS, improvementDay, OUTAGE_DAYS_BEFORE_END, PORTING_CHECKLIST_DAYS_BEFORE_END, REPAIR_PARTNER_DAYS_BEFORE_END, TARIFF_FIX_DAYS_BEFORE_END } from './demo-causes.js';
import { codingRows } from './demo-codings.testkit.js';
import { loadDemoSurveys } from './demo-surveys.js';
import { loadDemo } from './load.js';

/**
 * The story the demo's root causes tell (docs/improvement.md, "The demo"), at the size `ecoute serve
 * --demo` loads (10,000 customers, seed 1), over the 8-week windows an improvement action is judged
 * by. The story is the history's, not the engine's (demo-cases-replay.test.ts proves the rows are the
 * services' on both): it is loaded once, on SQLite.
 */

/** Friday 20 November 2026, 14:00 in Luxembourg: the end of the history. */
const NOW = Date.UTC(2026, 10, 20, 13);
const DAY = 86_400_000;
const DEFAULT_CUSTOMERS = 10_000;
const ALL = ['complaint', 'followup', 'contact'];
const month = (day: number) => Math.floor(day / 100);

const sqlite = (await testEngines()).find((e) => e.name === 'sqlite')!;

describe('the demo’s root causes at the default size', () => {
  let storage: Storage;
  let codings: CauseCodingTable[];
  /** months of the history, the first and last (partial) left out */
  let months: number[];
  before(async () => {
    storage = await sqlite.open();
    await loadDemo(storage, { customers: DEFAULT_CUSTOMERS, seed: 1, now: NOW });
    await loadDemoSurveys(storage, { seed: 1, now: NOW });
    await loadDemoCases(storage, { seed: 1, now: NOW });
    await loadDemoActions(storage, { now: NOW });
    codings = await codingRows(storage.db);
    months = [...new Set(codings.map((k) => month(k.day)))].sort().slice(1, -1);
  });
  after(() => storage?.close());

  /** The share of a cause among the codings of [from, to) (local days). */
  const share = (cause: string, from: number, to: number, kinds = ALL): ProportionCounts => {
    const within = codings.filter((k) => kinds.includes(k.subject_kind) && k.day >= from && k.day < to);
    return { successes: within.filter((k) => k.cause_code === cause).length, n: within.length };
  };
  /** Its share in the 8 weeks before and the 8 weeks from `day`. */
  const weeks8 = (cause: string, day: number, kinds = ALL) => [share(cause, addDays(day, -56), day, kinds), share(cause, day, addDays(day, 56), kinds)] as const;
  const rate = (p: ProportionCounts) => p.successes / p.n;
  const monthly = (cause: string, kinds = ALL) => months.map((m) => ({ m, ...share(cause, m * 100 + 1, m * 100 + 32, kinds) }));

  it('puts D1, D2 and D3 in the history, each with 8 weeks before and after it clear of its last weeks', () => {
    assert.deepEqual(
      DEMO_IMPROVEMENTS.map((a) => [a.cause, a.daysBeforeEnd, a.effective]),
      [['billing.tariff_not_applied', TARIFF_FIX_DAYS_BEFORE_END, true], ['devices.repair_delay', REPAIR_PARTNER_DAYS_BEFORE_END, true], ['process.porting', PORTING_CHECKLIST_DAYS_BEFORE_END, false]],
    );
    for (const a of DEMO_IMPROVEMENTS) assert.ok(a.daysBeforeEnd - 56 >= 45 && a.daysBeforeEnd + 56 <= 330, `${a.cause}: ${a.daysBeforeEnd} days before the end`);
    assert.equal(improvementDay(NOW, TARIFF_FIX_DAYS_BEFORE_END), 20260529);
  });

  it('drops the tariff cause from D1 and the repair delays from D2, significantly over 8 weeks (the tariff’s in complaints alone too)', () => {
    for (const { cause, daysBeforeEnd } of DEMO_IMPROVEMENTS.filter((a) => a.effective)) {
      const day = improvementDay(NOW, daysBeforeEnd);
      const [before, after] = weeks8(cause, day);
      const test = twoProportionTest(before, after)!;
      assert.ok(test.significant && rate(after) < rate(before) / 4, `${cause} from ${day}: ${JSON.stringify([before, after])}`);
      // complaints alone: fewer too, though some about what happened before D arrive after it (letters, follow-ups that became complaints)
      const [complaintsBefore, complaintsAfter] = weeks8(cause, day, ['complaint']);
      assert.ok(rate(complaintsAfter) < rate(complaintsBefore) / 2, `${cause} complaints from ${day}: ${JSON.stringify([complaintsBefore, complaintsAfter])}`);
    }
    const [tariffBefore, tariffAfter] = weeks8('billing.tariff_not_applied', improvementDay(NOW, TARIFF_FIX_DAYS_BEFORE_END), ['complaint']);
    assert.ok(twoProportionTest(tariffBefore, tariffAfter)!.significant, JSON.stringify([tariffBefore, tariffAfter]));
    // month by month: the tariff's share in each month after D1 is well below its lowest before
    const tariffDay = improvementDay(NOW, TARIFF_FIX_DAYS_BEFORE_END);
    const tariff = monthly('billing.tariff_not_applied');
    const lowestBefore = Math.min(...tariff.filter((x) => x.m < month(tariffDay)).map(rate));
    const after = tariff.filter((x) => x.m > month(tariffDay));
    assert.ok(after.length >= 4);
    for (const x of after) assert.ok(rate(x) < lowestBefore / 2, `${x.m}: ${x.successes}/${x.n}, lowest before ${lowestBefore}`);
  });

  it('leaves number porting as it was after the checklist of D3', () => {
    const [before, after] = weeks8('process.porting', improvementDay(NOW, PORTING_CHECKLIST_DAYS_BEFORE_END));
    assert.ok(before.successes >= 10, JSON.stringify(before));
    assert.equal(twoProportionTest(before, after)!.significant, false, JSON.stringify([before, after]));
  });

  it('raises roaming in July and August, and lowers it after', () => {
    const roaming = monthly('billing.roaming');
    const summer = roaming.filter((x) => [7, 8].includes(x.m % 100));
    const sum = (xs: ProportionCounts[]) => ({ successes: xs.reduce((n, x) => n + x.successes, 0), n: xs.reduce((n, x) => n + x.n, 0) });
    const rest = sum(roaming.filter((x) => ![6, 7, 8, 9].includes(x.m % 100)));
    const test = twoProportionTest(sum(summer), rest)!;
    assert.ok(test.significant && rate(sum(summer)) > 2 * rate(rest), JSON.stringify([sum(summer), rest]));
    const october = roaming.find((x) => x.m % 100 === 10)!;
    assert.ok(rate(october) < rate(sum(summer)) / 2, JSON.stringify(october));
  });

  it('has one bad month of network outages, the only month a p-chart of their share flags, in complaints alone too', () => {
    for (const kinds of [ALL, ['complaint']]) {
      const outages = monthly('network.outage', kinds);
      const centre = outages.reduce((n, x) => n + x.successes, 0) / outages.reduce((n, x) => n + x.n, 0);
      const flagged = outages.filter((x) => rate(x) > controlLimits(centre, x.n)!.upper).map((x) => x.m);
      assert.deepEqual(flagged, [month(localDay(NOW - OUTAGE_DAYS_BEFORE_END * DAY))], String(kinds));
    }
  });

  it('codes some complaints while they are investigated, recodes some at closing and some unknown ones after a review', async () => {
    const events = (await storage.db.selectFrom('case_events').select(['action', 'to_state', 'data']).where('action', 'in', ['code-cause', 'close']).execute()).map((e) => ({
      ...e, data: JSON.parse(e.data ?? '{}') as { causeCode?: string; previousCause?: string },
    }));
    const count = (test: (e: (typeof events)[number]) => boolean) => events.filter(test).length;
    assert.ok(count((e) => e.action === 'code-cause' && e.to_state === 'under_investigation') > 50, 'coded while investigated');
    assert.ok(count((e) => e.action === 'close' && e.data.previousCause !== undefined) > 5, 'recoded at closing');
    assert.ok(count((e) => e.action === 'code-cause' && e.data.previousCause === UNKNOWN_CAUSE) > 3, 'unknown recoded after a review');
    const complaints = codings.filter((k) => k.subject_kind === 'complaint');
    const unknown = complaints.filter((k) => k.cause_code === UNKNOWN_CAUSE).length / complaints.length;
    assert.ok(unknown > 0.02 && unknown < 0.08, `${unknown} unknown`);
  });

  it('has the improvement actions of D1, D2 and D3 done on their days, two with a measured effect and one without, and one in progress', async () => {
    const rows = await storage.db.selectFrom('actions').innerJoin('cases', 'cases.id', 'actions.case_id').select(['actions.case_id', 'cases.state']).orderBy('cases.opened_at').execute();
    const measured: { cause: string | undefined; state: string; rate: string | null; done: number | null }[] = [];
    for (const row of rows) {
      const action = await loadAction(storage.db, row.case_id);
      const effect = await measureAction(storage.db, effectSubject(action), NOW);
      measured.push({ cause: action.causes[0], state: row.state, rate: effect.measures.find((m) => m.measure === 'complaint_rate')?.verdict ?? null, done: action.row.done_at });
    }
    const of = (cause: string) => measured.find((m) => m.cause === cause)!;
    assert.equal(measured.length, 4);
    assert.deepEqual([of('billing.tariff_not_applied').state, of('billing.tariff_not_applied').rate], ['verified', 'better']);
    assert.deepEqual([of('devices.repair_delay').state, of('devices.repair_delay').rate], ['done', 'better']);
    assert.deepEqual([of('process.porting').state, of('process.porting').rate], ['done', 'unchanged']);
    assert.deepEqual([of('billing.roaming').state, of('billing.roaming').done], ['in_progress', null]);
    for (const improvement of DEMO_IMPROVEMENTS) assert.equal(localDay(Number(of(improvement.cause).done)), improvementDay(NOW, improvement.daysBeforeEnd));
  });
});
