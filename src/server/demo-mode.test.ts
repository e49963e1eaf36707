import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser, login } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { LiveHub } from '../http/live-hub.js';
import type { SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { createApp } from './app.js';

const [sqlite] = await testEngines();

/** A simulator that must never be reached: outside demo mode nothing may play a customer's phone. */
const untouchable = new Proxy({} as SmscSimulator, {
  get: () => {
    throw new Error('the phone simulator was reached outside demo mode');
  },
});

describe('the phone simulator, simulated calls and the mail catcher exist in demo mode only', () => {
  let storage: Storage;
  let cookie: string;

  before(async () => {
    storage = await sqlite!.open();
    await createUser(storage.db, { email: 'admin@ecoute.test', displayName: 'Admin', role: 'admin', password: 'correct horse' });
    cookie = `ecoute_session=${(await login(storage.db, 'admin@ecoute.test', 'correct horse', 1)).token}`;
  });
  after(async () => {
    await storage?.close();
  });

  const appIn = (demoMode: boolean) => createApp({ storage, config: loadConfig({ demoMode }), live: new LiveHub(), simulator: untouchable });
  const call = (app: ReturnType<typeof appIn>, method: string, path: string, body?: object) =>
    app.request(`/api/v1${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

  it('outside demo mode: no route, not in the description, not offered to anyone, even with the SMSC simulator running', async () => {
    const app = appIn(false);
    for (const [method, path, body] of [
      ['GET', '/phone-simulator/+352621123456/messages'],
      ['POST', '/phone-simulator/+352621123456/reply', { text: 'START' }],
      ['POST', '/demo/calls', {}],
      ['POST', '/demo/calls/call-1/end'],
      ['GET', '/mail-catcher/messages'],
    ] as const) {
      const response = await call(app, method, path, body);
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.match((await response.json()).detail, /^No API route/);
    }
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    assert.deepEqual(Object.keys(doc.paths).filter((p) => /phone-simulator|demo\/calls|mail-catcher/.test(p)), []);
    const me = await (await call(app, 'GET', '/auth/me')).json();
    assert.equal(me.user.abilities.includes('sms.simulate'), false);
    assert.equal(me.user.abilities.includes('mail.inspect'), false);
  });

  it('in demo mode: the routes are there and offered', async () => {
    const app = createApp({ storage, config: loadConfig({ demoMode: true }), live: new LiveHub() });
    const thread = await call(app, 'GET', '/phone-simulator/+352621123456/messages');
    assert.equal(thread.status, 404);
    assert.match((await thread.json()).detail, /only with the built-in SMSC simulator/);
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/phone-simulator/{msisdn}/reply']);
    assert.ok(doc.paths['/api/v1/mail-catcher/messages']);
    const caught = await call(app, 'GET', '/mail-catcher/messages');
    assert.equal(caught.status, 404);
    assert.match((await caught.json()).detail, /only in demo mode without an SMTP server/);
    const me = await (await call(app, 'GET', '/auth/me')).json();
    assert.equal(me.user.abilities.includes('sms.simulate'), true);
    assert.equal(me.user.abilities.includes('mail.inspect'), true);
  });
});
