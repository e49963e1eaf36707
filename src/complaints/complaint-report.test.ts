import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { businessTimeBetween } from '../shared/business-calendar.js';
import { localDay } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { complaintReport, parseComplaintReportParams, type ComplaintReportRow } from './complaint-report.js';
import { actOnComplaint, createComplaint } from './complaint-service.js';
import { answerComplaintSurvey, askComplaintSatisfaction } from '../surveys/complaint-satisfaction.js';

/** A time in Luxembourg in November 2026 (UTC+1). */
const lux = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);
const near = (actual: number | null, hours: number) => assert.ok(actual !== null && Math.abs(actual - hours) <= hours * 0.025 + 0.01, `${actual} ≈ ${hours}`);
const refused = (field: string) => (error: unknown) => error instanceof DomainError && error.status === 400 && error.fields[0]?.field === field;

describe('complaint report parameters', () => {
  it('takes whole months, a dimension and an interval, and names each bad one', () => {
    assert.deepEqual(parseComplaintReportParams({ from: '2026-01-01', to: '2026-12-31', by: 'team' }), { from: 20260101, to: 20261231, by: 'team', interval: 'month' });
    assert.throws(() => parseComplaintReportParams({ from: '2026-01-02', to: '2026-12-31' }), refused('from'));
    assert.throws(() => parseComplaintReportParams({ from: '2026-01-01', to: '2026-12-30' }), refused('to'));
    assert.throws(() => parseComplaintReportParams({ from: '2026-02-01', to: '2026-01-31' }), refused('to'));
    assert.throws(() => parseComplaintReportParams({ from: '2026-01-01', to: '2026-01-31', by: 'site' }), refused('by'));
    assert.throws(() => parseComplaintReportParams({ from: '2026-01-01', to: '2026-01-31', interval: 'week' }), refused('interval'));
    assert.throws(() => parseComplaintReportParams({ to: '2026-01-31' }), refused('from'));
  });
});

