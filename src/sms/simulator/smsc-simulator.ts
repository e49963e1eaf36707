/**
 * An SMSC simulator: an SMPP 3.4 server (smpp.createServer) for development and tests.
 *
 * It accepts binds with the configured system_id/password (else ESME_RBINDFAIL), answers
 * enquire_link, acknowledges submit_sm with message ids, reassembles concatenated parts, keeps
 * every message per destination number in memory, sends delivery receipts (one per part), plays
 * customers replying (MO deliver_sm, encoded and split like a real SMSC) and simulates faults.
 * Receipts and replies wait in an outbox while no ESME is bound and are redelivered when an ESME
 * answers deliver_sm with an error. An in-process ESME (the loopback gateway) can attach without
 * a socket and sees the same behaviour.
 *
 * Duplicate detection, as real SMSCs offer it: a submit_sm that carries our message reference
 * (MESSAGE_REF_TLV, 0x1401) for a (system_id, reference, destination, part) already accepted within
 * `duplicateWindowMs` is acknowledged with the ORIGINAL message id and neither stored nor
 * delivered again. A submit without the reference is always a new message.
 */
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { decodePart, encode, encodeGsm } from '../encoding.js';
import { maskNumber, silentLogger, type ReceiptStatus, type SmsLogger } from '../gateway.js';
import {
  describeStatus,
  formatReceiptText,
  fromSmppAddress,
  rawMessage,
  smpp,
  STAT_TO_STATE,
  STATUS_TO_STAT,
  messageRefOf,
  statusCode,
  toSmppAddress,
  type PDU,
  type Session,
} from '../smpp/protocol.js';
import { MessageStore, type PartConcat, type SimulatedMessage } from './message-store.js';
import { ESME_ROK, serveSession, type EsmeLink, type SessionHost, type SubmitFields } from './smpp-session.js';

export type { EsmeLink, SimulatedMessage, SubmitFields };

export interface SimulatorOptions {
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  systemId?: string;
  password?: string;
  /** Delay before a delivery receipt is sent. Default 0. */
  receiptDelayMs?: number;
  /** Delay before an ESME that answered deliver_sm with an error gets it again. Default 100 ms. */
  redeliveryDelayMs?: number;
  /** Where replies go when no message was sent to the replying number. Default "ECOUTE". */
  defaultReplyTo?: string;
  /**
   * How long an accepted submit_sm's message reference (TLV 0x1401) is remembered for duplicate
   * detection. Default 24 h; 0: no duplicate detection (every submit is a new message).
   */
  duplicateWindowMs?: number;
  logger?: SmsLogger;
}

export type ReceiptOutcome = ReceiptStatus | 'none';

interface OutboxItem {
  fields: Record<string, unknown>;
  resolve: () => void;
}

