import type { BlobRange } from '../blobs/blob-store.js';

/**
 * The `Range` header of a request for a file of `size` bytes (RFC 9110, 14.1): `bytes=a-b`, `bytes=a-`,
 * `bytes=-n`. Answers the bytes asked for (end clamped to the file's), `unsatisfiable` for a range
 * that holds none of them (416), or undefined when the whole file is to be sent: no header, another
 * unit, several ranges or a header that does not parse (a server may ignore those).
 */
export function parseByteRange(header: string | undefined, size: number): BlobRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.MAX_SAFE_INTEGER : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