for (const engine of await testEngines()) {
  describe(`complaints report on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisor: Actor;
    let partyId: string;
    let teamId: string;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      teamId = team.teamId;
      partyId = (await seedCustomer(storage.db)).id;
      await storage.db.updateTable('parties').set({ created_at: Date.UTC(2026, 0, 1) }).execute();
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId, language: 'fr' };
    });
    after(() => storage?.close());

    const record = (category: string, channel: 'phone' | 'letter', at: number) =>
      createComplaint(storage.db, { partyId, channel, category, description: 'Worked example', receivedAt: at }, advisor, { now: at });
    const act = (id: string, action: Parameters<typeof actOnComplaint>[2], at: number, input: Parameters<typeof actOnComplaint>[3] = {}) =>
      actOnComplaint(storage.db, id, action, input, { ...advisor, role: 'admin' }, { now: at });

    it('counts the worked example of docs/complaints.md', async () => {
      // A: billing, received Friday 6 November 17:00, acknowledged Monday 09:00 (2 business hours), answered Thursday 10:00 (33)
      const a = await record('billing', 'phone', lux(6, 17));
      await act(a.id, 'acknowledge', lux(9, 9));
      await act(a.id, 'answer', lux(12, 10), { outcome: 'upheld' });
      await act(a.id, 'close', lux(13, 9), { causeCode: 'billing.double_charge' });
      // B: network, answered the day it was received: first-contact resolution
      const b = await record('network', 'phone', lux(3, 10));
      await act(b.id, 'answer', lux(3, 15), { outcome: 'not_upheld' });
      // C: billing letter of Tuesday 3 November acknowledged Friday 09:00 (due Thursday 18:00: late), then rejected
      const c = await record('billing', 'letter', lux(3, 9));
      await act(c.id, 'acknowledge', lux(6, 9));
      await act(c.id, 'reject', lux(6, 10), { reason: 'Not ours: the bank refused the direct debit' });
      // D: billing, answered within the hour, reopened the next day, answered again
      const d = await record('billing', 'phone', lux(4, 10));
      await act(d.id, 'answer', lux(4, 11), { outcome: 'upheld' });
      await act(d.id, 'reopen', lux(5, 9), { reason: 'Still billed twice' });
      await act(d.id, 'answer', lux(6, 12), { outcome: 'upheld' });

      // customers at the end of November: not one erased on the 10th, one created on the 15th, not one created in December
      for (const [created, erased] of [[Date.UTC(2026, 0, 1), lux(10, 12)], [lux(15, 12), null], [Date.UTC(2026, 11, 2), null]] as const) {
        const { id } = await seedCustomer(storage.db, { lines: [], phones: [], emails: [] });
        await storage.db.updateTable('parties').set({ created_at: created, erased_at: erased }).where('id', '=', id).execute();
      }
      const report = await complaintReport(storage.db, { ...parseComplaintReportParams({ from: '2026-11-01', to: '2026-11-30' }), lang: 'en' });
      assert.deepEqual(report.customers, { '2026-11': 2 });
      const quarter = await complaintReport(storage.db, { ...parseComplaintReportParams({ from: '2026-10-01', to: '2026-12-31', interval: 'quarter' }) });
      assert.deepEqual(quarter.customers, { '2026-Q4': 3 });
      const [billing, network] = report.rows as [ComplaintReportRow, ComplaintReportRow];
      assert.deepEqual([billing.group, billing.label, billing.received, network.group, network.received], ['billing', 'Billing', 3, 'network', 1]);
      assert.equal(billing.perThousandCustomersPerMonth, 1500);
      const german = await complaintReport(storage.db, { ...parseComplaintReportParams({ from: '2026-11-01', to: '2026-11-30' }), lang: 'de' });
      assert.deepEqual(german.rows.map((r) => r.label), ['Rechnung', 'Netz und Abdeckung'], 'the categories in the language asked');
      const counts = (s: { successes: number; n: number }) => [s.successes, s.n];
      assert.deepEqual(counts(billing.acknowledgedOnTime), [2, 3]);
      assert.deepEqual(counts(billing.answeredOnTime), [2, 2]);
      assert.deepEqual(counts(billing.reopened), [1, 2]);
      assert.deepEqual(counts(billing.firstContactResolution), [0, 2]);
      assert.deepEqual(counts(billing.rejected), [1, 3]);
      assert.ok(billing.acknowledgedOnTime.interval!.low < 2 / 3 && billing.acknowledgedOnTime.interval!.high > 2 / 3);
      // acknowledged after 2, 30 and 1 business hours: median 2, p90 30; calendar 64 h, 72 h, 1 h
      near(billing.timeToAcknowledge.business.medianHours, 2);
      near(billing.timeToAcknowledge.business.p90Hours, 30);
      near(billing.timeToAcknowledge.calendar.medianHours, 64);
      // answered after 33 and 1 business hours (the first answer counts)
      near(billing.timeToAnswer.business.medianHours, 1);
      near(billing.timeToAnswer.business.p90Hours, 33);
      assert.deepEqual([counts(network.firstContactResolution), counts(network.acknowledgedOnTime)], [[1, 1], [1, 1]]);
      near(network.timeToAnswer.business.medianHours, 5);

      // a team lead's report is read from the team's facts: the same figures
      const own = await complaintReport(storage.db, { ...parseComplaintReportParams({ from: '2026-11-01', to: '2026-11-30' }), teamId, lang: 'en' });
      assert.deepEqual(own.rows, report.rows);
      const none = await complaintReport(storage.db, { ...parseComplaintReportParams({ from: '2026-11-01', to: '2026-11-30' }), teamId: 'another-team' });
      assert.deepEqual(none.rows, []);
    });

    it('agrees with a recomputation from the case events, after transfers and pauses', async () => {
      const other = await seedTeam(storage.db, 'Billing back office');
      let t = Date.UTC(2026, 9, 1, 7);
      for (let i = 0; i < 24; i++) {
        t += 7 * 3_600_000 + i * 600_000;
        const { id } = await record(['network', 'billing', 'roaming'][i % 3]!, i % 4 === 0 ? 'letter' : 'phone', t);
        if (i % 5 === 0) {
          await act(id, 'pause', t + 3_600_000);
          await act(id, 'resume', t + 10 * 3_600_000);
        }
        if (i % 6 === 1) await act(id, 'transfer', t + 3_000_000, { teamId: other.teamId, reason: 'Billing back office' });
        if (i % 7 === 3) {
          await act(id, 'reject', t + 50 * 3_600_000, { reason: 'Duplicate' });
          continue;
        }
        if (i % 3 !== 2) await act(id, 'acknowledge', t + (i % 4) * 20 * 3_600_000);
        if (i % 4 !== 3) await act(id, 'answer', t + (i % 2 === 0 ? 2 : 200) * 3_600_000, { outcome: 'upheld' });
        if (i % 8 === 0) await act(id, 'reopen', t + 300 * 3_600_000, { reason: 'Disagrees' });
      }

      // every complaint of October, recomputed from its events
      const complaints = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').select(['case_id', 'received_at', 'category', 'cases.team_id', 'cases.state']).execute();
      const events = await storage.db.selectFrom('case_events').select(['case_id', 'at', 'action']).orderBy('at').execute();
      const expected = new Map<string, { received: number; answered: number; reopened: number; rejected: number; fcr: number; answerMinutes: number[] }>();
      for (const c of complaints) {
        const received = Number(c.received_at);
        if (Math.floor(localDay(received) / 100) !== 202610) continue;
        const own = events.filter((e) => e.case_id === c.case_id);
        const answer = own.find((e) => e.action === 'answer');
        const reopened = own.some((e) => e.action === 'reopen');
        const paused = own.filter((e) => e.action === 'resume' && (!answer || Number(e.at) <= Number(answer.at))).length > 0 ? businessTimeBetween(received + 3_600_000, received + 10 * 3_600_000) : 0;
        const key = c.team_id!;
        const row = expected.get(key) ?? { received: 0, answered: 0, reopened: 0, rejected: 0, fcr: 0, answerMinutes: [] };
        row.received += 1;
        row.rejected += c.state === 'rejected' ? 1 : 0;
        if (answer) {
          row.answered += 1;
          row.reopened += reopened ? 1 : 0;
          row.fcr += !reopened && localDay(Number(answer.at)) === localDay(received) ? 1 : 0;
          row.answerMinutes.push(Math.round((businessTimeBetween(received, Number(answer.at)) - paused) / 60_000));
        }
        expected.set(key, row);
      }
      const report = await complaintReport(storage.db, parseComplaintReportParams({ from: '2026-10-01', to: '2026-10-31', by: 'team' }));
      assert.equal(report.rows.length, expected.size);
      for (const row of report.rows) {
        const want = expected.get(row.group)!;
        assert.deepEqual(
          [row.received, row.answeredOnTime.n, row.reopened.successes, row.rejected.successes, row.firstContactResolution.successes],
          [want.received, want.answered, want.reopened, want.rejected, want.fcr],
          row.group,
        );
        const sorted = want.answerMinutes.sort((x, y) => x - y);
        near(row.timeToAnswer.business.medianHours, sorted[Math.ceil(sorted.length / 2) - 1]! / 60);
        near(row.timeToAnswer.business.p90Hours, sorted[Math.ceil(sorted.length * 0.9) - 1]! / 60);
      }
    });
    it("rates the handling: the complaint survey's NPS by group, the last answer of a complaint counting, equal to a recomputation and never in the contact NPS", async () => {
      const msisdn = '+352621730001';
      const rater = (await seedCustomer(storage.db, { familyName: 'Rater', lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      await storage.db.updateTable('parties').set({ created_at: Date.UTC(2026, 0, 1), consent_surveys: 1 }).where('id', '=', rater).execute();
      const contactNps = await storage.db.selectFrom('nps_counts').selectAll().execute();
      const rate = async (id: string, score: number, at: number) => {
        const closing = await storage.db.selectFrom('case_events').select('id').where('case_id', '=', id).where('to_state', '=', 'closed').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
        await askComplaintSatisfaction(storage.db, closing.id, { numberKey: 'k', now: at });
        const survey = await storage.db.selectFrom('complaint_surveys').selectAll().where('event_id', '=', closing.id).executeTakeFirstOrThrow();
        assert.equal(survey.status, 'sent', survey.last_error ?? '');
        await storage.db.transaction().execute((trx) => answerComplaintSurvey(trx, survey, { score, comment: null, receivedAt: at + 600_000 }));
      };
      // December 2026, Tuesdays to Thursdays at 11:00 in Luxembourg (no quiet hours): roaming rated 10, 9, 9, 7, 3, 2; device 8
      const dec = (day: number) => Date.UTC(2026, 11, day, 10);
      const scores: [string, number][] = [['roaming', 10], ['roaming', 9], ['roaming', 9], ['roaming', 7], ['roaming', 3], ['roaming', 2], ['device', 8]];
      const ids: string[] = [];
      for (const [i, [category, score]] of scores.entries()) {
        const { id } = await createComplaint(storage.db, { partyId: rater, channel: 'phone', category, description: 'Rated', receivedAt: dec(1) + i * 60_000 }, advisor, { now: dec(1) + i * 60_000 });
        await act(id, 'answer', dec(2), { outcome: 'upheld' });
        await act(id, 'close', dec(3), { causeCode: 'network.coverage' });
        await rate(id, score, dec(3) + 60_000);
        ids.push(id);
      }
      // the customer disagreed with the last roaming one: reopened, answered, closed, rated again 9 (its last answer counts)
      await act(ids[5]!, 'reopen', dec(8), { reason: 'Still billed' });
      await act(ids[5]!, 'answer', dec(9), { outcome: 'upheld' });
      await act(ids[5]!, 'close', dec(10), { causeCode: 'network.coverage' });
      await rate(ids[5]!, 9, dec(10) + 60_000);

      const report = await complaintReport(storage.db, parseComplaintReportParams({ from: '2026-12-01', to: '2026-12-31', by: 'category' }));
      const roaming = report.rows.find((r) => r.group === 'roaming')!.satisfaction;
      // worked example: 10, 9, 9, 7, 3 and (2 then) 9: 4 promoters, 1 passive, 1 detractor of 6: NPS (4 − 1) / 6 = 50
      assert.deepEqual([roaming.n, roaming.promoters, roaming.passives, roaming.detractors, roaming.nps], [6, 4, 1, 1, 50]);
      assert.ok(roaming.ciLow! < 50 && roaming.ciHigh! > 50 && roaming.reliable === false);
      const device = report.rows.find((r) => r.group === 'device')!.satisfaction;
      assert.deepEqual([device.n, device.promoters, device.passives, device.detractors, device.nps], [1, 0, 1, 0, 0]);

      // a recomputation from the surveys: each complaint's last answer, by category
      const answers = await storage.db
        .selectFrom('complaint_surveys')
        .innerJoin('complaints', 'complaints.case_id', 'complaint_surveys.case_id')
        .select(['complaint_surveys.case_id', 'complaints.category', 'complaint_surveys.score', 'complaint_surveys.received_at'])
        .where('complaint_surveys.status', '=', 'answered')
        .orderBy('complaint_surveys.received_at')
        .execute();
      const last = new Map(answers.map((a) => [a.case_id, a]));
      for (const row of report.rows) {
        const mine = [...last.values()].filter((a) => a.category === row.group).map((a) => Number(a.score));
        const p = mine.filter((x) => x >= 9).length;
        const d = mine.filter((x) => x <= 6).length;
        assert.deepEqual([row.satisfaction.n, row.satisfaction.promoters, row.satisfaction.detractors], [mine.length, p, d], row.group);
        if (mine.length > 0) assert.equal(row.satisfaction.nps, (100 * (p - d)) / mine.length);
      }
      assert.deepEqual(await storage.db.selectFrom('nps_counts').selectAll().execute(), contactNps, 'the contact NPS did not move');
    });
  });
}
