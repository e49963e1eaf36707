import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const MAX = 8 * 1024;
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const EXE = Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000 this program cannot be run in DOS mode', 'latin1');
type Caller = 'advisor' | 'stranger' | 'cx';

for (const engine of await testEngines()) {
  describe(`complaint attachments over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let dir: string;
    let headers: Record<Caller, Record<string, string>>;
    let customerId: string;
    let complaintId: string;
    const url = (path: string) => `${server.url}/api/v1${path}`;
    const json = async (response: Response) => ({ status: response.status, body: await response.json() });
    const upload = (caller: Caller, path: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
      const form = new FormData();
      form.append('file', new File([bytes], name, { type }));
      return fetch(url(path), { method: 'POST', headers: headers[caller], body: form }).then(json);
    };
    const blobFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
    const rows = async () => (await storage.db.selectFrom('complaint_attachments').select('id').execute()).length;

    before(async () => {
      storage = await engine.open();
      dir = await mkdtemp(join(tmpdir(), 'ecoute-attachment-routes-'));
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Shops');
      customerId = (await seedCustomer(storage.db)).id;
      await createUser(storage.db, { email: 'cx@attachments.test', displayName: 'Carla Reis', role: 'cx_manager', password: 'correct horse' });
      const config = loadConfig({ demoMode: false, blobs: { store: 'disk', dir }, attachments: { maxBytes: MAX, perComplaint: 20 } });
      server = await startServer({ storage, config, port: 0 });
      const login = async (email: string) => {
        const response = await fetch(url('/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
        assert.equal(response.status, 200);
        return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
      };
      headers = {
        advisor: await login(`advisor.${team.teamId.slice(-6)}@ecoute.test`),
        stranger: await login(`advisor.${other.teamId.slice(-6)}@ecoute.test`),
        cx: await login('cx@attachments.test'),
      };
      const created = await fetch(url('/complaints'), {
        method: 'POST',
        headers: { ...headers.advisor, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId, channel: 'letter', category: 'billing', description: 'Billed twice', receivedAt: new Date(Date.now() - 86_400_000).toISOString() }),
      }).then(json);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      complaintId = created.body.id;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('takes a file as multipart/form-data and gives the same bytes back, as an attachment that is never sniffed', async () => {
      const added = await upload('advisor', `/complaints/${complaintId}/attachments`, PDF, 'Facture "novembre" é.pdf', 'application/octet-stream');
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.deepEqual([added.body.fileName, added.body.contentType, added.body.sizeBytes, added.body.removed], ['Facture novembre é.pdf', 'application/pdf', PDF.length, null]);

      const download = await fetch(url(`/complaints/${complaintId}/attachments/${added.body.id}`), { headers: headers.cx });
      assert.equal(download.status, 200);
      assert.deepEqual(Buffer.from(await download.arrayBuffer()), PDF);
      assert.equal(download.headers.get('content-type'), 'application/pdf');
      assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(download.headers.get('content-disposition'), `attachment; filename="Facture novembre _.pdf"; filename*=UTF-8''Facture%20novembre%20%C3%A9.pdf`);

      const audited = await storage.db.selectFrom('audit_log').select(['actor_id', 'action']).where('party_id', '=', customerId).where('via', '=', 'complaints').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.equal(audited.action, 'customer.read');
      const list = await fetch(url(`/complaints/${complaintId}/attachments`), { headers: headers.advisor }).then(json);
      assert.deepEqual(list.body.items.map((a: { id: string }) => a.id), [added.body.id]);
      assert.deepEqual(list.body.limits.maxBytes, MAX);
      const timeline = await fetch(url(`/complaints/${complaintId}/timeline`), { headers: headers.advisor }).then(json);
      assert.deepEqual(timeline.body.items.at(-1).data.attachment, { id: added.body.id, fileName: 'Facture novembre é.pdf', contentType: 'application/pdf', sizeBytes: PDF.length });
    });

    it('refuses a file too large with 413 and the limit, before or after reading it; nothing stored', async () => {
      const [files, stored] = [await blobFiles(), await rows()];
      const over = await upload('advisor', `/complaints/${complaintId}/attachments`, Buffer.concat([PDF, Buffer.alloc(MAX)]), 'big.pdf', 'application/pdf');
      assert.deepEqual([over.status, over.body.type, over.body.params], [413, 'https://ecoute.lu/problems/attachment-too-large', { maxBytes: MAX }]);
      const farOver = await upload('advisor', `/complaints/${complaintId}/attachments`, Buffer.concat([PDF, Buffer.alloc(200 * 1024)]), 'huge.pdf', 'application/pdf');
      assert.deepEqual([farOver.status, farOver.body.type, farOver.body.params], [413, 'https://ecoute.lu/problems/attachment-too-large', { maxBytes: MAX }], 'the body cap answers the same');
      assert.deepEqual([await blobFiles(), await rows()], [files, stored]);
    });

    it('refuses by content an executable declared as a PDF (415, the types allowed), and a body that is not multipart', async () => {
      const [files, stored] = [await blobFiles(), await rows()];
      const exe = await upload('advisor', `/complaints/${complaintId}/attachments`, EXE, 'facture.pdf', 'application/pdf');
      assert.deepEqual([exe.status, exe.body.type], [415, 'https://ecoute.lu/problems/attachment-type-not-allowed']);
      assert.match(exe.body.params.allowed, /application\/pdf/);
      const raw = await fetch(url(`/complaints/${complaintId}/attachments`), { method: 'POST', headers: { ...headers.advisor, 'content-type': 'application/pdf' }, body: PDF }).then(json);
      assert.deepEqual([raw.status, raw.body.type], [415, 'https://ecoute.lu/problems/unsupported-media-type']);
      const noFile = new FormData();
      noFile.append('file', 'just text, not a file');
      assert.equal((await fetch(url(`/complaints/${complaintId}/attachments`), { method: 'POST', headers: headers.advisor, body: noFile })).status, 400);
      assert.deepEqual([await blobFiles(), await rows()], [files, stored]);
    });

    it('answers 404 for an unknown complaint or attachment, 403 for another team’s complaint', async () => {
      assert.equal((await upload('advisor', '/complaints/no-such-complaint/attachments', PDF, 'a.pdf', 'application/pdf')).status, 404);
      assert.equal((await fetch(url(`/complaints/${complaintId}/attachments/no-such-attachment`), { headers: headers.advisor })).status, 404);
      const stranger = await upload('stranger', `/complaints/${complaintId}/attachments`, PDF, 'a.pdf', 'application/pdf');
      assert.deepEqual([stranger.status, stranger.body.type], [403, 'https://ecoute.lu/problems/forbidden']);
      const [first] = (await fetch(url(`/complaints/${complaintId}/attachments`), { headers: headers.advisor }).then(json)).body.items;
      assert.equal((await fetch(url(`/complaints/${complaintId}/attachments/${first.id}`), { headers: headers.stranger })).status, 403);
      assert.equal((await fetch(url(`/complaints/${complaintId}/attachments`), { headers: headers.stranger })).status, 403);
      assert.equal((await upload('cx', `/complaints/${complaintId}/attachments`, PDF, 'a.pdf', 'application/pdf')).status, 403, 'a CX manager reads, does not handle');
    });

    it('removes an attachment with its reason: a trace in its record and the timeline, its file gone', async () => {
      const added = (await upload('advisor', `/complaints/${complaintId}/attachments`, Buffer.from('Lettre reçue le 1er décembre\n'), 'lettre.txt', 'text/plain')).body;
      const remove = (body: unknown) => fetch(url(`/complaints/${complaintId}/attachments/${added.id}`), { method: 'DELETE', headers: { ...headers.advisor, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
      assert.equal((await remove({})).status, 400, 'a reason is required');
      const removed = await remove({ reason: 'Scanned twice' });
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.deepEqual([removed.body.removed.reason, removed.body.removed.by.name], ['Scanned twice', 'Anne Schmit']);
      const timeline = (await fetch(url(`/complaints/${complaintId}/timeline`), { headers: headers.advisor }).then(json)).body.items;
      assert.deepEqual([timeline.at(-1).action, timeline.at(-1).reason, timeline.at(-1).data.attachment.fileName], ['remove-attachment', 'Scanned twice', 'lettre.txt']);
      const gone = await fetch(url(`/complaints/${complaintId}/attachments/${added.id}`), { headers: headers.advisor }).then(json);
      assert.deepEqual([gone.status, gone.body.type], [410, 'https://ecoute.lu/problems/attachment-removed']);
      assert.equal((await remove({ reason: 'again' })).status, 409);
      const listed = (await fetch(url(`/complaints/${complaintId}/attachments`), { headers: headers.advisor }).then(json)).body.items;
      assert.deepEqual(listed.map((a: { fileName: string; removed: unknown }) => [a.fileName, a.removed !== null]), [['Facture novembre é.pdf', false], ['lettre.txt', true]]);
      assert.equal(await blobFiles(), 1, 'only the file still attached is kept');
    });

    it('describes the upload as multipart/form-data with a binary file in the OpenAPI description', async () => {
      const doc = await (await fetch(url('/openapi.json'))).json();
      const body = doc.paths['/api/v1/complaints/{id}/attachments'].post.requestBody;
      assert.equal(body.required, true);
      assert.deepEqual(body.content['multipart/form-data'].schema.properties.file, { type: 'string', format: 'binary', description: 'the file; its name is kept (cleaned) for display and download' });
      assert.ok(doc.paths['/api/v1/complaints/{id}/attachments/{attachmentId}'].get.responses['200'].content['application/pdf']);
    });
  });
}
