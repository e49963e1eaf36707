import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import type { CauseCodingTable } from '../storage/schema.js';
import { parsePeriod, type AnalysisFilters } from './analysis-query.js';
import { coding, codingsOf, saveCodings } from './analysis.testkit.js';
import { parseWindow, recurrenceTable, type RecurrenceQuery } from './recurrence.js';

const DAY = 86_400_000;
const MARCH = parsePeriod({ from: '2026-03-01', to: '2026-03-31' });
const at = (iso: string) => Date.parse(iso);

/** The worked example of docs/improvement.md ("Recurrence"). */
const WORKED = [
  coding('r1', { party_id: 'p1', occurred_at: at('2026-01-10T10:00:00Z') }),
  coding('r2', { party_id: 'p1', occurred_at: at('2026-03-05T10:00:00Z'), channel: 'email' }),
  coding('r3', { subject_kind: 'contact', party_id: 'p1', occurred_at: at('2026-03-25T10:00:00Z') }),
  coding('r4', { party_id: 'p2', occurred_at: at('2026-03-08T10:00:00Z') }),
  coding('n1', { cause_code: 'network.coverage', party_id: 'p3', occurred_at: at('2026-03-01T10:00:00Z') }),
  coding('n2', { subject_kind: 'followup', cause_code: 'network.coverage', party_id: 'p3', occurred_at: at('2026-03-02T10:00:00Z') }),
  coding('n0', { cause_code: 'network.coverage', party_id: 'p4', occurred_at: at('2025-09-15T10:00:00Z') }),
  coding('n3', { cause_code: 'network.coverage', party_id: 'p4', occurred_at: at('2026-03-03T10:00:00Z') }),
  coding('n4', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: null, occurred_at: at('2026-03-04T10:00:00Z') }),
];

const query = (over: Partial<RecurrenceQuery> = {}): RecurrenceQuery => ({ ...MARCH, filters: {}, windowDays: 90, language: 'en', ...over });
const figures = (r: { codings: number; recurrent: number; share: number | null; customers: number; customersWithRecurrence: number }) =>
  [r.codings, r.recurrent, r.share, r.customers, r.customersWithRecurrence];

for (const engine of await testEngines()) {
  describe(`recurrence of causes on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(async () => storage?.close());
    const reset = async () => {
      await storage.db.deleteFrom('cause_counts').execute();
      await storage.db.deleteFrom('cause_codings').execute();
    };

    it('counts the worked example: codings, recurrent ones within the window, customers with a recurrence, whatever the window', async () => {
      await reset();
      await saveCodings(storage.db, WORKED);
      const ninety = await recurrenceTable(storage.db, query());
      assert.deepEqual(ninety.rows.map((r) => [r.cause.code, ...figures(r)]), [
        ['billing.roaming', 3, 2, 2 / 3, 2, 1],
        ['network.coverage', 4, 1, 0.25, 2, 1],
      ]);
      assert.deepEqual(figures(ninety.totals), [7, 3, 3 / 7, 4, 2]);
      assert.deepEqual([ninety.rows[1]!.cause.label, ninety.rows[1]!.department?.label], ['Poor coverage', 'Network']);

      const thirty = await recurrenceTable(storage.db, query({ windowDays: 30 }));
      assert.deepEqual(thirty.rows.map((r) => [r.cause.code, r.recurrent, r.customersWithRecurrence]), [['billing.roaming', 1, 1], ['network.coverage', 1, 1]]);
      const long = await recurrenceTable(storage.db, query({ windowDays: 200 }));
      assert.deepEqual(long.rows.map((r) => [r.cause.code, r.recurrent, r.customersWithRecurrence]), [['billing.roaming', 2, 1], ['network.coverage', 2, 2]]);
      const email = await recurrenceTable(storage.db, query({ filters: { channel: 'email' } }));
      assert.deepEqual(email.rows.map((r) => [r.cause.code, ...figures(r)]), [['billing.roaming', 1, 1, 1, 1, 1]]);
    });

    it('checks the window: whole days from 1 to 365, 90 unless told', () => {
      assert.equal(parseWindow(undefined), 90);
      assert.equal(parseWindow('30'), 30);
      for (const bad of ['0', '366', '1.5', 'abc']) assert.throws(() => parseWindow(bad), /window/);
    });

    it('equals a recomputation from the rows, with any window and filter', async () => {
      const arb = fc.record({
        id: fc.integer({ min: 1, max: 30 }),
        cause: fc.constantFrom('billing.roaming', 'network.coverage'),
        party: fc.constantFrom('p1', 'p2', 'p3', null),
        day: fc.integer({ min: 0, max: 120 }),
        channel: fc.constantFrom('phone', 'email'),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(arb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 120 }), fc.constantFrom<AnalysisFilters>({}, { channel: 'phone' }), async (steps, windowDays, filters) => {
          await reset();
          await saveCodings(storage.db, steps.map((s) => coding(`s${s.id}`, { cause_code: s.cause, party_id: s.party, occurred_at: at('2026-01-01T10:00:00Z') + s.day * DAY, channel: s.channel })));
          const rows = (await storage.db.selectFrom('cause_codings').selectAll().execute()) as CauseCodingTable[];
          const inPeriod = codingsOf(rows, MARCH, filters);
          const isRecurrent = (r: CauseCodingTable) => r.previous_at !== null && Number(r.occurred_at) - Number(r.previous_at) <= windowDays * DAY;
          const expected = new Map(
            [...new Set(inPeriod.map((r) => r.cause_code))].map((code) => {
              const of = inPeriod.filter((r) => r.cause_code === code);
              const recurrent = of.filter(isRecurrent);
              const parties = (list: CauseCodingTable[]) => new Set(list.flatMap((r) => (r.party_id === null ? [] : [r.party_id]))).size;
              return [code, [of.length, recurrent.length, recurrent.length / of.length, parties(of), parties(recurrent)]];
            }),
          );
          const table = await recurrenceTable(storage.db, query({ windowDays, filters }));
          assert.deepEqual(new Map(table.rows.map((r) => [r.cause.code, figures(r)])), expected);
        }),
        { numRuns: engine.name === 'sqlite' ? 30 : 10 },
      );
    });
  });
}
