import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { databaseEnv, testEngines } from '../../test/engines.js';
import { seedTeam } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { openPostgres, openSqlite, type Storage } from '../storage/database.js';
import { createUser, login } from './auth-service.js';
import { ACCOUNT_RULE, ADDRESS_RULE, addressKey, delayAfter } from './login-throttle.js';
import { verifyPassword } from './passwords.js';

const config = loadConfig({ demoMode: false, fcrWindowDays: 7 });

describe('login throttle rules', () => {
  it('lets the free failures through, then blocks for growing delays, capped', () => {
    const delays = [1, 4, 5, 6, 7, 8, 9, 10, 11, 30].map((n) => delayAfter(ACCOUNT_RULE, n));
    assert.deepEqual(delays, [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    assert.equal(delayAfter(ADDRESS_RULE, 19), 0);
    assert.equal(delayAfter(ADDRESS_RULE, 20), 30);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
  });
});

for (const engine of await testEngines()) {
  describe(`login throttle on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let second: Storage;
    let a: RunningServer;
    let b: RunningServer;
    let email: string;

    const attempt = (server: RunningServer, password: string, who = email) =>
      fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: who, password }) });

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      email = `advisor.${team.teamId.slice(-6)}@ecoute.test`;
      // A second process's view of the same database: its own connection, its own app.
      const env = databaseEnv(storage);
      second = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openSqlite(env.ECOUTE_SQLITE_PATH!);
      a = await startServer({ storage, config, port: 0 });
      b = await startServer({ storage: second, config, port: 0 });
    });
    beforeEach(async () => {
      await storage.db.deleteFrom('rate_limits').execute();
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await second?.close();
      await storage?.close();
    });

    it('answers 429 with Retry-After after the free failures, and refuses the right password while blocked', async () => {
      for (let i = 0; i < ACCOUNT_RULE.freeFailures; i++) assert.equal((await attempt(a, 'wrong')).status, 401, `failure ${i + 1}`);
      const blocked = await attempt(a, 'wrong');
      assert.equal(blocked.status, 429);
      assert.equal(blocked.headers.get('content-type'), 'application/problem+json');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= ACCOUNT_RULE.firstDelaySeconds, `Retry-After ${retryAfter}`);
      const body = await blocked.json();
      assert.equal(body.status, 429);
      assert.match(body.detail, /try again in \d+ s/);
      const right = await attempt(a, 'correct horse');
      assert.equal(right.status, 429, 'the right password is refused while blocked');
      assert.equal(right.headers.get('set-cookie'), null);
    });

    it('shares its counters between two app instances on the same database', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await attempt(a, 'wrong')).status, 401);
      for (let i = 0; i < 2; i++) assert.equal((await attempt(b, 'wrong')).status, 401);
      assert.equal((await attempt(a, 'correct horse')).status, 429, 'blocked on A by failures on A and B');
      assert.equal((await attempt(b, 'correct horse')).status, 429, 'and on B');
    });

    it('clears an account\'s failures when its owner logs in', async () => {
      for (let i = 0; i < ACCOUNT_RULE.freeFailures - 1; i++) assert.equal((await attempt(a, 'wrong')).status, 401);
      assert.equal((await attempt(b, 'correct horse')).status, 200);
      for (let i = 0; i < ACCOUNT_RULE.freeFailures - 1; i++) assert.equal((await attempt(a, 'wrong')).status, 401);
      assert.equal((await attempt(a, 'correct horse')).status, 200);
    });

    it('blocks an address that tries many accounts, whatever the account', async () => {
      for (let i = 0; i < ADDRESS_RULE.freeFailures; i++) {
        assert.equal((await attempt(i % 2 ? a : b, 'wrong', `nobody${i}@ecoute.test`)).status, 401);
      }
      const other = await attempt(a, 'correct horse');
      assert.equal(other.status, 429, 'the address is blocked, even for an account without failures');
      assert.ok(Number(other.headers.get('retry-after')) > 0);
    });

    it('does the password work for an unknown e-mail and an inactive account, as for a known one', async () => {
      const checks: string[] = [];
      const verify: typeof verifyPassword = async (password, stored) => {
        checks.push(password);
        return verifyPassword(password, stored);
      };
      await assert.rejects(login(storage.db, 'no.such.person@ecoute.test', 'guess-1', 1, { verify }), { status: 401 });
      await createUser(storage.db, { email: 'gone@ecoute.test', displayName: 'Gone', role: 'advisor', password: 'correct horse' });
      await storage.db.updateTable('users').set({ active: 0 }).where('email', '=', 'gone@ecoute.test').execute();
      await assert.rejects(login(storage.db, 'gone@ecoute.test', 'correct horse', 1, { verify }), { status: 401 });
      await assert.rejects(login(storage.db, email, 'guess-3', 1, { verify }), { status: 401 });
      assert.deepEqual(checks, ['guess-1', 'correct horse', 'guess-3']);
    });
  });
}
