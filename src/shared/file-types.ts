/**
 * The types of file Ecoute accepts from people (complaint attachments), recognised by their content,
 * never by the name or the type the sender declared: a PDF starts with `%PDF-`, an executable renamed
 * `facture.pdf` does not. Binary formats by their signature (magic bytes); HEIC/HEIF by the brands of
 * their ISO base media `ftyp` box; an e-mail (.eml, RFC 5322) by its header block; plain text as UTF-8
 * without control characters.
 */

/** The accepted types, by their MIME type, with the extensions a downloaded file may end with. */
export const FILE_TYPES = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'text/plain': ['txt', 'text', 'log'],
  'message/rfc822': ['eml'],
} as const satisfies Record<string, readonly string[]>;

export type FileType = keyof typeof FILE_TYPES;

/** The accepted types, in the order a message lists them. */
export const ACCEPTED_FILE_TYPES = Object.keys(FILE_TYPES) as FileType[];

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
/** Brands of HEIC images (HEVC-coded) and of HEIF in general (ISO/IEC 23008-12). */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1']);

/** HEIC or HEIF from the `ftyp` box at the start of the file; an AVIF (also `mif1`) is neither. */
function heifType(bytes: Uint8Array): FileType | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const boxSize = Math.min(((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!, bytes.length, 4096);
  const major = ascii(bytes, 8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((b) => b === 'avif' || b === 'avis')) return undefined;
  if (HEIC_BRANDS.has(major) || (HEIF_BRANDS.has(major) && brands.some((b) => HEIC_BRANDS.has(b)))) return 'image/heic';
  if (HEIF_BRANDS.has(major)) return 'image/heif';
  return undefined;
}

/** Control characters plain text does not hold: C0 but tab, line feed, form feed and carriage return; DEL. */
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** The text of UTF-8 bytes (a byte-order mark allowed), or undefined for bytes that are not UTF-8. */
function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A header line of RFC 5322: a field name of printable ASCII but the colon, then a colon. */
const HEADER_FIELD = /^([!-9;-~]+):/;
/** What a message's header block holds beside `From`. */
const MESSAGE_FIELDS = new Set(['date', 'subject', 'message-id', 'received', 'mime-version', 'to']);

/**
 * An e-mail message: it starts with a header block (fields, folded lines) ended by an empty line,
 * within the first 64 KiB, with a `From` and another field of a message. Its body may be 8-bit in any
 * charset; only a NUL byte, which no message holds, rules it out.
 */
function isMessage(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65_536));
  const end = head.search(/\r?\n\r?\n/);
  if (end <= 0) return false;
  const fields = new Set<string>();
  for (const line of head.slice(0, end).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.size > 0) continue;
    const field = HEADER_FIELD.exec(line);
    if (!field) return false;
    fields.add(field[1]!.toLowerCase());
  }
  return fields.has('from') && [...fields].some((f) => MESSAGE_FIELDS.has(f));
}

/** The type of a file from its bytes, or undefined when it is none of the accepted types. */
export function sniffFileType(bytes: Uint8Array): FileType | undefined {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  const heif = heifType(bytes);
  if (heif) return heif;
  if (isMessage(bytes)) return 'message/rfc822';
  const text = utf8(bytes);
  if (text !== undefined && bytes.length > 0 && !TEXT_CONTROL.test(text)) return 'text/plain';
  return undefined;
}

/** Control, bidirectional and invisible formatting characters, and what a file system reads as a path. */
const NOT_IN_A_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff/\\:*?"<>|]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The name a file is shown and downloaded under, from the name its sender gave: the last part of a
 * path only, without control, direction-changing or path characters, spaces collapsed, no leading
 * dot, at most 120 characters; it ends with an extension of its real type (`facture.exe` holding a
 * PDF becomes `facture.exe.pdf`). Nothing of it is ever used as a path: the file is stored by key.
 */
export function displayFileName(given: string | undefined, type: FileType): string {
  const base = (given ?? '').split(/[/\\]/).pop() ?? '';
  let name = base.normalize('NFC').replace(LONE_SURROGATE, '').replace(NOT_IN_A_NAME, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '');
  const extensions: readonly string[] = FILE_TYPES[type];
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extensions.includes(extension)) name = `${name || 'attachment'}.${extensions[0]}`;
  if ([...name].length > 120) {
    const tail = name.slice(name.lastIndexOf('.'));
    name = `${[...name.slice(0, name.lastIndexOf('.'))].slice(0, 120 - tail.length).join('').trimEnd()}${tail}`;
  }
  return name;
}
