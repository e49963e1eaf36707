import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngines } from '../../test/engines.js';
import type { Actor } from '../auth/policies.js';
import { saveCause } from '../causes/cause-tree.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable } from '../storage/schema.js';
import { parsePeriod, scopedFilters, type AnalysisFilters } from './analysis-query.js';
import { coding, insertParty, rawPareto, saveCodings } from './analysis.testkit.js';
import { codingCountsQuery, pareto, sourceFor, type ParetoQuery } from './pareto.js';

const DAY = 86_400_000;
const MARCH = parsePeriod({ from: '2026-03-01', to: '2026-03-31' });
const at = (iso: string) => Date.parse(iso);

/**
 * The worked example of docs/improvement.md ("Pareto"): ten codings in March 2026 (Europe/Luxembourg
 * days), one just after midnight on 1 March local time and one just after midnight on 1 April, and a
 * coding in February that a March coding recurs.
 */
const WORKED = [
  coding('c1', { party_id: 'p1', occurred_at: at('2026-03-02T09:00:00Z'), amount_cents: 5_000, refund_cents: 2_000, extra_contacts: 1 }),
  coding('c2', { party_id: 'p1', occurred_at: at('2026-03-20T09:00:00Z'), amount_cents: 1_000 }),
  coding('f1', { subject_kind: 'followup', party_id: 'p2', occurred_at: at('2026-03-05T09:00:00Z') }),
  coding('c4', { party_id: 'p2', occurred_at: at('2026-02-27T12:00:00Z'), amount_cents: 7_000 }),
  coding('c3', { cause_code: 'billing.double_charge', party_id: 'p2', occurred_at: at('2026-03-10T09:00:00Z'), amount_cents: 3_000 }),
  // 23:30 UTC on 28 February is 00:30 on 1 March in Luxembourg
  coding('c0', { cause_code: 'billing.double_charge', party_id: 'p3', occurred_at: at('2026-02-28T23:30:00Z') }),
  coding('k1', { subject_kind: 'contact', cause_code: 'billing.double_charge', party_id: 'p3', occurred_at: at('2026-03-11T09:00:00Z'), extra_contacts: 1 }),
  coding('k2', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: 'p3', occurred_at: at('2026-03-12T09:00:00Z'), extra_contacts: 1 }),
  coding('k3', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: 'p1', occurred_at: at('2026-03-13T09:00:00Z'), extra_contacts: 1 }),
  coding('f2', { subject_kind: 'followup', cause_code: 'network.coverage', party_id: 'p2', occurred_at: at('2026-03-14T09:00:00Z') }),
  coding('f3', { subject_kind: 'followup', cause_code: 'network.coverage', party_id: 'p3', occurred_at: at('2026-03-15T09:00:00Z') }),
  // 22:30 UTC on 31 March is 00:30 on 1 April (summer time)
  coding('k4', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: 'p1', occurred_at: at('2026-03-31T22:30:00Z'), extra_contacts: 1 }),
];

const query = (over: Partial<ParetoQuery> = {}): ParetoQuery => ({ ...MARCH, filters: {}, sort: 'total', language: 'en', ...over });
const measures = (r: { complaints: number; detractors: number; repeatContacts: number; total: number; recurrences: number; disputedCents: number; refundedCents: number; extraContacts: number }) =>
  [r.complaints, r.detractors, r.repeatContacts, r.total, r.recurrences, r.disputedCents, r.refundedCents, r.extraContacts];

