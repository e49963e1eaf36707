/**
 * SMS text encoding (3GPP TS 23.038, "GSM 03.38") and concatenation (TS 23.040 UDH).
 *
 * - GSM 7-bit default alphabet (data_coding 0) when every character is in the default table or
 *   its extension table (the extension characters € [ ] { } \ ~ ^ | and form feed are sent as
 *   ESC + code and count 2 septets). Septets travel unpacked, one per octet, as SMPP expects.
 * - Otherwise UCS-2 (data_coding 8), written as UTF-16BE: characters outside the BMP (emoji) are
 *   surrogate pairs, and a part never ends inside a pair, nor inside a grapheme cluster when
 *   one fits in a part. Latin-1 (data_coding 3) is never produced: handsets do not all read it.
 * - Text is NFC-normalised first, so a decomposed "é" (e + U+0301) is still a GSM character.
 * - One part: 160 septets (GSM) or 70 UTF-16 units (UCS-2). Longer texts are split into parts
 *   of 153 septets / 67 units, each behind a 6-octet UDH (IEI 0x00, 8-bit reference), which must
 *   be sent with esm_class 0x40 (UDHI). An escape pair is never split across parts.
 */

export type SmsEncoding = 'gsm7' | 'ucs2';

export const DATA_CODING_GSM = 0x00;
export const DATA_CODING_UCS2 = 0x08;
/** esm_class bit telling that short_message starts with a User Data Header. */
export const ESM_CLASS_UDHI = 0x40;
export const MAX_PARTS = 255;

// The GSM 03.38 default alphabet, index = septet value. 0x1B is the escape to the extension table.
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const ESC = 0x1b;
// Extension table: character → septet that follows ESC.
const GSM_EXTENSION: ReadonlyArray<readonly [string, number]> = [
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
];

const BASIC_ENCODE = new Map<string, number>();
for (let i = 0; i < GSM_BASIC.length; i++) {
  if (i !== ESC) BASIC_ENCODE.set(GSM_BASIC[i]!, i);
}
const EXTENSION_ENCODE = new Map<string, number>(GSM_EXTENSION);
const EXTENSION_DECODE = new Map<number, string>(GSM_EXTENSION.map(([char, code]) => [code, char]));

if (GSM_BASIC.length !== 128) throw new Error(`GSM table has ${GSM_BASIC.length} entries`);

/** Septets a character takes in the GSM default alphabet: 1, 2 (extension) or null (not GSM). */
export function gsmSeptets(char: string): 1 | 2 | null {
  if (BASIC_ENCODE.has(char)) return 1;
  if (EXTENSION_ENCODE.has(char)) return 2;
  return null;
}

/** The distinct characters of a text that force UCS-2 (useful to show a template author why). */
export function nonGsmCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text.normalize('NFC')) if (gsmSeptets(char) === null) found.add(char);
  return [...found];
}

export interface EncodedSms {
  encoding: SmsEncoding;
  /** SMPP data_coding: 0 (GSM default alphabet) or 8 (UCS-2). */
  dataCoding: number;
  /** esm_class bits to set: 0x40 when the parts carry a UDH, else 0. */
  esmClass: number;
  /** short_message of each part, UDH included when there is more than one part. */
  parts: Buffer[];
  /** Length of the whole text: septets for GSM, UTF-16 code units for UCS-2. */
  units: number;
  /** Septets (GSM) or UTF-16 units (UCS-2) of each part, UDH excluded. */
  partUnits: number[];
}

export interface EncodeOptions {
  /** Concatenation reference (0-255) shared by the parts of one message. Default: random. */
  reference?: number;
}

/** Encodes a text for SMPP short_message: GSM 7-bit when possible, else UCS-2; split with UDH when long. */
export function encode(text: string, options: EncodeOptions = {}): EncodedSms {
  const normalized = text.normalize('NFC');
  const gsm = encodeGsmSeptets(normalized);
  const reference = options.reference ?? Math.floor(Math.random() * 256);
  if (gsm) {
    const septets = gsm.reduce((sum, char) => sum + char.length, 0);
    const chunks = septets <= 160 ? [gsm.flat()] : splitUnits(gsm, 153);
    return finish('gsm7', DATA_CODING_GSM, chunks.map((chunk) => Buffer.from(chunk)), chunks.map((c) => c.length), reference);
  }
  const graphemes = [...graphemeSegmenter.segment(normalized)].map((s) => s.segment);
  const units = graphemes.reduce((sum, g) => sum + g.length, 0);
  const chunks = units <= 70 ? [normalized] : splitUcs2(graphemes, 67);
  return finish('ucs2', DATA_CODING_UCS2, chunks.map(utf16be), chunks.map((c) => c.length), reference);
}

