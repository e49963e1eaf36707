import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { createCustomer, searchCustomers, type NewCustomer } from './customer-service.js';

let next = 0;
/** A customer with a line of their own. */
function someone(overrides: Partial<NewCustomer>): NewCustomer {
  next++;
  return {
    kind: 'individual',
    preferredLanguage: 'de',
    segment: 'residential',
    lines: [{ msisdn: `+352 691 ${String(100_000 + next).slice(0, 3)} ${String(100_000 + next).slice(3)}`, plan: 'Love Duo' }],
    ...overrides,
  };
}

for (const engine of await testEngines()) {
  describe(`customer search on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const people: Record<string, string> = {};
    before(async () => {
      storage = await engine.open();
      const add = async (key: string, customer: NewCustomer) => (people[key] = (await createCustomer(storage.db, customer)).id);
      await add('müller', someone({ givenName: 'Léa', familyName: 'Müller', locality: 'Esch-sur-Alzette', phones: ['+352 26 55 44 33'], emails: ['Lea.Mueller@Example.LU'] }));
      await add('mueller', someone({ givenName: 'Jean', familyName: 'Mueller', locality: 'Pétange' }));
      await add('muller', someone({ givenName: 'Anne', familyName: 'Muller' }));
      await add('hw', someone({ kind: 'organisation', organisationName: 'Hoffmann & Wagener S.à r.l.', segment: 'business', emails: ['info@hoffmann-wagener.lu'] }));
      await add('hoffmann', someone({ givenName: 'Claire', familyName: 'Hoffmann' }));
      await add('strauss', someone({ givenName: 'Jörg', familyName: 'Strauß' }));
      await add('francois', someone({ givenName: 'François', familyName: 'Lefèvre' }));
      for (let i = 0; i < 25; i++) await add(`weber${i}`, someone({ givenName: `Anne${String.fromCharCode(97 + i)}`, familyName: 'Weber', lines: [] }));
    });
    after(() => storage?.close());

    const names = async (q: string, limit = 20) => (await searchCustomers(storage.db, q, limit)).items.map((c) => c.displayName).sort();

    it('finds Müller, Mueller and Muller whichever way the name is written', async () => {
      const all = ['Anne Muller', 'Jean Mueller', 'Léa Müller'];
      for (const q of ['mueller', 'muller', 'müller', 'MÜLLER', 'Mül', 'mue']) assert.deepEqual(await names(q), all, q);
      assert.deepEqual(await names('lea mueller'), ['Léa Müller']);
      assert.deepEqual(await names('mueller lea'), ['Léa Müller']);
      assert.deepEqual(await names('strauss'), ['Jörg Strauß']);
      assert.deepEqual(await names('joerg straus'), ['Jörg Strauß']);
      assert.deepEqual(await names('STRAUß'), ['Jörg Strauß']);
      assert.deepEqual(await names('francois lefevre'), ['François Lefèvre']);
      assert.deepEqual(await names('lefèvre françois'), ['François Lefèvre']);
    });

    it('finds an organisation by its words in any order, punctuation ignored, each word a prefix', async () => {
      assert.deepEqual(await names('hoffmann wagener'), ['Hoffmann & Wagener S.à r.l.']);
      assert.deepEqual(await names('wagener hoffmann'), ['Hoffmann & Wagener S.à r.l.']);
      assert.deepEqual(await names('Hoffmann & Wagener'), ['Hoffmann & Wagener S.à r.l.']);
      assert.deepEqual(await names('hoff wag'), ['Hoffmann & Wagener S.à r.l.']);
      assert.deepEqual(await names('hoffmann'), ['Claire Hoffmann', 'Hoffmann & Wagener S.à r.l.']);
      // every word must match: a word found nowhere in the name finds nothing
      assert.deepEqual(await names('hoffmann weber'), []);
      // a word inside a word is no match: a word of the query begins a word of the name
      assert.deepEqual(await names('agener'), []);
    });

    it('finds a customer by e-mail address, whole or its beginning, in any case', async () => {
      for (const q of ['lea.mueller@example.lu', 'LEA.MUELLER@EXAMPLE.LU', 'lea.mueller@', 'Lea.Mueller@exa']) {
        const result = await searchCustomers(storage.db, q, 20);
        assert.deepEqual(result.items.map((c) => c.id), [people['müller']], q);
        assert.equal(result.matchedBy, 'email');
      }
      assert.deepEqual((await searchCustomers(storage.db, 'info@hoffmann-wagener.lu', 20)).items.map((c) => c.id), [people.hw]);
      assert.deepEqual((await searchCustomers(storage.db, 'nobody@example.lu', 20)).items, []);
    });

    it('says when more customers match than it lists', async () => {
      const first = await searchCustomers(storage.db, 'weber', 20);
      assert.equal(first.items.length, 20);
      assert.equal(first.hasMore, true);
      // ordered by name: Annea Weber, Anneb Weber, …
      assert.deepEqual(first.items.slice(0, 3).map((c) => c.displayName), ['Annea Weber', 'Anneb Weber', 'Annec Weber']);
      const all = await searchCustomers(storage.db, 'weber', 25);
      assert.equal(all.items.length, 25);
      assert.equal(all.hasMore, false);
      const narrower = await searchCustomers(storage.db, 'weber annea', 20);
      assert.deepEqual(narrower.items.map((c) => c.displayName), ['Annea Weber']);
      assert.equal(narrower.hasMore, false);
    });

    it('lists the customer number, the primary phone and the locality of each customer', async () => {
      const [lea] = (await searchCustomers(storage.db, 'lea muller', 20)).items;
      assert.equal(lea?.id, people['müller']);
      assert.match(lea!.customerNumber, /^C\d{8}$/);
      assert.equal(lea!.primaryPhone, '+35226554433');
      assert.equal(lea!.locality, 'Esch-sur-Alzette');
      assert.equal(lea!.segment, 'residential');
      // no phone on file: the customer's line
      const [jean] = (await searchCustomers(storage.db, 'jean mueller', 20)).items;
      assert.match(jean!.primaryPhone!, /^\+352691\d{6}$/);
      assert.equal(jean!.locality, 'Pétange');
      // neither phone nor line, nor locality: nothing made up
      const [annea] = (await searchCustomers(storage.db, 'annea', 20)).items;
      assert.equal(annea!.primaryPhone, null);
      assert.equal(annea!.locality, null);
    });

    it('refuses a query of fewer than 2 letters or digits with its own problem code', async () => {
      for (const q of ['', '   ', 'a', 'é', '%%', '&&', '.-']) {
        await assert.rejects(searchCustomers(storage.db, q, 20), (error: any) => {
          assert.equal(error.status, 400, q);
          assert.equal(error.code, 'search-too-short', q);
          assert.deepEqual(error.params, { min: 2 });
          assert.equal(error.fields[0].field, 'q');
          return true;
        });
      }
    });
  });
}