for (const engine of await testEngines()) {
  describe(`the Pareto of causes on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      // the base at the end of March: p1, p2, p3; p4 erased in February, p5 a customer from April
      await insertParty(storage.db, 'p1', { createdAt: at('2025-06-01T00:00:00Z'), segment: 'residential', plan: 'Mobile M' });
      await insertParty(storage.db, 'p2', { createdAt: at('2025-06-01T00:00:00Z'), segment: 'business', plan: 'Mobile L' });
      await insertParty(storage.db, 'p3', { createdAt: at('2026-01-15T00:00:00Z'), segment: 'residential', plan: 'Mobile L' });
      await insertParty(storage.db, 'p4', { createdAt: at('2025-06-01T00:00:00Z'), erasedAt: at('2026-02-10T00:00:00Z'), segment: 'residential' });
      await insertParty(storage.db, 'p5', { createdAt: at('2026-04-02T00:00:00Z'), segment: 'residential' });
      await saveCause(storage.db, 'billing.roaming.eu_cap', { parentCode: 'billing.roaming', labels: { fr: 'Plafond UE', de: 'EU-Obergrenze', en: 'EU cap' } });
    });
    after(async () => storage?.close());

    const reset = async () => {
      await storage.db.deleteFrom('cause_counts').execute();
      await storage.db.deleteFrom('cause_codings').execute();
    };

    it('counts the worked example by hand: per cause, sorted by total then code, shares, costs, recurrences, rate per 1,000 customers', async () => {
      await reset();
      await saveCodings(storage.db, WORKED);
      const result = await pareto(storage.db, query());
      assert.equal(result.source, 'aggregates');
      assert.equal(result.base.customers, 3);
      assert.deepEqual(
        result.rows.map((r) => [r.cause.code, ...measures(r)]),
        [
          ['network.coverage', 0, 2, 2, 4, 1, 0, 0, 2],
          ['billing.double_charge', 2, 0, 1, 3, 1, 3_000, 0, 1],
          ['billing.roaming', 2, 1, 0, 3, 2, 6_000, 2_000, 1],
        ],
      );
      assert.deepEqual(result.rows.map((r) => [r.share, r.cumulativeShare]), [[0.4, 0.4], [0.3, 0.7], [0.3, 1]]);
      assert.deepEqual(result.rows.map((r) => r.complaintsPerThousandCustomers), [0, 2000 / 3, 2000 / 3]);
      assert.deepEqual(measures(result.totals), [4, 3, 3, 10, 4, 9_000, 2_000, 4]);
      assert.equal(result.totals.complaintsPerThousandCustomers, 4000 / 3);
      assert.deepEqual(result.rows[1]!.cause, { code: 'billing.double_charge', label: 'Charged twice', path: ['billing', 'billing.double_charge'] });
      assert.deepEqual(result.rows[1]!.department, { code: 'it_billing', label: 'IT billing' });

      const french = await pareto(storage.db, query({ language: 'fr' }));
      assert.deepEqual([french.rows[0]!.cause.label, french.rows[0]!.department?.label], ['Couverture insuffisante', 'Réseau']);
    });

    it('rolls causes up to a level of the tree, sorts by any measure, and takes the share of that measure', async () => {
      await reset();
      await saveCodings(storage.db, [...WORKED, coding('deep', { cause_code: 'billing.roaming.eu_cap', party_id: 'p9', occurred_at: at('2026-03-03T09:00:00Z'), amount_cents: 1_000 })]);
      const level1 = await pareto(storage.db, query({ level: 1 }));
      assert.deepEqual(level1.rows.map((r) => [r.cause.code, r.total, r.share]), [['billing', 7, 7 / 11], ['network', 4, 4 / 11]]);
      const level2 = await pareto(storage.db, query({ level: 2 }));
      assert.deepEqual(level2.rows.map((r) => [r.cause.code, r.total]), [['billing.roaming', 4], ['network.coverage', 4], ['billing.double_charge', 3]]);
      const coded = await pareto(storage.db, query({ sort: 'disputed' }));
      assert.deepEqual(coded.rows.map((r) => [r.cause.code, r.disputedCents, r.share, r.cumulativeShare]), [
        ['billing.roaming', 6_000, 0.6, 0.6],
        ['billing.double_charge', 3_000, 0.3, 0.9],
        ['billing.roaming.eu_cap', 1_000, 0.1, 1],
        ['network.coverage', 0, 0, 1],
      ]);
    });

    it('narrows the base of the rate to the segment or plan filtered on, not to a channel, team or site', async () => {
      await reset();
      await saveCodings(storage.db, WORKED);
      assert.equal((await pareto(storage.db, query({ filters: { segment: 'residential' } }))).base.customers, 2);
      assert.equal((await pareto(storage.db, query({ filters: { plan: 'Mobile L' } }))).base.customers, 2);
      assert.equal((await pareto(storage.db, query({ filters: { segment: 'business', plan: 'Mobile L' } }))).base.customers, 1);
      assert.equal((await pareto(storage.db, query({ filters: { team: 't1' } }))).base.customers, 3);
    });

    it("forces a team lead's figures to their own team and refuses another's", () => {
      const lead: Actor = { kind: 'user', id: 'u', role: 'team_lead', displayName: 'Luc', teamId: 't1', language: 'fr' };
      assert.deepEqual(scopedFilters(lead, { channel: 'phone' }), { channel: 'phone', team: 't1' });
      assert.throws(() => scopedFilters(lead, { team: 't2' }), /own team/);
      assert.throws(() => scopedFilters({ ...lead, teamId: null }, {}), /no team/);
      assert.deepEqual(scopedFilters({ ...lead, role: 'quality_coach' }, { team: 't2' }), { team: 't2' });
    });

    it("counts a team lead's combined filters from their team's codings only (SQLite's plan)", { skip: engine.name !== 'sqlite' && 'the plan is read on SQLite' }, () => {
      const query = codingCountsQuery(storage.db, MARCH, { team: 't1', channel: 'phone' }).compile();
      const plan = (storage.sqlite!.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
      assert.match(plan, /USING INDEX cause_codings_team_day \(team_id=\? AND day>\? AND day<\?\)/);
    });

    it('reads the same figures from the aggregates and from the codings as a recomputation from the rows, whatever the filters', async () => {
      const causes = ['billing.roaming', 'billing.double_charge', 'network.coverage', 'billing.roaming.eu_cap', 'unknown'];
      const codingArb = fc.record({
        id: fc.integer({ min: 1, max: 40 }),
        kind: fc.constantFrom('complaint', 'followup', 'contact') as fc.Arbitrary<'complaint' | 'followup' | 'contact'>,
        cause: fc.constantFrom(...causes),
        party: fc.constantFrom('p1', 'p2', 'p3', null),
        // from mid-February to mid-April, at any hour: days on both sides of the period and of midnight
        minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
        segment: fc.constantFrom('residential', 'business', null) as fc.Arbitrary<'residential' | 'business' | null>,
        channel: fc.constantFrom('phone', 'email', null),
        team: fc.constantFrom('t1', 't2', null),
        site: fc.constantFrom('s1', null),
        plan: fc.constantFrom('Mobile M', 'Mobile L', null),
        amount: fc.integer({ min: 0, max: 10_000 }),
        refund: fc.integer({ min: 0, max: 2_000 }),
        extra: fc.integer({ min: 0, max: 3 }),
      });
      const filterArb = fc.record(
        { segment: fc.constantFrom('residential', 'business'), channel: fc.constantFrom('phone', 'email'), team: fc.constantFrom('t1', 't2'), site: fc.constantFrom('s1'), plan: fc.constantFrom('Mobile M', 'Mobile L') },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(fc.array(codingArb, { minLength: 1, maxLength: 30 }), fc.array(filterArb, { minLength: 1, maxLength: 4 }), async (steps, filterSets) => {
          await reset();
          await saveCodings(
            storage.db,
            steps.map((s) =>
              coding(`s${s.id}`, {
                subject_kind: s.kind, cause_code: s.cause, party_id: s.party, occurred_at: at('2026-02-15T00:00:00Z') + s.minute * 60_000 + (s.id % 7) * DAY,
                segment: s.segment, channel: s.channel, team_id: s.team, site_id: s.site, plan: s.plan, amount_cents: s.amount, refund_cents: s.refund, extra_contacts: s.extra,
              }),
            ),
          );
          const rows = (await storage.db.selectFrom('cause_codings').selectAll().execute()) as CauseCodingTable[];
          for (const filters of [{}, ...filterSets] as AnalysisFilters[]) {
            const expected = rawPareto(rows, MARCH, filters);
            const sources = sourceFor(filters) === 'aggregates' ? (['aggregates', 'codings'] as const) : (['codings'] as const);
            for (const source of sources) {
              const result = await pareto(storage.db, query({ filters }), source);
              assert.deepEqual(
                new Map(result.rows.map((r) => [r.cause.code, measures(r)])),
                new Map([...expected].map(([code, m]) => [code, measures(m)])),
                `${source} with ${JSON.stringify(filters)}`,
              );
              const totals = result.rows.map((r) => r.total);
              assert.deepEqual(totals, [...totals].sort((a, b) => b - a), 'sorted by total, descending');
              if (result.rows.length > 0) assert.ok(Math.abs(result.rows.at(-1)!.cumulativeShare! - 1) < 1e-12);
            }
          }
        }),
        { numRuns: engine.name === 'sqlite' ? 30 : 10 },
      );
    });
  });
}
