/**
 * The SMS transport contract. Every transport (SMPP, HTTP provider, in-process loopback)
 * implements `SmsGateway`, and `gateway-behaviour.testkit.ts` checks that each one behaves the same.
 *
 * - `start()` connects (binds, for SMPP) and resolves when the gateway can submit. If the first
 *   attempt fails it rejects with an operator-readable error, and the gateway keeps retrying in
 *   the background with capped, jittered exponential backoff (as it does after any later drop)
 *   until `close()`.
 * - `submit()` resolves once the far end acknowledged every part of the message (for SMPP: every
 *   `submit_sm_resp` with status ESME_ROK); `gatewayIds` holds the acknowledged ids, one per part,
 *   in part order. It rejects with `SmsSubmitError`: `retryable` says whether sending the same
 *   message again later may succeed (throttling, queue full, connection lost, timeout) or not
 *   (invalid number, text refused). A rejected multi-part submit may have delivered some parts:
 *   delivery is at-least-once, and de-duplication belongs to the caller.
 * - Receipts and inbound messages are dispatched to the handlers registered with `onReceipt` and
 *   `onInbound` (register them before `start()`). A handler's returned promise is awaited before
 *   the far end is acknowledged; a handler that throws makes the far end redeliver later where the
 *   transport allows it (SMPP: deliver_sm_resp ESME_RX_T_APPN; HTTP webhook: non-2xx answer).
 * - Phone numbers are E.164 (`+352621123456`); `from` of an outbound message is a sender id
 *   (alphanumeric, at most 11 characters) or a number. Times are epoch milliseconds.
 * - Logs never contain message texts or full phone numbers.
 */

export interface OutboundSms {
  /** Our id, for logs and as the provider reference. */
  messageId: string;
  /** Destination, E.164. */
  to: string;
  /** Sender id (alphanumeric, ≤ 11 characters) or number. */
  from: string;
  text: string;
}

export interface SubmitResult {
  /** One per part, as the far end acknowledged them, in part order. */
  gatewayIds: string[];
  parts: number;
  encoding: 'gsm7' | 'ucs2';
}

export type ReceiptStatus = 'delivered' | 'undeliverable' | 'expired' | 'rejected' | 'unknown';

export interface DeliveryReceipt {
  /** The id of the part as returned in `SubmitResult.gatewayIds`. */
  gatewayId: string;
  status: ReceiptStatus;
  at: number;
  errorCode?: string;
}

export interface InboundSms {
  /** The customer's number, E.164. */
  from: string;
  /** Our number or short code the customer wrote to. */
  to: string;
  /** Whole text, concatenated parts already reassembled. */
  text: string;
  receivedAt: number;
}

export class SmsSubmitError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SmsSubmitError';
  }
}

export interface GatewayStatus {
  connected: boolean;
  lastError: string | null;
  inFlight: number;
}

export interface SmsGateway {
  readonly name: string;
  start(): Promise<void>;
  submit(sms: OutboundSms): Promise<SubmitResult>;
  onReceipt(handler: (receipt: DeliveryReceipt) => Promise<void> | void): void;
  onInbound(handler: (sms: InboundSms) => Promise<void> | void): void;
  status(): GatewayStatus;
  close(): Promise<void>;
}

/** Where a gateway reports what an operator should see. Never given texts or full numbers. */
export interface SmsLogger {
  info(message: string): void;
  warn(message: string): void;
}

export const consoleLogger: SmsLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
};

export const silentLogger: SmsLogger = { info: () => {}, warn: () => {} };

/** `+352621123456` → `•••••••••456`: numbers in logs show only their last 3 digits. */
export function maskNumber(number: string): string {
  if (number.length <= 3) return '•••';
  return '•'.repeat(number.length - 3) + number.slice(-3);
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(number: string): boolean {
  return E164.test(number);
}

/** Checks an outbound message before any transport work; throws a non-retryable SmsSubmitError. */
export function validateOutbound(sms: OutboundSms): void {
  if (!isE164(sms.to)) {
    throw new SmsSubmitError(`destination ${maskNumber(sms.to)} is not an E.164 number`, false, 'INVALID_DESTINATION');
  }
  const from = sms.from;
  if (from === '') throw new SmsSubmitError('sender id is empty', false, 'INVALID_SENDER');
  if (/^\+?\d+$/.test(from)) {
    if (from.replace('+', '').length > 15) throw new SmsSubmitError('sender number has more than 15 digits', false, 'INVALID_SENDER');
  } else if (!/^[A-Za-z0-9 .\-_&]{1,11}$/.test(from)) {
    throw new SmsSubmitError(
      `sender id "${from}" is not valid: at most 11 letters, digits, spaces or . - _ &`,
      false,
      'INVALID_SENDER',
    );
  }
  if (sms.text === '') throw new SmsSubmitError('message text is empty', false, 'EMPTY_TEXT');
}