function finish(encoding: SmsEncoding, dataCoding: number, bodies: Buffer[], partUnits: number[], reference: number): EncodedSms {
  const units = partUnits.reduce((a, b) => a + b, 0);
  if (bodies.length === 1) return { encoding, dataCoding, esmClass: 0, parts: bodies, units, partUnits };
  if (bodies.length > MAX_PARTS) {
    throw new RangeError(`text needs ${bodies.length} parts; at most ${MAX_PARTS} can be concatenated`);
  }
  const ref = reference & 0xff;
  const parts = bodies.map((body, i) => Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref, bodies.length, i + 1]), body]));
  return { encoding, dataCoding, esmClass: ESM_CLASS_UDHI, parts, units, partUnits };
}

/** Septets per character (an extension character is [ESC, code]), or null when a character is not GSM. */
function encodeGsmSeptets(text: string): number[][] | null {
  const out: number[][] = [];
  for (const char of text) {
    const basic = BASIC_ENCODE.get(char);
    if (basic !== undefined) {
      out.push([basic]);
      continue;
    }
    const extension = EXTENSION_ENCODE.get(char);
    if (extension === undefined) return null;
    out.push([ESC, extension]);
  }
  return out;
}

/** Groups characters' septets into parts of at most `size` septets, never splitting a character. */
function splitUnits(chars: number[][], size: number): number[][] {
  const parts: number[][] = [];
  let current: number[] = [];
  for (const char of chars) {
    if (current.length + char.length > size) {
      parts.push(current);
      current = [];
    }
    current.push(...char);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Splits into strings of at most `size` UTF-16 units at grapheme boundaries (code points if a grapheme is too long). */
function splitUcs2(graphemes: string[], size: number): string[] {
  const parts: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (current.length + piece.length > size) {
      parts.push(current);
      current = '';
    }
    current += piece;
  };
  for (const grapheme of graphemes) {
    if (grapheme.length <= size) push(grapheme);
    else for (const codePoint of grapheme) push(codePoint);
  }
  if (current !== '') parts.push(current);
  return parts;
}

function utf16be(text: string): Buffer {
  const buffer = Buffer.from(text, 'utf16le');
  buffer.swap16();
  return buffer;
}

// ---------------------------------------------------------------------------------------------
// Decoding (MO messages, receipts, the simulator)

export interface Concatenation {
  /** Reference shared by the parts (8 or 16 bit). */
  reference: number;
  total: number;
  /** 1-based. */
  sequence: number;
}

export interface DecodedPart {
  text: string;
  concat?: Concatenation;
}

/** Parses the User Data Header at the start of `buffer`: its length and the concatenation element, if any. */
export function parseUdh(buffer: Buffer): { headerLength: number; concat?: Concatenation } | null {
  if (buffer.length < 1) return null;
  const udhl = buffer[0]!;
  if (udhl + 1 > buffer.length) return null;
  let concat: Concatenation | undefined;
  let offset = 1;
  while (offset + 2 <= udhl + 1) {
    const iei = buffer[offset]!;
    const length = buffer[offset + 1]!;
    const data = buffer.subarray(offset + 2, offset + 2 + length);
    if (offset + 2 + length > udhl + 1) break;
    if (iei === 0x00 && length === 3) concat = { reference: data[0]!, total: data[1]!, sequence: data[2]! };
    if (iei === 0x08 && length === 4) concat = { reference: data.readUInt16BE(0), total: data[2]!, sequence: data[3]! };
    offset += 2 + length;
  }
  return concat && concat.total > 1 && concat.sequence >= 1 && concat.sequence <= concat.total
    ? { headerLength: udhl + 1, concat }
    : { headerLength: udhl + 1 };
}

/** Decodes one short_message: its text and, when it is a part of a concatenated message, which part. */
export function decodePart(buffer: Buffer, dataCoding: number, hasUdh: boolean): DecodedPart {
  let body = buffer;
  let concat: Concatenation | undefined;
  if (hasUdh) {
    const udh = parseUdh(buffer);
    if (udh) {
      body = buffer.subarray(udh.headerLength);
      concat = udh.concat;
    }
  }
  const text = decodeBody(body, alphabetOf(dataCoding));
  return concat ? { text, concat } : { text };
}

/** Decodes one short_message to text (the UDH, when `hasUdh`, is skipped). */
export function decode(buffer: Buffer, dataCoding: number, hasUdh: boolean): string {
  return decodePart(buffer, dataCoding, hasUdh).text;
}

type Alphabet = 'gsm' | 'ascii' | 'latin1' | 'ucs2';

/** The alphabet of an SMPP data_coding value (SMPP 3.4 §5.2.19 and TS 23.038 coding groups). */
export function alphabetOf(dataCoding: number): Alphabet {
  const dc = dataCoding & 0xff;
  if ((dc & 0xf0) === 0xf0) return dc & 0x04 ? 'latin1' : 'gsm'; // data coding / message class
  if ((dc & 0xc0) === 0x00 && dc >= 0x10) {
    // general data coding group with message class (0x10-0x3F): alphabet in bits 3-2
    const alphabet = (dc >> 2) & 0x03;
    return alphabet === 0 ? 'gsm' : alphabet === 2 ? 'ucs2' : 'latin1';
  }
  switch (dc) {
    case 0x00:
      return 'gsm';
    case 0x01:
      return 'ascii';
    case 0x08:
      return 'ucs2';
    default:
      return 'latin1'; // 0x03 Latin-1, 0x02/0x04 8-bit data: read byte for byte
  }
}

function decodeBody(body: Buffer, alphabet: Alphabet): string {
  switch (alphabet) {
    case 'gsm':
      return decodeGsm(body);
    case 'ascii':
      return body.toString('latin1').replace(/[\x80-\xff]/g, '?');
    case 'latin1':
      return body.toString('latin1');
    case 'ucs2': {
      const even = Buffer.from(body.subarray(0, body.length - (body.length % 2)));
      even.swap16();
      return even.toString('utf16le');
    }
  }
}

/** Unpacked GSM septets (one per octet) to text. An unknown escape reads as its basic character. */
export function decodeGsm(septets: Buffer): string {
  let text = '';
  for (let i = 0; i < septets.length; i++) {
    const septet = septets[i]! & 0x7f;
    if (septet === ESC) {
      const next = septets[i + 1];
      if (next === undefined) break;
      i++;
      text += EXTENSION_DECODE.get(next & 0x7f) ?? GSM_BASIC[next & 0x7f];
      continue;
    }
    text += GSM_BASIC[septet];
  }
  return text;
}

/** Unpacked GSM septets of a GSM-compatible text (used for receipts and tests); throws on other characters. */
export function encodeGsm(text: string): Buffer {
  const septets = encodeGsmSeptets(text.normalize('NFC'));
  if (!septets) throw new RangeError('text has characters outside the GSM default alphabet');
  return Buffer.from(septets.flat());
}

// ---------------------------------------------------------------------------------------------
// Reassembly of concatenated parts

interface PendingMessage {
  parts: (string | undefined)[];
  received: number;
  firstSeenAt: number;
}

/**
 * Collects the parts of concatenated messages until all have arrived. Parts are keyed by the
 * caller's key (e.g. originator + recipient) plus the reference and part count; duplicates
 * replace the earlier copy. Incomplete messages older than `ttlMs` are dropped (counted in
 * `expired`).
 */
export class ConcatReassembler {
  private readonly pending = new Map<string, PendingMessage>();
  expired = 0;

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /**
   * Adds a part. Returns the whole text and a `done()` to call once it is handled (until then the
   * parts are kept, so a redelivered last part completes the message again), or null while parts
   * are missing.
   */
  add(key: string, part: DecodedPart, now = Date.now()): { text: string; done: () => void } | null {
    this.sweep(now);
    if (!part.concat) return { text: part.text, done: () => {} };
    const { reference, total, sequence } = part.concat;
    const id = `${key}\u0000${reference}\u0000${total}`;
    let pending = this.pending.get(id);
    if (!pending) {
      pending = { parts: new Array<string | undefined>(total).fill(undefined), received: 0, firstSeenAt: now };
      this.pending.set(id, pending);
    }
    if (pending.parts[sequence - 1] === undefined) pending.received++;
    pending.parts[sequence - 1] = part.text;
    if (pending.received < total) return null;
    const message = pending;
    return {
      text: message.parts.join(''),
      done: () => {
        if (this.pending.get(id) === message) this.pending.delete(id);
      },
    };
  }

  get size(): number {
    return this.pending.size;
  }

  private sweep(now: number): void {
    for (const [id, pending] of this.pending) {
      if (now - pending.firstSeenAt > this.ttlMs) {
        this.pending.delete(id);
        this.expired++;
      }
    }
  }
}
