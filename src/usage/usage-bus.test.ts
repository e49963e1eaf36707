import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, connect as tcpConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { consumeUsage, type UsageBusOptions } from './usage-bus.js';

/** The NATS server (with JetStream) the tests publish to. */
const NATS_URL = process.env.ECOUTE_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const natsSkip = await connect({ servers: NATS_URL, timeout: 2_000, reconnect: false }).then(
  async (nc) => (await nc.close(), undefined),
  () => {
    // CI must prove the consumer: an unreachable server there is a failure, not a skip.
    if (process.env.CI) throw new Error(`no NATS server at ${NATS_URL}`);
    return `no NATS server at ${NATS_URL}`;
  },
);

const lines = ['+352621600001', '+352621600002', '+352621600003'];

for (const engine of await testEngines()) {
  describe(`usage from NATS JetStream on ${engine.name}`, { skip: engine.skip ?? natsSkip }, () => {
    let storage: Storage;
    let nc: NatsConnection;
    const streams: string[] = [];

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Bus', lines: lines.map((msisdn) => ({ msisdn, plan: 'Love Duo' })), phones: [], emails: [] });
      nc = await connect({ servers: NATS_URL });
    });
    after(async () => {
      const jsm = await jetstreamManager(nc);
      for (const stream of streams) await jsm.streams.delete(stream).catch(() => undefined);
      await nc?.close();
      await storage?.close();
    });

    /** A stream of its own per test, with `events` published as one message each. */
    async function published(events: unknown[]): Promise<UsageBusOptions> {
      const name = `ECOUTE_TEST_${randomBytes(4).toString('hex').toUpperCase()}`;
      streams.push(name);
      const subject = `ecoute.test.${name.toLowerCase()}`;
      await (await jetstreamManager(nc)).streams.add({ name, subjects: [subject] });
      const js = jetstream(nc);
      for (const e of events) await js.publish(subject, typeof e === 'string' ? e : JSON.stringify(e));
      return { url: NATS_URL, stream: name, subject, durable: 'ecoute-usage', batch: 200, maxWaitMs: 1_000, ackWaitMs: 1_000 };
    }

    /** Consumes until `expected` messages were handled, or fails after 20 s. */
    async function drain(options: UsageBusOptions, expected: number, hooks: { afterCommit?: () => void; onStall?: (inARow: number) => void; untilAccepted?: boolean } = {}) {
      const controller = new AbortController();
      let handled = 0;
      let accepted = 0;
      let refused = 0;
      const timer = setTimeout(() => controller.abort(), 20_000);
      try {
        await consumeUsage(storage, options, {
          ...hooks,
          signal: controller.signal,
          onBatch: ({ messages, report }) => {
            handled += messages;
            accepted += report.accepted;
            refused += report.refused.length;
            // messages lost in a stall come again: a consumer that expects them counts distinct events, not deliveries
            if ((hooks.untilAccepted ? accepted : handled) >= expected) controller.abort();
          },
        });
      } finally {
        clearTimeout(timer);
      }
      return { handled, accepted, refused };
    }

    const event = (id: string, i: number) => ({ eventId: id, msisdn: lines[i % 3], occurredAt: new Date(Date.now() - 60_000 - i).toISOString(), type: 'data', quantity: 1000 + i, country: 'LU' });

    async function assertCountedOnce(prefix: string, distinct: number): Promise<void> {
      const events = await sql<{ n: number; q: number }>`select count(*) as n, coalesce(sum(quantity), 0) as q from usage_events where event_id like ${`${prefix}%`}`.execute(storage.db);
      assert.equal(Number(events.rows[0]!.n), distinct, 'each event recorded once');
      const raw = await sql<{ a: number; b: number }>`select (select coalesce(sum(used), 0) from usage_counters) as a, (select coalesce(sum(quantity), 0) from usage_events) as b`.execute(storage.db);
      assert.equal(Number(raw.rows[0]!.a), Number(raw.rows[0]!.b), 'the counters equal the events summed again');
    }

    it('counts each event once, a duplicate published twice included, and terminates what it refuses', async () => {
      const events = Array.from({ length: 600 }, (_, i) => event(`a-${i}`, i));
      const options = await published([...events, events[5], events[77], 'not json', { ...event('a-bad', 1), quantity: -1 }]);
      // a long acknowledgement wait: on a busy host a batch acknowledged late must not come again and be left pending
      const result = await drain({ ...options, ackWaitMs: 30_000 }, 604);
      assert.deepEqual(result, { handled: 604, accepted: 600, refused: 2 });
      await assertCountedOnce('a-', 600);
      // nothing is left to deliver: the refused messages are not sent again
      // (the server applies acknowledgements as they arrive: asked again for a moment)
      const left = async () => {
        const info = await (await jetstreamManager(nc)).consumers.info(options.stream, options.durable);
        return info.num_pending + info.num_ack_pending;
      };
      for (let tries = 0; (await left()) > 0 && tries < 150; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await left(), 0);
    });

    it('after a consumer dies between the commit and the acknowledgements, the next one gets the batch again and counts nothing twice', async () => {
      const events = Array.from({ length: 500 }, (_, i) => event(`k-${i}`, i));
      const options = await published(events);
      let batches = 0;
      // The first consumer commits its first batch, then dies before acknowledging it.
      await assert.rejects(
        drain(options, 500, {
          afterCommit: () => {
            if (++batches === 1) throw new Error('killed');
          },
        }),
        /killed/,
      );
      const partial = await sql<{ n: number }>`select count(*) as n from usage_events where event_id like 'k-%'`.execute(storage.db);
      assert.ok(Number(partial.rows[0]!.n) > 0, 'the first batch was committed');
      // The next consumer (same durable name) gets the unacknowledged batch again once its ack wait is over, and the rest.
      const second = await drain(options, 500);
      assert.equal(second.handled, 500, 'every message delivered, the first batch a second time');
      assert.equal(second.accepted, 500 - Number(partial.rows[0]!.n), 'the redelivered events counted nothing');
      await assertCountedOnce('k-', 500);
    });

    it('counts an event of a quiet stream as it arrives, not when its fetch ends', async () => {
      const options = await published([]);
      const controller = new AbortController();
      let counted: number | undefined;
      let publishedAt = 0;
      // a fetch that waits up to 4 s for its batch of 200 to fill
      const consumer = consumeUsage(storage, { ...options, maxWaitMs: 4_000 }, {
        signal: controller.signal,
        onBatch: ({ report }) => {
          if (report.accepted > 0) (counted = Date.now() - publishedAt), controller.abort();
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      publishedAt = Date.now();
      await jetstream(nc).publish(options.subject, JSON.stringify(event('quiet-1', 1)));
      const timer = setTimeout(() => controller.abort(), 10_000);
      await consumer;
      clearTimeout(timer);
      assert.ok(counted !== undefined && counted < 2_000, `counted ${counted} ms after it was published, within its fetch of 4 s`);
      await assertCountedOnce('quiet-', 1);
    });

    it('a stall of the server (heartbeats missed) does not stop the consumer: it fetches again and counts each event once', async () => {
      const events = Array.from({ length: 500 }, (_, i) => event(`s-${i}`, i));
      const options = await published(events);
      const proxy = await stallingProxy(NATS_URL);
      try {
        let batches = 0;
        let stalls = 0;
        // after the first batch, the answer to the next fetch is held for 2.5 s: that fetch misses two heartbeats
        const result = await drain({ ...options, url: proxy.url, batch: 100 }, 500, {
          afterCommit: () => void (++batches === 1 && proxy.holdNextFetch(2_500)),
          onStall: () => void stalls++,
          untilAccepted: true,
        });
        assert.ok(stalls >= 1, 'a fetch missed its heartbeats');
        assert.ok(result.handled >= 500, 'every message handled, some perhaps twice');
        assert.equal(result.accepted, 500);
        await assertCountedOnce('s-', 500);
      } finally {
        await proxy.close();
      }
    });

    it('a server that stays silent ends the consumer with an error naming it, after five fetches without an answer', async () => {
      const options = await published([event('q-0', 0)]);
      const proxy = await stallingProxy(NATS_URL);
      try {
        // once the consumer has its one message, the server goes silent for longer than five fetches
        const stalls: number[] = [];
        proxy.holdNextFetch(60_000, 2);
        const consumer = drain({ ...options, url: proxy.url }, 2, { onStall: (inARow: number) => void stalls.push(inARow) });
        await assert.rejects(consumer, (error: Error) => error.message.includes('for 5 fetches in a row') && error.message.includes(proxy.url));
        // the last five fetches in a row had no answer (an earlier one may have stalled after its message, on a busy host)
        assert.deepEqual(stalls.slice(-5), [1, 2, 3, 4, 5]);
      } finally {
        await proxy.close();
      }
    });
  });
}

/**
 * A TCP proxy to the NATS server that can hold what the server sends for a while (a stalled server or
 * network), from the moment the client asks for the next batch of a pull consumer (or its `nth`).
 */
async function stallingProxy(target: string): Promise<{ url: string; holdNextFetch: (ms: number, nth?: number) => void; close: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let until = 0;
  let armed: { ms: number; fetchesLeft: number } | undefined;
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes('CONSUMER.MSG.NEXT') && --armed.fetchesLeft === 0) {
        until = Date.now() + armed.ms;
        armed = undefined;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      const wait = until - Date.now();
      if (wait <= 0) return void client.write(chunk);
      upstream.pause();
      setTimeout(() => (client.write(chunk), upstream.resume()), wait);
    });
    const end = () => (client.destroy(), upstream.destroy());
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `nats://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdNextFetch(ms: number, nth = 1) {
      armed = { ms, fetchesLeft: nth };
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
