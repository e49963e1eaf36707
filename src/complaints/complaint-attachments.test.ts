import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { readAll } from '../blobs/blob-store-behaviour.testkit.js';
import { DiskBlobStore } from '../blobs/disk-blob-store.js';
import { caseTimeline, findCase } from '../cases/case-service.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import { attachmentBlobHandler } from './attachment-blobs.js';
import { addAttachment, listAttachments, openAttachment, removeAttachment, type AttachmentDeps } from './complaint-attachments.js';
import { createComplaint } from './complaint-service.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF photo of the router')]);
const EXE = Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000PE executable', 'latin1');

const refused = (status: number, code: string, params?: Record<string, unknown>) => (error: unknown) => {
  assert.ok(error instanceof DomainError, String(error));
  assert.deepEqual([error.status, error.code], [status, code]);
  if (params) assert.deepEqual(error.params, params);
  return true;
};

/** Every file under a directory (the blob store's), relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

for (const engine of await testEngines()) {
  describe(`complaint attachments on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let dir: string;
    let deps: AttachmentDeps;
    let advisor: Actor;
    let stranger: Actor;
    let partyId: string;
    let complaintId: string;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Billing back office');
      partyId = (await seedCustomer(storage.db)).id;
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      stranger = { kind: 'user', id: other.advisorId, role: 'advisor', displayName: 'Paul Muller', teamId: other.teamId, language: 'de' };
    });
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ecoute-attachments-'));
      deps = { db: storage.db, blobs: new DiskBlobStore(dir), limits: { maxBytes: 4096, perComplaint: 3 } };
      complaintId = (await createComplaint(storage.db, { partyId, channel: 'letter', category: 'billing', description: 'Billed twice', receivedAt: Date.now() - 3_600_000 }, advisor)).id;
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));
    after(async () => {
      await storage?.close();
    });

    const rowsOf = (id: string) => storage.db.selectFrom('complaint_attachments').selectAll().where('complaint_id', '=', id).execute();
    const audits = async () => Number((await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('via', '=', 'complaints').executeTakeFirstOrThrow()).n);

    it('attaches a file: its bytes in the store, its record with the type found in its content, an event of the timeline', async () => {
      const before = (await findCase(storage.db, complaintId))!.version;
      const added = await addAttachment(deps, complaintId, { fileName: 'C:\\scans\\Facture novembre.pdf', bytes: PDF }, advisor);
      assert.deepEqual(
        [added.fileName, added.contentType, added.sizeBytes, added.sha256, added.uploadedBy, added.removed],
        ['Facture novembre.pdf', 'application/pdf', PDF.length, createHash('sha256').update(PDF).digest('hex'), { kind: 'user', id: advisor.id, name: 'Anne Schmit' }, null],
      );
      const [row] = await rowsOf(complaintId);
      assert.match(row!.blob_key, /^[0-9a-f]{32}$/);
      assert.deepEqual(await readAll((await deps.blobs.get(row!.blob_key))!.body), PDF);
      const event = (await caseTimeline(storage.db, complaintId)).at(-1)!;
      assert.deepEqual([event.action, event.actorId, event.data], ['attach', advisor.id, { attachment: { id: added.id, fileName: 'Facture novembre.pdf', contentType: 'application/pdf', sizeBytes: PDF.length } }]);
      assert.equal((await findCase(storage.db, complaintId))!.version, before, "a file attached changes nobody's decision: the version stays");

      const read = await audits();
      const listed = await listAttachments(storage.db, complaintId, advisor);
      assert.deepEqual(listed, [added]);
      const file = await openAttachment(deps, complaintId, added.id, advisor);
      assert.deepEqual(await readAll(file.body), PDF);
      assert.equal(await audits(), read + 2, 'the list and the download are reads of the customer’s record');
    });

    it('refuses, writing nothing: an executable named .pdf, an empty file, one too large, an unknown complaint, another team’s', async () => {
      const events = (await caseTimeline(storage.db, complaintId)).length;
      await assert.rejects(addAttachment(deps, complaintId, { fileName: 'facture.pdf', bytes: EXE }, advisor), (e) => {
        refused(415, 'attachment-type-not-allowed')(e);
        assert.match(String((e as DomainError).params!.allowed), /application\/pdf, image\/png, image\/jpeg, image\/heic, image\/heif, text\/plain, message\/rfc822/);
        return true;
      });
      await assert.rejects(addAttachment(deps, complaintId, { fileName: 'empty.txt', bytes: new Uint8Array(0) }, advisor), refused(400, 'invalid-input'));
      await assert.rejects(addAttachment(deps, complaintId, { fileName: 'big.pdf', bytes: Buffer.concat([PDF, Buffer.alloc(4096)]) }, advisor), refused(413, 'attachment-too-large', { maxBytes: 4096 }));
      await assert.rejects(addAttachment(deps, newId(), { fileName: 'a.pdf', bytes: PDF }, advisor), refused(404, 'not-found'));
      await assert.rejects(addAttachment(deps, complaintId, { fileName: 'a.pdf', bytes: PDF }, stranger), refused(403, 'forbidden'));
      await assert.rejects(listAttachments(storage.db, complaintId, stranger), refused(403, 'forbidden'));
      assert.deepEqual(await rowsOf(complaintId), []);
      assert.deepEqual(await filesUnder(dir), []);
      assert.equal((await caseTimeline(storage.db, complaintId)).length, events);
    });

    it('holds at most its limit of attachments; removing one frees a place', async () => {
      for (const name of ['a.pdf', 'b.pdf', 'c.jpg']) await addAttachment(deps, complaintId, { fileName: name, bytes: name.endsWith('jpg') ? JPEG : PDF }, advisor);
      await assert.rejects(addAttachment(deps, complaintId, { fileName: 'd.pdf', bytes: PDF }, advisor), refused(409, 'too-many-attachments', { max: 3 }));
      assert.equal((await filesUnder(dir)).length, 3);
      const [first] = await listAttachments(storage.db, complaintId, advisor);
      await removeAttachment(deps, complaintId, first!.id, 'Duplicate of b.pdf', advisor);
      await addAttachment(deps, complaintId, { fileName: 'd.pdf', bytes: PDF }, advisor);
      assert.deepEqual((await listAttachments(storage.db, complaintId, advisor)).map((a) => [a.fileName, a.removed !== null]), [['a.pdf', true], ['b.pdf', false], ['c.jpg', false], ['d.pdf', false]]);
    });

    it('leaves no blob when the transaction fails after the file was written (the last place taken meanwhile)', async () => {
      deps.limits = { maxBytes: 4096, perComplaint: 1 };
      const written: string[] = [];
      const racing: BlobStore = {
        description: 'racing',
        put: async (key, content, options) => {
          const put = await deps.blobs.put(key, content, options);
          written.push(key);
          // another upload takes the last place while this file is written
          await storage.db.insertInto('complaint_attachments').values({
            id: newId(), complaint_id: complaintId, file_name: 'other.pdf', content_type: 'application/pdf', size_bytes: 1, sha256: 'x', blob_key: `other-${key}`,
            uploaded_at: Date.now(), uploaded_by_kind: 'user', uploaded_by_id: advisor.id, deleted_at: null, deleted_by_kind: null, deleted_by_id: null, deletion_reason: null,
          }).execute();
          return put;
        },
        get: (key) => deps.blobs.get(key),
        exists: (key) => deps.blobs.exists(key),
        delete: (key) => deps.blobs.delete(key),
      };
      const events = (await caseTimeline(storage.db, complaintId)).length;
      await assert.rejects(addAttachment({ ...deps, blobs: racing }, complaintId, { fileName: 'late.pdf', bytes: PDF }, advisor), refused(409, 'too-many-attachments'));
      assert.equal(written.length, 1);
      assert.equal(await deps.blobs.exists(written[0]!), false, 'its blob deleted');
      assert.deepEqual((await rowsOf(complaintId)).map((r) => r.file_name), ['other.pdf'], 'no row of its own');
      assert.equal((await caseTimeline(storage.db, complaintId)).length, events, 'no event');
    });

    it('takes files sent at once, each its own event; never more than the limit', async () => {
      deps.limits = { maxBytes: 4096, perComplaint: 10 };
      const many = await Promise.all(Array.from({ length: 4 }, (_, i) => addAttachment(deps, complaintId, { fileName: `scan-${i}.pdf`, bytes: PDF }, advisor)));
      assert.equal(new Set(many.map((a) => a.id)).size, 4);
      assert.equal((await caseTimeline(storage.db, complaintId)).filter((e) => e.action === 'attach').length, 4);

      deps.limits = { maxBytes: 4096, perComplaint: 5 };
      const race = await Promise.allSettled([0, 1, 2].map((i) => addAttachment(deps, complaintId, { fileName: `last-${i}.pdf`, bytes: PDF }, advisor)));
      assert.equal(race.filter((r) => r.status === 'fulfilled').length, 1, 'one takes the last place');
      for (const r of race) if (r.status === 'rejected') refused(409, 'too-many-attachments')(r.reason);
      assert.equal((await rowsOf(complaintId)).length, 5);
      assert.equal((await filesUnder(dir)).length, 5, 'no blob of a refused file');
    });

    it('removes an attachment with who and why: the record stays, the bytes go now and by the job written with the change', async () => {
      const added = await addAttachment(deps, complaintId, { fileName: 'wrong customer.pdf', bytes: PDF }, advisor);
      const [row] = await rowsOf(complaintId);
      await assert.rejects(removeAttachment(deps, complaintId, added.id, '  ', advisor), refused(400, 'invalid-input'));
      await assert.rejects(removeAttachment(deps, complaintId, added.id, 'not mine', stranger), refused(403, 'forbidden'));
      assert.equal(await deps.blobs.exists(row!.blob_key), true, 'a refused removal deletes nothing');

      const removed = await removeAttachment(deps, complaintId, added.id, 'Another customer’s bill', advisor);
      assert.deepEqual(removed.removed?.by, { kind: 'user', id: advisor.id, name: 'Anne Schmit' });
      assert.equal(removed.removed?.reason, 'Another customer’s bill');
      assert.equal(await deps.blobs.exists(row!.blob_key), false);
      const event = (await caseTimeline(storage.db, complaintId)).at(-1)!;
      assert.deepEqual([event.action, event.reason, (event.data as { attachment: { fileName: string } }).attachment.fileName], ['remove-attachment', 'Another customer’s bill', 'wrong customer.pdf']);
      const job = await storage.db.selectFrom('outbox').select('topic').where('ref_id', '=', row!.blob_key).executeTakeFirst();
      assert.equal(job?.topic, 'attachment.blob-delete');
      await assert.rejects(openAttachment(deps, complaintId, added.id, advisor), refused(410, 'attachment-removed'));
      await assert.rejects(removeAttachment(deps, complaintId, added.id, 'again', advisor), refused(409, 'attachment-already-removed'));
      await assert.rejects(openAttachment(deps, complaintId, newId(), advisor), refused(404, 'not-found'));
    });

    it('the job deletes the bytes of a removed attachment, never those of one still attached', async () => {
      const kept = await addAttachment(deps, complaintId, { fileName: 'kept.pdf', bytes: PDF }, advisor);
      const [row] = await rowsOf(complaintId);
      const handler = attachmentBlobHandler(storage.db, deps.blobs);
      assert.deepEqual(await handler(row!.blob_key, { id: 1, topic: 'attachment.blob-delete', refId: row!.blob_key, attempts: 1 }), { done: true });
      assert.equal(await deps.blobs.exists(row!.blob_key), true, 'still attached: kept');
      await storage.db.updateTable('complaint_attachments').set({ deleted_at: Date.now(), deleted_by_kind: 'user', deleted_by_id: advisor.id, deletion_reason: 'x' }).where('id', '=', kept.id).execute();
      assert.deepEqual(await handler(row!.blob_key, { id: 1, topic: 'attachment.blob-delete', refId: row!.blob_key, attempts: 1 }), { done: true });
      assert.equal(await deps.blobs.exists(row!.blob_key), false);
      assert.deepEqual(await handler(row!.blob_key, { id: 1, topic: 'attachment.blob-delete', refId: row!.blob_key, attempts: 2 }), { done: true }, 'again: nothing left to do');
    });
  });
}
