import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser, login } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { listCauses, listDepartments, saveCause, saveDepartment } from './cause-tree.js';

const L = (en: string) => ({ fr: `${en} (fr)`, de: `${en} (de)`, en });
const refused = (field: string, reason?: RegExp) => (error: unknown) =>
  error instanceof DomainError && error.status === 400 && error.fields[0]?.field === field && (!reason || reason.test(error.fields[0]!.reason));

for (const engine of await testEngines()) {
  describe(`root causes on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    const cookies: Record<string, string> = {};
    before(async () => {
      storage = await engine.open();
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      for (const role of ['advisor', 'cx_manager'] as const) {
        await createUser(storage.db, { email: `${role}@causes.test`, displayName: role, role, teamId: null, password: 'correct horse' });
        cookies[role] = `ecoute_session=${(await login(storage.db, `${role}@causes.test`, 'correct horse', 1)).token}`;
      }
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('seeds a tree owned by departments, in three languages, parents before their children', async () => {
      const causes = await listCauses(storage.db, 'de');
      const roaming = causes.find((c) => c.code === 'billing.roaming')!;
      assert.deepEqual([roaming.parentCode, roaming.path, roaming.departmentCode, roaming.label], ['billing', ['billing', 'billing.roaming'], 'it_billing', 'Falsche Roaming-Gebühren']);
      for (const c of causes) if (c.parentCode) assert.ok(causes.findIndex((p) => p.code === c.parentCode) < causes.indexOf(c), `${c.code} after its parent`);
      assert.ok(causes.some((c) => c.code === 'unknown'));
      assert.deepEqual((await listDepartments(storage.db, 'en')).map((d) => d.code).sort(), ['customer_service', 'devices', 'it_billing', 'network', 'partner', 'process', 'shops']);
    });

    it('adds, moves and deactivates causes; refuses a loop, a missing parent or owner, a malformed code and a tree too deep, changing nothing', async () => {
      await saveCause(storage.db, 'billing.roaming.eu_cap', { parentCode: 'billing.roaming', departmentCode: 'it_billing', labels: L('EU roaming cap not applied') });
      const before = await listCauses(storage.db, 'en', true);
      await assert.rejects(saveCause(storage.db, 'billing', { parentCode: 'billing.roaming.eu_cap', labels: L('Billing') }), refused('parentCode', /loop/));
      await assert.rejects(saveCause(storage.db, 'billing', { parentCode: 'billing', labels: L('Billing') }), refused('parentCode', /loop/));
      await assert.rejects(saveCause(storage.db, 'network.new', { parentCode: 'no.such', labels: L('New') }), refused('parentCode', /not a cause/));
      await assert.rejects(saveCause(storage.db, 'network.new', { departmentCode: 'marketing', labels: L('New') }), refused('departmentCode'));
      await assert.rejects(saveCause(storage.db, 'Network New', { labels: L('New') }), refused('code'));
      await saveCause(storage.db, 'billing.roaming.eu_cap.sms', { parentCode: 'billing.roaming.eu_cap', labels: L('SMS') });
      await assert.rejects(saveCause(storage.db, 'too_deep', { parentCode: 'billing.roaming.eu_cap.sms', labels: L('Too deep') }), refused('parentCode', /4 levels/));
      await assert.rejects(saveCause(storage.db, 'unknown', { labels: L('Unknown'), active: false }), refused('active'));
      const after = await listCauses(storage.db, 'en', true);
      assert.deepEqual(after.filter((c) => !before.some((b) => b.code === c.code)).map((c) => c.code), ['billing.roaming.eu_cap.sms']);

      // deactivating a parent takes its subtree out of what is offered; the rows stay
      await saveCause(storage.db, 'billing.roaming', { labels: L('Wrong roaming charges'), active: false });
      const offered = (await listCauses(storage.db, 'en')).map((c) => c.code);
      assert.ok(!offered.includes('billing.roaming') && !offered.includes('billing.roaming.eu_cap') && offered.includes('billing.double_charge'));
      assert.equal((await listCauses(storage.db, 'en', true)).find((c) => c.code === 'billing.roaming.eu_cap')!.active, false);
      await saveCause(storage.db, 'billing.roaming', { labels: L('Wrong roaming charges') });
      // moved under another parent with its children
      await saveCause(storage.db, 'billing.roaming', { parentCode: 'network', labels: L('Wrong roaming charges') });
      assert.deepEqual((await listCauses(storage.db, 'en')).find((c) => c.code === 'billing.roaming.eu_cap')!.path, ['network', 'billing.roaming', 'billing.roaming.eu_cap']);
    });

    it('over the API: everyone who codes reads the tree in their language; only CX managers change it; a bad request names its field', async () => {
      const get = (who: string, path: string) => fetch(`${server.url}/api/v1${path}`, { headers: { cookie: cookies[who]! } });
      const put = (who: string, path: string, body: unknown) =>
        fetch(`${server.url}/api/v1${path}`, { method: 'PUT', headers: { cookie: cookies[who]!, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const tree = await (await get('advisor', '/causes?lang=fr')).json();
      assert.equal(tree.items.find((c: { code: string }) => c.code === 'network.outage').label, 'Panne');
      assert.equal((await put('advisor', '/causes/network.dns', { labels: L('DNS') })).status, 403);
      assert.equal((await put('cx_manager', '/causes/network.dns', { labels: L('DNS'), parentCode: 'network', departmentCode: 'network' })).status, 204);
      const bad = await put('cx_manager', '/causes/network.dns', { labels: L('DNS'), parentCode: 'nowhere' });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).errors[0].field, 'parentCode');
      assert.equal((await put('cx_manager', '/departments/marketing', { labels: L('Marketing') })).status, 204);
      assert.ok((await (await get('advisor', '/departments?lang=en')).json()).items.some((d: { code: string; label: string }) => d.code === 'marketing' && d.label === 'Marketing'));
      await saveDepartment(storage.db, 'marketing', { labels: L('Marketing'), active: false });
      await assert.rejects(saveCause(storage.db, 'network.dns', { departmentCode: 'marketing', labels: L('DNS') }), refused('departmentCode', /not an active department/));
    });
  });
}
