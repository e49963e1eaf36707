import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable, CauseCountTable } from '../storage/schema.js';
import { countsFromCodings, type CodingInput, isRecurrence, linkCodings, saveCoding } from './cause-codings.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);

function coding(id: string, over: Partial<CodingInput> = {}): CodingInput {
  return {
    subject_kind: 'complaint', subject_id: id, cause_code: 'billing.roaming', unknown_reason: null, party_id: 'p1', occurred_at: T0,
    segment: 'residential', channel: 'phone', team_id: 't1', site_id: 's1', plan: 'Mobile M', amount_cents: 0, refund_cents: 0, extra_contacts: 0,
    suggested: null, coded_at: T0, coded_by_kind: 'user', coded_by_id: 'u1', ...over,
  };
}

const key = (r: CauseCountTable) => `${r.dim}|${r.dim_key}|${r.day}|${r.cause_code}|${r.subject_kind}`;
const measures = (r: CauseCountTable) => [r.coded, r.recurrences, r.amount_cents, r.refund_cents, r.extra_contacts].map(Number).join(',');
const asMap = (rows: CauseCountTable[]) =>
  new Map(rows.filter((r) => [r.coded, r.recurrences, r.amount_cents, r.refund_cents, r.extra_contacts].some((v) => Number(v) !== 0)).map((r) => [key(r), measures(r)]));

for (const engine of await testEngines()) {
  describe(`cause codings on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(async () => storage?.close());

    const stored = async () => {
      const rows = (await storage.db.selectFrom('cause_codings').selectAll().execute()) as CauseCodingTable[];
      const counts = (await storage.db.selectFrom('cause_counts').selectAll().execute()) as CauseCountTable[];
      return { rows, counts };
    };
    const reset = async () => {
      await storage.db.deleteFrom('cause_counts').execute();
      await storage.db.deleteFrom('cause_codings').execute();
    };

    it('counts a coding once in the whole and once per dimension it has, with its amounts', async () => {
      await reset();
      await saveCoding(storage.db, coding('c1', { amount_cents: 4_990, refund_cents: 1_500, extra_contacts: 2, site_id: null }));
      const { counts } = await stored();
      assert.deepEqual(
        counts.map((r) => `${r.dim}=${r.dim_key}:${r.coded}/${r.amount_cents}/${r.refund_cents}/${r.extra_contacts}`).sort(),
        ['=:1/4990/1500/2', 'channel=phone:1/4990/1500/2', 'plan=Mobile M:1/4990/1500/2', 'segment=residential:1/4990/1500/2', 'team=t1:1/4990/1500/2'],
      );
      assert.ok(counts.every((r) => Number(r.day) === 20260105 && r.cause_code === 'billing.roaming'));
    });

    it('links a customer\'s codings of one cause in time order, whatever order they are coded in: a recurrence within 90 days', async () => {
      await reset();
      // coded out of order: the third first, then the first, then the second (which comes 60 days after the first)
      await saveCoding(storage.db, coding('c3', { occurred_at: T0 + 200 * DAY }));
      await saveCoding(storage.db, coding('c1'));
      await saveCoding(storage.db, coding('c2', { occurred_at: T0 + 60 * DAY }));
      await saveCoding(storage.db, coding('other-cause', { occurred_at: T0 + 61 * DAY, cause_code: 'network.coverage' }));
      const { rows, counts } = await stored();
      const by = new Map(rows.map((r) => [r.subject_id, r]));
      assert.equal(by.get('c1')!.previous_at, null);
      assert.equal(Number(by.get('c2')!.previous_at), T0);
      assert.equal(Number(by.get('c3')!.previous_at), T0 + 60 * DAY);
      assert.deepEqual(rows.filter(isRecurrence).map((r) => r.subject_id), ['c2'], 'c3 is 140 days after c2: not a recurrence');
      assert.equal(counts.filter((r) => r.dim === '').reduce((n, r) => n + Number(r.recurrences), 0), 1);

      // recoding the middle one to another cause un-links it: c3 follows c1 now (200 days: no recurrence)
      await saveCoding(storage.db, coding('c2', { occurred_at: T0 + 60 * DAY, cause_code: 'network.coverage' }));
      const again = await stored();
      const c3 = again.rows.find((r) => r.subject_id === 'c3')!;
      assert.equal(Number(c3.previous_at), T0);
      assert.deepEqual(again.rows.filter(isRecurrence).map((r) => r.subject_id), ['other-cause'], 'the other network.coverage coding now recurs a day after c2');
    });

    it('keeps aggregates and links equal to a recomputation from the rows, after any sequence of codings and recodings', async () => {
      const causes = ['billing.roaming', 'network.coverage', 'unknown'];
      const step = fc.record({
        id: fc.integer({ min: 1, max: 12 }),
        party: fc.constantFrom('p1', 'p2', null),
        cause: fc.constantFrom(...causes),
        day: fc.integer({ min: 0, max: 300 }),
        kind: fc.constantFrom('complaint', 'followup', 'contact') as fc.Arbitrary<'complaint' | 'followup' | 'contact'>,
        segment: fc.constantFrom('residential', 'business', null) as fc.Arbitrary<'residential' | 'business' | null>,
        amount: fc.integer({ min: 0, max: 20_000 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
          await reset();
          for (const s of steps) {
            await storage.db.transaction().execute((trx) =>
              saveCoding(trx, coding(`s${s.id}`, { subject_kind: s.kind, party_id: s.party, cause_code: s.cause, occurred_at: T0 + s.day * DAY, segment: s.segment, amount_cents: s.amount })),
            );
          }
          const { rows, counts } = await stored();
          const linked = new Map(linkCodings(rows).map((r) => [`${r.subject_kind}|${r.subject_id}`, r.previous_at]));
          for (const r of rows) assert.equal(r.previous_at === null ? null : Number(r.previous_at), linked.get(`${r.subject_kind}|${r.subject_id}`), `link of ${r.subject_id}`);
          assert.deepEqual(asMap(counts), asMap(countsFromCodings(rows)));
        }),
        { numRuns: engine.name === 'sqlite' ? 40 : 15 },
      );
    });
  });
}
