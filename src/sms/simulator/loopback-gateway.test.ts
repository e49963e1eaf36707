import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { waitFor } from '../gateway-behaviour.testkit.js';
import { SmsSubmitError } from '../gateway.js';
import { createSmsGateway, smsSettingsFromEnv } from '../index.js';
import { HttpGateway } from '../http/http-gateway.js';
import { SmppGateway } from '../smpp/smpp-gateway.js';
import { LoopbackGateway } from './loopback-gateway.js';
import { SmscSimulator } from './smsc-simulator.js';

describe('LoopbackGateway', () => {
  it('fails in-flight submits retryably on a simulated drop and comes back', async () => {
    const simulator = new SmscSimulator();
    const gateway = new LoopbackGateway({ simulator });
    await gateway.start();
    simulator.delayAcks(100);
    const pending = gateway.submit({ messageId: 'a', to: '+352621000001', from: 'ECOUTE', text: 'x' }).catch((e: unknown) => e);
    await waitFor('in flight', () => simulator.stats.inFlight === 1);
    simulator.dropConnections();
    const error = await pending;
    assert.ok(error instanceof SmsSubmitError);
    assert.equal(error.retryable, true);
    await waitFor('back', () => gateway.status().connected);
    simulator.delayAcks(0);
    assert.equal((await gateway.submit({ messageId: 'b', to: '+352621000001', from: 'ECOUTE', text: 'x' })).parts, 1);
    await gateway.close();
    await simulator.close();
  });
});

describe('createSmsGateway', () => {
  it('picks the transport from ECOUTE_SMSC_URL', () => {
    const settings = (env: Record<string, string>) => smsSettingsFromEnv(env);
    assert.equal(createSmsGateway(settings({})), null);
    assert.ok(createSmsGateway(settings({ ECOUTE_SMSC_URL: 'smpp://ecoute:pw@smsc:2775' })) instanceof SmppGateway);
    assert.ok(createSmsGateway(settings({ ECOUTE_SMSC_URL: 'https://p.example/sms', ECOUTE_SMS_HTTP_TOKEN: 't' })) instanceof HttpGateway);
    assert.ok(createSmsGateway(settings({ ECOUTE_SMSC_URL: 'loopback:' })) instanceof LoopbackGateway);
    assert.throws(() => createSmsGateway(settings({ ECOUTE_SMSC_URL: 'https://p.example/sms' })), /ECOUTE_SMS_HTTP_TOKEN/);
    assert.throws(() => createSmsGateway(settings({ ECOUTE_SMSC_URL: 'smpp://smsc:2775' })), /no system_id/);
    assert.throws(() => createSmsGateway(settings({ ECOUTE_SMSC_URL: 'ftp://u:secretpw@x' })), (e: Error) => !e.message.includes('secretpw'));
  });

  it('reads window, rate, sender id and the cap of automatic SMS, and refuses bad values', () => {
    assert.equal(smsSettingsFromEnv({}).autoRepliesPerDay, 3);
    assert.deepEqual(smsSettingsFromEnv({ ECOUTE_SMS_WINDOW: '50', ECOUTE_SMS_RATE: '80', ECOUTE_SMS_SENDER: 'Ecoute LU', ECOUTE_SMS_AUTO_REPLIES_PER_DAY: '5' }), {
      url: undefined,
      httpToken: undefined,
      webhookToken: undefined,
      window: 50,
      ratePerSecond: 80,
      senderId: 'Ecoute LU',
      autoRepliesPerDay: 5,
    });
    assert.throws(() => smsSettingsFromEnv({ ECOUTE_SMS_AUTO_REPLIES_PER_DAY: '2.5' }), /ECOUTE_SMS_AUTO_REPLIES_PER_DAY/);
    assert.throws(() => smsSettingsFromEnv({ ECOUTE_SMS_AUTO_REPLIES_PER_DAY: '-1' }), /ECOUTE_SMS_AUTO_REPLIES_PER_DAY/);
    assert.throws(() => smsSettingsFromEnv({ ECOUTE_SMS_WINDOW: '0' }), /ECOUTE_SMS_WINDOW/);
    assert.throws(() => smsSettingsFromEnv({ ECOUTE_SMS_RATE: '-1' }), /ECOUTE_SMS_RATE/);
    assert.throws(() => smsSettingsFromEnv({ ECOUTE_SMS_SENDER: 'A sender id far too long' }), /ECOUTE_SMS_SENDER.*at most 11/);
  });
});
