/**
 * SMPP 3.4 details shared by the client gateway and the simulator: command status names and
 * retryability, address TON/NPI, delivery receipt format, and raw access to short_message.
 */
import smpp, { type PDU } from 'smpp';
import { normalizePhone } from '../../shared/phone.js';
import type { ReceiptStatus } from '../gateway.js';

export { smpp };
export type { PDU, Session } from 'smpp';

// The `smpp` package decodes short_message into `{ udh, message }` text with its own encoding
// guess. We keep its behaviour and add the octets it was decoded from, as a non-enumerable `raw`
// property, so that our own GSM 03.38 / UCS-2 decoder (encoding.ts) reads them.
const PATCHED = Symbol.for('ecoute.smpp.rawShortMessage');
const messageFilter = smpp.filters.message as typeof smpp.filters.message & { [PATCHED]?: true };
if (!messageFilter[PATCHED]) {
  const original = messageFilter.decode;
  messageFilter.decode = function (this: PDU, value: unknown, skipUdh?: boolean) {
    const decoded = original.call(this, value, skipUdh);
    if (Buffer.isBuffer(value) && decoded !== null && typeof decoded === 'object' && !Buffer.isBuffer(decoded)) {
      Object.defineProperty(decoded, 'raw', { value, enumerable: false });
    }
    return decoded;
  };
  messageFilter[PATCHED] = true;
}

// Our message id travels with every submit_sm in a vendor-specific optional parameter (SMPP 3.4
// §5.3.2: tags 0x1400-0x3FFF are reserved for SMSC vendors), so that an SMSC doing duplicate
// detection on it can recognise a resubmit after a crash or a dropped connection (docs/sms.md).
// An SMSC that does not know the tag ignores it, as SMPP requires for unknown optional parameters.
export const MESSAGE_REF_TLV = { name: 'ecoute_message_ref', id: 0x1401 } as const;
// Value: the id as a C-octet string (ASCII, NUL-terminated); read within the TLV's length.
const cOctetString = {
  read: (buffer: Buffer, offset: number, length: number) => buffer.toString('ascii', offset, offset + length).replace(/\0+$/, ''),
  write: (value: unknown, buffer: Buffer, offset: number) => {
    const octets = Buffer.from(String(value), 'ascii');
    octets.copy(buffer, offset);
    buffer[offset + octets.length] = 0;
  },
  size: (value: unknown) => Buffer.byteLength(String(value), 'ascii') + 1,
};
if (!smpp.tlvs[MESSAGE_REF_TLV.name]) smpp.addTLV(MESSAGE_REF_TLV.name, { id: MESSAGE_REF_TLV.id, type: cOctetString });

/** Our message id carried by a submit_sm (MESSAGE_REF_TLV), or undefined. */
export function messageRefOf(fields: Record<string, unknown>): string | undefined {
  const value = fields[MESSAGE_REF_TLV.name];
  if (typeof value === 'string') return value.replace(/\0+$/, '') || undefined;
  if (Buffer.isBuffer(value)) return value.toString('ascii').replace(/\0+$/, '') || undefined;
  return undefined;
}

/** The octets of short_message (or of the message_payload TLV when short_message is empty). */
export function rawMessage(pdu: PDU): Buffer {
  const short = rawOf(pdu.short_message);
  if (short.length > 0) return short;
  return rawOf(pdu.message_payload);
}

function rawOf(field: unknown): Buffer {
  if (field === undefined || field === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(field)) return field;
  const raw = (field as { raw?: unknown }).raw;
  if (Buffer.isBuffer(raw)) return raw;
  const message = (field as { message?: unknown }).message;
  if (Buffer.isBuffer(message)) return message;
  throw new Error('short_message without its octets (is the smpp raw patch installed?)');
}

// ---------------------------------------------------------------------------------------------
// Command status

export interface StatusInfo {
  code: number;
  name: string;
  /** Whether the same submit may succeed later. */
  retryable: boolean;
  /** A short explanation for an operator. */
  hint: string;
}

