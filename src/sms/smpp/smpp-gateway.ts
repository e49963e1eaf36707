/**
 * SMPP 3.4 transport (ESME side) over the `smpp` package: one bind_transceiver session,
 * enquire_link keep-alive, reconnect with capped jittered backoff, a window of outstanding
 * submit_sm, an optional rate cap, delivery receipts and MO messages (see docs/sms.md).
 */
import { encode } from '../encoding.js';
import { Backoff, RateLimiter, Window, type BackoffOptions } from '../flow.js';
import {
  silentLogger,
  SmsSubmitError,
  validateOutbound,
  type DeliveryReceipt,
  type GatewayStatus,
  type InboundSms,
  type OutboundSms,
  type SmsGateway,
  type SmsLogger,
  type SubmitResult,
} from '../gateway.js';
import { DeliverHandler } from './deliver-handler.js';
import { describeStatus, smpp, submitFields, type PDU, type Session } from './protocol.js';

export interface SmppEndpoint {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** `ssmpp://` or `smpps://`: SMPP over TLS. */
  tls: boolean;
}

/** Reads `smpp://system_id:password@host:port` (port 2775 by default; `ssmpp://` for TLS, 3550). */
export function parseSmppUrl(url: string): SmppEndpoint {
  const shown = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  const expected = 'expected smpp://system_id:password@host:port';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`SMSC URL "${shown}" is not a URL (${expected})`);
  }
  const tls = parsed.protocol === 'ssmpp:' || parsed.protocol === 'smpps:';
  if (parsed.protocol !== 'smpp:' && !tls) {
    throw new Error(`SMSC URL "${shown}" must start with smpp:// (or ssmpp:// for TLS), ${expected}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new Error(`SMSC URL "${shown}" has no host (${expected})`);
  if (parsed.username === '') throw new Error(`SMSC URL "${shown}" has no system_id (${expected})`);
  const port = parsed.port === '' ? (tls ? 3550 : 2775) : Number(parsed.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`SMSC URL "${shown}" has an invalid port`);
  const systemId = decodeURIComponent(parsed.username);
  if (systemId.length > 15) throw new Error(`SMSC URL "${shown}": system_id has more than 15 characters (SMPP 3.4 limit)`);
  return { host, port, systemId, password: decodeURIComponent(parsed.password), tls };
}

export interface SmppGatewayOptions {
  /** `smpp://system_id:password@host:port` or the parsed endpoint. */
  url: string | SmppEndpoint;
  /** Outstanding submit_sm without a response, at most. Default 10; more wait their turn. */
  window?: number;
  /** submit_sm per second (each part counts), 0 = no cap. Default 0. */
  ratePerSecond?: number;
  /** Burst allowed by the rate cap. Default a tenth of a second's worth, at least 1. */
  rateBurst?: number;
  /** Keep-alive period. Default 30 s. */
  enquireLinkMs?: number;
  /** A missing enquire_link_resp after this long means the link is dead: reconnect. Default 10 s. */
  enquireLinkTimeoutMs?: number;
  /** Longest wait for the connection, a window slot and every submit_sm_resp of one submit. Default 30 s. */
  submitTimeoutMs?: number;
  /** Longest wait for TCP connect + bind_transceiver_resp. Default 10 s. */
  connectTimeoutMs?: number;
  /** Reconnect backoff. Default 1 s doubling to 60 s, jittered. */
  reconnect?: BackoffOptions;
  /** system_type of the bind. Default empty. */
  systemType?: string;
  /** Ask for delivery receipts (registered_delivery = 1). Default true. */
  registeredDelivery?: boolean;
  /** Incomplete concatenated MO messages are dropped after this long. Default 10 min. */
  reassemblyTtlMs?: number;
  logger?: SmsLogger;
  name?: string;
}

interface InFlight {
  settled: boolean;
  timer: NodeJS.Timeout;
  resolve: (messageId: string) => void;
  reject: (error: SmsSubmitError) => void;
}

const ESME_ROK = 0;
const ESME_RINVCMDID = 0x03;

export class SmppGateway implements SmsGateway {
  readonly name: string;
  readonly endpoint: SmppEndpoint;
  private readonly options: Required<Omit<SmppGatewayOptions, 'url' | 'reconnect' | 'logger' | 'name' | 'rateBurst'>>;
  private readonly logger: SmsLogger;
  private readonly window: Window;
  private readonly rate: RateLimiter;
  private readonly backoff: Backoff;
  private readonly deliver: DeliverHandler;
  private readonly inFlight = new Set<InFlight>();
  private readonly boundWaiters = new Set<{ resolve: () => void; reject: (error: SmsSubmitError) => void; timer: NodeJS.Timeout }>();

  private session: Session | null = null;
  private bound = false;
  private closed = false;
  private startPromise: Promise<void> | null = null;
  private firstAttempt: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private enquireTimer: NodeJS.Timeout | null = null;
  private enquireDeadline: NodeJS.Timeout | null = null;
  private connectDeadline: NodeJS.Timeout | null = null;
  private lastError: string | null = null;
  private reference = Math.floor(Math.random() * 256);

  /** Counters for tests and the status page. */
  readonly stats = { binds: 0, bindFailures: 0, drops: 0, submitted: 0 };

  constructor(options: SmppGatewayOptions) {
    this.endpoint = typeof options.url === 'string' ? parseSmppUrl(options.url) : options.url;
    this.name = options.name ?? 'smpp';
    this.options = {
      window: options.window ?? 10,
      ratePerSecond: options.ratePerSecond ?? 0,
      enquireLinkMs: options.enquireLinkMs ?? 30_000,
      enquireLinkTimeoutMs: options.enquireLinkTimeoutMs ?? 10_000,
      submitTimeoutMs: options.submitTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      systemType: options.systemType ?? '',
      registeredDelivery: options.registeredDelivery ?? true,
      reassemblyTtlMs: options.reassemblyTtlMs ?? 10 * 60_000,
    };
    this.logger = options.logger ?? silentLogger;
    this.window = new Window(this.options.window);
    this.rate = new RateLimiter(this.options.ratePerSecond, options.rateBurst);
    this.backoff = new Backoff(options.reconnect);
    this.deliver = new DeliverHandler(this.logger, this.options.reassemblyTtlMs);
  }

  private get where(): string {
    return `${this.endpoint.host}:${this.endpoint.port}`;
  }

  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('SMPP gateway is closed'));
    this.startPromise ??= new Promise<void>((resolve, reject) => {
      this.firstAttempt = { resolve, reject };
      this.connect();
    });
    return this.startPromise;
  }

  onReceipt(handler: (receipt: DeliveryReceipt) => Promise<void> | void): void {
    this.deliver.receiptHandlers.push(handler);
  }

  onInbound(handler: (sms: InboundSms) => Promise<void> | void): void {
    this.deliver.inboundHandlers.push(handler);
  }

  status(): GatewayStatus {
    return { connected: this.bound, lastError: this.lastError, inFlight: this.inFlight.size };
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  private connect(): void {
    if (this.closed) return;
    this.reconnectTimer = null;
    const session = smpp.connect({ host: this.endpoint.host, port: this.endpoint.port, tls: this.endpoint.tls });
    this.session = session;
    let dropReason: string | null = null;
    this.connectDeadline = setTimeout(() => {
      dropReason = `no bind_transceiver_resp from SMSC at ${this.where} within ${this.options.connectTimeoutMs} ms`;
      session.destroy();
    }, this.options.connectTimeoutMs);

    session.on(this.endpoint.tls ? 'secureConnect' : 'connect', () => {
      session.socket.setNoDelay(true); // small PDUs: no Nagle delay
      session.bind_transceiver(
        { system_id: this.endpoint.systemId, password: this.endpoint.password, system_type: this.options.systemType, interface_version: 0x34 },
        (resp) => {
          if (session !== this.session) return;
          if (this.connectDeadline) clearTimeout(this.connectDeadline);
          this.connectDeadline = null;
          if (resp.command_status !== ESME_ROK) {
            const status = describeStatus(resp.command_status);
            dropReason = `SMSC refused bind: ${status.name} (${status.hint})`;
            this.stats.bindFailures++;
            session.destroy();
            return;
          }
          this.onBound(session);
        },
      );
    });
    session.on('pdu', (pdu: PDU) => {
      if (session === this.session) this.onPdu(session, pdu);
    });
    session.on('error', (error: NodeJS.ErrnoException) => {
      dropReason ??= this.describeSocketError(error);
      session.destroy();
    });
    session.on('close', () => {
      if (session !== this.session) return;
      this.onDrop(dropReason ?? `connection to SMSC at ${this.where} closed`);
    });
  }

  private describeSocketError(error: NodeJS.ErrnoException): string {
    switch (error.code) {
      case 'ECONNREFUSED':
        return `cannot reach SMSC at ${this.where}: connection refused`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `cannot reach SMSC: host "${this.endpoint.host}" not found`;
      case 'ETIMEDOUT':
        return `cannot reach SMSC at ${this.where}: timed out`;
      case 'ECONNRESET':
        return `connection to SMSC at ${this.where} reset`;
      default:
        return `SMPP link to ${this.where} failed: ${error.message}`;
    }
  }

  private onBound(session: Session): void {
    this.bound = true;
    this.lastError = null;
    this.stats.binds++;
    this.backoff.reset();
    this.logger.info(`SMPP bound to ${this.where} as ${this.endpoint.systemId}`);
    this.enquireTimer = setInterval(() => this.enquireLink(session), this.options.enquireLinkMs);
    this.enquireTimer.unref();
    for (const waiter of this.boundWaiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.boundWaiters.clear();
    this.firstAttempt?.resolve();
    this.firstAttempt = null;
  }

  private enquireLink(session: Session): void {
    if (this.enquireDeadline) return; // one outstanding at a time
    this.enquireDeadline = setTimeout(() => {
      this.enquireDeadline = null;
      if (session !== this.session) return;
      this.logger.warn(`SMPP: no enquire_link_resp from ${this.where} within ${this.options.enquireLinkTimeoutMs} ms; reconnecting`);
      session.emit('error', Object.assign(new Error('no enquire_link_resp'), { code: 'EENQUIRE' }));
    }, this.options.enquireLinkTimeoutMs);
    session.enquire_link({}, () => {
      if (this.enquireDeadline) clearTimeout(this.enquireDeadline);
      this.enquireDeadline = null;
    });
  }

  private onDrop(reason: string): void {
    const wasBound = this.bound;
    this.session = null;
    this.bound = false;
    this.lastError = reason;
    for (const timer of [this.enquireTimer, this.enquireDeadline, this.connectDeadline]) if (timer) clearTimeout(timer);
    this.enquireTimer = this.enquireDeadline = this.connectDeadline = null;
    if (wasBound) this.stats.drops++;
    const lost = new SmsSubmitError(`connection to SMSC lost before submit_sm_resp (${reason})`, true, 'CONNECTION_LOST');
    for (const entry of [...this.inFlight]) this.settle(entry, lost);
    if (this.firstAttempt) {
      this.firstAttempt.reject(new Error(reason));
      this.firstAttempt = null;
    }
    if (this.closed) return;
    const delay = this.backoff.next();
    this.logger.warn(`SMPP ${wasBound ? 'link lost' : 'connect failed'}: ${reason}; retrying in ${delay} ms`);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private waitBound(deadline: number): Promise<void> {
    if (this.bound) return Promise.resolve();
    if (this.closed) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.boundWaiters.delete(waiter);
          reject(new SmsSubmitError(`SMSC not connected${this.lastError ? `: ${this.lastError}` : ''}`, true, 'NOT_CONNECTED'));
        }, Math.max(0, deadline - Date.now())),
      };
      this.boundWaiters.add(waiter);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Submit

  async submit(sms: OutboundSms): Promise<SubmitResult> {
    validateOutbound(sms);
    if (this.closed) throw closedError();
    const deadline = Date.now() + this.options.submitTimeoutMs;
    let encoded;
    try {
      this.reference = (this.reference + 1) & 0xff;
      encoded = encode(sms.text, { reference: this.reference });
    } catch (error) {
      throw new SmsSubmitError(`message text is too long: ${(error as Error).message}`, false, 'TEXT_TOO_LONG');
    }
    const fields = submitFields(sms, encoded, this.options.registeredDelivery);

    const acks: Promise<string>[] = [];
    let failure: SmsSubmitError | null = null;
    for (const part of encoded.parts) {
      try {
        await this.window.acquire();
      } catch (error) {
        failure = error as SmsSubmitError;
        break;
      }
      if (failure) {
        this.window.release();
        break;
      }
      try {
        await this.rate.take();
        await this.waitBound(deadline);
      } catch (error) {
        this.window.release();
        failure = error as SmsSubmitError;
        break;
      }
      const ack = this.sendPart({ ...fields, short_message: part }, deadline);
      ack.catch((error: SmsSubmitError) => (failure ??= error));
      acks.push(ack);
    }
    const results = await Promise.allSettled(acks);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason as SmsSubmitError;
    if (failure) throw failure;
    return {
      gatewayIds: results.map((r) => (r as PromiseFulfilledResult<string>).value),
      parts: encoded.parts.length,
      encoding: encoded.encoding,
    };
  }

  /** Sends one submit_sm (the caller holds a window slot, released here when it settles). */
  private sendPart(fields: Record<string, unknown>, deadline: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const entry: InFlight = {
        settled: false,
        resolve,
        reject,
        timer: setTimeout(
          () => this.settle(entry, new SmsSubmitError(`no submit_sm_resp from SMSC within ${this.options.submitTimeoutMs} ms`, true, 'TIMEOUT')),
          Math.max(1, deadline - Date.now()),
        ),
      };
      this.inFlight.add(entry);
      const session = this.session;
      const sent =
        session !== null &&
        session.submit_sm(fields, (resp) => {
          if (resp.command_status === ESME_ROK) {
            this.stats.submitted++;
            this.settle(entry, String(resp.message_id ?? ''));
          } else {
            const status = describeStatus(resp.command_status);
            this.settle(entry, new SmsSubmitError(`SMSC refused submit_sm: ${status.name} (${status.hint})`, status.retryable, status.name));
          }
        });
      if (!sent) this.settle(entry, new SmsSubmitError('SMSC connection not writable', true, 'CONNECTION_LOST'));
    });
  }

  private settle(entry: InFlight, outcome: string | SmsSubmitError): void {
    if (entry.settled) return;
    entry.settled = true;
    clearTimeout(entry.timer);
    this.inFlight.delete(entry);
    this.window.release();
    if (typeof outcome === 'string') entry.resolve(outcome);
    else entry.reject(outcome);
  }

  // -------------------------------------------------------------------------------------------
  // Incoming PDUs

  private onPdu(session: Session, pdu: PDU): void {
    if (pdu.isResponse()) return; // responses are matched by the smpp package's callbacks
    switch (pdu.command) {
      case 'enquire_link':
        session.send(pdu.response());
        return;
      case 'deliver_sm':
        void this.onDeliver(session, pdu);
        return;
      case 'unbind':
        session.send(pdu.response(), () => session.close());
        this.logger.warn(`SMPP: SMSC at ${this.where} unbound; reconnecting`);
        return;
      case 'alert_notification':
      case 'outbind':
        return;
      default:
        session.send(pdu.response({ command_status: ESME_RINVCMDID }));
    }
  }

  private async onDeliver(session: Session, pdu: PDU): Promise<void> {
    const status = await this.deliver.handle(pdu);
    if (session.socket.writable) session.send(pdu.response({ command_status: status }));
  }

  // -------------------------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const closed = closedError();
    this.window.rejectWaiting(closed);
    for (const waiter of this.boundWaiters) {
      clearTimeout(waiter.timer);
      waiter.reject(closed);
    }
    this.boundWaiters.clear();
    if (this.firstAttempt) {
      this.firstAttempt.reject(new Error('SMPP gateway closed before it could bind'));
      this.firstAttempt = null;
    }
    const session = this.session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => session.destroy(), 1000);
      session.socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (this.bound && session.socket.writable) session.unbind({}, () => session.close());
      else session.destroy();
    });
  }
}

function closedError(): SmsSubmitError {
  return new SmsSubmitError('SMS gateway is closed', true, 'CLOSED');
}
