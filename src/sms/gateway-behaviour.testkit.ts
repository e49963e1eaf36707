/**
 * The behaviour every SmsGateway must have, run against each transport by gateways.test.ts.
 * A fixture gives the gateway (not started) and a handle on the far end (simulator, provider).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SmsSubmitError, type DeliveryReceipt, type InboundSms, type SmsGateway } from './gateway.js';

export interface FarEnd {
  /** Whole messages the far end holds for a number, in arrival order. */
  messagesTo(msisdn: string): Array<{ text: string; from: string }>;
  /** The next submit fails: temporarily (throttling, 5xx…) or for good (number refused, 4xx…). */
  failNextSubmit(kind: 'retryable' | 'permanent'): void;
  /** Receipts for messages to this number carry this status. */
  setReceiptOutcome(msisdn: string, outcome: 'delivered' | 'undeliverable'): void;
  /** A customer replies; resolves once the gateway acknowledged the whole message. */
  reply(from: string, text: string): Promise<void>;
}

export interface GatewayFixture {
  gateway: SmsGateway;
  far: FarEnd;
  close(): Promise<void>;
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let numberSeed = 0;
/** A fresh Luxembourg mobile number per test, so tests never see each other's messages. */
function freshNumber(): string {
  numberSeed++;
  return `+3526219${String(numberSeed).padStart(5, '0')}`;
}

export function describeGateway(name: string, factory: () => Promise<GatewayFixture>): void {
  describe(`SmsGateway behaviour: ${name}`, () => {
    let fixture: GatewayFixture;
    let gateway: SmsGateway;
    const receipts: DeliveryReceipt[] = [];
    const inbound: InboundSms[] = [];
    let failInboundOnce = false;

    before(async () => {
      fixture = await factory();
      gateway = fixture.gateway;
      gateway.onReceipt((receipt) => {
        receipts.push(receipt);
      });
      gateway.onInbound(async (sms) => {
        await new Promise((resolve) => setTimeout(resolve, 1)); // handlers may be async
        if (failInboundOnce) {
          failInboundOnce = false;
          throw new Error('database briefly unavailable');
        }
        inbound.push(sms);
      });
      await gateway.start();
    });

    after(async () => {
      await fixture.close();
    });

    const send = (to: string, text: string) =>
      gateway.submit({ messageId: `m-${Math.random().toString(36).slice(2)}`, to, from: 'ECOUTE', text });

    it('is connected once started, with nothing in flight', () => {
      const status = gateway.status();
      assert.equal(status.connected, true);
      assert.equal(status.inFlight, 0);
      assert.equal(typeof gateway.name, 'string');
    });

    it('delivers a GSM text intact, in one GSM 7-bit part', async () => {
      const to = freshNumber();
      const text = 'Merci ! Note de 1 à 10 ? Réponse gratuite. €';
      const result = await send(to, text);
      assert.equal(result.encoding, 'gsm7');
      assert.equal(result.parts, 1);
      assert.equal(result.gatewayIds.length, 1);
      assert.deepEqual(fixture.far.messagesTo(to).map((m) => [m.text, m.from]), [[text, 'ECOUTE']]);
    });

    it('delivers "Très déçu, Êtes-vous sûr ? 9/10 €" intact, in UCS-2', async () => {
      const to = freshNumber();
      const text = 'Très déçu, Êtes-vous sûr ? 9/10 €';
      const result = await send(to, text);
      assert.equal(result.encoding, 'ucs2');
      assert.equal(result.parts, 1);
      assert.deepEqual(fixture.far.messagesTo(to).map((m) => m.text), [text]);
    });

    it('delivers emoji intact', async () => {
      const to = freshNumber();
      const text = 'Merci 😀👍🏽 à bientôt';
      const result = await send(to, text);
      assert.equal(result.encoding, 'ucs2');
      assert.deepEqual(fixture.far.messagesTo(to).map((m) => m.text), [text]);
    });

    it('delivers a long text whole and in order, one gateway id per part', async () => {
      const to = freshNumber();
      const text = Array.from({ length: 30 }, (_, i) => `Phrase ${i + 1} du questionnaire.`).join(' ');
      const result = await send(to, text);
      assert.equal(result.encoding, 'gsm7');
      assert.equal(result.parts, Math.ceil([...text].length / 153));
      assert.ok(result.parts >= 4);
      assert.equal(result.gatewayIds.length, result.parts);
      assert.equal(new Set(result.gatewayIds).size, result.parts);
      assert.deepEqual(fixture.far.messagesTo(to).map((m) => m.text), [text]);
    });

    it('reports delivered receipts with the gateway ids of the submit', async () => {
      const to = freshNumber();
      const result = await send(to, 'Votre avis compte : répondez de 1 à 10.');
      await waitFor('delivered receipt', () => receipts.some((r) => r.gatewayId === result.gatewayIds[0]));
      const receipt = receipts.find((r) => r.gatewayId === result.gatewayIds[0])!;
      assert.equal(receipt.status, 'delivered');
      assert.equal(typeof receipt.at, 'number');
      assert.ok(Math.abs(receipt.at - Date.now()) < 60_000);
    });

    it('reports undeliverable receipts', async () => {
      const to = freshNumber();
      fixture.far.setReceiptOutcome(to, 'undeliverable');
      const result = await send(to, 'Message pour un numéro éteint');
      await waitFor('undeliverable receipt', () => receipts.some((r) => r.gatewayId === result.gatewayIds[0]));
      const receipt = receipts.find((r) => r.gatewayId === result.gatewayIds[0])!;
      assert.equal(receipt.status, 'undeliverable');
      assert.ok(receipt.errorCode, 'carries the error code');
    });

    it('hands a customer reply to onInbound with the number in E.164', async () => {
      const customer = freshNumber();
      await send(customer, 'Note de 1 à 10 ?');
      await fixture.far.reply(customer, '9 — très bien, merci ! 👍');
      await waitFor('inbound reply', () => inbound.some((m) => m.from === customer));
      const reply = inbound.find((m) => m.from === customer)!;
      assert.equal(reply.text, '9 — très bien, merci ! 👍');
      assert.equal(reply.to, 'ECOUTE');
      assert.match(reply.from, /^\+352\d+$/);
      assert.equal(typeof reply.receivedAt, 'number');
    });

    it('hands a long reply over whole', async () => {
      const customer = freshNumber();
      const text = 'Déçu : ' + 'le conseiller était aimable mais le problème revient. '.repeat(6) + 'Fin.';
      await fixture.far.reply(customer, text);
      await waitFor('long inbound reply', () => inbound.some((m) => m.from === customer));
      assert.deepEqual(inbound.filter((m) => m.from === customer).map((m) => m.text), [text]);
    });

    it('gets a reply again when the inbound handler failed the first time', async () => {
      const customer = freshNumber();
      failInboundOnce = true;
      await fixture.far.reply(customer, '7');
      await waitFor('redelivered reply', () => inbound.some((m) => m.from === customer));
      assert.equal(failInboundOnce, false, 'the handler did fail once');
      assert.deepEqual(inbound.filter((m) => m.from === customer).map((m) => m.text), ['7']);
    });

    it('rejects a temporarily refused submit as retryable, and the next one goes through', async () => {
      const to = freshNumber();
      fixture.far.failNextSubmit('retryable');
      const error = await send(to, 'Bonjour').then(
        () => assert.fail('submit should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof SmsSubmitError);
      assert.equal(error.retryable, true);
      assert.ok(error.message.length > 10, 'operator-readable message');
      assert.ok(error.code);
      const result = await send(to, 'Bonjour');
      assert.equal(result.gatewayIds.length, 1);
      assert.deepEqual(fixture.far.messagesTo(to).map((m) => m.text), ['Bonjour']);
    });

    it('rejects a refused submit as not retryable', async () => {
      const to = freshNumber();
      fixture.far.failNextSubmit('permanent');
      const error = await send(to, 'Bonjour').then(
        () => assert.fail('submit should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof SmsSubmitError);
      assert.equal(error.retryable, false);
      assert.ok(error.code);
    });

    it('refuses a number that is not E.164 before sending anything', async () => {
      const error = await send('0621123456', 'Bonjour').then(
        () => assert.fail('submit should fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof SmsSubmitError);
      assert.equal(error.retryable, false);
      assert.equal(error.code, 'INVALID_DESTINATION');
      assert.doesNotMatch(error.message, /0621123456/, 'the number is masked');
    });

    it('carries many concurrent submits, each with its own id', async () => {
      const numbers = Array.from({ length: 25 }, () => freshNumber());
      const results = await Promise.all(numbers.map((to, i) => send(to, `Enquête n°${i}`)));
      assert.equal(new Set(results.map((r) => r.gatewayIds[0])).size, 25);
      numbers.forEach((to, i) => assert.deepEqual(fixture.far.messagesTo(to).map((m) => m.text), [`Enquête n°${i}`]));
      await waitFor('in-flight back to 0', () => gateway.status().inFlight === 0);
    });
  });
}
