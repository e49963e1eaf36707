/**
 * The e-mail transport contract. Every transport (SMTP today) implements `EmailTransport`.
 *
 * - `send()` resolves with the Message-ID the message was sent with, once the server accepted it
 *   for delivery (SMTP: `250` after DATA). A `Message-ID` given in `headers` is the one used, so
 *   that a message sent again after a crash carries the same id and a receiving system can tell it
 *   is the same message; without one the transport makes one.
 * - It rejects with `EmailSendError`: `retryable` says whether sending the same message again later
 *   may succeed (server unreachable, timeout, 4xx answer) or not (5xx answer: address refused).
 * - The sender address is the transport's (ECOUTE_MAIL_FROM), never the caller's.
 * - Logs never contain addresses, subjects or texts.
 */

export interface OutboundEmail {
  /** Recipient address. */
  to: string;
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body, when there is one beside the text. */
  html?: string;
  /** Extra header fields (`Message-ID`, `Auto-Submitted`, …). */
  headers?: Record<string, string>;
}

export class EmailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'EmailSendError';
  }
}

export interface EmailTransport {
  readonly name: string;
  /** Sends one message; answers its Message-ID. */
  send(email: OutboundEmail): Promise<string>;
  close(): Promise<void>;
}
