import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { newBlobKey } from './blob-store.js';
import { blobStoreBehaviour, readAll } from './blob-store-behaviour.testkit.js';
import { DiskBlobStore } from './disk-blob-store.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'ecoute-blobs-'));

blobStoreBehaviour('disk', async () => {
  const dir = await tempDir();
  return { store: new DiskBlobStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

/** Every file under a directory, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('the disk blob store', () => {
  it('writes a blob under two levels of shards named by its key, readable by the server only', async () => {
    const dir = await tempDir();
    const store = new DiskBlobStore(dir);
    const key = newBlobKey();
    await store.put(key, Buffer.from('hello'), { contentType: 'text/plain' });
    assert.deepEqual(await filesUnder(dir), [join(key.slice(0, 2), key.slice(2, 4), key)]);
    if (process.platform !== 'win32') assert.equal((await stat(join(dir, key.slice(0, 2), key.slice(2, 4), key))).mode & 0o777, 0o600);
    await rm(dir, { recursive: true, force: true });
  });

  it('never shows a blob before it is whole: a failed write leaves no file, neither under the key nor as a part', async () => {
    const dir = await tempDir();
    const store = new DiskBlobStore(dir);
    const key = newBlobKey();
    let seen: string[] = [];
    async function* slow(): AsyncIterable<Uint8Array> {
      yield Buffer.alloc(100_000, 1);
      seen = await filesUnder(dir);
      yield Buffer.alloc(100_000, 2);
      throw new Error('client went away');
    }
    await assert.rejects(store.put(key, slow(), { contentType: 'text/plain' }), /went away/);
    assert.ok(seen.every((f) => f.startsWith('.parts')), `while writing, only a part file: ${seen.join(', ')}`);
    assert.deepEqual(await filesUnder(dir), []);

    const whole = Buffer.alloc(200_000, 3);
    await store.put(key, whole, { contentType: 'text/plain' });
    assert.deepEqual(await filesUnder(dir), [join(key.slice(0, 2), key.slice(2, 4), key)]);
    assert.deepEqual(await readAll((await store.get(key))!.body), whole);
    await rm(dir, { recursive: true, force: true });
  });

  it('removes the part files a stopped process left, once they are an hour old', async () => {
    const dir = await tempDir();
    await new DiskBlobStore(dir).put(newBlobKey(), Buffer.from('first'), { contentType: 'text/plain' });
    const old = join(dir, '.parts', `${newBlobKey()}.dead`);
    const recent = join(dir, '.parts', `${newBlobKey()}.writing`);
    await writeFile(old, 'half');
    await writeFile(recent, 'half');
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    await utimes(old, twoHoursAgo, twoHoursAgo);
    await new DiskBlobStore(dir).put(newBlobKey(), Buffer.from('next start'), { contentType: 'text/plain' });
    assert.deepEqual((await readdir(join(dir, '.parts'))).sort(), [recent.slice(recent.lastIndexOf('/') + 1)]);
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a blob to its end even when it is deleted while being read', async () => {
    const dir = await tempDir();
    const store = new DiskBlobStore(dir);
    const key = newBlobKey();
    const bytes = Buffer.alloc(500_000, 9);
    await store.put(key, bytes, { contentType: 'text/plain' });
    const got = await store.get(key);
    await store.delete(key);
    assert.deepEqual(await readAll(got!.body), bytes);
    await rm(dir, { recursive: true, force: true });
  });
});
