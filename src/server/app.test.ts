import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/auth-service.js';
import { createCustomer } from '../customers/customer-service.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { loadConfig } from '../config.js';
import type { Storage } from '../storage/database.js';
import { HttpGateway } from '../sms/http/http-gateway.js';
import { signTelephonyEvent } from '../telephony/signature.js';
import { startServer, type RunningServer } from './server.js';

const config = loadConfig({ demoMode: false, fcrWindowDays: 7 });

for (const engine of await testEngines()) {
  describe(`HTTP API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    let customerId: string;
    let token: string;
    let cookie: string;

    const api = (path: string, init: RequestInit & { auth?: 'token' | 'cookie' | 'none' } = {}) => {
      const headers = new Headers(init.headers);
      if ((init.auth ?? 'token') === 'token') headers.set('authorization', `Bearer ${token}`);
      if (init.auth === 'cookie') headers.set('cookie', cookie);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
    };
    const sendCallEvent = (id: string, event: object, secret = config.telephonySecret) => {
      const body = JSON.stringify(event);
      return fetch(`${server.url}/api/v1/telephony/events`, { method: 'POST', body, headers: signTelephonyEvent(secret, id, body) });
    };
    const count = async (table: 'interactions' | 'calls' | 'webhook_receipts') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      customerId = (await seedCustomer(storage.db)).id;
      token = (await createApiToken(storage.db, 'cti', 'integration', ['recognition', 'contacts'])).token;
      server = await startServer({ storage, config, port: 0 });
      const login = await api('/auth/login', {
        method: 'POST',
        auth: 'none',
        body: JSON.stringify({ email: `advisor.${team.teamId.slice(-6)}@ecoute.test`, password: 'correct horse' }),
      });
      assert.equal(login.status, 200);
      const setCookie = login.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /HttpOnly/i);
      cookie = setCookie.split(';')[0]!;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('recognises a caller from any spelling, in one call', async () => {
      for (const phone of ['+352 621 123 456', '00352621123456', '621123456']) {
        const response = await api(`/recognize?phone=${encodeURIComponent(phone)}`);
        assert.equal(response.status, 200);
        const body = await response.json();
        assert.equal(body.card.customer.id, customerId);
        assert.equal(body.card.customer.displayName, 'Marie Weber');
        assert.equal(body.phone, '+352621123456');
      }
    });

    it('answers problem+json: 400 naming the field for an invalid phone, 404 for an unknown one', async () => {
      const bad = await api('/recognize?phone=62x');
      assert.equal(bad.status, 400);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json');
      const badBody = await bad.json();
      assert.equal(badBody.errors[0].field, 'phone');
      assert.match(badBody.detail, /digits/);
      const missing = await api('/recognize');
      assert.equal(missing.status, 400);
      assert.equal((await missing.json()).errors[0].field, 'phone');
      const unknown = await api('/recognize?phone=691000001');
      assert.equal(unknown.status, 404);
      const unknownBody = await unknown.json();
      assert.match(unknownBody.type, /unknown-phone$/);
      assert.match(unknownBody.detail, /No customer has the number \+352691000001/);
    });

    it('refuses anonymous reads, wrong tokens and roles without the right', async () => {
      assert.equal((await api('/recognize?phone=621123456', { auth: 'none' })).status, 401);
      const wrong = await fetch(`${server.url}/api/v1/recognize?phone=621123456`, { headers: { authorization: 'Bearer nope' } });
      assert.equal(wrong.status, 401);
      const reason = await api('/reasons/test', { method: 'PUT', body: JSON.stringify({ labels: { fr: 'a', de: 'b', en: 'c' } }) });
      assert.equal(reason.status, 403);
    });

    it('searches by name and customer number', async () => {
      const body = await (await api('/customers?q=weber', { auth: 'cookie' })).json();
      assert.ok(body.items.some((c: { id: string }) => c.id === customerId));
      assert.equal((await api('/customers?q=a', { auth: 'cookie' })).status, 400);
    });

    it('records a contact, idempotent on externalId, and rejects bad input without writing', async () => {
      const before = await count('interactions');
      const body = JSON.stringify({ customerId, channel: 'email', reasonCode: 'billing', resolved: true, externalId: 'crm-1' });
      const first = await api('/interactions', { method: 'POST', body });
      assert.equal(first.status, 201);
      const again = await api('/interactions', { method: 'POST', body });
      assert.equal(again.status, 200);
      assert.equal((await again.json()).id, (await first.json()).id);
      assert.equal(await count('interactions'), before + 1);

      const malformed = await api('/interactions', { method: 'POST', body: '{"customerId": ' });
      assert.equal(malformed.status, 400);
      assert.match((await malformed.json()).detail, /not valid JSON/);
      const missing = await api('/interactions', { method: 'POST', body: JSON.stringify({ channel: 'fax' }) });
      assert.equal(missing.status, 400);
      const fields = (await missing.json()).errors.map((e: { field: string }) => e.field).sort();
      assert.deepEqual(fields, ['channel', 'customerId']);
      const reason = await api('/interactions', { method: 'POST', body: JSON.stringify({ customerId, channel: 'chat', reasonCode: 'nope' }) });
      assert.equal(reason.status, 400);
      assert.equal(await count('interactions'), before + 1);
    });

    it('pushes the card to the advisor on ringing, records the call on ended, ignores duplicates and bad signatures', async () => {
      const events = await api('/console/events', { auth: 'cookie' });
      assert.equal(events.status, 200);
      const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      const nextEvent = async (name: string) => {
        for (;;) {
          const match = buffer.match(new RegExp(`event: ${name}\\ndata: (.*)\\n`));
          if (match) {
            buffer = buffer.slice(buffer.indexOf(match[0]) + match[0].length);
            return JSON.parse(match[1]!);
          }
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          buffer += value;
        }
      };
      await nextEvent('ready');
      const advisorEmail = `advisor.${team.teamId.slice(-6)}@ecoute.test`;
      const callsBefore = await count('calls');
      const interactionsBefore = await count('interactions');

      const badSignature = await sendCallEvent('evt-0', { type: 'ringing', callId: 'c-1', from: '621123456', advisorEmail }, 'whsec_' + Buffer.from('other secret').toString('base64'));
      assert.equal(badSignature.status, 401);
      const unsigned = await fetch(`${server.url}/api/v1/telephony/events`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      assert.equal(unsigned.status, 401);
      const malformed = await sendCallEvent('evt-00', { type: 'ringing' });
      assert.equal(malformed.status, 400);
      assert.equal(await count('calls'), callsBefore);
      assert.equal(await count('webhook_receipts'), 0);

      const ringing = await sendCallEvent('evt-1', { type: 'ringing', callId: 'c-1', from: '+352 621 123 456', advisorEmail });
      assert.equal(ringing.status, 200);
      const pushed = await nextEvent('incoming-call');
      assert.equal(pushed.callId, 'c-1');
      assert.equal(pushed.recognition.card.customer.id, customerId);

      assert.equal((await sendCallEvent('evt-2', { type: 'answered', callId: 'c-1', from: '621123456', advisorEmail })).status, 200);
      const logged = await api('/interactions', {
        method: 'POST',
        auth: 'cookie',
        body: JSON.stringify({ customerId, channel: 'phone', callId: 'c-1', reasonCode: 'roaming', resolved: true, outcome: 'Option activée' }),
      });
      assert.equal(logged.status, 201);
      const ended = await sendCallEvent('evt-3', { type: 'ended', callId: 'c-1', from: '621123456', advisorEmail });
      const endedBody = await ended.json();
      assert.equal(endedBody.interactionId, (await logged.json()).id);
      const duplicate = await sendCallEvent('evt-3', { type: 'ended', callId: 'c-1', from: '621123456', advisorEmail });
      assert.equal((await duplicate.json()).duplicate, true);
      assert.equal(await count('interactions'), interactionsBefore + 1);
      const row = await storage.db.selectFrom('interactions').selectAll().where('id', '=', endedBody.interactionId).executeTakeFirstOrThrow();
      assert.equal(row.reason_code, 'roaming');
      assert.equal(row.advisor_id, team.advisorId);
      assert.ok(row.ended_at !== null && row.ended_at >= row.started_at);
      await reader.cancel();
    });

    it('ends the call of a customer erased during it without a contact on their record', async () => {
      const advisorEmail = `advisor.${team.teamId.slice(-6)}@ecoute.test`;
      const { id } = await createCustomer(storage.db, { kind: 'individual', givenName: 'Erika', familyName: 'Muster', preferredLanguage: 'de', segment: 'residential', phones: ['+352 621 987 654'] });
      assert.equal((await sendCallEvent('evt-e1', { type: 'ringing', callId: 'c-erased', from: '621987654', advisorEmail })).status, 200);
      await eraseCustomer(storage.db, id, { reason: 'request DPO-1', actor: { cli: 'test' }, via: 'api' }, 'test-privacy-key');
      const contacts = await count('interactions');
      const ended = await sendCallEvent('evt-e2', { type: 'ended', callId: 'c-erased', from: '621987654', advisorEmail });
      assert.equal(ended.status, 200);
      assert.equal((await ended.json()).interactionId, null);
      assert.equal(await count('interactions'), contacts);
      // Logged by the advisor on the erased record: refused, nothing written.
      const logged = await api('/interactions', { method: 'POST', auth: 'cookie', body: JSON.stringify({ customerId: id, channel: 'phone', callId: 'c-erased', reasonCode: 'roaming' }) });
      assert.equal(logged.status, 409);
      assert.equal((await logged.json()).type.endsWith('customer-erased'), true);
      assert.equal(await count('interactions'), contacts);
    });

    it('publishes its OpenAPI description', async () => {
      const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/api/v1/recognize', '/api/v1/telephony/events', '/api/v1/interactions', '/api/v1/customers/{id}']) {
        assert.ok(doc.paths[path], `${path} is described`);
      }
    });
  });
}

describe('HTTP SMS provider webhook', () => {
  it("is authenticated by the provider's own bearer token, not taken for an API token", async () => {
    const engine = (await testEngines())[0]!;
    const storage = await engine.open();
    const gateway = new HttpGateway({ url: 'https://provider.example/v1/sms', token: 'ours', webhookToken: 'hook-token' });
    const receipts: string[] = [];
    gateway.onReceipt((receipt) => {
      receipts.push(receipt.gatewayId);
    });
    const server = await startServer({ storage, config, port: 0, httpGateway: gateway });
    try {
      const send = (authorization: string) =>
        fetch(`${server.url}/api/v1/sms/webhook`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'receipt', id: 'P-1', status: 'delivered', at: 1_700_000_000_000 }),
        });
      assert.equal((await send('Bearer hook-token')).status, 204);
      assert.deepEqual(receipts, ['P-1']);
      const wrong = await send('Bearer another-token');
      assert.equal(wrong.status, 401);
      assert.equal((await wrong.json()).detail, 'The webhook token is wrong (ECOUTE_SMS_WEBHOOK_TOKEN)');
      assert.deepEqual(receipts, ['P-1']);
    } finally {
      await server.close();
      await storage.close();
    }
  });
});
