import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { waitFor } from '../gateway-behaviour.testkit.js';
import { SmsSubmitError } from '../gateway.js';
import { startSmscSimulator, type SimulatorOptions, type SmscSimulator } from '../simulator/smsc-simulator.js';
import { describeStatus, formatReceiptText, fromSmppAddress, parseReceipt, toSmppAddress } from './protocol.js';
import { parseSmppUrl, SmppGateway, type SmppGatewayOptions } from './smpp-gateway.js';

describe('parseSmppUrl', () => {
  it('reads system_id, password, host and port', () => {
    assert.deepEqual(parseSmppUrl('smpp://ecoute:s%40cret@smsc.example.lu:2776'), {
      host: 'smsc.example.lu',
      port: 2776,
      systemId: 'ecoute',
      password: 's@cret',
      tls: false,
    });
    assert.equal(parseSmppUrl('smpp://ecoute:pw@10.0.0.1').port, 2775);
    assert.deepEqual(parseSmppUrl('ssmpp://ecoute:pw@[::1]'), { host: '::1', port: 3550, systemId: 'ecoute', password: 'pw', tls: true });
  });

  it('explains what is wrong with a bad URL, without showing the password', () => {
    assert.throws(() => parseSmppUrl('smsc.example.lu:2775'), /must start with smpp:\/\/.*expected smpp:\/\/system_id:password@host:port/);
    assert.throws(() => parseSmppUrl('not a url'), /is not a URL/);
    assert.throws(() => parseSmppUrl('http://ecoute:pw@host:2775'), /must start with smpp:\/\//);
    assert.throws(() => parseSmppUrl('smpp://host:2775'), /has no system_id/);
    assert.throws(() => parseSmppUrl('smpp://ecoute:pw@host:99999'), /./);
    assert.throws(() => parseSmppUrl('smpp://a-very-long-system-id:pw@host'), /more than 15 characters/);
    try {
      parseSmppUrl('http://ecoute:topsecret@host');
    } catch (error) {
      assert.doesNotMatch((error as Error).message, /topsecret/);
    }
  });
});

describe('SMPP protocol helpers', () => {
  it('maps command status to names and retryability', () => {
    assert.deepEqual(
      ['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR', 'ESME_RINVDSTADR', 'ESME_RINVSRCADR', 'ESME_RBINDFAIL'].map((name) => {
        const code = { ESME_RTHROTTLED: 0x58, ESME_RMSGQFUL: 0x14, ESME_RSYSERR: 0x08, ESME_RINVDSTADR: 0x0b, ESME_RINVSRCADR: 0x0a, ESME_RBINDFAIL: 0x0d }[name]!;
        const info = describeStatus(code);
        return [info.name, info.retryable];
      }),
      [
        ['ESME_RTHROTTLED', true],
        ['ESME_RMSGQFUL', true],
        ['ESME_RSYSERR', true],
        ['ESME_RINVDSTADR', false],
        ['ESME_RINVSRCADR', false],
        ['ESME_RBINDFAIL', false],
      ],
    );
    assert.equal(describeStatus(0x0123).name, '0x00000123');
  });

  it('reads receipts from text or TLVs, and skips intermediate states', () => {
    const text = formatReceiptText({ id: '00000000A1', stat: 'UNDELIV', err: '001', submittedAt: 0, doneAt: 0 });
    assert.match(text, /^id:00000000A1 sub:001 dlvrd:000 submit date:7001010000 done date:7001010000 stat:UNDELIV err:001 text:$/);
    assert.deepEqual(parseReceipt(text, {}), { id: '00000000A1', status: 'undeliverable', stat: 'UNDELIV', err: '001' });
    assert.deepEqual(parseReceipt('', { receiptedMessageId: 'X9', messageState: 2 }), { id: 'X9', status: 'delivered', stat: 'DELIVRD' });
    assert.equal(parseReceipt('id:5 stat:EXPIRED err:000', {})?.status, 'expired');
    assert.equal(parseReceipt('id:5 stat:REJECTD err:0', {})?.status, 'rejected');
    assert.equal(parseReceipt('id:5 stat:ENROUTE err:0', {})?.status, null);
    assert.equal(parseReceipt('hello', {}), null);
  });

  it('reads addresses back to E.164', () => {
    assert.equal(fromSmppAddress('352621123456', 1), '+352621123456');
    assert.equal(fromSmppAddress('621123456', 2), '+352621123456', 'national: Luxembourg');
    assert.equal(fromSmppAddress('00352621123456', 0), '+352621123456');
    assert.equal(fromSmppAddress('33612345678', 0), '+33612345678', 'unknown TON, international digits');
    assert.equal(fromSmppAddress('ECOUTE', 5), 'ECOUTE');
    assert.equal(fromSmppAddress('64200', 0), '64200', 'short code');
    assert.deepEqual(toSmppAddress('+352621123456'), { ton: 1, npi: 1, addr: '352621123456' });
    assert.deepEqual(toSmppAddress('ECOUTE'), { ton: 5, npi: 0, addr: 'ECOUTE' });
  });
});

describe('SmppGateway against the simulator', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(options: Partial<SmppGatewayOptions> = {}, simulatorOptions: SimulatorOptions = {}): Promise<{ simulator: SmscSimulator; gateway: SmppGateway }> {
    const simulator = await startSmscSimulator(simulatorOptions);
    cleanups.push(() => simulator.close());
    const gateway = new SmppGateway({ url: simulator.url, reconnect: { initialMs: 20, maxMs: 200 }, ...options });
    cleanups.push(() => gateway.close());
    await gateway.start();
    return { simulator, gateway };
  }

  let sequence = 0;
  const sms = (to: string, text: string, messageId = `m-${++sequence}`) => ({ messageId, to, from: 'ECOUTE', text });

  it('puts data_coding, esm_class and UDH on the wire itself (UCS-2 for ç/Ê, never Latin-1)', async () => {
    const { simulator, gateway } = await setup();
    await gateway.submit(sms('+352621000001', 'Très déçu, Êtes-vous sûr ? 9/10 €'));
    await gateway.submit(sms('+352621000002', 'Réponse gratuite €'));
    await gateway.submit(sms('+352621000003', 'é'.repeat(200)));
    assert.deepEqual(
      [1, 2, 3].map((n) => {
        const [message] = simulator.messagesTo(`+35262100000${n}`);
        return [message!.dataCoding, message!.encoding, message!.parts];
      }),
      [
        [8, 'ucs2', 1],
        [0, 'gsm7', 1],
        [0, 'gsm7', 2],
      ],
    );
    assert.equal(simulator.messagesTo('+352621000003')[0]!.text, 'é'.repeat(200));
  });

  it('rejects in-flight submits as retryable when the link drops, reconnects, then succeeds', async () => {
    const { simulator, gateway } = await setup();
    simulator.delayAcks(300);
    const pending = Array.from({ length: 5 }, (_, i) => gateway.submit(sms(`+35262110000${i}`, `Message ${i}`)).then(() => null, (e: unknown) => e));
    await waitFor('submits in flight at the SMSC', () => simulator.stats.inFlight === 5);
    assert.equal(gateway.status().inFlight, 5);
    simulator.dropConnections();
    const errors = await Promise.all(pending);
    for (const error of errors) {
      assert.ok(error instanceof SmsSubmitError);
      assert.equal(error.retryable, true);
      assert.equal(error.code, 'CONNECTION_LOST');
    }
    assert.equal(gateway.status().connected, false);
    assert.equal(gateway.status().inFlight, 0);
    simulator.delayAcks(0);
    // the caller retries: the submits wait for the rebind and go through
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => gateway.submit(sms(`+35262110000${i}`, `Message ${i}`))));
    assert.equal(results.length, 5);
    assert.equal(gateway.status().connected, true);
    assert.equal(gateway.stats.drops, 1);
    assert.equal(gateway.stats.binds, 2);
    assert.equal(simulator.messagesTo('+352621100003').length, 1);
  });

  it('explains a refused bind, keeps retrying with growing delays, and binds once the password is right', async () => {
    const simulator = await startSmscSimulator({ password: 'secret' });
    cleanups.push(() => simulator.close());
    const attempts: number[] = [];
    simulator.on('bind', (event: { ok: boolean }) => {
      if (!event.ok) attempts.push(performance.now());
    });
    const gateway = new SmppGateway({ url: simulator.url.replace(':secret@', ':wrong@'), reconnect: { initialMs: 20, maxMs: 400 } });
    cleanups.push(() => gateway.close());
    await assert.rejects(gateway.start(), { message: 'SMSC refused bind: ESME_RBINDFAIL (invalid system_id or password?)' });
    assert.equal(gateway.status().connected, false);
    assert.match(gateway.status().lastError ?? '', /ESME_RBINDFAIL/);
    await waitFor('five bind attempts', () => attempts.length >= 5);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    // retry n waits 50-100 % of 20 ms · 2ⁿ: at least 10, 20, 40, 80 ms
    const shown = gaps.map((g) => g.toFixed(0)).join(', ');
    assert.ok(gaps[0]! >= 9 && gaps[2]! >= 39 && gaps[3]! >= 79, `backoff grows: ${shown} ms`);
    // a submit meanwhile waits for the bind
    const submit = gateway.submit(sms('+352621200000', 'Bonjour'));
    simulator.setCredentials('ecoute', 'wrong');
    await waitFor('bound', () => gateway.status().connected, 3000);
    assert.equal((await submit).gatewayIds.length, 1);
    assert.equal(gateway.status().lastError, null);
  });

  it('says when the SMSC cannot be reached', async () => {
    const simulator = await startSmscSimulator();
    const url = simulator.url;
    await simulator.close(); // nothing listens there any more
    const gateway = new SmppGateway({ url, reconnect: { initialMs: 1000 }, submitTimeoutMs: 100 });
    cleanups.push(() => gateway.close());
    await assert.rejects(gateway.start(), /cannot reach SMSC at 127\.0\.0\.1:\d+: connection refused/);
    const error = await gateway.submit(sms('+352621300000', 'x')).catch((e: unknown) => e);
    assert.ok(error instanceof SmsSubmitError);
    assert.equal(error.retryable, true);
    assert.equal(error.code, 'NOT_CONNECTED');
    assert.match(error.message, /connection refused/);
  });

  it('gives up on a submit_sm_resp that never comes, retryably', async () => {
    const { simulator, gateway } = await setup({ submitTimeoutMs: 100 });
    simulator.delayAcks(400);
    const error = await gateway.submit(sms('+352621400000', 'x')).catch((e: unknown) => e);
    assert.ok(error instanceof SmsSubmitError);
    assert.equal(error.code, 'TIMEOUT');
    assert.equal(error.retryable, true);
    assert.equal(gateway.status().inFlight, 0);
  });

  it('reports the SMSC status name in a refused submit', async () => {
    const { simulator, gateway } = await setup();
    simulator.rejectNextSubmits(1, 'ESME_RMSGQFUL');
    await assert.rejects(gateway.submit(sms('+352621500000', 'x')), {
      name: 'SmsSubmitError',
      message: 'SMSC refused submit_sm: ESME_RMSGQFUL (SMSC message queue full)',
      retryable: true,
      code: 'ESME_RMSGQFUL',
    });
    simulator.rejectNextSubmits(1, 'ESME_RINVDSTADR');
    await assert.rejects(gateway.submit(sms('+352621500000', 'x')), { retryable: false, code: 'ESME_RINVDSTADR' });
  });

  it('keeps at most `window` submits outstanding', async () => {
    const { simulator, gateway } = await setup({ window: 3 });
    simulator.delayAcks(30);
    let maxSeen = 0;
    const watch = setInterval(() => (maxSeen = Math.max(maxSeen, gateway.status().inFlight)), 2);
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => gateway.submit(sms(`+3526216000${String(i).padStart(2, '0')}`, `n${i}`))));
    clearInterval(watch);
    assert.equal(results.length, 15);
    assert.equal(simulator.stats.maxInFlight, 3, 'the SMSC never saw more than 3 outstanding');
    assert.ok(maxSeen <= 3);
  });

  it('respects the rate cap (approximately)', async () => {
    const { simulator, gateway } = await setup({ ratePerSecond: 50, rateBurst: 1, window: 20 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 26 }, (_, i) => gateway.submit(sms(`+3526217000${String(i).padStart(2, '0')}`, 'x'))));
    const elapsed = performance.now() - started;
    // 26 submits at 50/s: the first goes at once, the last 25 × 20 ms = 500 ms later
    assert.ok(elapsed >= 450, `took ${elapsed.toFixed(0)} ms`);
    assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
    assert.equal(simulator.stats.submits, 26);
  });

  it('keeps the link alive with enquire_link', async () => {
    const { simulator, gateway } = await setup({ enquireLinkMs: 40 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    assert.ok(simulator.stats.enquireLinks >= 3, `${simulator.stats.enquireLinks} enquire_link`);
    assert.equal(gateway.status().connected, true);
    assert.equal(gateway.stats.drops, 0);
  });

  it('reconnects when enquire_link goes unanswered', async () => {
    const { simulator, gateway } = await setup({ enquireLinkMs: 30, enquireLinkTimeoutMs: 60 });
    simulator.ignoreEnquireLinks();
    await waitFor('a drop', () => gateway.stats.drops >= 1);
    assert.match(gateway.status().lastError ?? '', /enquire_link_resp/);
    simulator.ignoreEnquireLinks(false);
    await waitFor('rebound', () => gateway.status().connected && gateway.stats.binds >= 2);
  });

  it('gets a receipt due while it was disconnected once it binds again', async () => {
    const { simulator, gateway } = await setup({}, { receiptDelayMs: 60 });
    const receipts: string[] = [];
    gateway.onReceipt((r) => {
      receipts.push(r.gatewayId);
    });
    const { gatewayIds } = await gateway.submit(sms('+352621800000', 'x'));
    simulator.dropConnections();
    await waitFor('the drop', () => gateway.stats.drops === 1);
    await waitFor('receipt after rebind', () => receipts.includes(gatewayIds[0]!));
    assert.equal(gateway.stats.binds, 2);
  });

  it('sends no receipt when the SMSC drops them', async () => {
    const { simulator, gateway } = await setup();
    const receipts: string[] = [];
    gateway.onReceipt((r) => {
      receipts.push(r.gatewayId);
    });
    simulator.dropReceipts();
    await gateway.submit(sms('+352621810000', 'x'));
    simulator.dropReceipts(false);
    const second = await gateway.submit(sms('+352621810001', 'y'));
    await waitFor('second receipt', () => receipts.includes(second.gatewayIds[0]!));
    assert.equal(receipts.length, 1);
  });

  it('sends our message id in TLV 0x1401; the SMSC acknowledges a resubmit with the original id and does not send it again', async () => {
    const { simulator, gateway } = await setup();
    const seen: unknown[] = [];
    simulator.on('submit', (submit: { reference?: string }) => seen.push(submit.reference));
    const first = await gateway.submit(sms('+352621950000', 'Bonjour', 'survey-1'));
    const again = await gateway.submit(sms('+352621950000', 'Bonjour', 'survey-1'));
    assert.deepEqual(again.gatewayIds, first.gatewayIds);
    assert.equal(simulator.messagesTo('+352621950000').length, 1);
    assert.equal(simulator.stats.duplicates, 1);
    assert.deepEqual(seen, ['survey-1', 'survey-1']);
    // long messages: each part is recognised, even when the resubmit is split under another UDH reference
    const long = 'é'.repeat(200);
    const a = await gateway.submit(sms('+352621950001', long, 'survey-2'));
    const b = await gateway.submit(sms('+352621950001', long, 'survey-2'));
    assert.deepEqual(b.gatewayIds, a.gatewayIds);
    assert.equal(simulator.messagesTo('+352621950001').length, 1);
    // another id to the same number is another message
    await gateway.submit(sms('+352621950000', 'Bonjour', 'survey-3'));
    assert.equal(simulator.messagesTo('+352621950000').length, 2);
    assert.equal(simulator.stats.duplicates, 3);
  });

  it('recognises a resubmit made while the original is still unacknowledged (the ambiguous window)', async () => {
    const { simulator, gateway } = await setup();
    simulator.delayAcks(200);
    const original = gateway.submit(sms('+352621960000', 'Bonjour', 'survey-4')).catch((e: unknown) => e);
    await waitFor('the original at the SMSC', () => simulator.stats.inFlight === 1);
    simulator.dropConnections();
    assert.equal(((await original) as SmsSubmitError).code, 'CONNECTION_LOST');
    const resubmit = await gateway.submit(sms('+352621960000', 'Bonjour', 'survey-4'));
    await waitFor('the original stored', () => simulator.messagesTo('+352621960000').length === 1);
    assert.equal(resubmit.gatewayIds[0], simulator.messagesTo('+352621960000')[0]!.id);
    assert.equal(simulator.stats.duplicates, 1);
  });

  it('without duplicate detection (duplicateWindowMs 0), a resubmit is a second message', async () => {
    const { simulator, gateway } = await setup({}, { duplicateWindowMs: 0 });
    await gateway.submit(sms('+352621970000', 'Bonjour', 'survey-5'));
    await gateway.submit(sms('+352621970000', 'Bonjour', 'survey-5'));
    assert.equal(simulator.messagesTo('+352621970000').length, 2);
  });

  it('a refused submit is not remembered: its retry is sent', async () => {
    const { simulator, gateway } = await setup();
    simulator.rejectNextSubmits(1, 'ESME_RTHROTTLED');
    await assert.rejects(gateway.submit(sms('+352621980000', 'Bonjour', 'survey-6')), { code: 'ESME_RTHROTTLED' });
    await gateway.submit(sms('+352621980000', 'Bonjour', 'survey-6'));
    assert.equal(simulator.messagesTo('+352621980000').length, 1);
    assert.equal(simulator.stats.duplicates, 0);
  });

  it('unbinds on close', async () => {
    const { simulator, gateway } = await setup();
    const unbound = new Promise((resolve) => simulator.once('unbind', resolve));
    await gateway.close();
    await unbound;
    assert.equal(simulator.boundCount, 0);
    await assert.rejects(gateway.submit(sms('+352621900000', 'x')), { code: 'CLOSED' });
  });
});
