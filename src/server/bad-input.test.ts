import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { LiveHub } from '../http/live-hub.js';
import type { Storage } from '../storage/database.js';
import { signTelephonyEvent } from '../telephony/signature.js';
import { createApp } from './app.js';

const config = loadConfig({ demoMode: false });

for (const engine of await testEngines()) {
  describe(`bad input is refused with 400 or 409, never 500, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let app: ReturnType<typeof createApp>;
    let token: string;
    let weber: string;
    let muller: string;
    let eventNumber = 0;

    const api = (path: string, init: RequestInit = {}) =>
      app.request(`/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    const post = (path: string, body: unknown) => api(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    const signed = (raw: string, id = `evt_${engine.name}_${eventNumber++}`) =>
      app.request('/api/v1/telephony/events', { method: 'POST', body: raw, headers: signTelephonyEvent(config.telephonySecret, id, raw) });
    const count = async () => Number((await storage.db.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const fields = async (response: Response) => ((await response.json()).errors ?? []).map((e: { field: string }) => e.field);

    before(async () => {
      storage = await engine.open();
      token = (await createApiToken(storage.db, 'crm', 'integration', ['recognition', 'contacts', 'customers'])).token;
      weber = (await seedCustomer(storage.db)).id;
      muller = (await seedCustomer(storage.db, { givenName: 'Jean', familyName: 'Muller', lines: [{ msisdn: '+352 621 654 321', plan: 'Love Duo' }], phones: [], emails: [] })).id;
      app = createApp({ storage, config, live: new LiveHub() }, { logError: () => {} });
    });
    after(async () => {
      await storage?.close();
    });

    it('answers 400 to a well-signed telephony event that is not JSON, holds a NUL or a date out of range', async () => {
      const notJson = await signed('\u0000{}');
      assert.equal(notJson.status, 400);
      assert.match((await notJson.json()).detail, /not valid JSON/);
      const nul = await signed(JSON.stringify({ type: 'ringing', callId: 'c\u0000', from: '621123456' }));
      assert.equal(nul.status, 400);
      assert.deepEqual(await fields(nul), ['callId']);
      const email = await signed(JSON.stringify({ type: 'ringing', callId: 'c2', from: '621123456', advisorEmail: 'a\u0000@b.lu' }));
      assert.equal(email.status, 400);
      const future = await signed(JSON.stringify({ type: 'ended', callId: 'c3', from: '621123456', at: '9999-12-31T23:59:59Z' }));
      assert.equal(future.status, 400);
      assert.deepEqual(await fields(future), ['at']);
      const longId = await signed(JSON.stringify({ type: 'ringing', callId: 'c4', from: '621123456' }), `evt_${'x'.repeat(300)}`);
      assert.equal(longId.status, 400);
      assert.equal(await count(), 0);
    });

    it('answers 409 when an externalId is sent again for another customer or another channel', async () => {
      const contact = { customerId: weber, channel: 'email', externalId: `crm-${engine.name}-1` };
      assert.equal((await post('/interactions', contact)).status, 201);
      assert.equal((await post('/interactions', contact)).status, 200);
      const otherCustomer = await post('/interactions', { ...contact, customerId: muller });
      assert.equal(otherCustomer.status, 409);
      const problem = await otherCustomer.json();
      assert.match(problem.type, /external-id-conflict$/);
      assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['externalId']);
      assert.equal((await post('/interactions', { ...contact, channel: 'chat' })).status, 409);
      assert.equal((await post('/interactions', { ...contact, externalId: 'call:abc' })).status, 400);
      assert.equal(await count(), 1);
    });

    it('reads % and _ as punctuation, no wildcards, and counts letters and digits for the minimum length', async () => {
      for (const q of ['', '%%', '__', '%_', '\\\\', '% %', 'w%', '..']) {
        const response = await api(`/customers?q=${encodeURIComponent(q)}`);
        assert.equal(response.status, 400, q);
        assert.deepEqual(await fields(response), ['q'], q);
      }
      // "we_er" is the words "we" and "er": no word of "Marie Weber" begins with "er"
      for (const q of ['we_er', 'w_ber', '%eber']) {
        const response = await api(`/customers?q=${encodeURIComponent(q)}`);
        assert.equal(response.status, 200, q);
        assert.deepEqual((await response.json()).items, [], q);
      }
      const prefix = await (await api(`/customers?q=${encodeURIComponent('we%')}`)).json();
      assert.deepEqual(prefix.items.map((c: { id: string }) => c.id), [weber]);
      const found = await (await api('/customers?q=weber')).json();
      assert.deepEqual(found.items.map((c: { id: string }) => c.id), [weber]);
    });

    it('refuses names and texts with NUL, other control characters, lone surrogates or text-direction overrides', async () => {
      for (const [field, value] of [
        ['familyName', 'Web\u0000er'],
        ['familyName', 'Weber\ud800'],
        ['givenName', '\u202eexe.gpj'],
        ['givenName', 'Marie\u2066'],
        ['organisationName', 'ACME\u0007'],
        ['familyName', 'Weber\nMuller'],
      ] as const) {
        const response = await post('/customers', { givenName: 'Marie', [field]: value });
        assert.equal(response.status, 400, JSON.stringify(value));
        const problem = await response.json();
        assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), [field]);
        assert.match(problem.errors[0].reason, /control characters|invalid character|text-direction/);
      }
      const notes = await post('/interactions', { customerId: weber, channel: 'email', notes: 'Bonjour,\n\tmerci\u0000' });
      assert.equal(notes.status, 400);
      assert.deepEqual(await fields(notes), ['notes']);
      // Line ends and tabs are fine in notes; accents and emoji anywhere.
      assert.equal((await post('/interactions', { customerId: weber, channel: 'email', notes: 'Bonjour,\r\n\tmerci 👍' })).status, 201);
      assert.equal((await post('/customers', { givenName: 'Zoë', familyName: 'Ñúñez-Schëndel 😀' })).status, 201);
    });

    it('refuses contact times before 2000, more than a day ahead, or ending before they start', async () => {
      const before = await count();
      for (const [startedAt, endedAt, field] of [
        ['9999-12-31T00:00:00Z', undefined, 'startedAt'],
        ['1999-12-31T23:59:59Z', undefined, 'startedAt'],
        [new Date(Date.now() + 2 * 86_400_000).toISOString(), undefined, 'startedAt'],
        ['2026-01-10T10:00:00Z', '9999-12-31T00:00:00Z', 'endedAt'],
        ['2026-01-10T10:00:00Z', '2026-01-10T09:00:00Z', 'endedAt'],
      ] as const) {
        const response = await post('/interactions', { customerId: weber, channel: 'shop', startedAt, ...(endedAt ? { endedAt } : {}) });
        assert.equal(response.status, 400, `${startedAt} ${endedAt}`);
        const problem = await response.json();
        assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), [field]);
      }
      assert.equal(await count(), before);
      const recent = await post('/interactions', { customerId: weber, channel: 'shop', startedAt: new Date(Date.now() - 3_600_000).toISOString() });
      assert.equal(recent.status, 201);
    });
  });
}
