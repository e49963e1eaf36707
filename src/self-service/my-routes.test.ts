import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { customerSignIn } from './self-service.testkit.js';
import { importBills } from '../billing/bill-import.js';

const OWN = '+352621710001';
const OTHERS = '+352621710002';
const COMPANY = ['+352661710003', '+352661710004'];

for (const engine of await testEngines()) {
  describe(`the customer API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let teamId: string;
    let advisor: { cookie: string };

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      teamId = team.teamId;
      const own = await seedCustomer(storage.db, { familyName: 'Selbst', preferredLanguage: 'de', lines: [{ msisdn: OWN, plan: 'Love Duo' }], phones: [], emails: [] });
      await seedCustomer(storage.db, { familyName: 'Andere', lines: [{ msisdn: OTHERS, plan: 'Love Duo' }], phones: [], emails: [] });
      const company = await seedCustomer(storage.db, { kind: 'organisation', organisationName: 'Garage Sàrl', segment: 'business', lines: COMPANY.map((msisdn) => ({ msisdn, plan: 'Business' })), phones: [], emails: [] });
      const at = Date.now() - 3 * 86_400_000;
      await recordInteraction(storage.db, { externalId: 'my-1', partyId: own.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: at, endedAt: at + 60_000, advisorId: team.advisorId, phone: OWN, resolved: true }, 7);
      await recordInteraction(storage.db, { externalId: 'my-2', partyId: own.id, channel: 'shop', direction: 'inbound', reasonCode: 'billing', startedAt: at + 3_600_000, endedAt: at + 3_700_000, advisorId: team.advisorId, phone: null, resolved: false }, 7);
      await recordInteraction(storage.db, { externalId: 'my-3', partyId: company.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: at, endedAt: at + 60_000, advisorId: team.advisorId, phone: COMPANY[0]!, resolved: true }, 7);
      await recordInteraction(storage.db, { externalId: 'my-4', partyId: company.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: at + 1000, endedAt: at + 60_000, advisorId: team.advisorId, phone: COMPANY[1]!, resolved: true }, 7);
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      advisor = await loginHeaders(server.url, (await storage.db.selectFrom('users').select('email').where('id', '=', team.advisorId).executeTakeFirstOrThrow()).email);
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    /** Signs in with the code sent to `msisdn`; the session's cookie is the customer's own, for the customer API only. */
    async function signIn(msisdn: string): Promise<{ cookie: string }> {
      const { cookie, setCookie } = await customerSignIn(server.url, storage, msisdn);
      assert.match(setCookie, /ecoute_customer=.+; Path=\/api\/v1\/my; .*HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      return { cookie };
    }

    it('signs a customer in and shows their account and their lines only; another’s line is not found', async () => {
      const me = await signIn(OWN);
      const account = await callApi(server.url, me, '/my/account');
      assert.equal(account.status, 200);
      assert.equal(account.body.customer.displayName, 'Marie Selbst');
      assert.deepEqual(account.body.lines.map((l: { msisdn: string }) => l.msisdn), [OWN]);
      assert.equal((await callApi(server.url, me, `/my/lines/${encodeURIComponent(OWN)}/consumption`)).status, 200);
      assert.equal((await callApi(server.url, me, `/my/lines/${encodeURIComponent(OTHERS)}/consumption`)).status, 404);
    });

    it('keeps customers and staff apart: neither’s cookie opens the other’s routes', async () => {
      const me = await signIn(OWN);
      assert.equal((await callApi(server.url, me, '/customers?q=selbst')).status, 401);
      assert.equal((await callApi(server.url, advisor, '/my/account')).status, 401);
      const out = await callApi(server.url, me, '/my/sign-out', { method: 'POST' });
      assert.equal(out.status, 204);
      assert.equal((await callApi(server.url, me, '/my/account')).status, 401, 'the session ended');
    });

    it('lists the customer’s contacts newest first, a business’s line user their own number’s only', async () => {
      const me = await signIn(OWN);
      const contacts = await callApi(server.url, me, '/my/contacts');
      assert.deepEqual(contacts.body.items.map((c: { channel: string }) => c.channel), ['shop', 'phone']);
      assert.equal(contacts.body.items[0].resolved, false);
      assert.equal(contacts.body.items[0].reason.code, 'billing');
      const user = await signIn(COMPANY[0]!);
      const theirs = await callApi(server.url, user, '/my/contacts');
      assert.equal(theirs.body.items.length, 1, 'the line user sees the contacts of their number');
      assert.deepEqual((await callApi(server.url, user, '/my/account')).body.lines.map((l: { msisdn: string }) => l.msisdn), [COMPANY[0]]);
    });

    it('files a complaint from the app: on the app channel, by the customer, in their team’s queue, acknowledged like any other', async () => {
      const me = await signIn(OWN);
      const categories = await callApi(server.url, me, '/my/complaint-categories');
      const category = categories.body.items[0].code;
      const filed = await callApi(server.url, me, '/my/complaints', { body: { category, description: 'My bill shows roaming in Belgium; I never left Luxembourg.', msisdn: OWN } });
      assert.equal(filed.status, 201, JSON.stringify(filed.body));
      assert.match(filed.body.reference, /^\S+$/);
      const mine = await callApi(server.url, me, '/my/complaints');
      assert.deepEqual(mine.body.items.map((c: { reference: string; state: string; channel: string; line: string }) => [c.reference, c.state, c.channel, c.line]), [[filed.body.reference, 'received', 'app', OWN]]);
      const stored = await storage.db.selectFrom('cases').innerJoin('case_events', 'case_events.case_id', 'cases.id').select(['cases.team_id', 'case_events.actor_kind']).where('cases.id', '=', filed.body.id).executeTakeFirstOrThrow();
      assert.deepEqual(stored, { team_id: teamId, actor_kind: 'customer' });
      // the advisor's team sees it
      const staff = await callApi(server.url, advisor, `/complaints/${filed.body.id}`);
      assert.equal(staff.status, 200);
    });

    it('refuses a complaint about another’s line or in no category, naming each field, and files nothing', async () => {
      const me = await signIn(OWN);
      const before = (await callApi(server.url, me, '/my/complaints')).body.items.length;
      const refused = await callApi(server.url, me, '/my/complaints', { body: { category: 'nope', description: 'Something is wrong with my line.', msisdn: OTHERS } });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['category', 'not-one-of'], ['msisdn', 'not-your-line']]);
      assert.equal((await callApi(server.url, me, '/my/complaints')).body.items.length, before);
    });

    it('shows the account holder their bills, newest first, and not a business’s line user', async () => {
      const account = await storage.db.selectFrom('accounts').innerJoin('parties', 'parties.id', 'accounts.party_id').select('accounts.account_number').where('parties.family_name', '=', 'Selbst').executeTakeFirstOrThrow();
      const billOf = (number: string, month: string, paidAt: string | null) => ({
        billNumber: number, accountNumber: account.account_number, periodStart: `2026-${month}-01`, periodEnd: `2026-${month}-28`, amountCents: 4599,
        issuedOn: `2026-${month}-28`, dueOn: `2026-${month}-28`, paidAt, pdfUrl: `https://billing.example.lu/${number}.pdf`,
      });
      const report = await importBills(storage.db, [billOf('F-10', '10', '2026-11-05'), billOf('F-11', '11', null)]);
      assert.equal(report.refused.length, 0, JSON.stringify(report.refused));
      const me = await signIn(OWN);
      const bills = await callApi(server.url, me, '/my/bills');
      assert.equal(bills.status, 200);
      assert.deepEqual(bills.body.items.map((b: { billNumber: string; paid: boolean; pdfUrl: string }) => [b.billNumber, b.paid, b.pdfUrl]), [
        ['F-11', false, 'https://billing.example.lu/F-11.pdf'],
        ['F-10', true, 'https://billing.example.lu/F-10.pdf'],
      ]);
      const user = await signIn(COMPANY[0]!);
      assert.equal((await callApi(server.url, user, '/my/bills')).status, 403);
    });

    it('lets the account holder choose the roaming spending limit of a line, not a business’s line user', async () => {
      const me = await signIn(OWN);
      const chosen = await callApi(server.url, me, `/my/lines/${encodeURIComponent(OWN)}/roaming-limit`, { method: 'PUT', body: { limitCents: 20_000 } });
      assert.equal(chosen.status, 200);
      assert.deepEqual([chosen.body.roamingLimit.limitCents, chosen.body.roamingLimit.off], [20_000, false]);
      const odd = await callApi(server.url, me, `/my/lines/${encodeURIComponent(OWN)}/roaming-limit`, { method: 'PUT', body: { limitCents: 1 } });
      assert.deepEqual([odd.status, odd.body.errors?.[0]?.code], [400, 'not-one-of']);
      assert.equal((await callApi(server.url, me, `/my/lines/${encodeURIComponent(OTHERS)}/roaming-limit`, { method: 'PUT', body: { off: true } })).status, 404);
      const user = await signIn(COMPANY[0]!);
      assert.equal((await callApi(server.url, user, `/my/lines/${encodeURIComponent(COMPANY[0]!)}/roaming-limit`, { method: 'PUT', body: { off: true } })).status, 403);
    });

    it('lets the customer withdraw the surveys from the app, recorded as theirs; a business’s line user may not', async () => {
      const me = await signIn(OWN);
      const before = await callApi(server.url, me, '/my/consents');
      assert.equal(before.status, 200);
      const changed = await callApi(server.url, me, '/my/consents', { method: 'PUT', body: { surveys: false } });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.surveys, false);
      assert.deepEqual(
        { consent: changed.body.history[0].consent, to: changed.body.history[0].to, channel: changed.body.history[0].channel, by: changed.body.history[0].changedBy.kind },
        { consent: 'surveys', to: false, channel: 'app', by: 'customer' },
      );
      const bad = await callApi(server.url, me, '/my/consents', { method: 'PUT', body: { surveys: 'no' } });
      assert.equal(bad.status, 400);
      const user = await signIn(COMPANY[0]!);
      const refused = await callApi(server.url, user, '/my/consents', { method: 'PUT', body: { marketing: true } });
      assert.equal(refused.status, 403);
      assert.match(refused.body.type, /account-holder-only$/);
    });

    it('gives the customer their data (GDPR art. 15), as JSON or zip, and records the export as theirs', async () => {
      const me = await signIn(OWN);
      const data = await callApi(server.url, me, '/my/data-export?format=json');
      assert.equal(data.status, 200);
      assert.equal(data.body.customer.displayName, 'Marie Selbst');
      assert.deepEqual(data.body.lines.map((l: { msisdn: string }) => l.msisdn), [OWN]);
      assert.ok(JSON.stringify(data.body).includes(OWN), 'their line is in it');
      assert.ok(!JSON.stringify(data.body).includes(OTHERS), 'nobody else’s');
      const zip = await fetch(`${server.url}/api/v1/my/data-export`, { headers: me });
      assert.equal(zip.headers.get('content-type'), 'application/zip');
      assert.match(zip.headers.get('content-disposition') ?? '', /attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.zip"/);
      const trail = await storage.db.selectFrom('audit_log').select(['actor_kind', 'via']).where('action', '=', 'customer.export').execute();
      assert.ok(trail.length >= 2 && trail.every((r) => r.actor_kind === 'customer'));
    });
  });
}
