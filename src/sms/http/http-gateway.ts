/**
 * HTTP transport, for operators that offer an HTTP SMS API instead of SMPP. Contract (docs/sms.md):
 *
 *   POST <url>   Authorization: Bearer <token>   Content-Type: application/json
 *                Idempotency-Key: <messageId>
 *   {"to": "+352621123456", "from": "ECOUTE", "text": "…", "reference": "<messageId>"}
 *   → 2xx {"ids": ["…", …]}   one id per part, as the provider splits the text
 *   → 429 / 5xx / network error / timeout: retryable; other 4xx: not retryable
 *
 * Receipts and replies arrive by webhook: the route (mounted by the HTTP app) passes the parsed
 * JSON body to `handleHttpGatewayWebhook`.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { encode } from '../encoding.js';
import { RateLimiter, Window } from '../flow.js';
import {
  isE164,
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

export interface HttpGatewayOptions {
  /** The provider's submit endpoint (http:// or https://). */
  url: string;
  /** Bearer token sent with every submit. */
  token: string;
  /** Bearer token the provider sends with its webhooks (checked by `checkHttpGatewayWebhookAuth`). */
  webhookToken?: string;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Concurrent requests at most. Default 10. */
  window?: number;
  /** Requests per second, 0 = no cap. Default 0. */
  ratePerSecond?: number;
  logger?: SmsLogger;
  name?: string;
}

export class HttpGateway implements SmsGateway {
  readonly name: string;
  readonly webhookToken: string | undefined;
  private readonly url: URL;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly window: Window;
  private readonly rate: RateLimiter;
  private readonly logger: SmsLogger;
  /** @internal used by handleHttpGatewayWebhook */
  readonly receiptHandlers: Array<(receipt: DeliveryReceipt) => Promise<void> | void> = [];
  /** @internal used by handleHttpGatewayWebhook */
  readonly inboundHandlers: Array<(sms: InboundSms) => Promise<void> | void> = [];
  private inFlight = 0;
  private connected = false;
  private closed = false;
  private lastError: string | null = null;

  constructor(options: HttpGatewayOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new Error(`SMS provider URL "${options.url}" is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SMS provider URL must be http(s)://, got ${url.protocol}`);
    if (!options.token) throw new Error('SMS provider token is empty');
    this.url = url;
    this.token = options.token;
    this.webhookToken = options.webhookToken;
    this.name = options.name ?? 'http';
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.window = new Window(options.window ?? 10);
    this.rate = new RateLimiter(options.ratePerSecond ?? 0);
    this.logger = options.logger ?? silentLogger;
  }

  async start(): Promise<void> {
    if (this.closed) throw new Error('HTTP SMS gateway is closed');
    this.connected = true; // stateless: nothing to open; `connected` turns false after a network failure
  }

  async submit(sms: OutboundSms): Promise<SubmitResult> {
    validateOutbound(sms);
    if (this.closed) throw new SmsSubmitError('SMS gateway is closed', true, 'CLOSED');
    let encoded;
    try {
      encoded = encode(sms.text);
    } catch (error) {
      throw new SmsSubmitError(`message text is too long: ${(error as Error).message}`, false, 'TEXT_TOO_LONG');
    }
    await this.window.acquire();
    this.inFlight++;
    try {
      await this.rate.take();
      const ids = await this.post(sms);
      return { gatewayIds: ids, parts: encoded.parts.length, encoding: encoded.encoding };
    } finally {
      this.inFlight--;
      this.window.release();
    }
  }

