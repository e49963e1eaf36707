import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { EmailSendError, type EmailTransport, type OutboundEmail } from './email-transport.js';

/** The error nodemailer raises: an SMTP answer code where the server gave one. */
interface SmtpFailure {
  message: string;
  code?: string;
  responseCode?: number;
}

/**
 * E-mail over SMTP (nodemailer): `smtp://user:password@host:587` (STARTTLS when the server offers
 * it), `smtps://…:465` (TLS from the start). One pooled connection at a time, reused between messages.
 */
export class SmtpTransport implements EmailTransport {
  readonly name = 'smtp';
  private readonly transporter: nodemailer.Transporter;

  constructor(
    url: string,
    /** the sender: an address or `Name <address>` (ECOUTE_MAIL_FROM) */
    private readonly from: string,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transporter = nodemailer.createTransport(
      new SMTPPool({ url, pool: true, maxConnections: 1, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }),
    );
  }

  async send(email: OutboundEmail): Promise<string> {
    const { 'Message-ID': messageId, ...headers } = email.headers ?? {};
    try {
      const info = await this.transporter.sendMail({
        from: this.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html === undefined ? {} : { html: email.html }),
        headers,
        ...(messageId === undefined ? {} : { messageId }),
      });
      return info.messageId;
    } catch (error) {
      const failure = error as SmtpFailure;
      // 5xx: the server refused for good (unknown mailbox, message rejected); anything else may pass later.
      const permanent = failure.responseCode !== undefined && failure.responseCode >= 500;
      const code = failure.responseCode === undefined ? (failure.code ?? 'no answer') : `SMTP ${failure.responseCode}`;
      throw new EmailSendError(`${code}: ${failure.message}`.slice(0, 300), !permanent);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
