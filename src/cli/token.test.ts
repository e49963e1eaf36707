import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { actorFromApiToken } from '../auth/api-tokens.js';
import { auditCustomerRead, auditNumberReads } from '../auth/audit.js';
import type { Storage } from '../storage/database.js';
import { runEcoute, spawnEcoute } from './cli.testkit.js';
import { parseExpiry } from './token.js';

describe('token --expires', () => {
  it('takes days, hours or a date, and refuses anything else', () => {
    const now = Date.UTC(2026, 0, 1);
    assert.equal(parseExpiry('90d', now), now + 90 * 86_400_000);
    assert.equal(parseExpiry('12h', now), now + 12 * 3_600_000);
    assert.equal(parseExpiry('2027-06-30', now), Date.UTC(2027, 5, 30));
    assert.throws(() => parseExpiry('soon', now), /90d or 12h/);
  });
});

for (const engine of await testEngines()) {
  describe(`ecoute token and ecoute audit on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const spawned = engine.name === 'sqlite' ? spawnEcoute : runEcoute;

    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('creates a scoped token with an expiry, lists it and revokes it', async () => {
      const created = await spawned(['token', 'create', '--name', 'cti', '--scope', 'recognition,contacts', '--expires', '30d'], storage);
      assert.equal(created.status, 0, created.stderr);
      const value = created.stdout.trim();
      assert.match(value, /^ect_/);
      const actor = await actorFromApiToken(storage.db, value);
      assert.deepEqual([actor?.role, actor?.scopes], ['integration', ['recognition', 'contacts']]);

      const listed = await runEcoute(['token', 'list', '--format', 'json'], storage);
      const [token] = JSON.parse(listed.stdout);
      assert.deepEqual([token.name, token.scopes], ['cti', ['recognition', 'contacts']]);
      assert.ok(token.expiresAt > Date.now() + 29 * 86_400_000);
      assert.match((await runEcoute(['token', 'list'], storage)).stdout, /cti\s+integration\s+recognition,contacts\s+live/);

      const revoked = await runEcoute(['token', 'revoke', token.id], storage);
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.equal(await actorFromApiToken(storage.db, value), undefined);
      assert.match((await runEcoute(['token', 'list'], storage)).stdout, /revoked/);
    });

    it('requires a scope, and refuses one that gives the role nothing', async () => {
      const missing = await runEcoute(['token', 'create', '--name', 'x'], storage);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /required option/);
      const unfit = await runEcoute(['token', 'create', '--role', 'integration', '--scope', 'nps'], storage);
      assert.equal(unfit.status, 2);
      assert.match(unfit.stderr, /nps gives a integration token nothing; it may have recognition, contacts, customers, complaints/);
    });

    it('prints the audit trail filtered by customer, reader and period, and records the reading', async () => {
      const party = await seedCustomer(storage.db);
      const reader = { kind: 'user' as const, id: 'user-1', role: 'advisor' as const, displayName: 'A', teamId: null, language: 'fr' as const };
      await auditCustomerRead(storage.db, reader, party.id, 'card');
      await auditNumberReads(storage.db, { ...reader, id: 'user-2' }, ['+352621123456'], 'sms-log');
      const mine = await spawned(['audit', '--customer', party.id, '--format', 'json'], storage);
      assert.equal(mine.status, 0, mine.stderr);
      assert.deepEqual(JSON.parse(mine.stdout).items.map((e: { via: string }) => e.via), ['sms-log', 'card']);
      const byReader = await runEcoute(['audit', '--reader', 'user-2'], storage);
      assert.match(byReader.stdout, /user:user-2\tcustomer\.read\t\+352621123456\tsms-log/);
      const none = await runEcoute(['audit', '--from', '2100-01-01', '--format', 'json'], storage);
      assert.deepEqual(JSON.parse(none.stdout).items, []);
      const readings = await storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.read').execute();
      assert.equal(readings.length, 3);
      assert.ok(readings.every((r) => r.actor_kind === 'system' && r.actor_id.startsWith('cli:')));
      assert.equal((await runEcoute(['audit', '--from', 'yesterday'], storage)).status, 2);
    });
  });
}
