import { AckPolicy, JetStreamError, jetstream, jetstreamManager, type Consumer, type JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Storage } from '../storage/database.js';
import { ingestUsage, type IngestReport } from './usage-ingest.js';
import type { UsageEventInput } from './usage-events.js';

/**
 * Usage from a message bus (docs/self-service.md, "Usage sources"): a durable pull consumer of a NATS
 * JetStream stream the mediation platform publishes to, one event (a JSON object) per message. At least
 * once: a batch of messages is acknowledged only once its events are committed, so a consumer that
 * dies between the two gets the batch again, whose events are then duplicates and count nothing. An
 * event refused (a wrong field, an unknown line) is terminated, never redelivered, and reported by its
 * id and codes, never its content.
 */
export interface UsageBusOptions {
  /** e.g. nats://127.0.0.1:4222 */
  url: string;
  stream: string;
  /** the subject the events are published on (the stream is created with it when missing) */
  subject: string;
  /** the durable consumer's name: another run with the same name continues where it stopped */
  durable: string;
  /** messages fetched together, counted as they come (at most this many in one transaction) */
  batch: number;
  /** how long a fetch waits for its batch to fill (at least 1,000 ms: the events of a quiet stream wait that long at most) */
  maxWaitMs: number;
  /** how long the server waits for an acknowledgement before delivering a message again */
  ackWaitMs?: number;
}

export interface BusBatch {
  messages: number;
  report: IngestReport;
}

export interface UsageBusHooks {
  signal?: AbortSignal;
  onBatch?: (batch: BusBatch) => void | Promise<void>;
  /** called when a fetch ended without the server's heartbeats (a stall); the consumer fetches again */
  onStall?: (inARow: number) => void;
  /** called between the commit of a batch and its acknowledgements (tests: a consumer that dies there) */
  afterCommit?: () => void | Promise<void>;
}

export async function consumeUsage(storage: Storage, options: UsageBusOptions, hooks: UsageBusHooks = {}): Promise<void> {
  const nc = await connect({ servers: options.url, name: `ecoute usage ${options.durable}` });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.info(options.stream).catch(async () => jsm.streams.add({ name: options.stream, subjects: [options.subject] }));
    // Messages delivered and not yet acknowledged: a batch and the next one (the server's default is 1,000).
    const maxAckPending = Math.max(1_000, 2 * options.batch);
    const existing = await jsm.consumers.info(options.stream, options.durable).catch(async () =>
      jsm.consumers.add(options.stream, {
        durable_name: options.durable, ack_policy: AckPolicy.Explicit, filter_subject: options.subject, ack_wait: (options.ackWaitMs ?? 30_000) * 1_000_000,
        max_ack_pending: maxAckPending,
      }),
    );
    if (existing.config.max_ack_pending !== -1 && (existing.config.max_ack_pending ?? 0) < maxAckPending) {
      await jsm.consumers.update(options.stream, options.durable, { max_ack_pending: maxAckPending });
    }
    const consumer = await jetstream(nc).consumers.get(options.stream, options.durable);
    const count = async (messages: JsMsg[]) => {
      const inputs = messages.map(eventOf);
      let report: IngestReport;
      try {
        report = await ingestUsage(storage, inputs, { skipInvalid: true });
      } catch (error) {
        // Not written: every message comes again after a pause.
        for (const m of messages) m.nak(1_000);
        throw error;
      }
      await hooks.afterCommit?.();
      const refused = new Set(report.refused.map((r) => r.index));
      // (a reason given with term() is not understood by NATS servers before 2.10: none is given)
      messages.forEach((m, i) => (refused.has(i) ? m.term() : m.ack()));
      await nc.flush();
      await hooks.onBatch?.({ messages: messages.length, report });
    };
    let stalls = 0;
    while (!hooks.signal?.aborted) {
      const { received, stalled } = await fetchBatch(consumer, options, count);
      stalls = stalled && received === 0 ? stalls + 1 : 0;
      if (stalled) hooks.onStall?.(stalls);
      if (stalls >= MAX_STALLS) throw new Error(`no answer from the NATS server at ${options.url} for ${MAX_STALLS} fetches in a row`);
    }
  } finally {
    // a server that does not answer the drain is not waited for
    const drained = nc.drain().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), DRAIN_WAIT_MS)));
    if ((await Promise.race([drained, late])) === 'late') await nc.close();
    clearTimeout(timer);
  }
}

/** Fetches in a row that end without a heartbeat from the server nor any message before the consumer gives up. */
const MAX_STALLS = 5;
/** How long the end of a run waits for the server to take the last acknowledgements. */
const DRAIN_WAIT_MS = 5_000;

/**
 * One fetch of up to `batch` messages, counted as they come: what has arrived is counted as soon as
 * nothing more is waiting (or the batch is full), while the fetch goes on, so an event of a quiet
 * stream is counted at once rather than when its fetch ends; under load, messages pile up while a
 * batch is counted and the next batch is a large one. The server sends heartbeats while a fetch waits;
 * when two are missed (the server or the network stalled, or this process was too busy to read them
 * for a second), the client ends the fetch with "heartbeats missed". That is not the end of the
 * stream: the messages received before it are counted, and the next fetch asks again. Those the
 * server sent but the stall lost come again once their ack wait is over.
 */
async function fetchBatch(consumer: Consumer, options: UsageBusOptions, count: (messages: JsMsg[]) => Promise<void>): Promise<{ received: number; stalled: boolean }> {
  let messages: JsMsg[] = [];
  let received = 0;
  const fetched = await consumer.fetch({ max_messages: options.batch, expires: options.maxWaitMs });
  try {
    for await (const m of fetched) {
      messages.push(m);
      received++;
      if (messages.length >= options.batch || fetched.getPending() === 0) {
        const now = messages;
        messages = [];
        await count(now);
      }
    }
  } catch (error) {
    if (!(error instanceof JetStreamError && /heartbeats missed/i.test(error.message))) {
      fetched.stop();
      throw error;
    }
    if (messages.length > 0) await count(messages);
    return { received, stalled: true };
  }
  if (messages.length > 0) await count(messages);
  return { received, stalled: false };
}

/** A message's event; what is not a JSON object is refused like an event without its fields. */
function eventOf(m: JsMsg): UsageEventInput {
  try {
    const value: unknown = m.json();
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as UsageEventInput) : {};
  } catch {
    return {};
  }
}
