import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { loadDemoQuality } from '../demo/demo-quality.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { addDays, localDay } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../shared/roles.js';
import type { Storage } from '../storage/database.js';
import { advisorScorecard, previousDays, scorecardDays, teamScorecard } from './advisor-scorecard.js';
import { pooledRawFigures, summarise } from './people-figures.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const OPTIONS = { minResponses: 30, graceDays: 30 };

describe('the days of a scorecard', () => {
  it('defaults to the 90 days to yesterday, compares with as many days before, refuses what is not a span', () => {
    assert.deepEqual(scorecardDays({}, NOW), { from: 20260822, to: 20261119 });
    assert.deepEqual(previousDays({ from: 20261101, to: 20261130 }), { from: 20261002, to: 20261031 });
    const codes = (q: { from?: string; to?: string }) => {
      try {
        scorecardDays(q, NOW);
        return [];
      } catch (e) {
        return (e as DomainError).fields.map((f) => f.code);
      }
    };
    assert.deepEqual(codes({ from: '2026-11-31' }), ['invalid-format']);
    assert.deepEqual(codes({ from: '2026-11-10', to: '2026-11-01' }), ['from-after-to']);
    assert.deepEqual(codes({ from: '2025-01-01', to: '2026-11-01' }), ['too-long-span']);
  });
});

for (const engine of await testEngines()) {
  describe(`scorecards on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisor: Actor;
    let colleague: Actor;
    let lead: Actor;
    let otherLead: Actor;
    let coach: Actor;
    let manager: Actor;
    const actor = (id: string, role: Role, teamId: string | null): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'en' });

    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 1500, seed: 7, now: NOW });
      await loadDemoSurveys(storage, { seed: 7, now: NOW });
      await loadDemoQuality(storage, { seed: 7, now: NOW });
      const busiest = await storage.db.selectFrom('interactions as i').innerJoin('users as u', 'u.id', 'i.advisor_id').select(['u.id', 'u.team_id', (eb) => eb.fn.countAll<number>().as('n')]).where('u.role', '=', 'advisor').groupBy(['u.id', 'u.team_id']).orderBy('n', 'desc').orderBy('u.id').execute();
      const first = busiest[0]!;
      const second = busiest.find((b) => b.team_id === first.team_id && b.id !== first.id)!;
      const elsewhere = busiest.find((b) => b.team_id !== first.team_id)!;
      advisor = actor(first.id, 'advisor', first.team_id);
      colleague = actor(second.id, 'advisor', second.team_id);
      const user = async (email: string, role: Role, teamId: string | null) => actor(await createUser(storage.db, { email, displayName: email, role, teamId, siteId: null, password: 'correct horse' }), role, teamId);
      lead = await user('lead.card@ecoute.test', 'team_lead', first.team_id);
      otherLead = await user('other.lead@ecoute.test', 'team_lead', elsewhere.team_id);
      coach = await user('coach.card@ecoute.test', 'quality_coach', null);
      manager = await user('manager.card@ecoute.test', 'cx_manager', null);
    });
    after(() => storage.close());

    it("gives the advisor their own figures, the same as a pooled count of their days, against the days before", async () => {
      const days = { from: addDays(localDay(NOW), -90), to: addDays(localDay(NOW), -1) };
      const card = await advisorScorecard(storage.db, advisor, advisor.id, days, OPTIONS, NOW);
      const expected = summarise(await pooledRawFigures(storage.db, [{ advisorId: advisor.id, ...days }]), 30);
      assert.deepEqual(card.figures, expected);
      assert.ok(card.figures.fcr.contacts > 0 && card.figures.quality.evaluations > 0, 'the demo gives the advisor contacts and evaluations');
      assert.deepEqual(card.previous, summarise(await pooledRawFigures(storage.db, [{ advisorId: advisor.id, ...previousDays(days) }]), 30));
      assert.deepEqual(await advisorScorecard(storage.db, lead, advisor.id, days, OPTIONS, NOW), card, 'their lead reads the same');
      assert.deepEqual(await advisorScorecard(storage.db, coach, advisor.id, days, OPTIONS, NOW), card, 'a coach reads the same');
    });

    it("never shows it to a colleague, another team's lead or a CX manager", async () => {
      const days = scorecardDays({}, NOW);
      for (const reader of [colleague, otherLead, manager]) {
        await assert.rejects(advisorScorecard(storage.db, reader, advisor.id, days, OPTIONS, NOW), (e: unknown) => e instanceof DomainError && e.status === 404, reader.role);
      }
    });

    it("shows the team's lead each advisor and the total of their counts; a CX manager the total only; an advisor nothing", async () => {
      const days = scorecardDays({}, NOW);
      const team = await teamScorecard(storage.db, lead, advisor.teamId!, days, OPTIONS, NOW);
      assert.ok(team.advisors.length >= 2 && team.advisors.some((a) => a.id === colleague.id));
      const sum = (pick: (f: (typeof team.advisors)[number]['figures']) => number) => team.advisors.reduce((s, a) => s + pick(a.figures), 0);
      assert.equal(team.total.quality.evaluations, sum((f) => f.quality.evaluations));
      assert.equal(team.total.fcr.contacts, sum((f) => f.fcr.contacts));
      assert.equal(team.total.fcr.count, sum((f) => f.fcr.count));
      assert.equal(team.total.repeat.count, sum((f) => f.repeat.count));
      const quality = team.advisors.reduce((s, a) => s + (a.figures.quality.mean ?? 0) * a.figures.quality.evaluations, 0) / team.total.quality.evaluations;
      assert.ok(Math.abs(team.total.quality.mean! - quality) < 1e-9, 'the pooled mean weighs each evaluation once');
      const forManager = await teamScorecard(storage.db, manager, advisor.teamId!, days, OPTIONS, NOW);
      assert.deepEqual(forManager.advisors, []);
      assert.deepEqual(forManager.total, team.total);
      await assert.rejects(teamScorecard(storage.db, advisor, advisor.teamId!, days, OPTIONS, NOW), (e: unknown) => e instanceof DomainError && e.status === 403);
      await assert.rejects(teamScorecard(storage.db, otherLead, advisor.teamId!, days, OPTIONS, NOW), (e: unknown) => e instanceof DomainError && e.status === 404);
    });
  });
}
