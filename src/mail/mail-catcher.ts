import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** An e-mail the catcher received, parsed. */
export interface CaughtMail {
  /** its order of arrival, from 1 */
  seq: number;
  receivedAt: number;
  from: string;
  /** the envelope's recipients (RCPT TO) */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  /** the header fields as they arrived (folded lines kept), by lower-case name */
  headers: Record<string, string>;
}

/**
 * A local SMTP server that keeps what it receives in memory instead of delivering it, for
 * development (`ecoute serve --demo` points the e-mail transport at one) and tests. No TLS and no
 * authentication: it listens on 127.0.0.1 only by default. Keeps the last `limit` messages.
 */
export class MailCatcher {
  private readonly caught: CaughtMail[] = [];
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: SMTPServer,
    private readonly limit: number,
  ) {}

  /** Starts a catcher; `port` 0 (the default) takes any free port. */
  static async start(options: { host?: string; port?: number; limit?: number } = {}): Promise<MailCatcher> {
    let catcher: MailCatcher | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      size: 10 * 1024 * 1024,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((mail) => {
            catcher!.keep({
              receivedAt: Date.now(),
              from: mail.from?.text ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : null,
              messageId: mail.messageId ?? null,
              headers: Object.fromEntries(mail.headerLines.map(({ key, line }) => [key, line.slice(line.indexOf(':') + 1).trim()])),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    catcher = new MailCatcher(server, options.limit ?? 500);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return catcher;
  }

  /** The port it listens on. */
  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  /** The SMTP URL a transport sends to it with. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private keep(mail: Omit<CaughtMail, 'seq'>): void {
    this.caught.push({ seq: ++this.seq, ...mail });
    if (this.caught.length > this.limit) this.caught.splice(0, this.caught.length - this.limit);
    for (const wake of [...this.waiters]) wake();
  }

  /** Every message kept, oldest first. */
  messages(): CaughtMail[] {
    return [...this.caught];
  }

  /** The messages to an address (case-insensitive), oldest first. */
  messagesTo(address: string): CaughtMail[] {
    const wanted = address.toLowerCase();
    return this.caught.filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
  }

  /** Waits for a message to `address` after the `seen` first ones to it; fails after `timeoutMs`. */
  async waitForMessage(address: string, options: { seen?: number; timeoutMs?: number } = {}): Promise<CaughtMail> {
    const seen = options.seen ?? 0;
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    for (;;) {
      const found = this.messagesTo(address)[seen];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no e-mail to ${address} within the time allowed`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Starts a mail catcher (see MailCatcher.start). */
export const startMailCatcher = (options?: { host?: string; port?: number; limit?: number }) => MailCatcher.start(options);
