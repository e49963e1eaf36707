import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from './database.js';
import { down, up } from './migrations/2027-01-09-usage-fast-path.js';

for (const engine of await testEngines()) {
  describe(`the log of changes of lines (2027-01-09-usage-fast-path) on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    if (engine.name === 'postgres') {
      it('is not made on PostgreSQL, which reads the lines for every batch', async () => {
        const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_name = 'usage_line_changes'`.execute(storage.db);
        assert.equal(Number(tables.rows[0]!.n), 0);
        await down(storage.db, storage.capabilities);
        await up(storage.db, storage.capabilities);
      });
      return;
    }

    const logged = async () => (await sql<{ msisdn: string }>`select msisdn from usage_line_changes order by seq`.execute(storage.db)).rows.map((r) => r.msisdn);
    const clear = () => sql`delete from usage_line_changes`.execute(storage.db);

    it('names every line whose terms change, whoever changes them, and nothing else', async () => {
      const db = storage.db;
      await seedCustomer(db, { familyName: 'Journal', lines: [{ msisdn: '+352621720001', plan: 'A' }, { msisdn: '+352621720002', plan: 'A' }], phones: [], emails: [] });
      assert.deepEqual(await logged(), [], 'a line added is no change: no process keeps a number no line had');
      const [first, second] = await db.selectFrom('lines').select(['id', 'account_id']).orderBy('msisdn').execute();
      await db.updateTable('lines').set({ plan: 'B' }).where('id', '=', first!.id).execute();
      await db.updateTable('lines').set({ roaming_limit_off: 1 }).where('id', '=', second!.id).execute();
      await db.updateTable('lines').set({ last_country: 'FR', last_country_at: 1 }).where('id', '=', first!.id).execute();
      assert.deepEqual(await logged(), ['+352621720001', '+352621720002', '+352621720001']);
      await clear();
      // what ingestion does not read changes nothing
      await db.updateTable('lines').set({ roaming_stopped_period: 20261201, roaming_stopped_at: 1, sim_changed_at: 1 }).where('id', '=', first!.id).execute();
      assert.deepEqual(await logged(), []);
      // the account's billing day: each of its lines
      await db.updateTable('accounts').set({ billing_day: 15 }).where('id', '=', first!.account_id).execute();
      assert.deepEqual((await logged()).sort(), ['+352621720001', '+352621720002']);
      await clear();
      // a number given to another line: the old number and the new one
      await db.updateTable('lines').set({ msisdn: '+352621720009' }).where('id', '=', second!.id).execute();
      assert.deepEqual(await logged(), ['+352621720002', '+352621720009']);
      await clear();
      await db.deleteFrom('lines').where('id', '=', second!.id).execute();
      assert.deepEqual(await logged(), ['+352621720009']);
    });

    it('is undone and made again', async () => {
      await down(storage.db, storage.capabilities);
      await storage.db.updateTable('lines').set({ plan: 'C' }).execute();
      await assert.rejects(logged(), /no such table/);
      await up(storage.db, storage.capabilities);
      await storage.db.updateTable('lines').set({ plan: 'D' }).execute();
      assert.deepEqual(await logged(), ['+352621720001']);
    });
  });
}
