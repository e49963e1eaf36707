import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { DiskBlobStore } from '../blobs/disk-blob-store.js';
import { attachmentBlobHandler } from '../complaints/attachment-blobs.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { purgeExpired } from '../privacy/retention.js';
import type { Storage } from '../storage/database.js';
import { storeRecording, type RecordingDeps } from './recording-service.js';
import { addRedaction } from './recording-redactions.js';
import { syntheticCall } from './synthetic-audio.js';

const ADMIN: Actor = { kind: 'user', id: 'admin-1', role: 'admin', displayName: 'Admin', teamId: null, language: 'fr' };
const DAY = 86_400_000;

for (const engine of await testEngines()) {
  describe(`recordings, erasure and retention on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let dir: string;
    let deps: RecordingDeps;
    let contacts: { interactionId: string }[];
    let coach: Actor;
    before(async () => {
      storage = await engine.open();
      dir = await mkdtemp(join(tmpdir(), 'ecoute-recording-privacy-'));
      deps = { db: storage.db, blobs: new DiskBlobStore(dir), settings: { maxBytes: 10_000_000, playMinutes: 120 }, secret: 'test-secret' };
      const team = await seedTeam(storage.db);
      coach = { kind: 'user', id: team.advisorId, role: 'quality_coach', displayName: 'Coach', teamId: null, language: 'fr' };
      contacts = await seedEndedCalls(storage.db, 3, team.advisorId);
    });
    after(async () => {
      await storage?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it("erases a customer's recordings: rows and redactions now, their bytes after the commit, with the jobs that make sure of it", async () => {
      const stored = await storeRecording(deps, contacts[0]!.interactionId, syntheticCall(4, 1));
      const redacted = await addRedaction(deps, stored.id, { startMs: 500, endMs: 1500, reason: 'card' }, coach);
      const key = (await storage.db.selectFrom('recordings').select('blob_key').where('id', '=', stored.id).executeTakeFirstOrThrow()).blob_key;
      assert.equal(redacted.redactions.length, 1);
      assert.equal(await deps.blobs.exists(key), true);
      const party = (await storage.db.selectFrom('interactions').select('party_id').where('id', '=', contacts[0]!.interactionId).executeTakeFirstOrThrow()).party_id;
      const erasure = await eraseCustomer(storage.db, party, { reason: 'request DPO-2026-9', actor: ADMIN, via: 'api' }, 'key', deps.blobs);
      assert.equal(erasure.counts.recordings, 1);
      assert.equal((await storage.db.selectFrom('recordings').select('id').where('id', '=', stored.id).execute()).length, 0);
      assert.equal((await storage.db.selectFrom('recording_redactions').select('id').execute()).length, 0);
      assert.equal(await deps.blobs.exists(key), false);
      const jobs = (await storage.db.selectFrom('outbox').select('ref_id').where('topic', '=', 'attachment.blob-delete').execute()).map((j) => j.ref_id);
      assert.ok(jobs.includes(key));
    });

    it('deletes the recordings older than their retention, and only those', async () => {
      const old = await storeRecording(deps, contacts[1]!.interactionId, syntheticCall(2, 2), Date.now() - 200 * DAY);
      const recent = await storeRecording(deps, contacts[2]!.interactionId, syntheticCall(2, 3), Date.now() - 10 * DAY);
      const counts = await purgeExpired(storage.db, { smsTexts: 0, comments: 0, notes: 0, recordings: 180 }, Date.now());
      assert.equal(counts.recordings, 1);
      const left = (await storage.db.selectFrom('recordings').select('id').execute()).map((r) => r.id);
      assert.deepEqual(left, [recent.id]);
      assert.ok(!left.includes(old.id));
      const oldKeyJobs = await storage.db.selectFrom('outbox').select('ref_id').where('topic', '=', 'attachment.blob-delete').execute();
      assert.ok(oldKeyJobs.length >= 2, 'the purged blob is deleted by a job written with the deletion');
      const liveKey = (await storage.db.selectFrom('recordings').select('blob_key').where('id', '=', recent.id).executeTakeFirstOrThrow()).blob_key;
      await attachmentBlobHandler(storage.db, deps.blobs)(liveKey, { id: 1, topic: 'attachment.blob-delete', refId: liveKey, attempts: 1 });
      assert.equal(await deps.blobs.exists(liveKey), true, 'the deletion job never takes the bytes of a recording kept');
    });
  });
}
