import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import { RECENT_CONTACTS_CAP, recognizeByPhone } from './customer-service.js';
import { costs, recording } from './query-cost.testkit.js';

/**
 * The card costs the same whatever the customer's history: every query of recognition reads rows
 * from an index and stops after a bounded number of them. Checked from the engines' own plans
 * (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN ANALYZE, which counts the rows each step read),
 * never from timings.
 */

const MINUTE = 60_000;

for (const engine of await testEngines()) {
  describe(`the card's cost on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let actor: Actor;
    let advisorId: string;
    let partyId: string;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      advisorId = team.advisorId;
      actor = { kind: 'user', id: advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      partyId = (await seedCustomer(storage.db, { lines: [{ msisdn: '+352 621 777 777', plan: 'Love Duo' }] })).id;
    });
    after(() => storage?.close());

    /** `count` more contacts of the customer, a minute apart, all within the FCR window. */
    async function addContacts(count: number) {
      const now = Date.now();
      for (let done = 0; done < count; done += 500) {
        const rows = Array.from({ length: Math.min(500, count - done) }, (_, i) => ({
          id: newId(),
          party_id: partyId,
          channel: 'phone' as const,
          direction: 'inbound' as const,
          reason_code: 'billing',
          started_at: now - (done + i + 1) * (MINUTE / 10),
          advisor_id: advisorId,
          created_at: now,
        }));
        await storage.db.insertInto('interactions').values(rows).execute();
      }
      if (!storage.sqlite) await sql`analyze interactions`.execute(storage.db);
    }

    async function cardCosts() {
      const { db, queries } = recording(storage.db);
      const result = await recognizeByPhone(db, '+352 621 777 777', { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7 });
      return { card: result.card, costs: await costs(storage, queries) };
    }

    it('reads the same rows for a customer with 1,500 contacts as for one with 150', async () => {
      await addContacts(150);
      const small = await cardCosts();
      assert.equal(small.card.interactions.length, 20);
      assert.equal(small.card.flags.recentContacts, RECENT_CONTACTS_CAP);
      await addContacts(1_350);
      const large = await cardCosts();
      assert.equal(large.card.flags.recentContacts, RECENT_CONTACTS_CAP);
      assert.deepEqual(large.costs.map((c) => c.sql), small.costs.map((c) => c.sql));
      for (const [i, cost] of large.costs.entries()) {
        const query = cost.sql.slice(0, 120);
        if (storage.sqlite) {
          // Rows come from an index, in the order asked for, and reading stops at the limit.
          assert.doesNotMatch(cost.plan, /\bSCAN (interactions|survey_responses|audit_log)\b/, `${query}: ${cost.plan}`);
          if (/from "interactions"/.test(cost.sql)) assert.doesNotMatch(cost.plan, /TEMP B-TREE/, `${query}: ${cost.plan}`);
          assert.equal(cost.plan, small.costs[i]!.plan);
        } else {
          assert.ok(cost.rows <= small.costs[i]!.rows, `${query}: ${cost.rows} rows read with 1,500 contacts, ${small.costs[i]!.rows} with 150 (${cost.plan})`);
        }
      }
    });
  });
}
