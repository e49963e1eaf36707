import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { auditCustomerRead } from '../auth/audit.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: true, fcrWindowDays: 7 });
const STUDY_CSV = 'firm,study,period,segment,n,promoters,passives,detractors\nInstitut Alzette,Baromètre,2025-Q1,residential,1000,45%,30%,25%\n';

/** The administration API behind the console's administration pages, and the audit trail of what administrators do. */
for (const engine of await testEngines()) {
  describe(`administration actions and their audit trail on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let customer: { id: string; customerNumber: string };
    const cookies = new Map<string, string>();
    const ids = new Map<string, string>();

    const call = (path: string, role: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookies.get(role)!);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
    };
    const trail = (action: string) =>
      storage.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject', 'via', 'party_id']).where('action', '=', action).orderBy('id').execute();
    const reasons = async () =>
      ((await (await call('/reasons?includeInactive=true&lang=en', 'admin')).json()) as { items: { code: string; label: string; active: boolean; sortOrder: number; parentCode: string | null }[] }).items;

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      customer = await seedCustomer(storage.db);
      server = await startServer({ storage, config, port: 0 });
      for (const role of ['admin', 'dpo', 'cx_manager', 'advisor'] as const) {
        const email = `${role}@admin-actions.test`;
        ids.set(role, await createUser(storage.db, { email, displayName: `Pat ${role}`, role, teamId: team.teamId, password: 'correct horse' }));
        const login = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }),
        });
        assert.equal(login.status, 200);
        cookies.set(role, (login.headers.get('set-cookie') ?? '').split(';')[0]!);
      }
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('lists the scopes that fit each role beside the tokens, and records who created and revoked a token', async () => {
      const list = await (await call('/tokens', 'admin')).json();
      assert.ok(list.scopesByRole.integration.includes('recognition'));
      assert.ok(list.scopesByRole.dpo.includes('audit'));
      assert.ok(!list.scopesByRole.dpo.includes('recognition'), 'a dpo token may not recognise callers');
      const created = await (await call('/tokens', 'admin', { method: 'POST', body: JSON.stringify({ name: 'CTI', role: 'integration', scopes: ['recognition'] }) })).json();
      assert.match(created.value, /^ect_/);
      assert.equal((await call(`/tokens/${created.token.id}`, 'admin', { method: 'DELETE' })).status, 200);
      // revoking again changes nothing, and records nothing more
      assert.equal((await call(`/tokens/${created.token.id}`, 'admin', { method: 'DELETE' })).status, 200);
      assert.deepEqual(await trail('token.create'), [{ actor_id: ids.get('admin'), action: 'token.create', subject: `token:${created.token.id}`, via: 'api', party_id: null }]);
      assert.deepEqual(await trail('token.revoke'), [{ actor_id: ids.get('admin'), action: 'token.revoke', subject: `token:${created.token.id}`, via: 'api', party_id: null }]);
    });

    it('creates a reason after the last one, edits its labels keeping its order and state, deactivates it, moves it, each change in the trail', async () => {
      const before = await reasons();
      const last = Math.max(...before.map((r) => r.sortOrder));
      const put = (code: string, body: unknown) => call(`/reasons/${code}`, 'cx_manager', { method: 'PUT', body: JSON.stringify(body) });
      assert.equal((await put('esim', { labels: { fr: 'eSIM', de: 'eSIM', en: 'eSIM' } })).status, 204);
      let esim = (await reasons()).find((r) => r.code === 'esim')!;
      assert.deepEqual(esim, { ...esim, active: true, sortOrder: last + 10, parentCode: null });

      assert.equal((await put('esim', { labels: { fr: 'eSIM et QR', de: 'eSIM und QR', en: 'eSIM and QR code' } })).status, 204);
      esim = (await reasons()).find((r) => r.code === 'esim')!;
      assert.equal(esim.label, 'eSIM and QR code');
      assert.equal(esim.sortOrder, last + 10, 'editing the labels keeps the place');

      assert.equal((await put('esim', { labels: { fr: 'eSIM et QR', de: 'eSIM und QR', en: 'eSIM and QR code' }, active: false })).status, 204);
      assert.equal((await reasons()).find((r) => r.code === 'esim')!.active, false);
      assert.equal((await (await call('/reasons?lang=en', 'advisor')).json()).items.some((r: { code: string }) => r.code === 'esim'), false, 'an inactive reason is not offered');

      const order = (list: { code: string }[]) => list.map((r) => r.code);
      const beforeMove = order(await reasons());
      assert.equal((await call('/reasons/esim/move', 'cx_manager', { method: 'POST', body: JSON.stringify({ direction: 'up' }) })).status, 204);
      const moved = order(await reasons());
      const at = beforeMove.indexOf('esim');
      assert.deepEqual(moved, [...beforeMove.slice(0, at - 1), 'esim', beforeMove[at - 1], ...beforeMove.slice(at + 1)]);
      // the first one cannot go higher: nothing changes
      assert.equal((await call(`/reasons/${moved[0]}/move`, 'cx_manager', { method: 'POST', body: JSON.stringify({ direction: 'up' }) })).status, 204);
      assert.deepEqual(order(await reasons()), moved);
      assert.equal((await call('/reasons/nope/move', 'cx_manager', { method: 'POST', body: JSON.stringify({ direction: 'up' }) })).status, 404);
      assert.equal((await call('/reasons/esim/move', 'advisor', { method: 'POST', body: JSON.stringify({ direction: 'up' }) })).status, 403);

      assert.deepEqual((await trail('reason.create')).map((r) => [r.actor_id, r.subject]), [[ids.get('cx_manager'), 'reason:esim']]);
      assert.deepEqual((await trail('reason.change')).map((r) => [r.actor_id, r.subject]), [[ids.get('cx_manager'), 'reason:esim'], [ids.get('cx_manager'), 'reason:esim']]);
      assert.deepEqual((await trail('reason.move')).map((r) => r.subject), ['reason:esim'], 'a move that changes nothing is not recorded');
    });

    it('records an import of studies that wrote some (not a dry run) and a deletion', async () => {
      const upload = (query: string) => call(`/studies/import${query}`, 'cx_manager', { method: 'POST', body: STUDY_CSV, headers: { 'content-type': 'text/csv' } });
      assert.equal((await upload('?dryRun=true&fileName=panel.csv')).status, 200);
      assert.deepEqual(await trail('study.import'), []);
      assert.equal((await (await upload('?fileName=panel.csv')).json()).imported, 1);
      assert.deepEqual((await trail('study.import')).map((r) => [r.actor_id, r.subject]), [[ids.get('cx_manager'), 'study:panel.csv']]);
      const [study] = (await (await call('/studies', 'cx_manager')).json()).items;
      assert.equal((await call(`/studies/${study.id}`, 'cx_manager', { method: 'DELETE' })).status, 200);
      assert.deepEqual((await trail('study.delete')).map((r) => [r.actor_id, r.subject]), [[ids.get('cx_manager'), `study:${study.id}`]]);
    });

    it('names every error of a refused file with a stable code and its values, for the console to word', async () => {
      const bad = 'firm,study,period,segment,n,promoters,passives,detractors\nInstitut Alzette,Panel,2025-Q5,residential,0,45%,30%,25%\n';
      const response = await call('/studies/import?fileName=bad.csv', 'cx_manager', { method: 'POST', body: bad, headers: { 'content-type': 'text/csv' } });
      assert.equal(response.status, 422);
      const problem = await response.json();
      assert.deepEqual(
        problem.errors.map((e: { field: string; code: string; params: unknown }) => [e.field, e.code, e.params]),
        [['line 2, period', 'not-a-period', { value: '2025-Q5' }], ['line 2, n', 'n-not-positive', { value: '0' }]],
      );
      assert.deepEqual(await trail('study.import').then((rows) => rows.map((r) => r.subject)), ['study:panel.csv'], 'a refused file is not recorded as imported');
    });

    it('filters the trail by action, by part of a reader\'s name and by customer number, and shows what an action was on', async () => {
      await auditCustomerRead(storage.db, { kind: 'user', id: ids.get('advisor')!, role: 'advisor', displayName: 'Pat advisor', teamId: null, language: 'fr' }, customer.id, 'card');
      const page = async (query: string) => (await (await call(`/audit?${query}`, 'dpo')).json()).items as Record<string, unknown>[];
      const tokens = await page('action=token.create');
      assert.equal(tokens.length, 1);
      assert.equal(tokens[0]!.phone, null);
      assert.equal((tokens[0]!.target as { kind: string }).kind, 'token');
      assert.match((tokens[0]!.target as { id: string }).id, /^[0-9a-f-]{36}$/);
      const byName = await page('who=ADVISOR&action=customer.read');
      assert.deepEqual(byName.map((e) => [e.customerId, e.customerNumber, (e.reader as { name: string }).name]), [[customer.id, customer.customerNumber, 'Pat advisor']]);
      assert.deepEqual((await page(`customer=${encodeURIComponent(customer.customerNumber)}&action=customer.read`)).map((e) => e.customerId), [customer.id]);
      assert.equal((await page('who=nobody-has-this-name')).length, 0);
      assert.equal((await call('/audit?action=customer.sneeze', 'dpo')).status, 400);
    });

    it('exports the filtered trail as CSV, newest first, and records the export as a reading of the trail', async () => {
      const readingsBefore = (await trail('audit.read')).length;
      const response = await call(`/audit/export?action=reason.change`, 'dpo');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(response.headers.get('content-disposition') ?? '', /audit-trail\.csv/);
      const lines = (await response.text()).trim().split('\n');
      assert.equal(lines[0], 'at,reader_kind,reader_id,reader_name,action,customer_id,customer_number,subject,via');
      assert.equal(lines.length, 3);
      assert.ok(lines.slice(1).every((l) => l.includes(',reason.change,,,reason:esim,api')));
      assert.ok(lines[1]! >= lines[2]!, 'newest first');
      assert.equal((await trail('audit.read')).length, readingsBefore + 1);
      assert.equal((await call('/audit/export', 'cx_manager')).status, 403);
    });
  });
}
