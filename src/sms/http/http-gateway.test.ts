import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { SmsSubmitError, type DeliveryReceipt, type InboundSms } from '../gateway.js';
import { FakeSmsProvider } from './fake-provider.testkit.js';
import { checkHttpGatewayWebhookAuth, handleHttpGatewayWebhook, HttpGateway } from './http-gateway.js';

describe('HttpGateway', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(options: Partial<ConstructorParameters<typeof HttpGateway>[0]> = {}) {
    const provider = new FakeSmsProvider({ token: 't0k' });
    await provider.start();
    cleanups.push(() => provider.close());
    const gateway = new HttpGateway({ url: provider.url, token: 't0k', ...options });
    cleanups.push(() => gateway.close());
    await gateway.start();
    return { provider, gateway };
  }

  const sms = { messageId: 'msg-1', to: '+352621123456', from: 'ECOUTE', text: 'Très déçu ?' };

  async function failure(promise: Promise<unknown>): Promise<SmsSubmitError> {
    const error = await promise.then(() => assert.fail('should fail'), (e: unknown) => e);
    assert.ok(error instanceof SmsSubmitError);
    return error;
  }

  it('posts {to, from, text, reference} with the bearer token and reads {ids}', async () => {
    const { provider, gateway } = await setup();
    const result = await gateway.submit(sms);
    assert.deepEqual(result, { gatewayIds: ['P00000001'], parts: 1, encoding: 'ucs2' });
    assert.deepEqual(provider.allMessages().map((m) => [m.to, m.from, m.text, m.reference]), [['+352621123456', 'ECOUTE', 'Très déçu ?', 'msg-1']]);
  });

  it('treats 429 and 5xx as retryable, other 4xx as final, with the provider error in the message', async () => {
    const { provider, gateway } = await setup();
    provider.failNext(1, 429);
    const throttled = await failure(gateway.submit(sms));
    assert.deepEqual([throttled.retryable, throttled.code], [true, 'HTTP_429']);
    assert.match(throttled.message, /SMS provider answered 429 Too Many Requests: simulated failure 429/);
    provider.failNext(1, 502);
    assert.equal((await failure(gateway.submit(sms))).retryable, true);
    provider.failNext(1, 422);
    assert.deepEqual(await failure(gateway.submit(sms)).then((e) => [e.retryable, e.code]), [false, 'HTTP_422']);
    assert.match(gateway.status().lastError ?? '', /422/);
  });

  it('says so when the token is refused (401, not retryable)', async () => {
    const { provider } = await setup();
    const gateway = new HttpGateway({ url: provider.url, token: 'wrong' });
    const error = await failure(gateway.submit(sms));
    assert.deepEqual([error.retryable, error.code], [false, 'HTTP_401']);
  });

  it('treats timeouts and unreachable providers as retryable and reports not connected', async () => {
    const { provider, gateway } = await setup({ timeoutMs: 50 });
    provider.delayResponses(300);
    const timeout = await failure(gateway.submit(sms));
    assert.deepEqual([timeout.retryable, timeout.code], [true, 'TIMEOUT']);
    const url = provider.url;
    await provider.close();
    const down = new HttpGateway({ url, token: 't0k' });
    await down.start();
    const error = await failure(down.submit(sms));
    assert.deepEqual([error.retryable, error.code], [true, 'NETWORK']);
    assert.match(error.message, /cannot reach SMS provider at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    assert.equal(down.status().connected, false);
  });

  it('refuses an answer without ids as not retryable', async () => {
    const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const gateway = new HttpGateway({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, token: 'x' });
    const error = await failure(gateway.submit(sms));
    assert.deepEqual([error.retryable, error.code], [false, 'BAD_RESPONSE']);
  });

  it('keeps at most `window` requests open', async () => {
    const { provider, gateway } = await setup({ window: 2 });
    provider.delayResponses(20);
    await Promise.all(Array.from({ length: 8 }, (_, i) => gateway.submit({ ...sms, messageId: `m${i}` })));
    assert.equal(provider.stats.maxConcurrent, 2);
  });

  it('refuses bad configuration clearly', () => {
    assert.throws(() => new HttpGateway({ url: 'provider.example', token: 'x' }), /is not a URL/);
    assert.throws(() => new HttpGateway({ url: 'ftp://provider.example', token: 'x' }), /must be http\(s\)/);
    assert.throws(() => new HttpGateway({ url: 'https://provider.example', token: '' }), /token is empty/);
  });
});

describe('handleHttpGatewayWebhook', () => {
  const gateway = new HttpGateway({ url: 'https://provider.example/v1/sms', token: 'x', webhookToken: 'hook' });
  const receipts: DeliveryReceipt[] = [];
  const inbound: InboundSms[] = [];
  gateway.onReceipt((r) => {
    receipts.push(r);
  });
  gateway.onInbound((m) => {
    inbound.push(m);
  });

  it('dispatches receipts and inbound messages, with ISO or epoch times', async () => {
    assert.deepEqual(await handleHttpGatewayWebhook(gateway, { type: 'receipt', id: 'P1', status: 'expired', at: 1_700_000_000_000, errorCode: '27' }), {
      ok: true,
      type: 'receipt',
    });
    assert.deepEqual(receipts.at(-1), { gatewayId: 'P1', status: 'expired', at: 1_700_000_000_000, errorCode: '27' });
    await handleHttpGatewayWebhook(gateway, { type: 'inbound', from: '+352621123456', to: 'ECOUTE', text: 'Très bien', at: '2026-11-26T10:00:00Z' });
    assert.deepEqual(inbound.at(-1), { from: '+352621123456', to: 'ECOUTE', text: 'Très bien', receivedAt: Date.parse('2026-11-26T10:00:00Z') });
  });

  it('refuses malformed bodies, naming the field', async () => {
    const result = await handleHttpGatewayWebhook(gateway, { type: 'receipt', id: 'P1', status: 'DELIVRD', at: 1 });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.error : '', /status/);
    const badFrom = await handleHttpGatewayWebhook(gateway, { type: 'inbound', from: '0621123456', to: 'ECOUTE', text: 'x', at: 1 });
    assert.match(!badFrom.ok ? badFrom.error : '', /from: must be an E\.164 number/);
    assert.equal((await handleHttpGatewayWebhook(gateway, 'nonsense')).ok, false);
  });

  it('lets a failing handler fail the webhook (the provider retries)', async () => {
    const failing = new HttpGateway({ url: 'https://provider.example/v1/sms', token: 'x' });
    failing.onReceipt(() => {
      throw new Error('db down');
    });
    await assert.rejects(handleHttpGatewayWebhook(failing, { type: 'receipt', id: 'P1', status: 'delivered', at: 1 }), /db down/);
  });

  it('checks the webhook bearer token', () => {
    assert.equal(checkHttpGatewayWebhookAuth(gateway, 'Bearer hook'), true);
    assert.equal(checkHttpGatewayWebhookAuth(gateway, 'Bearer nope'), false);
    assert.equal(checkHttpGatewayWebhookAuth(gateway, undefined), false);
  });
});
