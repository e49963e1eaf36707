import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { silentLogger } from '../sms/gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: true, fcrWindowDays: 7 });

for (const engine of await testEngines()) {
  describe(`API tokens and the audit trail on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let simulator: SmscSimulator;
    let customerId: string;
    const cookies = new Map<string, string>();
    const ids = new Map<string, string>();

    const call = (path: string, auth: { cookie?: string; token?: string }, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (auth.cookie) headers.set('cookie', auth.cookie);
      if (auth.token) headers.set('authorization', `Bearer ${auth.token}`);
      if (init.body) headers.set('content-type', 'application/json');
      return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
    };
    const as = (role: string) => ({ cookie: cookies.get(role)! });
    const auditRows = (via: string) => storage.db.selectFrom('audit_log').selectAll().where('via', '=', via).orderBy('id').execute();

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      customerId = (await seedCustomer(storage.db)).id;
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: silentLogger });
      server = await startServer({ storage, config, port: 0, simulator });
      for (const role of ['admin', 'dpo', 'cx_manager', 'advisor'] as const) {
        const email = `${role}@access.test`;
        ids.set(role, await createUser(storage.db, { email, displayName: `The ${role}`, role, teamId: team.teamId, password: 'correct horse' }));
        const login = await call('/auth/login', {}, { method: 'POST', body: JSON.stringify({ email, password: 'correct horse' }) });
        assert.equal(login.status, 200);
        cookies.set(role, (login.headers.get('set-cookie') ?? '').split(';')[0]!);
      }
    });
    after(async () => {
      await server?.close();
      await simulator?.close();
      await storage?.close();
    });

    it('lets a token do only what its scopes cover: a recognition token recognises, but neither searches, opens a card nor logs a contact', async () => {
      const { token } = await createApiToken(storage.db, 'cti', 'integration', ['recognition']);
      assert.equal((await call('/recognize?phone=621123456', { token })).status, 200);
      for (const path of ['/customers?q=weber', `/customers/${customerId}`, `/customers/${customerId}/interactions`, '/reasons']) {
        const response = await call(path, { token });
        assert.equal(response.status, 403, path);
        assert.match((await response.json()).detail, /scope|does not allow/);
      }
      const contact = await call('/interactions', { token }, { method: 'POST', body: JSON.stringify({ customerId, channel: 'email', reasonCode: 'billing' }) });
      assert.equal(contact.status, 403);
    });

    it('creates, lists and revokes tokens through the admin API; a revoked or expired token is refused', async () => {
      const created = await call('/tokens', as('admin'), { method: 'POST', body: JSON.stringify({ name: 'crm', role: 'integration', scopes: ['contacts', 'customers'] }) });
      assert.equal(created.status, 201);
      const { token, value } = await created.json();
      assert.deepEqual([token.scopes, token.state, token.lastUsedAt], [['contacts', 'customers'], 'live', null]);
      assert.equal((await call('/customers?q=weber', { token: value })).status, 200);
      // last use is written off the request's path, at most once a minute
      let listed: { id: string; lastUsedAt: string | null }[] = [];
      for (let i = 0; i < 50 && !listed.find((t) => t.id === token.id)?.lastUsedAt; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        listed = (await (await call('/tokens', as('admin'))).json()).items;
      }
      const firstUse = listed.find((t) => t.id === token.id)!.lastUsedAt;
      assert.ok(firstUse, 'last use recorded');
      assert.equal((await call('/customers?q=weber', { token: value })).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const row = await storage.db.selectFrom('api_tokens').select('last_used_at').where('id', '=', token.id).executeTakeFirstOrThrow();
      assert.equal(new Date(Number(row.last_used_at)).toISOString(), firstUse, 'not written again within the minute');

      const revoked = await call(`/tokens/${token.id}`, as('admin'), { method: 'DELETE' });
      assert.equal(revoked.status, 200);
      assert.equal((await revoked.json()).state, 'revoked');
      assert.equal((await call('/customers?q=weber', { token: value })).status, 401);

      const expiring = await createApiToken(storage.db, 'temp', 'integration', ['recognition'], { expiresAt: Date.now() + 60_000 });
      assert.equal((await call('/recognize?phone=621123456', { token: expiring.token })).status, 200);
      await storage.db.updateTable('api_tokens').set({ expires_at: Date.now() - 1 }).where('id', '=', expiring.id).execute();
      assert.equal((await call('/recognize?phone=621123456', { token: expiring.token })).status, 401);
      const states = (await (await call('/tokens', as('admin'))).json()).items.map((t: { name: string; state: string }) => `${t.name}:${t.state}`);
      assert.ok(states.includes('temp:expired') && states.includes('crm:revoked'), states.join(' '));
    });

    it('refuses a scope that gives the role nothing, and token management to anyone but admins', async () => {
      const bad = await call('/tokens', as('admin'), { method: 'POST', body: JSON.stringify({ name: 'x', role: 'integration', scopes: ['nps'] }) });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).errors[0].field, 'scopes');
      assert.equal((await call('/tokens', as('dpo'))).status, 403);
      assert.equal((await call('/tokens', as('cx_manager'))).status, 403);
    });

    it('audits search results, the SMS log, the opt-out list and phone simulator threads', async () => {
      await call('/customers?q=621123456', as('advisor'));
      const searches = (await auditRows('search')).filter((r) => r.actor_id === ids.get('advisor'));
      assert.deepEqual(searches.map((r) => r.party_id), [customerId], 'a phone number in q returns its owner: a read of them');

      const now = Date.now();
      await storage.db.insertInto('sms_messages').values({ id: 'sms-1', survey_id: null, direction: 'in', purpose: 'reply', msisdn: '+352621123456', text: '9', status: 'received', encoding: null, parts: 1, gateway_ids: null, error: null, attempts: 0, created_at: now, updated_at: now }).execute();
      await storage.db.insertInto('opt_outs').values({ msisdn: '+352621999999', opted_out_at: now, keyword: 'STOP' }).execute();
      assert.equal((await call('/surveys/messages', as('cx_manager'))).status, 200);
      assert.equal((await call('/surveys/opt-outs', as('cx_manager'))).status, 200);
      assert.equal((await call('/phone-simulator/621123456/messages', as('advisor'))).status, 200);
      assert.deepEqual((await auditRows('sms-log')).map((r) => [r.subject, r.actor_id]), [['+352621123456', ids.get('cx_manager')]]);
      assert.deepEqual((await auditRows('opt-outs')).map((r) => r.subject), ['+352621999999']);
      assert.deepEqual((await auditRows('phone-simulator')).map((r) => r.subject), ['+352621123456']);
    });

    it('gives admins and the dpo the audit trail, filtered by customer, reader and period, paged, and records each reading', async () => {
      assert.equal((await call('/audit', as('cx_manager'))).status, 403);
      assert.equal((await call('/audit', as('advisor'))).status, 403);
      const byCustomer = await (await call(`/audit?customer=${customerId}`, as('dpo'))).json();
      const vias = byCustomer.items.map((e: { via: string }) => e.via).sort();
      // the card read by recognition, the search result, and the reads of their number in the SMS log and simulator
      assert.deepEqual([...new Set(vias)], ['phone-simulator', 'recognize', 'search', 'sms-log']);
      assert.ok(byCustomer.items.every((e: { action: string }) => e.action === 'customer.read'));

      const byReader = await (await call(`/audit?reader=${ids.get('advisor')}`, as('admin'))).json();
      assert.deepEqual(byReader.items.map((e: { via: string }) => e.via).sort(), ['phone-simulator', 'search']);
      assert.equal(byReader.items[0].reader.name, 'The advisor');

      const future = await (await call(`/audit?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`, as('dpo'))).json();
      assert.deepEqual(future.items, []);

      const seen: number[] = [];
      let next: string | null = null;
      do {
        const page: { items: { id: number }[]; next: string | null } = await (await call(`/audit?limit=2${next ? `&before=${encodeURIComponent(next)}` : ''}`, as('admin'))).json();
        seen.push(...page.items.map((e) => e.id));
        next = page.next;
      } while (next);
      assert.equal(new Set(seen).size, seen.length, 'no row twice');
      assert.deepEqual(seen, [...seen].sort((x, y) => y - x), 'newest first');

      const readings = await auditRows('audit');
      assert.ok(readings.length >= 4);
      assert.deepEqual([readings[0]!.action, readings[0]!.actor_id, readings[0]!.party_id], ['audit.read', ids.get('dpo'), customerId]);
    });
  });
}
