import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const HEADER = 'bill_number,account_number,period_start,period_end,amount_cents,issued_on,due_on,paid_at,pdf_url';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const engine of await testEngines()) {
  describe(`bills API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let billing: Record<string, string>;
    let admin: Record<string, string>;
    let advisor: Record<string, string>;
    let partyId: string;
    let account: string;
    const bill = (number: string, overrides: Record<string, unknown> = {}) => ({
      billNumber: number, accountNumber: account, periodStart: day(-70), periodEnd: day(-41), amountCents: 4599, issuedOn: day(-40), dueOn: day(-10),
      paidAt: null, pdfUrl: `https://billing.example.lu/${number}.pdf`, ...overrides,
    });
    const send = (body: string, type: string, query = '', headers = billing) =>
      fetch(`${server.url}/api/v1/bills${query}`, { method: 'POST', headers: { ...headers, 'content-type': type }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));

    before(async () => {
      storage = await engine.open();
      const { teamId } = await seedTeam(storage.db);
      const customer = await seedCustomer(storage.db, { familyName: 'Rechnung', lines: [{ msisdn: '+352621810001', plan: 'Love Duo' }], phones: [], emails: [] });
      partyId = customer.id;
      account = `A${customer.customerNumber}`;
      await createUser(storage.db, { email: 'admin@bills.test', displayName: 'Admin', role: 'admin', teamId: null, password: 'correct horse' });
      await createUser(storage.db, { email: 'advisor@bills.test', displayName: 'Advisor', role: 'advisor', teamId, password: 'correct horse' });
      billing = { authorization: `Bearer ${(await createApiToken(storage.db, 'billing', 'integration', ['billing'])).token}` };
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      admin = await loginHeaders(server.url, 'admin@bills.test');
      advisor = await loginHeaders(server.url, 'advisor@bills.test');
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('takes bills as JSON, and answers the same batch again as unchanged and a paid bill as updated', async () => {
      const batch = [bill('J-1'), bill('J-2', { periodStart: day(-40), periodEnd: day(-11), issuedOn: day(-10), dueOn: day(20) })];
      const first = await send(JSON.stringify(batch), 'application/json');
      assert.equal(first.status, 200);
      assert.deepEqual([first.body.created, first.body.updated, first.body.unchanged, first.body.written], [2, 0, 0, true]);
      const again = await send(JSON.stringify({ bills: batch }), 'application/json');
      assert.deepEqual([again.status, again.body.created, again.body.unchanged], [200, 0, 2]);
      const paid = await send(JSON.stringify([{ ...batch[0], paidAt: day(-12) }]), 'application/json');
      assert.deepEqual([paid.body.updated, paid.body.unchanged], [1, 0]);
    });

    it('takes bills as CSV with the same checks, and names a refused row by its line and column', async () => {
      const csv = [HEADER, `C-1,${account},${day(-100)},${day(-71)},3599,${day(-70)},${day(-40)},${day(-45)},`, `C-2,${account},${day(-130)},${day(-101)},3599,${day(-100)},${day(-70)},yes,`].join('\n');
      const ok = await send(csv, 'text/csv');
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.created, ok.body.written], [2, true]);
      const bad = [HEADER, `C-3,${account},${day(-160)},${day(-131)},12.5,${day(-130)},${day(-100)},,http://billing.example.lu/C-3.pdf`, `C-4,A-NOBODY,${day(-160)},${day(-131)},100,${day(-130)},${day(-100)},,`].join('\n');
      const refused = await send(bad, 'text/csv');
      assert.equal(refused.status, 422);
      assert.equal(refused.body.type, 'https://ecoute.lu/problems/bills-refused');
      assert.deepEqual(refused.body.params, { count: 2 });
      assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['line 2, amount_cents:not-whole-number', 'line 2, pdf_url:not-https', 'line 3, account_number:unknown-account']);
      const missing = await send('bill_number,account_number\nC-5,A1', 'text/csv');
      assert.deepEqual([missing.status, missing.body.type], [400, 'https://ecoute.lu/problems/invalid-header']);
    });

    it('refuses a JSON batch with a bad bill as a whole (422 naming bills[i].field), unless skipInvalid', async () => {
      const old = { periodStart: day(-200), periodEnd: day(-171), issuedOn: day(-170) };
      const lines = JSON.stringify([bill('S-1', { ...old, dueOn: day(-140) }), 'not a bill', bill('S-2', { ...old, dueOn: day(-180) })]);
      const refused = await send(lines, 'application/json');
      assert.equal(refused.status, 422);
      assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`), ['bills[1]:wrong-type', 'bills[2].dueOn:due-before-issue']);
      assert.equal(await storage.db.selectFrom('bills').select('id').where('bill_number', '=', 'S-1').executeTakeFirst(), undefined, 'nothing recorded');
      const skipped = await send(lines, 'application/json', '?skipInvalid=true');
      assert.deepEqual([skipped.status, skipped.body.created, skipped.body.refused.map((r: { index: number }) => r.index)], [200, 1, [1, 2]]);
    });

    it('answers 400 to a body that is not JSON, 415 to another media type and 413 past 10,000 bills', async () => {
      assert.equal((await send('[{', 'application/json')).status, 400);
      assert.equal((await send('{"x":1}', 'application/json')).status, 400);
      assert.equal((await send('a', 'text/plain')).status, 415);
      const many = Array.from({ length: 10_001 }, (_, i) => bill(`M-${i}`));
      const big = await send(JSON.stringify(many), 'application/json');
      assert.deepEqual([big.status, big.body.params], [413, { maximum: 10_000 }]);
    });

    it('refuses bills from a person and from a token without the billing scope', async () => {
      const crm = { authorization: `Bearer ${(await createApiToken(storage.db, 'crm', 'integration', ['customers'])).token}` };
      for (const headers of [advisor, crm]) assert.equal((await send('[]', 'application/json', '', headers)).status, 403);
      assert.equal((await send('[]', 'application/json', '', admin)).status, 200, 'an administrator may send bills');
    });

    it('shows a customer’s bills newest first to whoever reads cards, as an audited read', async () => {
      const page = await callApi(server.url, advisor, `/customers/${partyId}/bills?limit=2`);
      assert.equal(page.status, 200);
      assert.deepEqual(page.body.items.map((b: { billNumber: string }) => b.billNumber), ['J-2', 'J-1']);
      const [latest, older] = page.body.items;
      assert.deepEqual(latest, {
        billNumber: 'J-2', accountNumber: account, period: { start: day(-40), end: day(-11) }, amountCents: 4599, currency: 'EUR', issuedOn: day(-10), dueOn: day(20),
        paid: false, paidAt: null, status: 'due', pdfUrl: 'https://billing.example.lu/J-2.pdf',
      });
      assert.deepEqual([older.paid, older.status], [true, 'paid']);
      assert.ok(page.body.next);
      const rest = await callApi(server.url, advisor, `/customers/${partyId}/bills?before=${encodeURIComponent(page.body.next)}`);
      assert.deepEqual(rest.body.items.map((b: { billNumber: string }) => b.billNumber), ['C-1', 'C-2', 'S-1']);
      assert.equal(rest.body.next, null);
      const audit = await storage.db.selectFrom('audit_log').select(['party_id', 'action', 'actor_kind']).where('via', '=', 'bills').execute();
      assert.deepEqual(audit, [{ party_id: partyId, action: 'customer.read', actor_kind: 'user' }, { party_id: partyId, action: 'customer.read', actor_kind: 'user' }]);
      assert.equal((await callApi(server.url, advisor, '/customers/no-such-customer/bills')).status, 404);
      assert.equal((await callApi(server.url, billing, `/customers/${partyId}/bills`)).status, 200, 'the billing scope reads bills');
      const nps = { authorization: `Bearer ${(await createApiToken(storage.db, 'nps', 'cx_manager', ['nps'])).token}` };
      assert.equal((await callApi(server.url, nps, `/customers/${partyId}/bills`)).status, 403);
    });

    it('puts the bills in the customer’s data export, and keeps them when the customer is erased', async () => {
      const exported = await callApi(server.url, admin, `/customers/${partyId}/export`);
      assert.equal(exported.status, 200);
      assert.deepEqual(exported.body.bills.map((b: { billNumber: string }) => b.billNumber), ['S-1', 'C-2', 'C-1', 'J-1', 'J-2']);
      assert.equal(exported.body.bills.find((b: { billNumber: string }) => b.billNumber === 'J-2').dueOn, day(20));
      const before = await storage.db.selectFrom('bills').selectAll().orderBy('bill_number').execute();
      const erased = await callApi(server.url, admin, `/customers/${partyId}/erasure`, { body: { reason: 'request DPO-2027-1' } });
      assert.equal(erased.status, 200);
      assert.deepEqual(await storage.db.selectFrom('bills').selectAll().orderBy('bill_number').execute(), before, 'accounting records stay');
      const late = await send(JSON.stringify([bill('L-1')]), 'application/json');
      assert.deepEqual([late.status, late.body.errors[0].code], [422, 'unknown-account'], 'an erased account takes no new bill');
    });
  });
}
