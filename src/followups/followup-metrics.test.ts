import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { basisKey } from '../nps/basis.js';
import { estimate } from '../nps/statistics.js';
import { DomainError } from '../shared/errors.js';
import { twoProportionTest, wilsonInterval } from '../shared/proportions.js';
import type { Storage } from '../storage/database.js';
import { actOnFollowup } from './followup-actions.js';
import { computeMetrics, followupFacts, followupMetrics, metricsPeriod, type FollowupFact } from './followup-metrics.js';
import { answerAgain, answerSurvey, seedFollowupWorld } from './followups.testkit.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASIS = '1-10/9/6';

/**
 * The worked example of docs/followups.md ("Measures"): eight follow-ups opened at hour 0, due at
 * hour 48, looked at on day 10 (FCR window 7 days); the seventh opened an hour before.
 */
const NOW = 10 * DAY;
const fact = (f: Partial<FollowupFact>): FollowupFact => ({
  openedAt: 0, hot: false, deadlineAt: 48 * HOUR, firstAttemptAt: null, reachedAt: null, closedAt: null, resolution: null, next: null, repeatContact: false, ...f,
});
const next = (category: 'promoter' | 'passive' | 'detractor') => ({ category, basis: BASIS });
const WORKED: FollowupFact[] = [
  fact({ hot: true, firstAttemptAt: 4 * HOUR, reachedAt: 4 * HOUR, closedAt: 5 * HOUR, resolution: 'reached', next: next('promoter') }),
  fact({ firstAttemptAt: 30 * HOUR, reachedAt: 30 * HOUR, closedAt: 31 * HOUR, resolution: 'reached', next: next('passive') }),
  fact({ hot: true, firstAttemptAt: 60 * HOUR, reachedAt: 72 * HOUR, closedAt: 73 * HOUR, resolution: 'reached', next: next('detractor'), repeatContact: true }),
  fact({ hot: true, firstAttemptAt: 10 * HOUR, closedAt: 50 * HOUR, resolution: 'unreachable', next: next('detractor'), repeatContact: true }),
  fact({ next: next('detractor') }),
  fact({ closedAt: 20 * HOUR, resolution: 'cancelled', next: next('passive') }),
  fact({ openedAt: NOW - HOUR, deadlineAt: NOW + 47 * HOUR }),
  fact({ firstAttemptAt: 2 * HOUR, reachedAt: 2 * HOUR, closedAt: 3 * HOUR, resolution: 'reached' }),
];

