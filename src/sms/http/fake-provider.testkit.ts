/**
 * A fake HTTP SMS provider (node:http on 127.0.0.1) that speaks the contract of http-gateway.ts,
 * for tests and development: it stores messages, answers one id per part, posts receipts and
 * customer replies to a webhook URL, and can fail on purpose.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from '../encoding.js';
import type { ReceiptStatus } from '../gateway.js';

export interface ProviderMessage {
  ids: string[];
  to: string;
  from: string;
  text: string;
  reference: string;
  encoding: 'gsm7' | 'ucs2';
  receivedAt: number;
}

export interface FakeProviderOptions {
  token?: string;
  /** Where receipts and replies are posted. */
  webhookUrl?: string;
  webhookToken?: string;
  /** Delay before receipts are posted. Default 0. */
  receiptDelayMs?: number;
}

export class FakeSmsProvider {
  private server: Server | null = null;
  private port = 0;
  private readonly token: string;
  private webhookUrl: string | undefined;
  private webhookToken: string | undefined;
  private readonly receiptDelayMs: number;
  private readonly messages: ProviderMessage[] = [];
  private readonly outcomes = new Map<string, ReceiptStatus | 'none'>();
  private failures: number[] = [];
  private responseDelayMs = 0;
  private counter = 0;
  private concurrent = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly stats = { requests: 0, maxConcurrent: 0, webhooks: 0, webhookFailures: 0 };

  constructor(options: FakeProviderOptions = {}) {
    this.token = options.token ?? 'provider-token';
    this.webhookUrl = options.webhookUrl;
    this.webhookToken = options.webhookToken;
    this.receiptDelayMs = options.receiptDelayMs ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/v1/sms`;
  }

  get bearerToken(): string {
    return this.token;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  setWebhook(url: string, token?: string): void {
    this.webhookUrl = url;
    this.webhookToken = token;
  }

  messagesTo(msisdn: string): ProviderMessage[] {
    return this.messages.filter((m) => m.to === msisdn);
  }

  allMessages(): ProviderMessage[] {
    return [...this.messages];
  }

  /** The next `count` submits are answered with `status` (e.g. 503, 429, 400). */
  failNext(count: number, status: number): void {
    this.failures = new Array<number>(count).fill(status);
  }

  /** Holds every answer for `ms`. */
  delayResponses(ms: number): void {
    this.responseDelayMs = ms;
  }

  setReceiptOutcome(msisdn: string, outcome: ReceiptStatus | 'none'): void {
    this.outcomes.set(msisdn, outcome);
  }

  /** A customer replies: posts an inbound webhook; resolves once it was answered 2xx (retries meanwhile). */
  async reply(from: string, text: string, options: { to?: string } = {}): Promise<void> {
    const last = this.messagesTo(from).at(-1);
    await this.postWebhook({ type: 'inbound', from, to: options.to ?? last?.from ?? 'ECOUTE', text, at: new Date().toISOString() });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.stats.requests++;
    this.concurrent++;
    this.stats.maxConcurrent = Math.max(this.stats.maxConcurrent, this.concurrent);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (this.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.responseDelayMs));
      if (req.method !== 'POST' || req.url !== '/v1/sms') return answer(res, 404, { error: 'not found' });
      if (req.headers.authorization !== `Bearer ${this.token}`) return answer(res, 401, { error: 'invalid token' });
      const failure = this.failures.shift();
      if (failure !== undefined) return answer(res, failure, { error: `simulated failure ${failure}` });
      let body: { to?: unknown; from?: unknown; text?: unknown; reference?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(res, 400, { error: 'body is not JSON' });
      }
      if (typeof body.to !== 'string' || typeof body.from !== 'string' || typeof body.text !== 'string' || typeof body.reference !== 'string') {
        return answer(res, 400, { error: 'to, from, text and reference are required strings' });
      }
      const encoded = encode(body.text);
      const ids = encoded.parts.map(() => `P${(++this.counter).toString().padStart(8, '0')}`);
      const message: ProviderMessage = {
        ids,
        to: body.to,
        from: body.from,
        text: body.text,
        reference: body.reference,
        encoding: encoded.encoding,
        receivedAt: Date.now(),
      };
      this.messages.push(message);
      answer(res, 202, { ids });
      this.scheduleReceipts(message);
    } finally {
      this.concurrent--;
    }
  }

  private scheduleReceipts(message: ProviderMessage): void {
    const outcome = this.outcomes.get(message.to) ?? 'delivered';
    if (outcome === 'none' || !this.webhookUrl) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (const id of message.ids) {
        const receipt: Record<string, unknown> = { type: 'receipt', id, status: outcome, at: Date.now() };
        if (outcome !== 'delivered') receipt.errorCode = '001';
        this.postWebhook(receipt).catch(() => {});
      }
    }, this.receiptDelayMs);
    this.timers.add(timer);
  }

  private async postWebhook(body: Record<string, unknown>, attempts = 5): Promise<void> {
    if (!this.webhookUrl) throw new Error('no webhook URL configured');
    for (let attempt = 1; ; attempt++) {
      this.stats.webhooks++;
      try {
        const response = await fetch(this.webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(this.webhookToken ? { authorization: `Bearer ${this.webhookToken}` } : {}) },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (response.ok) return;
        if (response.status < 500) throw new Error(`webhook answered ${response.status}`);
      } catch (error) {
        if ((error as Error).message.startsWith('webhook answered')) throw error;
      }
      this.stats.webhookFailures++;
      if (attempt >= attempts) throw new Error('webhook failed');
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}