  private async post(sms: OutboundSms): Promise<string[]> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': sms.messageId,
        },
        body: JSON.stringify({ to: sms.to, from: sms.from, text: sms.text, reference: sms.messageId }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const message = timedOut
        ? `SMS provider did not answer within ${this.timeoutMs} ms`
        : `cannot reach SMS provider at ${this.url.host}${cause ? ` (${cause})` : ''}`;
      this.connected = false;
      this.lastError = message;
      throw new SmsSubmitError(message, true, timedOut ? 'TIMEOUT' : 'NETWORK');
    }
    this.connected = true;
    const body = await response.text();
    if (response.ok) {
      const ids = parseIds(body);
      if (!ids) {
        this.lastError = 'SMS provider answered without {"ids": [...]}';
        throw new SmsSubmitError(this.lastError, false, 'BAD_RESPONSE');
      }
      return ids;
    }
    const retryable = response.status === 429 || response.status === 408 || response.status >= 500;
    const detail = errorDetail(body);
    const message = `SMS provider answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`;
    this.lastError = message;
    if (retryable) this.logger.warn(message);
    throw new SmsSubmitError(message, retryable, `HTTP_${response.status}`);
  }

  onReceipt(handler: (receipt: DeliveryReceipt) => Promise<void> | void): void {
    this.receiptHandlers.push(handler);
  }

  onInbound(handler: (sms: InboundSms) => Promise<void> | void): void {
    this.inboundHandlers.push(handler);
  }

  status(): GatewayStatus {
    return { connected: this.connected && !this.closed, lastError: this.lastError, inFlight: this.inFlight };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.window.rejectWaiting(new SmsSubmitError('SMS gateway is closed', true, 'CLOSED'));
  }
}

function parseIds(body: string): string[] | null {
  try {
    const parsed = JSON.parse(body) as { ids?: unknown };
    if (Array.isArray(parsed.ids) && parsed.ids.length > 0 && parsed.ids.every((id) => typeof id === 'string' && id !== '')) {
      return parsed.ids as string[];
    }
  } catch {
    // not JSON
  }
  return null;
}

/** The provider's `error`/`message` field, shortened; never the whole body (it may echo the number or text). */
function errorDetail(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown };
    const detail = typeof parsed.error === 'string' ? parsed.error : typeof parsed.message === 'string' ? parsed.message : null;
    return detail ? detail.slice(0, 200) : null;
  } catch {
    return null;
  }
}

// -------------------------------------------------------------------------------------------
// Webhooks

const time = z.union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })]);

const webhookBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('receipt'),
    id: z.string().min(1),
    status: z.enum(['delivered', 'undeliverable', 'expired', 'rejected', 'unknown']),
    at: time,
    errorCode: z.string().optional(),
  }),
  z.object({
    type: z.literal('inbound'),
    from: z.string().refine(isE164, 'must be an E.164 number'),
    to: z.string().min(1),
    text: z.string(),
    at: time,
  }),
]);

export type HttpGatewayWebhookBody = z.infer<typeof webhookBody>;

export type WebhookResult = { ok: true; type: 'receipt' | 'inbound' } | { ok: false; error: string };

/**
 * Dispatches a provider webhook (parsed JSON) to the gateway's handlers:
 *   {"type":"receipt","id":"…","status":"delivered|undeliverable|expired|rejected|unknown","at":…,"errorCode"?:"…"}
 *   {"type":"inbound","from":"+352…","to":"ECOUTE","text":"…","at":…}
 * `at` is epoch milliseconds or an ISO-8601 time. Resolves `{ok:false}` for a malformed body
 * (answer 400: the provider should not retry); rejects when a handler fails (answer 5xx: the
 * provider retries).
 */
export async function handleHttpGatewayWebhook(gateway: HttpGateway, body: unknown): Promise<WebhookResult> {
  const parsed = webhookBody.safeParse(body);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') };
  }
  const event = parsed.data;
  const at = typeof event.at === 'number' ? event.at : Date.parse(event.at);
  if (event.type === 'receipt') {
    const receipt: DeliveryReceipt = { gatewayId: event.id, status: event.status, at };
    if (event.errorCode) receipt.errorCode = event.errorCode;
    for (const handler of gateway.receiptHandlers) await handler(receipt);
  } else {
    const sms: InboundSms = { from: event.from, to: event.to, text: event.text.normalize('NFC'), receivedAt: at };
    for (const handler of gateway.inboundHandlers) await handler(sms);
  }
  return { ok: true, type: event.type };
}

/** Checks the webhook's `Authorization: Bearer …` against `webhookToken` (constant time). True when none is configured. */
export function checkHttpGatewayWebhookAuth(gateway: HttpGateway, authorization: string | undefined | null): boolean {
  if (!gateway.webhookToken) return true;
  const expected = Buffer.from(`Bearer ${gateway.webhookToken}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
