import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { startServer, type RunningServer } from '../server/server.js';
import { bucketsOf, periodComplete, type Interval } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { categorise, npsReport, type ReportRow } from './nps-report.js';
import { columnsOf, tableRows } from './nps-table.js';
import { parseReportParams } from './report-query.js';
import { npsOf } from './statistics.js';

// How managers read a figure: whether its period is over, and what it is made of (docs/nps.md).

const NOW = Date.UTC(2026, 10, 20, 12);
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The contact's day, computed without the product's calendar code. */
const luxembourgDay = (at: number) => Number(dayFormat.format(new Date(at)).replaceAll('-', ''));

describe('a period is complete when its calendar period ended before the day the report is read (Europe/Luxembourg)', () => {
  const today = 20261204; // a Friday
  const flags = (from: number, to: number, interval: Interval) =>
    bucketsOf(from, to, interval).buckets.map((b) => [b.label, periodComplete(b, interval, today)]);

  it('day, week, month, quarter, year', () => {
    assert.deepEqual(flags(20261202, 20261205, 'day'), [['2026-12-02', true], ['2026-12-03', true], ['2026-12-04', false], ['2026-12-05', false]]);
    // 2026-W49 runs Monday 30 November to Sunday 6 December.
    assert.deepEqual(flags(20261116, 20261204, 'week'), [['2026-W47', true], ['2026-W48', true], ['2026-W49', false]]);
    // December clipped to its first three days is still a running month; a month ending yesterday is over.
    assert.deepEqual(flags(20261001, 20261203, 'month'), [['2026-10', true], ['2026-11', true], ['2026-12', false]]);
    assert.deepEqual(flags(20260701, 20261204, 'quarter'), [['2026-Q3', true], ['2026-Q4', false]]);
    assert.deepEqual(flags(20250101, 20261231, 'year'), [['2025', true], ['2026', false]]);
  });

  it('rolling 28 days and the range end on their own last day', () => {
    assert.deepEqual(flags(20261202, 20261204, 'rolling28'), [['2026-12-02', true], ['2026-12-03', true], ['2026-12-04', false]]);
    assert.deepEqual(flags(20261101, 20261203, 'total'), [['2026-11-01/2026-12-03', true]]);
    assert.deepEqual(flags(20261101, 20261204, 'total'), [['2026-11-01/2026-12-04', false]]);
    // A month report starting on the 15th: its first, clipped, period is over.
    assert.deepEqual(flags(20261015, 20261130, 'month'), [['2026-10', true], ['2026-11', true]]);
  });

  it("takes the day from the operator's clock: 23:30 UTC on 3 December is already the 4th in Luxembourg", () => {
    const query = parseReportParams({ from: '2026-12-01', to: '2026-12-04', interval: 'day' }, 30, Date.UTC(2026, 11, 3, 23, 30));
    assert.equal(query.today, 20261204);
    // Summer time (UTC+2): 21:30 UTC is 23:30 on the 3rd, 22:30 UTC already the 4th.
    assert.equal(parseReportParams({ from: '2026-07-01', to: '2026-07-04' }, 30, Date.UTC(2026, 6, 3, 21, 30)).today, 20260703);
    assert.equal(parseReportParams({ from: '2026-07-01', to: '2026-07-04' }, 30, Date.UTC(2026, 6, 3, 22, 30)).today, 20260704);
  });
});

describe('the distribution of the scores, worked example', () => {
  it('counts per score give the categories, the shares and the NPS of the row', () => {
    // 15 responses on 1-10/9/6: one 1, two 6, three 7, four 9, five 10.
    const scores = [0, 1, 0, 0, 0, 0, 2, 3, 0, 4, 5];
    const counts = categorise(scores, '1-10/9/6');
    assert.deepEqual(counts, { promoters: 9, passives: 3, detractors: 3 });
    assert.equal(npsOf(counts), 40);
    const row = { period: '2026-11', start: '2026-11-01', end: '2026-11-30', complete: false, group: {}, basis: '1-10/9/6', scores } as unknown as ReportRow;
    const [flat] = tableRows({ source: 'aggregates', rows: [{ ...row, ...counts, n: 15, nps: 40 }] as ReportRow[] }, [], {});
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => flat![`score_${s}`]), scores);
    assert.equal(flat!.complete, false);
    assert.deepEqual(columnsOf([], {}).slice(0, 4), ['period', 'start', 'end', 'complete']);
    assert.deepEqual(columnsOf([], {}).slice(-11), scores.map((_, s) => `score_${s}`));
  });
});

