import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { newId } from '../shared/ids.js';
import { bulkWriter } from './bulk.js';
import { capabilitiesOf, rowsPerStatement, type Storage } from './database.js';

const party = (n: number) => ({
  id: newId(), customer_number: `B${String(n).padStart(8, '0')}`, kind: 'individual' as const, given_name: 'Léa', family_name: `Muller ${n}`,
  organisation_name: null, display_name: `Léa Muller ${n}`, search_name: `lea muller ${n}`, preferred_language: 'fr' as const,
  consent_surveys: 1 as const, consent_marketing: 0 as const, created_at: 1_700_000_000_000 + n, updated_at: 1_700_000_000_000 + n,
});

describe('statement sizes from the parameter limit', () => {
  it('fit as many rows as the limit allows, at most the cap, at least one', () => {
    const limit = (maxParameters: number) => ({ maxParameters }) as Parameters<typeof rowsPerStatement>[0];
    assert.equal(rowsPerStatement(limit(32_766), 20, 500), 500);
    assert.equal(rowsPerStatement(limit(999), 20, 500), 49);
    assert.equal(rowsPerStatement(limit(999), 2_000, 500), 1);
  });
});

for (const engine of await testEngines()) {
  describe(`bulk writer on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const count = async (table: 'parties' | 'accounts' | 'contact_points' | 'outbox') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('knows the engine of a transaction by its capabilities', async () => {
      await storage.db.transaction().execute(async (trx) => assert.equal(capabilitiesOf(trx), storage.capabilities));
      assert.equal(capabilitiesOf(storage.db).maxParameters, engine.name === 'sqlite' ? 32_766 : 65_535);
    });

    it('writes objects and value rows in its caller transaction, parents first whatever the order they were queued in', async () => {
      const parties = Array.from({ length: 150 }, (_, n) => party(n));
      await storage.db.transaction().execute(async (trx) => {
        const writer = bulkWriter(storage, trx);
        // children queued before their parents: the foreign keys are checked on both engines
        for (const p of parties) writer.insert('contact_points', { id: newId(), party_id: p.id, kind: 'email', value: `${p.customer_number}@example.lu`, is_primary: 1 });
        for (const p of parties) writer.add('accounts', [newId(), `A${p.customer_number}`, p.id, 'residential', null, 'active', p.created_at]);
        for (const p of parties) writer.insert('parties', p);
        for (const p of parties) {
          writer.insert('outbox', { topic: 'interaction.ended', ref_id: p.id, run_after: 0, attempts: 0, locked_until: null, last_error: null, done_at: null, created_at: 0 });
        }
        await writer.flush();
      });
      assert.deepEqual([await count('parties'), await count('accounts'), await count('contact_points'), await count('outbox')], [150, 150, 150, 150]);
      const stored = await storage.db.selectFrom('parties').selectAll().where('id', '=', parties[149]!.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { ...parties[149], erased_at: null, import_batch_id: null, locality: null });
      const account = await storage.db.selectFrom('accounts').select(['party_id', 'account_number']).where('account_number', '=', `A${parties[70]!.customer_number}`).executeTakeFirstOrThrow();
      assert.equal(account.party_id, parties[70]!.id);
    });

    it('splits rows into statements within the parameter limit', async () => {
      // 13 columns a party: two rows a statement under a limit of 30 parameters
      const narrow: Storage = { ...storage, capabilities: { ...storage.capabilities, maxParameters: 30 } };
      const parties = Array.from({ length: 5 }, (_, n) => party(1000 + n));
      await storage.db.transaction().execute(async (trx) => {
        const writer = bulkWriter(narrow, trx);
        for (const p of parties) writer.insert('parties', p);
        await writer.flush();
      });
      const stored = await storage.db.selectFrom('parties').select('customer_number').where('customer_number', '>=', 'B00001000').orderBy('customer_number').execute();
      assert.deepEqual(stored.map((p) => p.customer_number), parties.map((p) => p.customer_number));
    });

    it('writes nothing when the transaction rolls back', async () => {
      const before = await count('parties');
      await assert.rejects(
        storage.db.transaction().execute(async (trx) => {
          const writer = bulkWriter(storage, trx);
          writer.insert('parties', party(2000));
          await writer.flush();
          throw new Error('undo');
        }),
        /undo/,
      );
      assert.equal(await count('parties'), before);
    });
  });
}
