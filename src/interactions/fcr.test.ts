import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { fcrStatus, recomputeRepeats } from './fcr.js';
import { recordInteraction } from './interaction-service.js';

const march = (day: number) => Date.UTC(2026, 2, day, 9, 0);

describe('fcrStatus', () => {
  it('follows the worked example of docs/fcr.md', () => {
    const call = { resolved: 1 as const, started_at: march(1), next_contact_at: march(5) };
    const chat = { resolved: 1 as const, started_at: march(20), next_contact_at: null };
    assert.equal(fcrStatus(call, 7, march(10)), 'repeat');
    assert.equal(fcrStatus({ resolved: 0, started_at: march(5), next_contact_at: null }, 7, march(10)), 'not_resolved');
    assert.equal(fcrStatus({ resolved: null, started_at: march(5), next_contact_at: null }, 7, march(10)), 'not_resolved');
    assert.equal(fcrStatus(chat, 7, march(25)), 'pending');
    assert.equal(fcrStatus(chat, 7, march(30)), 'fcr');
    assert.equal(fcrStatus(chat, 7, march(27)), 'fcr', 'the window closes exactly 7 days after the start');
  });
});

for (const engine of await testEngines()) {
  describe(`repeat links on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    const links = async (partyId: string) =>
      (await storage.db.selectFrom('interactions').select(['external_id', 'repeat_of', 'next_contact_at', 'id']).where('party_id', '=', partyId).orderBy('started_at').execute());

    it('links contacts of the same reason within the window, whatever order they arrive in', async () => {
      await seedTeam(storage.db);
      const { id: partyId } = await seedCustomer(storage.db);
      const contacts = [
        { externalId: 'd', reasonCode: 'billing', startedAt: march(20) },
        { externalId: 'a', reasonCode: 'billing', startedAt: march(1) },
        { externalId: 'c', reasonCode: 'network', startedAt: march(6) },
        { externalId: 'b', reasonCode: 'billing', startedAt: march(5) },
        { externalId: 'e', reasonCode: 'billing', startedAt: march(27) },
      ];
      for (const c of contacts) {
        await recordInteraction(storage.db, { ...c, partyId, channel: 'phone', direction: 'inbound', resolved: true }, 7);
      }
      const rows = await links(partyId);
      const byExt = Object.fromEntries(rows.map((r) => [r.external_id, r]));
      assert.equal(byExt.a!.repeat_of, null);
      assert.equal(byExt.a!.next_contact_at, march(5));
      assert.equal(byExt.b!.repeat_of, byExt.a!.id);
      assert.equal(byExt.b!.next_contact_at, null, '20 March is 15 days after 5 March');
      assert.equal(byExt.c!.repeat_of, null, 'another reason is not a repeat');
      assert.equal(byExt.d!.repeat_of, null);
      assert.equal(byExt.d!.next_contact_at, march(27), 'exactly 7 days later is within the window');
      assert.equal(byExt.e!.repeat_of, byExt.d!.id);

      // A full recompute over the table gives the same links as the per-customer ones.
      await storage.db.updateTable('interactions').set({ repeat_of: null, next_contact_at: null }).execute();
      await recomputeRepeats(storage.db, 7);
      assert.deepEqual(await links(partyId), rows);
      // A shorter window drops the 7-day link.
      await recomputeRepeats(storage.db, 5, partyId);
      const shorter = Object.fromEntries((await links(partyId)).map((r) => [r.external_id, r]));
      assert.equal(shorter.e!.repeat_of, null);
      assert.equal(shorter.b!.repeat_of, byExt.a!.id);
    });
  });
}