describe('follow-up figures: the worked example', () => {
  const m = computeMetrics(WORKED, NOW, 7);
  const rate = (successes: number, n: number) => {
    const w = wilsonInterval(successes, n)!;
    return { successes, n, rate: successes / n, ci95: { low: w.low, high: w.high } };
  };

  it('counts the follow-ups opened, the hot ones, those contacted and reached, with Wilson intervals', () => {
    assert.deepEqual([m.opened, m.hot], [8, 3]);
    assert.deepEqual(m.contacted, rate(5, 8));
    assert.deepEqual([m.contacted.ci95!.low.toFixed(4), m.contacted.ci95!.high.toFixed(4)], ['0.3057', '0.8632'], 'Wilson 5 of 8');
    assert.deepEqual(m.reached, rate(4, 8));
  });

  it('measures the deadline only on follow-ups whose deadline has passed or that were contacted', () => {
    // the 7th is still within its time: in neither denominator
    assert.deepEqual(m.contactedWithinDeadline, rate(4, 7));
    // on time and closed reached or unreachable: the 1st, 2nd and 8th (the 4th closed at hour 50, the 6th was cancelled)
    assert.deepEqual(m.closedWithinDeadline, rate(3, 7));
  });

  it('gives the median and p90 of the time to first contact by nearest rank: 2, 4, 10, 30, 60 hours → 10 h and 60 h', () => {
    assert.deepEqual(m.timeToFirstContact, { n: 5, medianMs: 10 * HOUR, p90Ms: 60 * HOUR });
  });

  it('compares the next answers of the detractors called back with the others: rescue rate and NPS', () => {
    assert.deepEqual(m.rescue.calledBack, rate(2, 3));
    assert.deepEqual(m.rescue.notCalledBack, rate(1, 3));
    assert.deepEqual(m.rescue.difference, twoProportionTest({ successes: 2, n: 3 }, { successes: 1, n: 3 }));
    assert.equal(m.nextNps.length, 1);
    const [onBasis] = m.nextNps;
    assert.equal(onBasis!.basis, BASIS);
    assert.deepEqual(onBasis!.calledBack, estimate({ promoters: 1, passives: 1, detractors: 1 }));
    assert.equal(onBasis!.calledBack.nps, 0);
    assert.equal(onBasis!.notCalledBack.nps!.toFixed(2), '-66.67');
    assert.equal(onBasis!.difference!.toFixed(2), '66.67');
  });

  it('compares repeat contacts, leaving out those whose window is still open', () => {
    assert.deepEqual(m.repeatContact.calledBack, rate(1, 4));
    assert.deepEqual(m.repeatContact.notCalledBack, rate(1, 3));
  });

  it('keeps the NPS of next answers on different bases apart', () => {
    const other = basisKey({ scaleMin: 0, scaleMax: 10, promoterMin: 9, detractorMax: 6 });
    const mixed = computeMetrics([...WORKED, fact({ next: { category: 'promoter', basis: other } })], NOW, 7);
    assert.deepEqual(mixed.nextNps.map((b) => [b.basis, b.calledBack.n + b.notCalledBack.n]), [[other, 1], [BASIS, 6]]);
  });

  it('has no rate without follow-ups', () => {
    const empty = computeMetrics([], NOW, 7);
    assert.deepEqual(empty.contacted, { successes: 0, n: 0, rate: null, ci95: null });
    assert.deepEqual(empty.timeToFirstContact, { n: 0, medianMs: null, p90Ms: null });
    assert.equal(empty.rescue.difference, null);
  });
});

describe('the period of the figures', () => {
  it('runs from the start of the first day to the start of the day after the last, Europe/Luxembourg', () => {
    assert.deepEqual(metricsPeriod('2026-03-01', '2026-03-31'), { from: Date.UTC(2026, 1, 28, 23), to: Date.UTC(2026, 2, 31, 22) });
    assert.throws(() => metricsPeriod('2026-04-01', '2026-03-01'), (e: unknown) => e instanceof DomainError && e.fields[0]?.field === 'from');
    assert.throws(() => metricsPeriod('1 March', undefined), (e: unknown) => e instanceof DomainError && e.fields[0]?.field === 'from');
  });
});

