import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import { DiskBlobStore } from '../blobs/disk-blob-store.js';
import type { Storage } from '../storage/database.js';
import { syntheticCall } from '../quality/synthetic-audio.js';
import { loadDemoRecordings } from './demo-recordings.js';

for (const engine of await testEngines()) {
  describe(`the demo's recordings on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let dir: string;
    before(async () => {
      storage = await engine.open();
      dir = await mkdtemp(join(tmpdir(), 'ecoute-demo-recordings-'));
    });
    after(async () => {
      await storage?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("gives the demo advisor's recent calls short recordings, once, the same bytes on every start", async () => {
      const blobs = new DiskBlobStore(dir);
      assert.equal(await loadDemoRecordings(storage.db, blobs), 0, 'no demo advisor: nothing');
      const advisorId = await createUser(storage.db, { email: 'advisor@demo.ecoute.lu', displayName: 'Anne Schmit', role: 'advisor', password: 'ecoute-demo' });
      await seedEndedCalls(storage.db, 10, advisorId);
      assert.equal(await loadDemoRecordings(storage.db, blobs), 8);
      const rows = await storage.db.selectFrom('recordings').select(['duration_ms', 'format', 'sample_rate', 'sha256']).execute();
      assert.equal(rows.length, 8);
      for (const r of rows) {
        // spoken by espeak-ng where installed (its pace sets the length), generated otherwise (10–30 s)
        assert.ok(Number(r.duration_ms) >= 3_000 && Number(r.duration_ms) <= 30_000, String(r.duration_ms));
        assert.equal(r.format, 'wav');
      }
      assert.equal(await loadDemoRecordings(storage.db, blobs), 0, 'a restart adds none');
      assert.deepEqual(syntheticCall(12, 3), syntheticCall(12, 3), 'generated sound is deterministic');
      assert.notDeepEqual(syntheticCall(12, 3), syntheticCall(12, 4), 'and differs from call to call');
    });
  });
}
