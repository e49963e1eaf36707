import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type CompiledQuery } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { searchIndexOf } from '../shared/fold.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import { searchCustomers } from './customer-service.js';
import { costs } from './query-cost.testkit.js';

/**
 * A search costs the customers it shows, not the size of the base: its queries read rows from
 * indexes, in the order of the results, and stop after the limit. Checked from the engines' plans
 * for a base of 600 customers and then of 6,000 (a tenth of them named Weber), never from timings.
 */

const GIVEN = ['Anne', 'Jean', 'Léa', 'Marc', 'Paul', 'Sophie', 'Luc', 'Nadia', 'Tom', 'Eva'];
const FAMILY = ['Weber', 'Schmit', 'Müller', 'Hoffmann', 'Wagner', 'Thill', 'Kremer', 'Reuter', 'Klein', 'Becker'];

for (const engine of await testEngines()) {
  describe(`the search's cost on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let added = 0;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    async function addCustomers(count: number) {
      const now = Date.now();
      for (let done = 0; done < count; done += 200) {
        const parties = [];
        const terms = [];
        const points = [];
        const accounts = [];
        const lines = [];
        for (let i = 0; i < Math.min(200, count - done); i++) {
          const n = added++;
          const id = newId();
          const displayName = `${GIVEN[n % 10]}${Math.floor(n / 100)} ${FAMILY[Math.floor(n / 10) % 10]}`;
          const search = searchIndexOf(displayName);
          parties.push({
            id, customer_number: `C${String(n + 1).padStart(8, '0')}`, kind: 'individual' as const, display_name: displayName, search_name: search.name,
            preferred_language: 'fr' as const, consent_surveys: 1 as const, consent_marketing: 0 as const, created_at: now, updated_at: now,
          });
          terms.push(...search.terms.map((term) => ({ term, party_id: id, name: search.name })));
          const accountId = newId();
          accounts.push({ id: accountId, account_number: `A${n + 1}`, party_id: id, segment: 'residential' as const, status: 'active' as const, created_at: now });
          lines.push({ id: newId(), account_id: accountId, msisdn: `+352691${String(n).padStart(6, '0')}`, kind: 'mobile' as const, plan: 'Love Duo', status: 'active' as const, activated_at: now });
          points.push({ id: newId(), party_id: id, kind: 'email' as const, value: `client${n}@example.lu`, is_primary: 1 as const });
        }
        await storage.db.insertInto('parties').values(parties).execute();
        await storage.db.insertInto('party_search_terms').values(terms).execute();
        await storage.db.insertInto('contact_points').values(points).execute();
        await storage.db.insertInto('accounts').values(accounts).execute();
        await storage.db.insertInto('lines').values(lines).execute();
      }
      // as autovacuum leaves a table: statistics, and the visibility map that lets an index be read alone
      if (!storage.sqlite) await sql`vacuum analyze`.execute(storage.db);
    }

    async function searchCosts(q: string) {
      // the search's queries, as the engine receives them (they are built on the spot, not through executeQuery)
      const queries: CompiledQuery[] = [];
      const executor = storage.db.getExecutor();
      const db = storage.db.withPlugin({
        transformQuery: ({ node, queryId }) => {
          queries.push(executor.compileQuery(node, queryId));
          return node;
        },
        transformResult: async ({ result }) => result,
      });
      const result = await searchCustomers(db, q, 20);
      assert.ok(queries.length >= 2, `${q}: the search's queries were recorded`);
      return { result, costs: await costs(storage, queries) };
    }

    it('reads as many rows with 6,000 customers as with 600, from indexes in the order of the results', async () => {
      const queries = ['weber', 'anne weber', 'web an', 'client1@example', 'client12@example.lu'];
      await addCustomers(600);
      const small = await Promise.all(queries.map(searchCosts));
      await addCustomers(5_400);
      for (const [k, q] of queries.entries()) {
        const large = await searchCosts(q);
        const shape = (text: string) => text.replace(/\$\d+/g, '?').replace(/\(\?(, \?)*\)/g, '(…)');
        assert.deepEqual(large.costs.map((c) => shape(c.sql)), small[k]!.costs.map((c) => shape(c.sql)), q);
        if (q.includes('weber')) assert.equal(large.result.items.length, 20, q);
        for (const [i, cost] of large.costs.entries()) {
          const query = `${q}: ${cost.sql.slice(0, 100)}`;
          if (storage.sqlite) {
            assert.doesNotMatch(cost.plan, /\bSCAN (party_search_terms|t|d|o|parties|contact_points|accounts|lines)\b/, `${query}: ${cost.plan}`);
            if (/from "(party_search_terms|contact_points)"/.test(cost.sql) && /order by/.test(cost.sql) && !/"party_id" in/.test(cost.sql)) {
              assert.doesNotMatch(cost.plan, /TEMP B-TREE/, `${query}: ${cost.plan}`);
            }
          } else {
            assert.doesNotMatch(cost.plan, /Seq Scan/, `${query}: ${cost.plan}`);
            // the base grew tenfold; what a search reads stays about the same
            assert.ok(cost.rows <= small[k]!.costs[i]!.rows * 2 + 50, `${query}: ${cost.rows} rows read with 6,000 customers, ${small[k]!.costs[i]!.rows} with 600 (${cost.plan})`);
          }
        }
      }
    });
  });
}
