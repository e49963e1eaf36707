import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { bulkInserter } from './bulk-insert.js';

for (const engine of await testEngines()) {
  describe(`bulkInserter on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('inserts rows given as objects and rows already laid out as values, in one transaction', async () => {
      const columns = ['code', 'label_fr', 'label_de', 'label_en', 'parent_code', 'active', 'sort_order'];
      // 130 rows laid out: more than one multi-row statement, and a remainder.
      const values = Array.from({ length: 130 }, (_, i) => [`laid_${i}`, `fr ${i}`, `de ${i}`, `en ${i}`, null, 1, 5000 + i]).flat();
      await storage.db.transaction().execute(async (trx) => {
        const bulk = bulkInserter(storage, trx);
        bulk.insertValues('reasons', columns, values);
        bulk.insert('reasons', { code: 'object_row', label_fr: 'fr', label_de: 'de', label_en: 'en', parent_code: null, active: 1, sort_order: 6000 });
        await bulk.flush();
      });
      const rows = await storage.db.selectFrom('reasons').select(['code', 'label_de', 'sort_order']).where('sort_order', '>=', 5000).orderBy('sort_order').execute();
      assert.equal(rows.length, 131);
      assert.deepEqual(rows[129], { code: 'laid_129', label_de: 'de 129', sort_order: 5129 });
      assert.deepEqual(rows[130], { code: 'object_row', label_de: 'de', sort_order: 6000 });
    });
  });
}
