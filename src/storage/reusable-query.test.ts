import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from './database.js';
import { reusableQuery } from './reusable-query.js';

const reasonsFrom = reusableQuery((db, v: { from: number; limit: number }) =>
  db.selectFrom('reasons').select(['code', 'sort_order']).where('sort_order', '>=', v.from).where('active', '=', 1).orderBy('sort_order').orderBy('code').limit(v.limit),
);

for (const engine of await testEngines()) {
  describe(`reusable queries on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('runs a query compiled once with each call’s values, and the constants it was built with', async () => {
      const orders = await storage.db.selectFrom('reasons').select('sort_order').distinct().orderBy('sort_order').execute();
      assert.ok(orders.length >= 3, 'the seeded reasons have several sort orders');
      for (const { sort_order: from } of orders.slice(0, 3)) {
        for (const limit of [1, 3]) {
          const expected = await storage.db
            .selectFrom('reasons')
            .select(['code', 'sort_order'])
            .where('sort_order', '>=', from)
            .where('active', '=', 1)
            .orderBy('sort_order')
            .orderBy('code')
            .limit(limit)
            .execute();
          assert.equal(expected.length, limit);
          assert.deepEqual(await reasonsFrom.all(storage.db, { from, limit }), expected);
          assert.deepEqual(await reasonsFrom.first(storage.db, { from, limit }), expected[0]);
        }
      }
    });

    it('writes with run', async () => {
      const insert = reusableQuery((db, v: { at: number; partyId: string }) =>
        db.insertInto('audit_log').values({ at: v.at, actor_kind: 'system', actor_id: 'system', action: 'customer.read', party_id: v.partyId, via: 'card' }),
      );
      await insert.run(storage.db, { at: 1, partyId: 'p1' });
      await insert.run(storage.db, { at: 2, partyId: 'p2' });
      const rows = await storage.db.selectFrom('audit_log').select(['at', 'party_id']).where('actor_id', '=', 'system').orderBy('at').execute();
      assert.deepEqual(rows, [{ at: 1, party_id: 'p1' }, { at: 2, party_id: 'p2' }]);
    });
    it('never runs inside a transaction another flow holds open, and never sees its uncommitted rows', async () => {
      const insert = reusableQuery((db, v: { at: number; partyId: string }) =>
        db.insertInto('audit_log').values({ at: v.at, actor_kind: 'system', actor_id: 'isolation', action: 'customer.read', party_id: v.partyId, via: 'card' }),
      );
      const parties = reusableQuery((db, v: { actorId: string }) => db.selectFrom('audit_log').select('party_id').where('actor_id', '=', v.actorId).orderBy('party_id'));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedInside = new Promise<void>((resolve) => (inserted = resolve));
      const failing = storage.db.transaction().execute(async (trx) => {
        await trx.insertInto('audit_log').values({ at: 1, actor_kind: 'system', actor_id: 'isolation', action: 'customer.read', party_id: 'inside', via: 'card' }).execute();
        inserted();
        await held;
        throw new Error('rolled back on purpose');
      });
      await insertedInside;
      const seen = parties.all(storage.db, { actorId: 'isolation' });
      const written = insert.run(storage.db, { at: 2, partyId: 'outside' });
      release();
      await assert.rejects(failing, /rolled back on purpose/);
      await written;
      assert.ok(!(await seen).some((row) => row.party_id === 'inside'), 'the open transaction’s row is not seen');
      assert.deepEqual(await parties.all(storage.db, { actorId: 'isolation' }), [{ party_id: 'outside' }]);
    });

    it('runs while another query of the connection is being streamed', { skip: engine.name !== 'sqlite' && 'streaming is used on SQLite only' }, async () => {
      const codes = reusableQuery((db, v: { from: number }) => db.selectFrom('reasons').select('code').where('sort_order', '>=', v.from).orderBy('code'));
      const all = await codes.all(storage.db, { from: 0 });
      const streamed: string[] = [];
      for await (const row of storage.db.selectFrom('reasons').select('code').orderBy('code').stream()) {
        streamed.push(row.code);
        assert.deepEqual(await codes.all(storage.db, { from: 0 }), all);
      }
      assert.deepEqual(streamed, all.map((r) => r.code));
    });
  });
}
