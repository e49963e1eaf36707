import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { assertBlobKey, clampRange, type BlobRange, type BlobStore, type PutBlob, type StoredBlob } from './blob-store.js';

/** A part older than this, left by a process that stopped while writing it, is removed. */
const STALE_PART_MS = 3_600_000;

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Blobs as files under one directory (ECOUTE_BLOB_DIR): `ab/cd/abcd…` for key `abcd…`, two levels of
 * 256 shards so that no directory grows past a few thousand files. A blob is written to a part file
 * of `.parts/` on the same file system, flushed to disk, then renamed to its place: rename is atomic,
 * so a reader finds the whole blob or none, and a crash leaves at most a part file, which the store
 * removes once it is an hour old. Files are readable by the server's account only (0600, 0700).
 */
export class DiskBlobStore implements BlobStore {
  readonly root: string;
  readonly description: string;
  private readonly parts: string;
  private swept: Promise<void> | undefined;

  constructor(dir: string) {
    this.root = resolve(dir);
    this.parts = join(this.root, '.parts');
    this.description = `files under ${this.root}`;
  }

  /** The file of a key; always inside the root, since a key is 32 hex digits. */
  private pathOf(key: string): string {
    assertBlobKey(key);
    const path = join(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!path.startsWith(this.root + sep)) throw new Error('a blob path left the store');
    return path;
  }

  async put(key: string, content: Uint8Array | AsyncIterable<Uint8Array>, _options: { contentType: string }): Promise<PutBlob> {
    const target = this.pathOf(key);
    await mkdir(this.parts, { recursive: true, mode: 0o700 });
    this.swept ??= this.removeStaleParts().catch(() => undefined);
    await this.swept;
    const part = join(this.parts, `${key}.${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const file = await open(part, 'wx', 0o600);
    try {
      for await (const chunk of content instanceof Uint8Array ? [content] : content) {
        for (let offset = 0; offset < chunk.length; ) offset += (await file.write(chunk, offset, chunk.length - offset)).bytesWritten;
        hash.update(chunk);
        sizeBytes += chunk.length;
      }
      await file.sync();
      await file.close();
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      await rename(part, target);
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(part, { force: true });
      throw error;
    }
    await syncDirectory(dirname(target));
    return { sizeBytes, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: BlobRange): Promise<StoredBlob | undefined> {
    const path = this.pathOf(key);
    if (range) clampRange(range, Number.MAX_SAFE_INTEGER); // a malformed range is refused before any file is opened
    let file;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if (missing(error)) return undefined;
      throw error;
    }
    // The open file is read to its end even if the blob is deleted meanwhile.
    const { size } = await file.stat();
    if (!range) return { sizeBytes: size, body: Readable.toWeb(file.createReadStream()) as ReadableStream<Uint8Array> };
    const bytes = clampRange(range, size);
    if (!bytes) {
      await file.close();
      return { sizeBytes: size, body: new Blob([]).stream() as ReadableStream<Uint8Array>, range: null };
    }
    return { sizeBytes: size, body: Readable.toWeb(file.createReadStream({ start: bytes.start, end: bytes.end })) as ReadableStream<Uint8Array>, range: bytes };
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      await rm(path);
    } catch (error) {
      if (missing(error)) return false;
      throw error;
    }
    await syncDirectory(dirname(path));
    return true;
  }

  /** Removes the part files a stopped process left (never one being written: those are recent). */
  private async removeStaleParts(): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(this.parts)) {
      const path = join(this.parts, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_PART_MS) await rm(path, { force: true });
    }
  }
}

/** Flushes a directory's entries (a new or removed name) to disk; a file system that cannot is left as it is. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // some platforms cannot flush a directory: the rename itself is still atomic
  } finally {
    await handle.close();
  }
}
