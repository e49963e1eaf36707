import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken, createUser } from '../auth/auth-service.js';
import { runEcoute, spawnEcoute } from '../cli/cli.testkit.js';
import { loadConfig } from '../config.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { startServer, type RunningServer } from '../server/server.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: false });

for (const engine of await testEngines()) {
  describe(`privacy rights over the API and the command line on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    /** the Authorization or Cookie header of each caller: people log in, the integration has a token */
    let tokens: Record<'admin' | 'advisor' | 'integration' | 'cx_manager', Record<string, string>>;
    let customerId: string;
    const api = (path: string, role: keyof typeof tokens, init: RequestInit = {}) =>
      fetch(`${server.url}/api/v1${path}`, {
        ...init,
        headers: { ...tokens[role], ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
    const audit = (action: string) =>
      storage.db.selectFrom('audit_log').select(['actor_kind', 'actor_id', 'via']).where('party_id', '=', customerId).where('action', '=', action).execute();

    /** A person of this role, logged in: privacy rights are exercised by people, no token scope covers them. */
    const personFor = async (role: 'admin' | 'advisor' | 'cx_manager') => {
      const email = `${role}@privacy.test`;
      await createUser(storage.db, { email, displayName: role, role, password: 'correct horse' });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }),
      });
      assert.equal(login.status, 200);
      return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };
    };

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      customerId = (await seedCustomer(storage.db)).id;
      server = await startServer({ storage, config, port: 0 });
      tokens = {
        admin: await personFor('admin'),
        advisor: await personFor('advisor'),
        integration: { authorization: `Bearer ${(await createApiToken(storage.db, 'cti', 'integration', ['recognition', 'contacts'])).token}` },
        cx_manager: await personFor('cx_manager'),
      };
      await recordInteraction(
        storage.db,
        { partyId: customerId, channel: 'phone', direction: 'inbound', startedAt: Date.now() - 60_000, advisorId: team.advisorId, phone: '+352621123456', notes: '=HYPERLINK("http://evil")' },
        7,
      );
      await storage.db.insertInto('sms_messages').values({
        id: newId(), survey_id: null, direction: 'in', purpose: 'reply', msisdn: '+352621123456', text: 'STOP', status: 'received', encoding: null, parts: null,
        gateway_ids: null, error: null, attempts: 0, created_at: Date.now(), updated_at: Date.now(),
      }).execute();
      await storage.db.insertInto('opt_outs').values({ msisdn: '+352621123456', opted_out_at: Date.now(), keyword: 'STOP' }).execute();
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('lets admins export, erase and everyone who reads cards see consents; others get 403', async () => {
      for (const role of ['advisor', 'cx_manager', 'integration'] as const) {
        assert.equal((await api(`/customers/${customerId}/export`, role)).status, 403, role);
        assert.equal((await api(`/customers/${customerId}/erasure`, role, { method: 'POST', body: JSON.stringify({ reason: 'x' }) })).status, 403, role);
      }
      assert.equal((await api(`/customers/${customerId}/consents`, 'integration')).status, 403);
      assert.equal((await api(`/customers/${customerId}/consents`, 'cx_manager', { method: 'PATCH', body: JSON.stringify({ marketing: true, channel: 'phone' }) })).status, 403);
      assert.equal((await fetch(`${server.url}/api/v1/customers/${customerId}/export`)).status, 401);
    });

    it('changes consents with their history (who, when, old → new, channel), and refuses bad input without writing', async () => {
      const bad = await api(`/customers/${customerId}/consents`, 'advisor', { method: 'PATCH', body: JSON.stringify({ channel: 'phone' }) });
      assert.equal(bad.status, 400);
      assert.equal((await bad.json()).errors[0].field, 'surveys');
      assert.equal((await api(`/customers/${customerId}/consents`, 'advisor', { method: 'PATCH', body: JSON.stringify({ marketing: true, channel: 'fax' }) })).status, 400);
      const changed = await api(`/customers/${customerId}/consents`, 'advisor', { method: 'PATCH', body: JSON.stringify({ marketing: true, surveys: true, channel: 'shop' }) });
      assert.equal(changed.status, 200);
      const body = await changed.json();
      assert.deepEqual([body.surveys, body.marketing], [true, true]);
      assert.equal(body.history.length, 1, 'surveys was already given: only marketing changed');
      assert.deepEqual({ ...body.history[0], changedAt: undefined }, { consent: 'marketing', from: false, to: true, channel: 'shop', changedAt: undefined, changedBy: { kind: 'user', id: body.history[0].changedBy.id, name: 'advisor' } });
      const read = await api(`/customers/${customerId}/consents`, 'cx_manager');
      assert.equal((await read.json()).history.length, 1);
      assert.equal((await audit('consent.change')).length, 1);
      const reads = await storage.db.selectFrom('audit_log').select('via').where('party_id', '=', customerId).where('via', '=', 'consents').execute();
      assert.equal(reads.length, 1);
    });

    it('exports everything held on the customer as JSON and as a zip of CSV files, and audits each export', async () => {
      const response = await api(`/customers/${customerId}/export`, 'admin');
      assert.equal(response.status, 200);
      const data = await response.json();
      assert.equal(data.customer.familyName, 'Weber');
      assert.deepEqual(data.lines.map((l: any) => l.msisdn), ['+352621123456']);
      assert.deepEqual(data.contactPoints.map((c: any) => c.value).sort(), ['+35226123456', 'marie.weber@example.lu']);
      assert.equal(data.contacts[0].notes, '=HYPERLINK("http://evil")');
      assert.deepEqual(data.smsMessages.map((m: any) => m.text), ['STOP']);
      assert.deepEqual(data.optOuts.map((o: any) => o.msisdn), ['+352621123456']);
      assert.equal(data.consentChanges.length, 1);
      assert.ok(data.auditTrail.some((a: any) => a.action === 'consent.change'));

      const zip = await api(`/customers/${customerId}/export?format=zip`, 'admin');
      assert.equal(zip.status, 200);
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
      assert.ok(['README.txt', 'customer.csv', 'contacts.csv', 'smsMessages.csv', 'optOuts.csv', 'auditTrail.csv', 'surveyAnswers.csv'].every((f) => f in files), Object.keys(files).join());
      // UTF-8 with a byte-order mark, so that spreadsheets read the accents
      assert.deepEqual([...files['contacts.csv']!.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const contacts = strFromU8(files['contacts.csv']!).replace(/^\ufeff/, '');
      assert.match(contacts, /^id,externalId,channel,direction,reasonCode,startedAt,endedAt,outcome,resolved,notes,phone,repeatOf\r?\n/);
      assert.match(contacts, /"'=HYPERLINK\(""http:\/\/evil""\)"/);
      assert.equal(strFromU8(files['surveyAnswers.csv']!).replace(/^\ufeff/, '').trim(), 'surveyId,contactId,score,scaleMin,scaleMax,category,resolved,comment,language,receivedAt');
      assert.match(strFromU8(files['lines.csv']!), /(^|,)\+352621123456(,|\r?\n)/m); // a plain number, never a formula
      assert.deepEqual((await audit('customer.export')).map((a) => a.via), ['api', 'api']);
    });

    it('exports and erases from the command line, recording the operating-system account', async () => {
      const json = await runEcoute(['customers', 'export', customerId], storage);
      assert.equal(json.status, 0, json.stderr);
      assert.equal(JSON.parse(json.stdout).customer.id, customerId);
      const dir = mkdtempSync(join(tmpdir(), 'ecoute-privacy-'));
      const out = join(dir, 'export.zip');
      const zip = await runEcoute(['customers', 'export', customerId, '--format', 'zip', '--out', out], storage);
      assert.equal(zip.status, 0, zip.stderr);
      assert.ok('customer.csv' in unzipSync(readFileSync(out)));
      rmSync(dir, { recursive: true, force: true });
      assert.equal((await runEcoute(['customers', 'export', customerId, '--format', 'zip'], storage)).status, 2);
      const unknown = await (engine.name === 'sqlite' ? spawnEcoute : runEcoute)(['customers', 'erase', 'nobody', '--reason', 'ticket 7'], storage);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /^error: No customer has id nobody/);
      const cliExports = (await audit('customer.export')).filter((a) => a.via === 'cli');
      assert.equal(cliExports.length, 2);
      assert.ok(cliExports.every((a) => a.actor_kind === 'system' && a.actor_id.startsWith('cli:')));
    });

    it('erases over the API (admins only), then refuses to erase again or to change the consents of an erased customer', async () => {
      // Without a body: a 400 naming what is missing; not as JSON: 415. Nothing erased.
      const noBody = await api(`/customers/${customerId}/erasure`, 'admin', { method: 'POST' });
      assert.equal(noBody.status, 400);
      const notJson = await fetch(`${server.url}/api/v1/customers/${customerId}/erasure`, { method: 'POST', headers: { ...tokens.admin, 'content-type': 'text/plain' }, body: 'reason=x' });
      assert.equal(notJson.status, 415);
      const missing = await api('/customers/nobody/erasure', 'admin', { method: 'POST', body: JSON.stringify({ reason: 'ticket 8' }) });
      assert.equal(missing.status, 404);
      assert.match((await missing.json()).detail, /No customer has id nobody/);
      const erased = await api(`/customers/${customerId}/erasure`, 'admin', { method: 'POST', body: JSON.stringify({ reason: 'request DPO-2026-115' }) });
      assert.equal(erased.status, 200);
      const body = await erased.json();
      assert.equal(body.customerId, customerId);
      assert.deepEqual([body.counts.contact_points, body.counts.opt_outs, body.counts.sms_messages], [2, 1, 1]);
      const card = await (await api(`/customers/${customerId}`, 'advisor')).json();
      assert.deepEqual([card.customer.displayName, card.contactPoints, card.interactions[0].notes], ['(erased)', [], null]);
      assert.equal((await api(`/customers/${customerId}/erasure`, 'admin', { method: 'POST', body: JSON.stringify({ reason: 'again' }) })).status, 409);
      assert.equal((await api(`/customers/${customerId}/consents`, 'advisor', { method: 'PATCH', body: JSON.stringify({ surveys: true, channel: 'phone' }) })).status, 409);
      const cli = await runEcoute(['customers', 'erase', customerId, '--reason', 'again'], storage);
      assert.equal(cli.status, 2);
      assert.match(cli.stderr, /already erased/);
    });
  });
}
