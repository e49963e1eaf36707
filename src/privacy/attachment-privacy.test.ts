import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { DiskBlobStore } from '../blobs/disk-blob-store.js';
import { caseTimeline } from '../cases/case-service.js';
import { addAttachment, removeAttachment } from '../complaints/complaint-attachments.js';
import { createComplaint } from '../complaints/complaint-service.js';
import type { Storage } from '../storage/database.js';
import { exportCustomer } from './customer-export.js';
import { eraseCustomer } from './erasure.js';
import { exportCsvFiles } from './export-files.js';
import { presentExport } from './privacy-presenters.js';

const KEY = 'test-privacy-key';
const ADMIN: Actor = { kind: 'user', id: 'admin-1', role: 'admin', displayName: 'Admin', teamId: null, language: 'fr' };

for (const engine of await testEngines()) {
  describe(`a customer's complaint attachments and their privacy rights on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let dir: string;
    let blobs: DiskBlobStore;
    let partyId: string;
    let complaintId: string;
    let advisor: Actor;
    before(async () => {
      storage = await engine.open();
      dir = await mkdtemp(join(tmpdir(), 'ecoute-attachment-privacy-'));
      blobs = new DiskBlobStore(dir);
      const team = await seedTeam(storage.db);
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      partyId = (await seedCustomer(storage.db)).id;
      complaintId = (await createComplaint(storage.db, { partyId, channel: 'email', category: 'billing', description: 'Billed twice', receivedAt: Date.now() - 60_000 }, advisor)).id;
      const deps = { db: storage.db, blobs, limits: { maxBytes: 1_000_000, perComplaint: 20 } };
      await addAttachment(deps, complaintId, { fileName: 'Marie Weber facture.pdf', bytes: Buffer.from('%PDF-1.7 Marie Weber') }, advisor);
      const wrong = await addAttachment(deps, complaintId, { fileName: 'photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }, advisor);
      await removeAttachment(deps, complaintId, wrong.id, 'Not this customer’s photo', advisor);
    });
    after(async () => {
      await storage?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('lists the records of the files attached to their complaints in the export (JSON and CSV), removed ones with who and why', async () => {
      const data = presentExport(await exportCustomer(storage.db, partyId, { actor: ADMIN, via: 'api' }, KEY));
      assert.deepEqual(
        data.complaintAttachments.map((a) => [a.complaintId, a.fileName, a.contentType, a.removalReason]),
        [[complaintId, 'Marie Weber facture.pdf', 'application/pdf', null], [complaintId, 'photo.jpg', 'image/jpeg', 'Not this customer’s photo']],
      );
      assert.match(data.complaintAttachments[0]!.sha256, /^[0-9a-f]{64}$/);
      const csv = exportCsvFiles(data)['complaintAttachments.csv']!;
      assert.match(csv, /^\ufeffid,complaintId,fileName,contentType,sizeBytes,sha256,uploadedAt,uploadedBy,removedAt,removedBy,removalReason/);
      assert.match(csv, /Marie Weber facture\.pdf/);
    });

    it('erases the rows and the files, and the names the timeline held; the jobs that make sure of it are in the outbox', async () => {
      const rows = await storage.db.selectFrom('complaint_attachments').select(['blob_key', 'deleted_at']).execute();
      const keys = rows.map((r) => r.blob_key);
      // the kept attachment's file is there, the removed one's is gone
      assert.deepEqual(await Promise.all(keys.map((k) => blobs.exists(k))), rows.map((r) => r.deleted_at === null));
      assert.deepEqual(rows.map((r) => r.deleted_at === null).sort(), [false, true]);
      const erasure = await eraseCustomer(storage.db, partyId, { reason: 'request DPO-2026-7', actor: ADMIN, via: 'api' }, KEY, blobs);
      assert.equal(erasure.counts.complaint_attachments, 2);
      assert.deepEqual(await storage.db.selectFrom('complaint_attachments').select('id').execute(), []);
      assert.deepEqual(await Promise.all(keys.map((k) => blobs.exists(k))), [false, false]);
      const jobs = await storage.db.selectFrom('outbox').select('ref_id').where('topic', '=', 'attachment.blob-delete').execute();
      assert.deepEqual(jobs.map((j) => j.ref_id).sort(), [...keys].sort());
      const events = (await caseTimeline(storage.db, complaintId)).filter((e) => e.action === 'attach' || e.action === 'remove-attachment');
      assert.equal(events.length, 3, 'the events stay: something was attached and removed');
      assert.ok(events.every((e) => e.data === null && e.reason === null), 'without the file names nor the reasons');

      const again = addAttachment({ db: storage.db, blobs, limits: { maxBytes: 1_000_000, perComplaint: 20 } }, complaintId, { fileName: 'late.pdf', bytes: Buffer.from('%PDF-1.7') }, advisor);
      await assert.rejects(again, (e: Error & { code?: string }) => e.code === 'customer-erased', 'nothing new on an erased customer');
    });
  });
}
