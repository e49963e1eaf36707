import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser, login } from '../auth/auth-service.js';
import { saveCoding } from '../causes/cause-codings.js';
import { runEcoute } from '../cli/cli.testkit.js';
import { actOnComplaint, createComplaint } from '../complaints/complaint-service.js';
import { loadConfig } from '../config.js';
import type { MonthlyReview } from '../contract/review.js';
import { answerAgain, seedFollowupWorld } from '../followups/followups.testkit.js';
import { seedEndedCalls } from '../../test/fixtures.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { codeComplaints, seedCustomersSince, seedPerson, spreadDays } from '../actions/actions.testkit.js';
import { createAction, stepAction } from '../actions/action-service.js';
import { reviewCsvRows } from './review-csv.js';

const DAY = 86_400_000;
const OCT = Date.UTC(2026, 9, 14, 10);
const NOV = Date.UTC(2026, 10, 12, 10);

for (const engine of await testEngines()) {
  describe(`the monthly review on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let cookie: string;
    let advisorCookie: string;
    let actionId: string;
    before(async () => {
      storage = await engine.open();
      const world = await seedFollowupWorld(storage.db);
      // October: 8 promoters, 2 detractors; November: 3 promoters, 7 detractors, 2 passives
      const answers = [...Array(8).fill(['10 super', OCT]), ...Array(2).fill(['2 nul', OCT]), ...Array(3).fill(['9 bien', NOV]), ...Array(7).fill(['1 horrible', NOV]), ...Array(2).fill(['7 ok', NOV])];
      const customers = await seedEndedCalls(storage.db, answers.length, world.advisor.id, 700_000);
      for (const [i, [text, at]] of (answers as [string, number][]).entries()) {
        const party = (await storage.db.selectFrom('interactions').select('party_id').where('id', '=', customers[i]!.interactionId).executeTakeFirstOrThrow()).party_id;
        await answerAgain(storage.db, { partyId: party, msisdn: customers[i]!.msisdn }, world.advisor.id, text, at + i * 600_000);
      }
      // three complaints in November, one coded at closing; codings of detractors too
      const party = (await storage.db.selectFrom('parties').select('id').limit(1).executeTakeFirstOrThrow()).id;
      for (const [n, description] of ['Facturé deux fois', 'Roaming facturé en Suisse', 'Pas de réseau'].entries()) {
        const { id } = await createComplaint(storage.db, { partyId: party, channel: 'phone', category: 'billing', description, receivedAt: NOV + n * DAY }, world.advisor, { now: NOV + n * DAY });
        if (n === 0) {
          await actOnComplaint(storage.db, id, 'answer', { outcome: 'upheld', refundCents: 1_250 }, 'system', { now: NOV + n * DAY + 3_600_000 });
          await actOnComplaint(storage.db, id, 'close', { causeCode: 'billing.double_charge' }, 'system', { now: NOV + n * DAY + 7_200_000 });
        }
        if (n === 1) await actOnComplaint(storage.db, id, 'code-cause', { causeCode: 'billing.roaming' }, 'system', { now: NOV + DAY + 3_600_000 });
      }
      for (let k = 0; k < 4; k++) {
        await saveCoding(storage.db, {
          subject_kind: 'followup', subject_id: `f${k}`, cause_code: 'billing.roaming', unknown_reason: null, party_id: party, occurred_at: NOV + k * DAY, segment: 'residential',
          channel: 'phone', team_id: world.teamId, site_id: world.siteId, plan: null, amount_cents: 0, refund_cents: 0, extra_contacts: 0, suggested: null,
          coded_at: NOV, coded_by_kind: 'system', coded_by_id: 'system',
        });
      }
      // an action on number porting done on 3 August 2026: 30 porting complaints in the 8 weeks before, 6 in the 8 weeks after
      const manager = await seedPerson(storage.db, 'cx_manager', null, 'Carole Weis');
      await seedCustomersSince(storage.db, 200, Date.UTC(2026, 0, 1));
      await codeComplaints(storage.db, 'process.porting', spreadDays(20260608, 56, 30));
      await codeComplaints(storage.db, 'process.porting', spreadDays(20260803, 56, 6));
      const action = await createAction(
        storage.db,
        { title: 'Portabilité : confirmer la date au client', description: 'Un SMS de confirmation', causeCodes: ['process.porting'], departmentCode: 'process', ownerId: manager.id, dueDate: '2026-08-31', proposedAt: Date.UTC(2026, 5, 1) },
        manager,
        { now: Date.UTC(2026, 5, 1) },
      );
      actionId = action.id;
      for (const step of ['approve', 'start'] as const) await stepAction(storage.db, action.id, step, {}, manager, { now: Date.UTC(2026, 6, 1) });
      await stepAction(storage.db, action.id, 'done', { doneAt: Date.UTC(2026, 7, 3, 8) }, manager, { now: Date.UTC(2026, 7, 3, 9) });
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      await createUser(storage.db, { email: 'cx@review.test', displayName: 'Carole', role: 'cx_manager', teamId: null, password: 'correct horse' });
      cookie = `ecoute_session=${(await login(storage.db, 'cx@review.test', 'correct horse', 1)).token}`;
      await createUser(storage.db, { email: 'advisor@review.test', displayName: 'Anne', role: 'advisor', teamId: world.teamId, password: 'correct horse' });
      advisorCookie = `ecoute_session=${(await login(storage.db, 'advisor@review.test', 'correct horse', 1)).token}`;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    const get = async (path: string, who = cookie) => {
      const res = await fetch(`${server.url}/api/v1${path}`, { headers: { cookie: who } });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
    };
    const json = async <T>(path: string) => JSON.parse((await get(path)).body.toString()) as T;

    it('gives the same figures as the NPS, complaints and Pareto reports of the month', async () => {
      const review = await json<MonthlyReview>('/review/monthly?month=2026-11&lang=en');
      // worked example: November 3 promoters, 2 passives, 7 detractors of 12: NPS = (3 − 7) / 12 = −33.3; October (8 − 2) / 10 = +60
      assert.deepEqual([review.nps.current.promoters, review.nps.current.passives, review.nps.current.detractors, review.nps.current.responses], [3, 2, 7, 12]);
      assert.equal(Math.round(review.nps.current.value! * 10) / 10, -33.3);
      assert.equal(review.nps.previous?.value, 60);
      const nps = await json<{ rows: { nps: number; ci_low: number; ci_high: number; change: number; p_value: number }[] }>('/nps?from=2026-11-01&to=2026-11-30&interval=month');
      const row = nps.rows[0]!;
      assert.deepEqual([review.nps.current.value, review.nps.current.low, review.nps.current.high], [row.nps, row.ci_low, row.ci_high]);
      assert.deepEqual([review.nps.change?.difference, review.nps.change?.pValue], [row.change, row.p_value]);
      assert.equal(review.nps.trend.length, 13);
      assert.deepEqual(review.nps.trend.map((p) => p.month).slice(-2), ['2026-10', '2026-11']);

      const complaints = await json<{ rows: { received: number }[] }>('/complaints/report?from=2026-11-01&to=2026-11-30&by=category');
      assert.equal(review.complaints.received, complaints.rows.reduce((n, r) => n + r.received, 0));
      assert.equal(review.complaints.received, 3);

      const pareto = await json<{ rows: { cause: { code: string }; complaints: number; detractors: number; total: number; cumulativeShare: number }[] }>(
        '/analysis/pareto?from=2026-11-01&to=2026-11-30&sort=total&lang=en',
      );
      assert.deepEqual(
        review.topCauses.map((c) => [c.code, c.complaints, c.detractors, c.total]),
        pareto.rows.filter((r) => r.total > 0).map((r) => [r.cause.code, r.complaints, r.detractors, r.total]),
      );
      assert.deepEqual(review.topCauses.map((c) => [c.code, c.total]), [['billing.roaming', 5], ['billing.double_charge', 1]]);
      assert.equal(review.topCauses[1]!.refundedCents, 1_250);
    });

    it('lists the actions with the effect GET /actions/{id}/effect measures', async () => {
      const review = await json<MonthlyReview>('/review/monthly?month=2026-11&lang=fr');
      const effect = await json<{ measures: { measure: string; before: { value: number }; after: { value: number }; difference: { value: number; pValue: number; significant: boolean }; verdict: string }[] }>(
        `/actions/${actionId}/effect`,
      );
      const rate = effect.measures.find((m) => m.measure === 'complaint_rate')!;
      assert.equal(review.actions.length, 1);
      const [action] = review.actions;
      assert.deepEqual([action!.status, action!.statusLabel, action!.department, action!.causes.map((c) => c.code)], ['done', 'Réalisée', 'Processus', ['process.porting']]);
      assert.deepEqual(
        [action!.effect?.complaintRate?.before, action!.effect?.complaintRate?.after, action!.effect?.complaintRate?.difference, action!.effect?.complaintRate?.pValue],
        [rate.before.value, rate.after.value, rate.difference.value, rate.difference.pValue],
      );
      assert.equal(rate.verdict, 'better', '30 complaints before, 6 after, on the same base: fewer');
      assert.equal(action!.effect?.complaintRate?.direction, 'better');
      assert.deepEqual([action!.effect?.beforeFrom, action!.effect?.afterFrom, action!.effect?.afterTo], ['2026-06-08', '2026-08-03', '2026-09-27']);
    });

    it('writes the same figures in its PDF and CSV, in the language asked', async () => {
      const review = await json<MonthlyReview>('/review/monthly?month=2026-11&lang=fr');
      const pdf = await get('/review/monthly?month=2026-11&lang=fr&format=pdf');
      assert.equal(pdf.status, 200);
      assert.match(pdf.type, /application\/pdf/);
      const dir = mkdtempSync(join(tmpdir(), 'ecoute-review-'));
      writeFileSync(join(dir, 'review.pdf'), pdf.body);
      const text = execFileSync('pdftotext', ['-layout', join(dir, 'review.pdf'), '-'], { encoding: 'utf8' });
      assert.match(text, /-33,3/, 'the NPS as French readers write it');
      assert.match(text, /Double facturation/);
      assert.match(text, /Frais d.itin.rance erron.s/);
      const csv = await get('/review/monthly?month=2026-11&lang=fr&format=csv');
      assert.match(csv.type, /text\/csv/);
      const expected = reviewCsvRows(review);
      const lines = csv.body.toString().trim().split(/\r?\n/);
      assert.equal(lines.length, expected.length + 1, 'a header and one row per figure of the API');
    });

    it('refuses a malformed or future month with a 400 naming it, and readers without the right with 403', async () => {
      for (const month of ['2026-13', 'nov', '2099-01']) {
        const res = await get(`/review/monthly?month=${month}`);
        assert.equal(res.status, 400, month);
        assert.equal(JSON.parse(res.body.toString()).errors[0].field, 'month');
      }
      assert.equal((await get('/review/monthly?month=2026-11', advisorCookie)).status, 403);
    });

    it('`ecoute report monthly` writes the PDF whose pages render, and says what is wrong with bad flags', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ecoute-review-cli-'));
      const out = join(dir, 'review.pdf');
      const run = await runEcoute(['report', 'monthly', '--month', '2026-11', '--lang', 'de', '--out', out, '--csv', join(dir, 'review.csv')], storage);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /review\.pdf: .*2026-11/);
      execFileSync('pdftoppm', ['-r', '30', '-gray', out, join(dir, 'page')]);
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      assert.match(text, /-33,3/);
      assert.ok(readFileSync(join(dir, 'review.csv'), 'utf8').startsWith('section,key,label,measure,value'));
      const bad = await runEcoute(['report', 'monthly', '--month', '11/2026', '--out', out], storage);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--month .*YYYY-MM.*11\/2026/);
      const noOut = await runEcoute(['report', 'monthly', '--month', '2026-11'], storage);
      assert.equal(noOut.status, 2);
      assert.match(noOut.stderr, /--out/);
    });
  });
}
