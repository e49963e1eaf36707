import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import type { Role } from '../storage/schema.js';

const config = loadConfig({ demoMode: false });
const HEADER = 'firm,study,period,segment,n,promoters,passives,detractors';

for (const engine of await testEngines()) {
  describe(`studies API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    const tokens = new Map<Role, string>();

    const api = (path: string, role: Role | undefined, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (role) headers.set('authorization', `Bearer ${tokens.get(role)}`);
      return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
    };
    const upload = (query: string, body: string, role: Role = 'cx_manager', contentType = 'text/csv; charset=utf-8') =>
      api(`/studies/import${query}`, role, { method: 'POST', body, headers: { 'content-type': contentType } });
    const count = async () =>
      Number((await storage.db.selectFrom('external_studies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      for (const role of ['cx_manager', 'team_lead', 'advisor'] as const) tokens.set(role, (await createApiToken(storage.db, role, role, role === 'advisor' ? ['recognition'] : ['studies'])).token);
      server = await startServer({ storage, config, port: 0 });
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('imports a CSV body and lists the studies, marked external, each with its NPS and interval', async () => {
      const body = [HEADER, 'Institut Alzette,Baromètre,2025-Q1,residential,1000,45%,30%,25%', 'Institut Alzette,Baromètre,2025-Q1,business,500,40%,35%,25%'].join('\n');
      const response = await upload('?fileName=alzette-2025.csv', body);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), {
        status: 'imported', rows: 2, valid: 2, imported: 2, rejected: 0, duplicates: 0, errorCount: 0, errors: [],
      });

      const list = await api('/studies?from=2025-01-01&to=2025-12-31&segment=residential', 'team_lead');
      assert.equal(list.status, 200);
      const { items } = await list.json();
      assert.equal(items.length, 1);
      assert.deepEqual(
        [items[0].source, items[0].firm, items[0].period, items[0].n, items[0].nps, items[0].ci95, items[0].sourceFile],
        ['external', 'Institut Alzette', { start: '2025-01-01', end: '2025-03-31', label: '2025-Q1' }, 1000, 20, { low: 14.91, high: 24.97 }, 'alzette-2025.csv'],
      );

      const again = await upload('', body);
      assert.equal(again.status, 200);
      assert.deepEqual(((await again.json()) as { duplicates: number }).duplicates, 2);
      assert.equal(await count(), 2);
    });

    it('answers 422 with every row error, and imports nothing; skipInvalid imports the valid rows; dryRun writes nothing', async () => {
      const body = [HEADER, 'Moselle Research,Panel,2025,residential,1200,50%,30%,20%', 'Moselle Research,Panel,2025,business,-3,45%,30%,22%'].join('\n');
      const rejected = await upload('', body);
      assert.equal(rejected.status, 422);
      assert.equal(rejected.headers.get('content-type'), 'application/problem+json');
      const problem = await rejected.json();
      assert.match(problem.type, /invalid-rows$/);
      assert.equal(problem.detail, 'Nothing was imported: 1 row has errors; fix it, or send the file again with skipInvalid=true to import the 1 valid row.');
      assert.deepEqual(problem.errors, [
        { field: 'line 3', reason: 'promoters + passives + detractors = 97.0%, expected 100% (± 0.5)', code: 'shares-total', params: { total: 97, tolerance: 0.5 } },
        { field: 'line 3, n', reason: 'must be a positive whole number, got "-3"', code: 'n-not-positive', params: { value: '-3' } },
      ]);
      assert.equal(await count(), 2);

      const dry = await upload('?dryRun=true&skipInvalid=true', body);
      assert.equal(dry.status, 200);
      assert.deepEqual(((await dry.json()) as { status: string; valid: number }).status, 'validated');
      assert.equal(await count(), 2);

      const skipped = await upload('?skipInvalid=true', body);
      assert.equal(skipped.status, 200);
      const report = await skipped.json();
      assert.deepEqual([report.status, report.imported, report.rejected, report.errorCount], ['imported', 1, 1, 2]);
      assert.deepEqual(report.errors[1], { line: 3, field: 'n', reason: 'must be a positive whole number, got "-3"' });
      assert.equal(await count(), 3);
    });

    it('answers 400 for a file it cannot read, 415 for another content type', async () => {
      const header = await upload('?fileName=panel.csv', 'firm,study,period,respondents\nA,B,2025,100');
      assert.equal(header.status, 400);
      const problem = await header.json();
      assert.match(problem.type, /invalid-header$/);
      assert.match(problem.detail, /^panel\.csv, line 1 \(header\): unknown column "respondents"/);

      const empty = await upload('', '');
      assert.equal(empty.status, 400);
      assert.match((await empty.json()).detail, /^upload\.csv: the first line must name the columns/);

      const broken = await upload('', `${HEADER}\nA,"B,2025,,100,50%,30%,20%`);
      assert.equal(broken.status, 400);
      assert.match((await broken.json()).detail, /line 2: a value opens a double quote that is never closed/);

      assert.equal((await upload('', '{}', 'cx_manager', 'application/json')).status, 415);
      assert.equal(await count(), 3);
    });

    it('lets only CX managers and admins import, and refuses a bad range naming the parameter', async () => {
      assert.equal((await upload('', `${HEADER}\nA,B,2025,,100,50%,30%,20%`, 'advisor')).status, 403);
      assert.equal((await upload('', `${HEADER}\nA,B,2025,,100,50%,30%,20%`, 'team_lead')).status, 403);
      assert.equal((await api('/studies', 'advisor')).status, 403);
      assert.equal((await api('/studies', undefined)).status, 401);
      assert.equal(await count(), 3);

      const bad = await api('/studies?from=2025-02-30', 'team_lead');
      assert.equal(bad.status, 400);
      assert.deepEqual((await bad.json()).errors, [{ field: 'from', reason: 'must be a date YYYY-MM-DD, got "2025-02-30"', code: 'invalid-format', params: { format: 'date' } }]);
      assert.equal((await api('/studies?from=2025-12-01&to=2025-01-01', 'team_lead')).status, 400);
    });

    it('deletes a study for CX managers and admins only, answering what was deleted, 404 for an unknown id', async () => {
      const { items } = await (await api('/studies?segment=business', 'cx_manager')).json();
      const study = items.find((s: { firm: string }) => s.firm === 'Moselle Research') ?? items[0];
      assert.equal((await api(`/studies/${study.id}`, 'team_lead', { method: 'DELETE' })).status, 403);
      assert.equal(await count(), 3);
      const deleted = await api(`/studies/${study.id}`, 'cx_manager', { method: 'DELETE' });
      assert.equal(deleted.status, 200);
      assert.deepEqual(await deleted.json(), study);
      assert.equal(await count(), 2);
      const again = await api(`/studies/${study.id}`, 'cx_manager', { method: 'DELETE' });
      assert.equal(again.status, 404);
      assert.match((await again.json()).detail, /^No external study has id /);
      // Imported again, as after a correction: the count is back.
      const body = [HEADER, `${study.firm},${study.study},${study.period.label},${study.segment},${study.n},${study.promoters * 100}%,${study.passives * 100}%,${study.detractors * 100}%`].join('\n');
      assert.equal(((await (await upload('', body)).json()) as { imported: number }).imported, 1);
      assert.equal(await count(), 3);
    });

    it('describes the routes in the OpenAPI document', async () => {
      const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      assert.ok(doc.paths['/api/v1/studies'].get);
      assert.ok(doc.paths['/api/v1/studies/import'].post.requestBody.content['text/csv']);
      assert.ok(doc.paths['/api/v1/studies/{id}'].delete);
    });

    // Last: the server answers without reading the whole body, and closes the connection.
    it('answers 413 for a file over the import cap (8 MiB), reading no further', async () => {
      const large = await upload('', `${HEADER}\n${'A,B,2025,,100,50%,30%,20%\n'.repeat(400_000)}`);
      assert.equal(large.status, 413);
      assert.equal(await count(), 3);
    });
  });
}