for (const engine of await testEngines()) {
  describe(`follow-up figures from storage, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    const T0 = Date.UTC(2026, 10, 2, 9, 0);
    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      // twelve detractors on Monday 2 November: a third called back and reached, a third tried, a third never; half answer again
      for (let i = 0; i < 12; i++) {
        const answer = await answerSurvey(storage.db, world.advisor.id, `${1 + (i % 6)} réseau`, { receivedAt: T0 + i * 60_000 });
        const { case_id: id } = await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
        const at = T0 + (i + 2) * HOUR;
        if (i % 3 !== 2) await actOnFollowup(storage.db, id, 'attempt', { reached: i % 3 === 0, at }, world.lead, { now: at });
        if (i % 3 === 0) await actOnFollowup(storage.db, id, 'close', { cause: 'réseau' }, world.lead, { now: at + HOUR });
        if (i % 2 === 0) await answerAgain(storage.db, answer, world.advisor.id, i % 4 === 0 ? '9' : '3', T0 + 5 * DAY + i * 60_000);
      }
    });
    after(() => storage?.close());

    it('reads the same facts as a recomputation from the raw rows', async () => {
      const { db } = storage;
      const facts = await followupFacts(db, T0, T0 + DAY, {}, 7);
      const followups = await db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').innerJoin('interactions', 'interactions.id', 'followups.interaction_id')
        .select(['followups.opened_at', 'cases.hot', 'followups.deadline_at', 'followups.first_attempt_at', 'followups.reached_at', 'cases.closed_at', 'followups.resolution', 'cases.party_id', 'interactions.reason_code'])
        .where('cases.kind', '=', 'followup').where('followups.opened_at', '>=', T0).where('followups.opened_at', '<', T0 + DAY).execute();
      const responses = await db.selectFrom('survey_responses').selectAll().execute();
      const contacts = await db.selectFrom('interactions').selectAll().execute();
      const n = (v: number | null) => (v === null ? null : Number(v));
      const raw: FollowupFact[] = followups.map((f) => {
        const opened = Number(f.opened_at);
        const later = responses.filter((r) => r.party_id === f.party_id && Number(r.received_at) > opened).sort((a, b) => Number(a.received_at) - Number(b.received_at))[0];
        return {
          openedAt: opened, hot: Number(f.hot) === 1, deadlineAt: Number(f.deadline_at), firstAttemptAt: n(f.first_attempt_at), reachedAt: n(f.reached_at), closedAt: n(f.closed_at),
          resolution: f.resolution,
          next: later ? { category: later.category!, basis: basisKey({ scaleMin: later.scale_min, scaleMax: later.scale_max, promoterMin: later.promoter_min, detractorMax: later.detractor_max }) } : null,
          repeatContact: contacts.some((c) => c.party_id === f.party_id && c.reason_code === f.reason_code && c.direction === 'inbound' && Number(c.started_at) > opened && Number(c.started_at) <= opened + 7 * DAY),
        };
      });
      const order = (list: FollowupFact[]) => [...list].sort((a, b) => a.openedAt - b.openedAt);
      assert.equal(facts.length, 12);
      assert.deepEqual(order(facts), order(raw));
      const m = computeMetrics(facts, T0 + 30 * DAY, 7);
      assert.deepEqual([m.contacted.successes, m.reached.successes, m.rescue.calledBack.n, m.rescue.notCalledBack.n], [8, 4, 2, 4]);
      // answered again: called back 0 (9) and 6 (3); not called back 2 (3), 4 (9), 8 (9), 10 (3)
      assert.deepEqual([m.rescue.calledBack.successes, m.rescue.notCalledBack.successes], [1, 2]);
      assert.deepEqual([m.repeatContact.calledBack.successes, m.repeatContact.notCalledBack.successes], [2, 4], 'the customers who answered again had called again');
    });

    it('gives a team lead their team’s figures and a CX manager any team’s; nobody a colleague’s', async () => {
      const { db } = storage;
      const options = { fcrWindowDays: 7, now: T0 + 30 * DAY };
      const period = { from: T0, to: T0 + DAY };
      const team = await followupMetrics(db, world.lead, period, options);
      assert.deepEqual([team.teamId, team.mine, team.opened], [world.teamId, false, 12]);
      assert.equal((await followupMetrics(db, world.manager, { ...period, teamId: world.otherTeamId }, options)).opened, 0);
      assert.equal((await followupMetrics(db, world.manager, period, options)).opened, 12);
      await assert.rejects(followupMetrics(db, world.lead, { ...period, teamId: world.otherTeamId }, options), (e: unknown) => e instanceof DomainError && e.status === 403);
      const own = await followupMetrics(db, world.advisor, { ...period, mine: true }, options);
      assert.deepEqual([own.mine, own.opened], [true, 0], "an advisor's own: none are assigned to them");
      assert.equal((await followupMetrics(db, world.lead, { ...period, mine: true }, options)).opened, 12);
      await assert.rejects(followupMetrics(db, world.lead, { from: T0, to: T0 + 400 * DAY }, options), (e: unknown) => e instanceof DomainError && e.status === 400);
    });
  });
}