const STATUS: Record<number, [name: string, retryable: boolean, hint: string]> = {
  0x0000: ['ESME_ROK', false, 'ok'],
  0x0001: ['ESME_RINVMSGLEN', false, 'message length is invalid'],
  0x0002: ['ESME_RINVCMDLEN', false, 'command length is invalid'],
  0x0003: ['ESME_RINVCMDID', false, 'command not supported by the SMSC'],
  0x0004: ['ESME_RINVBNDSTS', true, 'not bound for this command (rebinding)'],
  0x0005: ['ESME_RALYBND', false, 'already bound (too many sessions for this system_id?)'],
  0x0006: ['ESME_RINVPRTFLG', false, 'invalid priority flag'],
  0x0007: ['ESME_RINVREGDLVFLG', false, 'invalid registered_delivery flag'],
  0x0008: ['ESME_RSYSERR', true, 'SMSC system error'],
  0x000a: ['ESME_RINVSRCADR', false, 'sender id / source address refused'],
  0x000b: ['ESME_RINVDSTADR', false, 'destination number refused'],
  0x000c: ['ESME_RINVMSGID', false, 'message id is invalid'],
  0x000d: ['ESME_RBINDFAIL', false, 'invalid system_id or password?'],
  0x000e: ['ESME_RINVPASWD', false, 'invalid password'],
  0x000f: ['ESME_RINVSYSID', false, 'unknown system_id'],
  0x0011: ['ESME_RCANCELFAIL', false, 'cancel failed'],
  0x0013: ['ESME_RREPLACEFAIL', false, 'replace failed'],
  0x0014: ['ESME_RMSGQFUL', true, 'SMSC message queue full'],
  0x0015: ['ESME_RINVSERTYP', false, 'invalid service_type'],
  0x0033: ['ESME_RINVNUMDESTS', false, 'invalid number of destinations'],
  0x0034: ['ESME_RINVDLNAME', false, 'invalid distribution list'],
  0x0040: ['ESME_RINVDESTFLAG', false, 'invalid destination flag'],
  0x0042: ['ESME_RINVSUBREP', false, 'invalid submit-with-replace'],
  0x0043: ['ESME_RINVESMCLASS', false, 'invalid esm_class'],
  0x0044: ['ESME_RCNTSUBDL', false, 'cannot submit to distribution list'],
  0x0045: ['ESME_RSUBMITFAIL', true, 'submit failed at the SMSC'],
  0x0048: ['ESME_RINVSRCTON', false, 'invalid source TON'],
  0x0049: ['ESME_RINVSRCNPI', false, 'invalid source NPI'],
  0x0050: ['ESME_RINVDSTTON', false, 'invalid destination TON'],
  0x0051: ['ESME_RINVDSTNPI', false, 'invalid destination NPI'],
  0x0053: ['ESME_RINVSYSTYP', false, 'invalid system_type'],
  0x0054: ['ESME_RINVREPFLAG', false, 'invalid replace_if_present flag'],
  0x0055: ['ESME_RINVNUMMSGS', false, 'invalid number of messages'],
  0x0058: ['ESME_RTHROTTLED', true, 'throttled: sending faster than the SMSC allows'],
  0x0061: ['ESME_RINVSCHED', false, 'invalid scheduled delivery time'],
  0x0062: ['ESME_RINVEXPIRY', false, 'invalid validity period'],
  0x0063: ['ESME_RINVDFTMSGID', false, 'invalid predefined message id'],
  0x0064: ['ESME_RX_T_APPN', true, 'temporary application error'],
  0x0065: ['ESME_RX_P_APPN', false, 'permanent application error'],
  0x0066: ['ESME_RX_R_APPN', false, 'rejected by the application'],
  0x0067: ['ESME_RQUERYFAIL', false, 'query failed'],
  0x00c0: ['ESME_RINVTLVSTREAM', false, 'malformed optional parameters'],
  0x00c1: ['ESME_RTLVNOTALLWD', false, 'optional parameter not allowed'],
  0x00c2: ['ESME_RINVTLVLEN', false, 'invalid optional parameter length'],
  0x00c3: ['ESME_RMISSINGTLV', false, 'mandatory optional parameter missing'],
  0x00c4: ['ESME_RINVTLVVAL', false, 'invalid optional parameter value'],
  0x00fe: ['ESME_RDELIVERYFAILURE', false, 'delivery failure'],
  0x00ff: ['ESME_RUNKNOWNERR', true, 'unknown error at the SMSC'],
  0x0100: ['ESME_RSERTYPUNAUTH', false, 'service type not authorised'],
  0x0101: ['ESME_RPROHIBITED', false, 'prohibited'],
  0x0102: ['ESME_RSERTYPUNAVAIL', true, 'service type unavailable'],
  0x0103: ['ESME_RSERTYPDENIED', false, 'service type denied'],
  0x0104: ['ESME_RINVDCS', false, 'data_coding refused'],
  0x0105: ['ESME_RINVSRCADDRSUBUNIT', false, 'invalid source subunit'],
  0x0106: ['ESME_RINVDSTADDRSUBUNIT', false, 'invalid destination subunit'],
};

