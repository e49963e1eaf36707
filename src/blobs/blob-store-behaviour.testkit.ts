/**
 * The behaviour every BlobStore must have, run against each store by blob-stores.test.ts. A fixture
 * gives a fresh, empty store and takes it down after.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { newBlobKey, type BlobStore } from './blob-store.js';

export interface BlobStoreFixture {
  store: BlobStore;
  close(): Promise<void>;
}

/** Every byte of a blob. */
export async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function blobStoreBehaviour(name: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`blob store: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    before(async () => {
      fixture = await open();
      store = fixture.store;
    });
    after(() => fixture?.close());

    it('keeps bytes under a key and gives them back, with their size and SHA-256', async () => {
      const key = newBlobKey();
      const bytes = Buffer.from('%PDF-1.7\n\u00e9t\u00e9 \u2014 facture de novembre\n');
      const put = await store.put(key, bytes, { contentType: 'application/pdf' });
      assert.deepEqual(put, { sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      assert.equal(await store.exists(key), true);
      const got = await store.get(key);
      assert.equal(got?.sizeBytes, bytes.length);
      assert.deepEqual(await readAll(got!.body), bytes);
    });

    it('takes a stream as well as bytes, and an empty blob', async () => {
      const key = newBlobKey();
      const bytes = Buffer.alloc(300_000, 7);
      bytes.write('stream of chunks', 1000);
      const put = await store.put(key, chunked(bytes, 65_536), { contentType: 'text/plain' });
      assert.equal(put.sizeBytes, bytes.length);
      assert.deepEqual(await readAll((await store.get(key))!.body), bytes);
      const empty = newBlobKey();
      assert.equal((await store.put(empty, new Uint8Array(0), { contentType: 'text/plain' })).sizeBytes, 0);
      assert.equal((await store.get(empty))?.sizeBytes, 0);
    });

    it('replaces the blob of a key written again', async () => {
      const key = newBlobKey();
      await store.put(key, Buffer.from('first'), { contentType: 'text/plain' });
      await store.put(key, Buffer.from('second'), { contentType: 'text/plain' });
      assert.equal((await readAll((await store.get(key))!.body)).toString(), 'second');
    });

    it('answers nothing for a key without a blob, and deletes once', async () => {
      const key = newBlobKey();
      assert.equal(await store.get(key), undefined);
      assert.equal(await store.exists(key), false);
      assert.equal(await store.delete(key), false);
      await store.put(key, Buffer.from('to delete'), { contentType: 'text/plain' });
      assert.equal(await store.delete(key), true);
      assert.equal(await store.exists(key), false);
      assert.equal(await store.get(key), undefined);
      assert.equal(await store.delete(key), false, 'deleting twice is not an error');
    });

    it('leaves nothing under the key when the content fails half-way', async () => {
      const key = newBlobKey();
      async function* failing(): AsyncIterable<Uint8Array> {
        yield Buffer.from('the first half');
        throw new Error('the connection dropped');
      }
      await assert.rejects(store.put(key, failing(), { contentType: 'text/plain' }), /connection dropped/);
      assert.equal(await store.exists(key), false);
      assert.equal(await store.get(key), undefined);
    });

    it('reads a range of a blob: its first bytes, a middle, its end clamped, and none past its end', async () => {
      const key = newBlobKey();
      const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 251));
      await store.put(key, bytes, { contentType: 'audio/wav' });
      const first = await store.get(key, { start: 0, end: 99 });
      assert.deepEqual([first?.sizeBytes, first?.range], [bytes.length, { start: 0, end: 99 }]);
      assert.deepEqual(await readAll(first!.body), bytes.subarray(0, 100));
      const middle = await store.get(key, { start: 40_001, end: 65_536 });
      assert.deepEqual(middle?.range, { start: 40_001, end: 65_536 });
      assert.deepEqual(await readAll(middle!.body), bytes.subarray(40_001, 65_537));
      const tail = await store.get(key, { start: bytes.length - 10, end: bytes.length + 5000 });
      assert.deepEqual(tail?.range, { start: bytes.length - 10, end: bytes.length - 1 });
      assert.deepEqual(await readAll(tail!.body), bytes.subarray(bytes.length - 10));
      const past = await store.get(key, { start: bytes.length, end: bytes.length + 10 });
      assert.deepEqual([past?.sizeBytes, past?.range], [bytes.length, null]);
      assert.equal((await readAll(past!.body)).length, 0);
      assert.equal(await store.get(newBlobKey(), { start: 0, end: 9 }), undefined);
      await assert.rejects(store.get(key, { start: 10, end: 9 }), /not a byte range/);
      await assert.rejects(store.get(key, { start: -1, end: 9 }), /not a byte range/);
    });

    it('refuses any key it did not make: a path, a file name, a traversal', async () => {
      for (const key of ['../../etc/passwd', '..', 'facture.pdf', '/tmp/x', `${newBlobKey()}/../x`, newBlobKey().toUpperCase(), '', `${newBlobKey()}\u0000`]) {
        await assert.rejects(store.put(key, Buffer.from('x'), { contentType: 'text/plain' }), /not a blob key/, key);
        await assert.rejects(store.get(key), /not a blob key/, key);
        await assert.rejects(store.exists(key), /not a blob key/, key);
        await assert.rejects(store.delete(key), /not a blob key/, key);
      }
    });
  });
}