for (const engine of await testEngines()) {
  describe(`NPS as managers read it on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let manager: string;

    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 300, seed: 11, now: NOW });
      await loadDemoSurveys(storage, { seed: 11, now: NOW });
      manager = (await createApiToken(storage.db, 'bi', 'cx_manager', ['nps'])).token;
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    /** Answered responses per month, team, basis and score, counted from the survey rows themselves. */
    async function rawScores(from: number, to: number): Promise<Map<string, number[]>> {
      const rows = await storage.db
        .selectFrom('surveys as s')
        .innerJoin('survey_versions as v', 'v.id', 's.version_id')
        .innerJoin('survey_responses as r', 'r.survey_id', 's.id')
        .select(['s.team_id', 's.contact_started_at', 'r.score', 'v.scale_min', 'v.scale_max', 'v.promoter_min', 'v.detractor_max'])
        .where('s.sent_at', 'is not', null)
        .where('r.score', 'is not', null)
        .execute();
      const table = new Map<string, number[]>();
      for (const r of rows) {
        const day = luxembourgDay(Number(r.contact_started_at));
        if (day < from || day > to) continue;
        const month = `${Math.floor(day / 10_000)}-${String(Math.floor(day / 100) % 100).padStart(2, '0')}`;
        const key = [month, r.team_id ?? '', `${r.scale_min}-${r.scale_max}/${r.promoter_min}/${r.detractor_max}`].join('|');
        const counts = table.get(key) ?? new Array(11).fill(0);
        counts[r.score!]++;
        table.set(key, counts);
      }
      return table;
    }

    it('the scores of every row equal a count of the survey rows, from the aggregates and from the surveys', async () => {
      const query = { from: 20260101, to: 20261120, interval: 'month' as const, groupBy: ['team' as const], filters: {}, minResponses: 30, today: 20261120 };
      const expected = await rawScores(query.from, query.to);
      assert.ok(expected.size > 10, `${expected.size} month × team cells`);
      for (const source of ['aggregates', 'raw'] as const) {
        const { rows } = await npsReport(storage.db, { ...query, source });
        const actual = new Map(rows.filter((r) => r.n > 0).map((r) => [[r.period, r.group.team ?? '', r.basis].join('|'), r.scores]));
        assert.deepEqual(actual, expected, source);
        for (const r of rows) assert.equal(r.scores.reduce((a, b) => a + b, 0), r.n);
      }
    });

    it('the API answers the day it read on, complete per period, and the score columns in JSON and CSV', async () => {
      const get = (query: string) => fetch(`${server.url}/api/v1/nps?${query}`, { headers: { authorization: `Bearer ${manager}` } });
      const body = await (await get('from=2026-01-01&to=2026-12-31&interval=month&groupBy=team')).json();
      const today = Number(body.query.today.replaceAll('-', ''));
      assert.equal(today, luxembourgDay(Date.now()));
      for (const row of body.rows) {
        // The month is over when its last calendar day is before today.
        assert.equal(row.complete, Number(row.end.replaceAll('-', '')) < today, row.period);
        const scores = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => row[`score_${s}`] as number);
        assert.equal(scores.reduce((a, b) => a + b, 0), row.n);
      }
      const expected = await rawScores(20260101, 20261231);
      for (const row of body.rows.filter((r: { n: number }) => r.n > 0)) {
        assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => row[`score_${s}`]), expected.get([row.period, row.team, row.basis].join('|')));
      }
      const csv = await (await get('from=2026-01-01&to=2026-12-31&interval=month&format=csv')).text();
      const [header, ...lines] = csv.trim().split('\n');
      const columns = header!.split(',');
      assert.equal(columns[3], 'complete');
      assert.deepEqual(columns.slice(-11), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => `score_${s}`));
      assert.ok(lines.length > 0);
      for (const line of lines) {
        const cells = line.split(',');
        assert.equal(cells[3], String(Number(cells[2]!.replaceAll('-', '')) < today), cells[0]);
      }
    });
  });
}