export function describeStatus(code: number): StatusInfo {
  const known = STATUS[code];
  if (known) return { code, name: known[0], retryable: known[1], hint: known[2] };
  const hex = `0x${code.toString(16).padStart(8, '0')}`;
  // 0x400-0x4FF is reserved for SMSC vendor-specific errors: unknown, so worth a later retry.
  return { code, name: hex, retryable: code >= 0x400 && code <= 0x4ff, hint: 'SMSC-specific error' };
}

/** Status code of a name such as `ESME_RTHROTTLED` (or a number as is). */
export function statusCode(status: number | string): number {
  if (typeof status === 'number') return status;
  for (const [code, [name]] of Object.entries(STATUS)) if (name === status) return Number(code);
  throw new Error(`unknown SMPP command status ${status}`);
}

// ---------------------------------------------------------------------------------------------
// Addresses

export const TON_UNKNOWN = 0;
export const TON_INTERNATIONAL = 1;
export const TON_NATIONAL = 2;
export const TON_ALPHANUMERIC = 5;
export const NPI_UNKNOWN = 0;
export const NPI_ISDN = 1;

export interface SmppAddress {
  ton: number;
  npi: number;
  addr: string;
}

/** `+352621123456` → TON 1 / NPI 1 / `352621123456`; `Ecoute` → TON 5 / NPI 0; a short code → TON 0 / NPI 1. */
export function toSmppAddress(value: string): SmppAddress {
  if (/^\+\d+$/.test(value)) return { ton: TON_INTERNATIONAL, npi: NPI_ISDN, addr: value.slice(1) };
  if (/^\d+$/.test(value)) return { ton: TON_UNKNOWN, npi: NPI_ISDN, addr: value };
  return { ton: TON_ALPHANUMERIC, npi: NPI_UNKNOWN, addr: value };
}

/**
 * An SMPP address read back as E.164 where it is a phone number: TON 1 is international digits;
 * national TON is a Luxembourg number; unknown TON is international digits when they make a valid
 * number of 10 digits or more, else a Luxembourg number; anything else (alphanumeric, short codes)
 * is returned as it is.
 */
export function fromSmppAddress(addr: string, ton: number): string {
  const digits = addr.replace(/^\+/, '');
  if (ton === TON_ALPHANUMERIC || !/^\d+$/.test(digits)) return addr;
  if (ton === TON_INTERNATIONAL || addr.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.length <= 6) return digits; // short code
  if (ton !== TON_NATIONAL && digits.length >= 10) {
    // unknown TON: most SMSCs send international digits without "+"
    const international = normalizePhone(`+${digits}`);
    if (international.ok) return international.e164;
  }
  const national = normalizePhone(digits);
  return national.ok ? national.e164 : digits;
}

// ---------------------------------------------------------------------------------------------
// Delivery receipts (SMPP 3.4 Appendix B)

export type ReceiptStat = 'DELIVRD' | 'EXPIRED' | 'DELETED' | 'UNDELIV' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD' | 'ENROUTE';

const STAT_TO_STATUS: Record<string, ReceiptStatus | null> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undeliverable',
  DELETED: 'undeliverable',
  EXPIRED: 'expired',
  REJECTD: 'rejected',
  UNKNOWN: 'unknown',
  ACCEPTD: null, // intermediate: not final
  ENROUTE: null,
  SCHEDULED: null,
};