export class SmscSimulator extends EventEmitter {
  private readonly host: string;
  private readonly requestedPort: number;
  private systemId: string;
  private password: string;
  private readonly receiptDelayMs: number;
  private readonly redeliveryDelayMs: number;
  private readonly defaultReplyTo: string;
  private readonly duplicateWindowMs: number;
  /** Accepted (or being accepted) parts by `system_id, reference, destination, part`, oldest first: their message id (null: refused). */
  private readonly accepted = new Map<string, { at: number; id: Promise<string | null> }>();
  private readonly logger: SmsLogger;
  private server: ReturnType<typeof smpp.createServer> | null = null;
  private port = 0;
  private readonly links = new Set<EsmeLink>();
  private readonly sessions = new Set<Session>();
  private readonly store = new MessageStore();
  private readonly outbox: OutboxItem[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly receiptOutcomes = new Map<string, ReceiptOutcome>();
  private defaultOutcome: ReceiptOutcome = 'delivered';
  private receiptsDropped = false;
  private rejectCount = 0;
  private rejectStatus = 0;
  private ackDelayMs = 0;
  private enquireLinksIgnored = false;
  private counter = 0;
  private reference = 0;
  private roundRobin = 0;
  private closed = false;

  readonly stats = {
    binds: 0,
    bindFailures: 0,
    submits: 0,
    inFlight: 0,
    maxInFlight: 0,
    enquireLinks: 0,
    deliveries: 0,
    deliveryRetries: 0,
    /** submit_sm recognised as duplicates (acknowledged with the original id, not stored again) */
    duplicates: 0,
  };

  constructor(options: SimulatorOptions = {}) {
    super();
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.systemId = options.systemId ?? 'ecoute';
    this.password = options.password ?? 'secret';
    this.receiptDelayMs = options.receiptDelayMs ?? 0;
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 100;
    this.defaultReplyTo = options.defaultReplyTo ?? 'ECOUTE';
    this.duplicateWindowMs = options.duplicateWindowMs ?? 24 * 3_600_000;
    this.logger = options.logger ?? silentLogger;
  }

  /** `smpp://system_id:password@host:port` to give to the SMPP gateway. */
  get url(): string {
    const host = this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    return `smpp://${encodeURIComponent(this.systemId)}:${encodeURIComponent(this.password)}@${host}:${this.port}`;
  }

  get listeningPort(): number {
    return this.port;
  }

  async listen(): Promise<void> {
    const server = smpp.createServer({}, (session) => this.onSession(session));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const link of [...this.links]) link.drop();
    this.links.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const session of this.sessions) session.destroy();
    });
  }

  // -------------------------------------------------------------------------------------------
  // Inspection

  /** Whole messages received for a number (E.164, or its digits), in arrival order. */
  messagesTo(msisdn: string): SimulatedMessage[] {
    return this.store.to(canonical(msisdn));
  }

  allMessages(): SimulatedMessage[] {
    return this.store.all();
  }

  /** Resolves with the next whole message to `msisdn`. */
  waitForMessage(msisdn: string, timeoutMs = 5000): Promise<SimulatedMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('message', listener);
        reject(new Error(`no message to ${maskNumber(msisdn)} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: SimulatedMessage) => {
        if (message.to !== canonical(msisdn)) return;
        clearTimeout(timer);
        this.off('message', listener);
        resolve(message);
      };
      this.on('message', listener);
    });
  }

  /** Number of ESMEs bound now. */
  get boundCount(): number {
    return this.links.size;
  }

  // -------------------------------------------------------------------------------------------
  // Behaviour and faults

  setCredentials(systemId: string, password: string): void {
    this.systemId = systemId;
    this.password = password;
  }

  /** Receipt for messages to this number: delivered (default), undeliverable, expired, rejected, unknown, or none. */
  setReceiptOutcome(msisdn: string, outcome: ReceiptOutcome): void {
    this.receiptOutcomes.set(canonical(msisdn), outcome);
  }

  setDefaultReceiptOutcome(outcome: ReceiptOutcome): void {
    this.defaultOutcome = outcome;
  }

  /** Stop (or resume) sending delivery receipts. */
  dropReceipts(drop = true): void {
    this.receiptsDropped = drop;
  }

  /** Answers the next `count` submit_sm with `status` (a number or a name like ESME_RTHROTTLED). */
  rejectNextSubmits(count: number, status: number | string = 'ESME_RTHROTTLED'): void {
    this.rejectCount = count;
    this.rejectStatus = statusCode(status);
  }

  /** Holds every submit_sm_resp for `ms` (0: answer at once). */
  delayAcks(ms: number): void {
    this.ackDelayMs = ms;
  }

  /** Stop answering enquire_link (a half-dead link). */
  ignoreEnquireLinks(ignore = true): void {
    this.enquireLinksIgnored = ignore;
  }

  /** Cuts every ESME connection at once, whatever is in flight. */
  dropConnections(): void {
    for (const link of [...this.links]) link.drop();
    for (const session of [...this.sessions]) session.destroy();
  }

  /**
   * A customer replies: `from` (E.164) writes `text` to `to` (default: the sender id of the last
   * message sent to `from`). Sent as MO deliver_sm, GSM or UCS-2, split with UDH when long.
   * Resolves once an ESME acknowledged every part with ESME_ROK.
   */
  reply(from: string, text: string, options: { to?: string } = {}): Promise<void> {
    const last = this.store.to(canonical(from)).at(-1);
    const to = options.to ?? last?.from ?? this.defaultReplyTo;
    this.reference = (this.reference + 1) & 0xff;
    const encoded = encode(text, { reference: this.reference });
    const source = toSmppAddress(canonical(from));
    const destination = toSmppAddress(to);
    this.logger.info(`reply from ${maskNumber(from)}: ${encoded.parts.length} part(s), ${encoded.encoding}`);
    return Promise.all(
      encoded.parts.map((part) =>
        this.enqueue({
          source_addr_ton: source.ton,
          source_addr_npi: source.npi,
          source_addr: source.addr,
          dest_addr_ton: destination.ton,
          dest_addr_npi: destination.npi,
          destination_addr: destination.addr,
          esm_class: encoded.esmClass,
          data_coding: encoded.dataCoding,
          short_message: part,
        }),
      ),
    ).then(() => {});
  }

  // -------------------------------------------------------------------------------------------
  // ESME links

  /** Attaches an in-process ESME (bound at once). Returns the detach function. */
  attachLink(link: EsmeLink): () => void {
    this.links.add(link);
    this.stats.binds++;
    this.emit('bind', { systemId: link.systemId, ok: true, remote: link.label });
    this.pump();
    return () => {
      this.links.delete(link);
    };
  }

  private onSession(session: Session): void {
    this.sessions.add(session);
    session.on('close', () => this.sessions.delete(session));
    serveSession(session, this.sessionHost);
  }

  /** What the SMPP sessions do to the simulator's state. */
  private readonly sessionHost: SessionHost = {
    acceptsBind: (systemId, password) => !this.closed && systemId === this.systemId && password === this.password,
    bindRefused: (systemId, remote) => {
      this.stats.bindFailures++;
      this.logger.warn(`bind refused for system_id "${systemId}" from ${remote}: ESME_RBINDFAIL`);
      this.emit('bind', { systemId, ok: false, remote });
    },
    bound: (link, command) => {
      this.links.add(link);
      this.stats.binds++;
      this.logger.info(`${command} ok: system_id ${link.systemId} from ${link.label}`);
      this.emit('bind', { systemId: link.systemId, ok: true, remote: link.label });
      this.pump();
    },
    unbound: (link, remote) => {
      this.links.delete(link);
      this.logger.info(`unbound ${link.systemId} (${remote})`);
      this.emit('unbind', { systemId: link.systemId, remote });
    },
    enquireLink: () => {
      this.stats.enquireLinks++;
      return !this.enquireLinksIgnored;
    },
    submit: (systemId, fields) => this.submit(systemId, fields),
  };

  // -------------------------------------------------------------------------------------------
  // Submit

  /** Handles one submit_sm (from an SMPP session or the loopback). */
  async submit(systemId: string, fields: SubmitFields): Promise<{ status: number; messageId: string }> {
    this.stats.submits++;
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    let settle: ((id: string | null) => void) | undefined;
    let key: string | undefined;
    try {
      const dataCoding = Number(fields.data_coding ?? 0);
      const esmClass = Number(fields.esm_class ?? 0);
      const part = decodePart(rawMessage(fields as PDU), dataCoding, (esmClass & 0x40) !== 0);
      const from = fromSmppAddress(String(fields.source_addr ?? ''), Number(fields.source_addr_ton ?? 0));
      const to = canonical(fromSmppAddress(String(fields.destination_addr ?? ''), Number(fields.dest_addr_ton ?? 0)));
      const carried = messageRefOf(fields);
      this.emit('submit', { systemId, to, reference: carried });
      const reference = this.duplicateWindowMs > 0 ? carried : undefined;
      if (reference !== undefined) {
        key = `${systemId}\u0000${reference}\u0000${to}\u0000${part.concat?.total ?? 1}\u0000${part.concat?.sequence ?? 1}`;
        // A part still being accepted is waited for; one that was refused does not count.
        for (let original = this.acceptedPart(key); original; original = this.acceptedPart(key)) {
          const id = await original;
          if (id !== null) {
            this.stats.duplicates++;
            this.logger.info(`duplicate submit_sm (reference already accepted as ${id}): acknowledged, not sent again`);
            this.emit('duplicate', { id, reference });
            return { status: ESME_ROK, messageId: id };
          }
        }
        const pending = new Promise<string | null>((resolve) => (settle = resolve));
        this.accepted.delete(key); // re-inserted last: the map stays oldest first
        this.accepted.set(key, { at: Date.now(), id: pending });
      }
      if (this.ackDelayMs > 0) await this.sleep(this.ackDelayMs);
      if (this.rejectCount > 0) {
        this.rejectCount--;
        this.logger.info(`submit_sm refused on purpose: ${describeStatus(this.rejectStatus).name}`);
        return { status: this.rejectStatus, messageId: '' };
      }
      const messageId = (++this.counter).toString(16).toUpperCase().padStart(10, '0');
      const submittedAt = Date.now();
      // With a reference, the parts of one message meet even when a resubmit split it again under
      // another concatenation reference.
      const concat = part.concat && reference !== undefined ? { ...part.concat, key: reference } : part.concat;
      this.assemble(systemId, from, to, dataCoding, concat, { text: part.text, id: messageId });
      if ((Number(fields.registered_delivery ?? 0) & 0x03) !== 0) {
        this.scheduleReceipt(messageId, to, fields, submittedAt);
      }
      settle?.(messageId);
      settle = undefined;
      return { status: ESME_ROK, messageId };
    } finally {
      this.stats.inFlight--;
      if (settle) {
        // refused or failed: not accepted, so a resubmit is a new message
        settle(null);
        if (key !== undefined) this.accepted.delete(key);
      }
    }
  }

  /** The id (pending or known) of a part accepted within the duplicate window; forgets expired ones. */
  private acceptedPart(key: string): Promise<string | null> | undefined {
    const horizon = Date.now() - this.duplicateWindowMs;
    for (const [oldest, entry] of this.accepted) {
      if (entry.at >= horizon) break;
      this.accepted.delete(oldest);
    }
    return this.accepted.get(key)?.id;
  }

  /** Stores a part; once its message is whole, logs it and emits `message`. */
  private assemble(systemId: string, from: string, to: string, dataCoding: number, concat: PartConcat | undefined, part: { text: string; id: string }): void {
    const message = this.store.add(systemId, from, to, dataCoding, concat, part);
    if (!message) return;
    this.logger.info(
      `message ${message.id} to ${maskNumber(to)} from ${/\d{4,}/.test(from) ? maskNumber(from) : from}: ${message.parts} part(s), ` +
        (message.encoding === 'other' ? `data_coding 0x${dataCoding.toString(16).padStart(2, '0')}` : message.encoding),
    );
    this.emit('message', message);
  }

  private scheduleReceipt(messageId: string, to: string, fields: SubmitFields, submittedAt: number): void {
    const outcome = this.receiptOutcomes.get(to) ?? this.defaultOutcome;
    if (outcome === 'none' || this.receiptsDropped) return;
    const stat = STATUS_TO_STAT[outcome];
    const send = () => {
      if (this.receiptsDropped || this.closed) return;
      const err = outcome === 'delivered' ? '000' : '001';
      const text = formatReceiptText({ id: messageId, stat, err, submittedAt, doneAt: Date.now() });
      void this.enqueue({
        source_addr_ton: fields.dest_addr_ton,
        source_addr_npi: fields.dest_addr_npi,
        source_addr: fields.destination_addr,
        dest_addr_ton: fields.source_addr_ton,
        dest_addr_npi: fields.source_addr_npi,
        destination_addr: fields.source_addr,
        esm_class: 0x04,
        data_coding: 0,
        short_message: encodeGsm(text),
        receipted_message_id: messageId,
        message_state: STAT_TO_STATE[stat],
      });
    };
    if (this.receiptDelayMs > 0) this.later(send, this.receiptDelayMs);
    else setImmediate(send);
  }

  // -------------------------------------------------------------------------------------------
  // Outbox: deliver_sm to bound ESMEs, redelivered on error or drop

  private enqueue(fields: Record<string, unknown>): Promise<void> {
    return new Promise((resolve) => {
      this.outbox.push({ fields, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.outbox.length > 0 && !this.closed) {
      const receivers = [...this.links].filter((link) => link.receives);
      if (receivers.length === 0) return;
      const link = receivers[this.roundRobin++ % receivers.length]!;
      const item = this.outbox.shift()!;
      this.stats.deliveries++;
      link.deliver(item.fields).then(
        (status) => (status === ESME_ROK ? item.resolve() : this.retry(item)),
        () => this.retry(item),
      );
    }
  }

  private retry(item: OutboxItem): void {
    if (this.closed) return;
    this.stats.deliveryRetries++;
    this.later(() => {
      this.outbox.unshift(item);
      this.pump();
    }, this.redeliveryDelayMs);
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(resolve, ms));
  }
}

/** E.164 with "+" for digit strings; other addresses as they are. */
function canonical(msisdn: string): string {
  return /^\d+$/.test(msisdn) ? `+${msisdn}` : msisdn;
}

export interface StartSimulatorOptions extends SimulatorOptions {}

/** Starts a simulator listening on `port` (0: any free port); `.url` gives the smpp:// URL. */
export async function startSmscSimulator(options: StartSimulatorOptions = {}): Promise<SmscSimulator> {
  const simulator = new SmscSimulator(options);
  await simulator.listen();
  return simulator;
}
