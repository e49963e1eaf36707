/**
 * The in-process loopback gateway for development: an ESME attached straight to an SMSC
 * simulator, without a socket. Messages are encoded and split exactly as over SMPP, the
 * simulator stores, acknowledges and answers them (receipts, replies, faults) as it does for
 * SMPP sessions, so `ecoute serve` can run the survey flow with no SMSC at all.
 */
import { encode } from '../encoding.js';
import { Window } from '../flow.js';
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
import { DeliverHandler } from '../smpp/deliver-handler.js';
import { describeStatus, submitFields } from '../smpp/protocol.js';
import { SmscSimulator, type EsmeLink } from './smsc-simulator.js';

export interface LoopbackGatewayOptions {
  /** The simulator to attach to. Default: a new one that listens on no port. */
  simulator?: SmscSimulator;
  systemId?: string;
  window?: number;
  logger?: SmsLogger;
}

export class LoopbackGateway implements SmsGateway {
  readonly name = 'loopback';
  readonly simulator: SmscSimulator;
  private readonly systemId: string;
  private readonly window: Window;
  private readonly deliver: DeliverHandler;
  private detach: (() => void) | null = null;
  private generation = 0;
  private inFlight = 0;
  private closed = false;
  private lastError: string | null = null;
  private reference = 0;
  private readonly dropListeners = new Set<() => void>();

  constructor(options: LoopbackGatewayOptions = {}) {
    this.simulator = options.simulator ?? new SmscSimulator();
    this.systemId = options.systemId ?? 'loopback';
    this.window = new Window(options.window ?? 10);
    this.deliver = new DeliverHandler(options.logger ?? silentLogger);
  }

  async start(): Promise<void> {
    if (this.closed) throw new Error('loopback gateway is closed');
    if (this.detach) return;
    const generation = ++this.generation;
    const link: EsmeLink = {
      systemId: this.systemId,
      label: 'loopback',
      receives: true,
      deliver: async (fields) => {
        await Promise.resolve(); // as over a socket: never synchronously
        if (generation !== this.generation) throw new Error('loopback link dropped');
        return this.deliver.handle(fields);
      },
      drop: () => this.drop(generation),
    };
    this.detach = this.simulator.attachLink(link);
    this.lastError = null;
  }

  /** A simulated drop: in-flight submits fail (retryable) and the link comes back on the next tick. */
  private drop(generation: number): void {
    if (generation !== this.generation) return;
    this.generation++;
    this.detach?.();
    this.detach = null;
    this.lastError = 'loopback link dropped';
    for (const listener of this.dropListeners) listener();
    this.dropListeners.clear();
    if (!this.closed) setImmediate(() => void this.start());
  }

  async submit(sms: OutboundSms): Promise<SubmitResult> {
    validateOutbound(sms);
    if (this.closed) throw new SmsSubmitError('SMS gateway is closed', true, 'CLOSED');
    let encoded;
    try {
      this.reference = (this.reference + 1) & 0xff;
      encoded = encode(sms.text, { reference: this.reference });
    } catch (error) {
      throw new SmsSubmitError(`message text is too long: ${(error as Error).message}`, false, 'TEXT_TOO_LONG');
    }
    const fields = submitFields(sms, encoded, true);
    const gatewayIds: string[] = [];
    for (const part of encoded.parts) {
      await this.window.acquire();
      this.inFlight++;
      try {
        gatewayIds.push(await this.submitPart({ ...fields, short_message: part }));
      } finally {
        this.inFlight--;
        this.window.release();
      }
    }
    return { gatewayIds, parts: encoded.parts.length, encoding: encoded.encoding };
  }

  private submitPart(fields: Record<string, unknown>): Promise<string> {
    if (!this.detach) return Promise.reject(new SmsSubmitError('loopback link is down', true, 'NOT_CONNECTED'));
    return new Promise((resolve, reject) => {
      const onDrop = () => reject(new SmsSubmitError('connection to SMSC lost before submit_sm_resp (loopback link dropped)', true, 'CONNECTION_LOST'));
      this.dropListeners.add(onDrop);
      this.simulator.submit(this.systemId, fields).then(({ status, messageId }) => {
        this.dropListeners.delete(onDrop);
        if (status === 0) return resolve(messageId);
        const info = describeStatus(status);
        reject(new SmsSubmitError(`SMSC refused submit_sm: ${info.name} (${info.hint})`, info.retryable, info.name));
      }, reject);
    });
  }

  onReceipt(handler: (receipt: DeliveryReceipt) => Promise<void> | void): void {
    this.deliver.receiptHandlers.push(handler);
  }

  onInbound(handler: (sms: InboundSms) => Promise<void> | void): void {
    this.deliver.inboundHandlers.push(handler);
  }

  status(): GatewayStatus {
    return { connected: this.detach !== null, lastError: this.lastError, inFlight: this.inFlight };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    this.detach?.();
    this.detach = null;
  }
}