/** message_state TLV values (SMPP 3.4 §5.2.28). */
const STATE_TO_STAT: Record<number, string> = {
  0: 'SCHEDULED',
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export const STAT_TO_STATE: Record<ReceiptStat, number> = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};

export const STATUS_TO_STAT: Record<ReceiptStatus, ReceiptStat> = {
  delivered: 'DELIVRD',
  undeliverable: 'UNDELIV',
  expired: 'EXPIRED',
  rejected: 'REJECTD',
  unknown: 'UNKNOWN',
};

/** esm_class message type bits (2-5) of a deliver_sm: 0x04 is an SMSC delivery receipt, 0x20 an intermediate notification. */
export function isReceipt(esmClass: number): boolean {
  const type = esmClass & 0x3c;
  return type === 0x04 || type === 0x20;
}

export interface ParsedReceipt {
  id: string;
  /** null for intermediate states (ENROUTE, ACCEPTD): not reported. */
  status: ReceiptStatus | null;
  stat: string;
  err?: string;
}

/** Reads a receipt from its TLVs (receipted_message_id + message_state) or its text `id:… stat:… err:…`. */
export function parseReceipt(text: string, tlvs: { receiptedMessageId?: unknown; messageState?: unknown; networkErrorCode?: unknown }): ParsedReceipt | null {
  const fromText = /(?:^|\s)id:(\S+)/i.exec(text)?.[1];
  const statText = /(?:^|\s)stat:(\S+)/i.exec(text)?.[1]?.toUpperCase();
  const errText = /(?:^|\s)err:(\S+)/i.exec(text)?.[1];
  const id = typeof tlvs.receiptedMessageId === 'string' && tlvs.receiptedMessageId !== '' ? tlvs.receiptedMessageId : fromText;
  const stat = typeof tlvs.messageState === 'number' ? STATE_TO_STAT[tlvs.messageState] ?? statText : statText;
  if (!id || !stat) return null;
  const status = stat in STAT_TO_STATUS ? STAT_TO_STATUS[stat]! : 'unknown';
  let err = errText && !/^0+$/.test(errText) ? errText : undefined;
  if (!err && Buffer.isBuffer(tlvs.networkErrorCode) && tlvs.networkErrorCode.length === 3) {
    const code = tlvs.networkErrorCode.readUInt16BE(1);
    if (code !== 0) err = `${tlvs.networkErrorCode[0]}:${code}`;
  }
  return err ? { id, status, stat, err } : { id, status, stat };
}

function smppDate(at: number): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}

/** The receipt text of SMPP 3.4 Appendix B. `text` is the first 20 characters of the message (empty here: privacy). */
export function formatReceiptText(receipt: { id: string; stat: ReceiptStat; err?: string; submittedAt: number; doneAt: number }): string {
  const dlvrd = receipt.stat === 'DELIVRD' ? '001' : '000';
  const err = (receipt.err ?? '000').padStart(3, '0');
  return `id:${receipt.id} sub:001 dlvrd:${dlvrd} submit date:${smppDate(receipt.submittedAt)} done date:${smppDate(receipt.doneAt)} stat:${receipt.stat} err:${err} text:`;
}

/** The submit_sm fields of one message (without short_message), shared by the SMPP gateway and the loopback; our message id goes in MESSAGE_REF_TLV. */
export function submitFields(
  sms: { to: string; from: string; messageId?: string },
  encoded: { esmClass: number; dataCoding: number },
  registeredDelivery: boolean,
): Record<string, unknown> {
  const source = toSmppAddress(sms.from);
  const destination = toSmppAddress(sms.to);
  return {
    service_type: '',
    source_addr_ton: source.ton,
    source_addr_npi: source.npi,
    source_addr: source.addr,
    dest_addr_ton: destination.ton,
    dest_addr_npi: destination.npi,
    destination_addr: destination.addr,
    esm_class: encoded.esmClass,
    registered_delivery: registeredDelivery ? 1 : 0,
    data_coding: encoded.dataCoding,
    ...(sms.messageId ? { [MESSAGE_REF_TLV.name]: sms.messageId } : {}),
  };
}
