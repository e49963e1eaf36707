import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { loadDemo } from '../demo/load.js';
import type { Storage } from './database.js';
import { down, up } from './migrations/2026-12-28-customer-search.js';

for (const engine of await testEngines()) {
  describe(`the search words of the customers already there on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 300, seed: 11 });
    });
    after(() => storage?.close());

    it('are the words the live code gives the same names (src/shared/fold.ts), one row per distinct word', async () => {
      const db = storage.db;
      const rows = () => db.selectFrom('party_search_terms').select(['term', 'party_id', 'name']).orderBy('party_id').orderBy('term').execute();
      const live = await rows();
      assert.ok(live.length >= 600, 'the demo writes the words of its names');
      // names with accents and punctuation among them, which the words leave out
      const names = await db.selectFrom('parties').select('display_name').execute();
      assert.ok(names.some((p) => /[^\x00-\x7f]/.test(p.display_name)) && names.some((p) => /[&.]/.test(p.display_name)));
      // every demo customer lives somewhere
      assert.ok(names.length === 300 && (await db.selectFrom('parties').select('id').where('locality', 'is', null).execute()).length === 0);
      await down(db);
      await up(db, storage.capabilities);
      assert.deepEqual(await rows(), live);
    });
  });
}
