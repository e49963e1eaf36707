import { randomBytes } from 'node:crypto';

/**
 * Where files live beside the database (complaint attachments): one interface, each store in a file
 * of its own (`disk-blob-store.ts`; an S3-style object store would be another, chosen by
 * ECOUTE_BLOB_STORE), and one behaviour suite every store passes (`blob-store-behaviour.testkit.ts`).
 *
 * A blob is bytes under a key. Keys are made by `newBlobKey()`, never from what a person sent (a file
 * name, a path): a store refuses any other string, so no input can name a place outside it. What a
 * blob is (its name, type, owner) is the caller's record, in the database.
 */
export interface BlobStore {
  /** where the blobs are, for the start-up line (no secrets) */
  readonly description: string;
  /**
   * Stores the bytes under the key, whole or not at all: a reader never sees part of a blob, and a
   * write that fails leaves nothing under the key. Replaces a blob the key had. `contentType` is kept
   * by a store that serves objects itself (object storage); the disk store leaves it to the caller's record.
   */
  put(key: string, content: Uint8Array | AsyncIterable<Uint8Array>, options: { contentType: string }): Promise<PutBlob>;
  /**
   * The blob, to read once; undefined when the key has none. With a range, only its bytes (first and
   * last byte included, as in HTTP `Range: bytes=start-end`; an end past the blob's is its last byte):
   * `sizeBytes` stays the whole blob's, `range` says which bytes the body holds, null when the blob has
   * none of them (a start at or past its end: the body is empty).
   */
  get(key: string, range?: BlobRange): Promise<StoredBlob | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the blob; false when the key had none (deleting twice is not an error). */
  delete(key: string): Promise<boolean>;
}

/** What `put` wrote. */
export interface PutBlob {
  sizeBytes: number;
  /** SHA-256 of the bytes written, lower-case hex */
  sha256: string;
}

/** Which bytes of a blob to read: from `start` to `end`, both included (0-based). */
export interface BlobRange {
  start: number;
  end: number;
}

/** A blob being read. */
export interface StoredBlob {
  /** the whole blob's size, whatever the range read */
  sizeBytes: number;
  /** its bytes (those of the range, for a ranged read), read once */
  body: ReadableStream<Uint8Array>;
  /** for a ranged read: the bytes the body holds, the end clamped to the blob's; null when none (start past the end) */
  range?: BlobRange | null;
}

/**
 * The bytes of a blob of `size` bytes a range asks for, its end clamped to the blob's last byte; null
 * when it asks for none of them. For stores that read ranges (disk, object storage).
 */
export function clampRange(range: BlobRange, size: number): BlobRange | null {
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new Error('not a byte range: start and end are integers, 0 <= start <= end');
  }
  if (range.start >= size) return null;
  return { start: range.start, end: Math.min(range.end, size - 1) };
}

/** A key: 32 lower-case hex digits (128 random bits), nothing else. */
const KEY = /^[0-9a-f]{32}$/;

/** A new key: random, so that keys spread evenly over a store's shards and say nothing of what they hold. */
export function newBlobKey(): string {
  return randomBytes(16).toString('hex');
}

/** Throws on a string `newBlobKey()` did not make: a programming error, never a person's input reaching a store. */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error('not a blob key: a store takes only the keys newBlobKey() makes');
}
