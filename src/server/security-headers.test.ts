import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { LiveHub } from '../http/live-hub.js';
import type { Storage } from '../storage/database.js';
import { createApp } from './app.js';

const [sqlite] = await testEngines();

describe('security headers, and TLS behind a proxy', () => {
  let storage: Storage;
  before(async () => {
    storage = await sqlite!.open();
    await createUser(storage.db, { email: 'advisor@ecoute.test', displayName: 'Anne', role: 'advisor', password: 'correct horse' });
  });
  after(async () => {
    await storage?.close();
  });

  const appWith = (trustProxy: boolean) => createApp({ storage, config: loadConfig({ demoMode: false, trustProxy }), live: new LiveHub() });
  const login = (app: ReturnType<typeof appWith>, headers: Record<string, string> = {}) =>
    app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email: 'advisor@ecoute.test', password: 'correct horse' }),
    });

  it('sends a CSP that forbids framing and other origins, nosniff and no referrer, on pages, API answers and errors alike', async () => {
    const app = appWith(false);
    for (const path of ['/', '/api/v1/auth/me', '/api/v1/nope', '/healthz']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /object-src 'none'/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(response.headers.get('strict-transport-security'), null, `${path}: no HSTS over plain HTTP`);
    }
    assert.equal((await app.request('/api/v1/auth/me')).headers.get('cache-control'), 'no-store');
  });

  it('over plain HTTP the session cookie is not Secure, and X-Forwarded-Proto is ignored unless ECOUTE_TRUST_PROXY=1', async () => {
    const app = appWith(false);
    const plain = await login(app);
    assert.equal(plain.status, 200);
    assert.doesNotMatch(plain.headers.get('set-cookie') ?? '', /Secure/i);
    const spoofed = await login(app, { 'x-forwarded-proto': 'https' });
    assert.doesNotMatch(spoofed.headers.get('set-cookie') ?? '', /Secure/i);
    assert.equal(spoofed.headers.get('strict-transport-security'), null);
  });

  it('behind a trusted TLS proxy the session cookie is Secure and HSTS is sent', async () => {
    const app = appWith(true);
    const proxied = await login(app, { 'x-forwarded-proto': 'https' });
    assert.equal(proxied.status, 200);
    const cookie = proxied.headers.get('set-cookie') ?? '';
    assert.match(cookie, /;\s*Secure/i);
    assert.match(cookie, /HttpOnly/i);
    assert.match(proxied.headers.get('strict-transport-security') ?? '', /max-age=\d{8}/);
    // The proxy's own plain HTTP leg stays as it is.
    const plain = await login(app, { 'x-forwarded-proto': 'http' });
    assert.doesNotMatch(plain.headers.get('set-cookie') ?? '', /Secure/i);
    // Ecoute reached over TLS directly.
    const direct = await app.request('https://ecoute.example/api/v1/auth/me');
    assert.ok(direct.headers.get('strict-transport-security'));
  });

  it("counts failed logins by the address the trusted proxy saw, and by the connection's otherwise", async () => {
    const fail = (app: ReturnType<typeof appWith>, forwardedFor: string, n: number) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ email: `nobody-${n}@ecoute.test`, password: 'wrong' }),
      });
    const trusted = appWith(true);
    // 20 failures are free per address (ADDRESS_RULE); the client cannot escape by writing its own entries first.
    for (let n = 0; n < 20; n++) assert.equal((await fail(trusted, `10.9.${n}.1, 198.51.100.7`, n)).status, 401);
    assert.equal((await fail(trusted, '10.9.99.1, 198.51.100.7', 20)).status, 429);
    assert.equal((await fail(trusted, '198.51.100.8', 21)).status, 401, 'another client behind the same proxy');
    // Untrusted, the header is ignored: every request counts against the connection's address.
    const untrusted = appWith(false);
    for (let n = 0; n < 20; n++) assert.equal((await fail(untrusted, `203.0.113.${n}`, 100 + n)).status, 401);
    assert.equal((await fail(untrusted, '203.0.113.200', 120)).status, 429);
  });

  it('reads ECOUTE_TRUST_PROXY', () => {
    process.env.ECOUTE_TRUST_PROXY = '1';
    try {
      assert.equal(loadConfig().trustProxy, true);
    } finally {
      delete process.env.ECOUTE_TRUST_PROXY;
    }
    assert.equal(loadConfig().trustProxy, false);
  });
});
