// Runs the shared SmsGateway behaviour suite against every transport.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeGateway, type GatewayFixture } from './gateway-behaviour.testkit.js';
import { FakeSmsProvider } from './http/fake-provider.testkit.js';
import { checkHttpGatewayWebhookAuth, handleHttpGatewayWebhook, HttpGateway } from './http/http-gateway.js';
import { LoopbackGateway } from './simulator/loopback-gateway.js';
import { SmscSimulator, startSmscSimulator } from './simulator/smsc-simulator.js';
import { SmppGateway } from './smpp/smpp-gateway.js';

function simulatorFarEnd(simulator: SmscSimulator): GatewayFixture['far'] {
  return {
    messagesTo: (msisdn) => simulator.messagesTo(msisdn),
    failNextSubmit: (kind) => simulator.rejectNextSubmits(1, kind === 'retryable' ? 'ESME_RTHROTTLED' : 'ESME_RINVDSTADR'),
    setReceiptOutcome: (msisdn, outcome) => simulator.setReceiptOutcome(msisdn, outcome),
    reply: (from, text) => simulator.reply(from, text),
  };
}

describeGateway('SMPP gateway against the SMSC simulator', async () => {
  const simulator = await startSmscSimulator({ redeliveryDelayMs: 20 });
  const gateway = new SmppGateway({ url: simulator.url, reconnect: { initialMs: 20, maxMs: 200 } });
  return {
    gateway,
    far: simulatorFarEnd(simulator),
    close: async () => {
      await gateway.close();
      await simulator.close();
    },
  };
});

describeGateway('HTTP gateway against a local HTTP provider', async () => {
  const provider = new FakeSmsProvider({ token: 'provider-token' });
  await provider.start();
  const gateway = new HttpGateway({ url: provider.url, token: 'provider-token', webhookToken: 'hook-token' });
  // The webhook route, as the HTTP app will mount it: auth, parse, dispatch, 2xx / 4xx / 5xx.
  const webhook = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!checkHttpGatewayWebhookAuth(gateway, req.headers.authorization)) return void res.writeHead(401).end();
    try {
      const result = await handleHttpGatewayWebhook(gateway, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(result.ok ? 204 : 400).end();
    } catch {
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  provider.setWebhook(`http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms/webhook`, 'hook-token');
  return {
    gateway,
    far: {
      messagesTo: (msisdn) => provider.messagesTo(msisdn),
      failNextSubmit: (kind) => provider.failNext(1, kind === 'retryable' ? 503 : 400),
      setReceiptOutcome: (msisdn, outcome) => provider.setReceiptOutcome(msisdn, outcome),
      reply: (from, text) => provider.reply(from, text),
    },
    close: async () => {
      await gateway.close();
      await provider.close();
      webhook.closeAllConnections();
      await new Promise<void>((resolve) => webhook.close(() => resolve()));
    },
  };
});

describeGateway('in-process loopback on the simulator (dev)', async () => {
  const simulator = new SmscSimulator({ redeliveryDelayMs: 20 });
  const gateway = new LoopbackGateway({ simulator });
  return {
    gateway,
    far: simulatorFarEnd(simulator),
    close: async () => {
      await gateway.close();
      await simulator.close();
    },
  };
});
