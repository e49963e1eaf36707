import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { importBills } from './bill-import.js';
import { accountBills } from './bill-queries.js';
import { checkBill, type BillInput } from './bill-rows.js';

const NOW = Date.parse('2026-12-20T10:00:00Z');
const bill = (number: string, account: string, overrides: Partial<BillInput> = {}): BillInput => ({
  billNumber: number, accountNumber: account, periodStart: '2026-11-01', periodEnd: '2026-11-30', amountCents: 4599,
  issuedOn: '2026-12-01', dueOn: '2026-12-31', paidAt: null, pdfUrl: `https://billing.example.lu/bills/${number}.pdf`, ...overrides,
});
const codes = (input: BillInput) => {
  const checked = checkBill(input, NOW);
  return 'issues' in checked ? checked.issues.map((i) => `${i.field}:${i.code}`) : [];
};

describe('the checks of one bill', () => {
  it('takes a valid bill, a credit note and a payment given as a day, a time or true', () => {
    assert.deepEqual(codes(bill('F-1', 'A1')), []);
    assert.deepEqual(codes(bill('F-2', 'A1', { amountCents: -1200 })), []);
    assert.deepEqual(codes(bill('F-3', 'A1', { amountCents: '4599', paidAt: '2026-12-10' })), []);
    assert.deepEqual(codes(bill('F-4', 'A1', { paidAt: '2026-12-10T09:15:00+01:00', paid: true })), []);
    assert.deepEqual(codes(bill('F-5', 'A1', { paid: true, pdfUrl: undefined, currency: 'eur' })), []);
  });

  it('names every wrong field with its code', () => {
    assert.deepEqual(
      codes({
        billNumber: 'F 1', accountNumber: '', periodStart: '2026-11-31', periodEnd: '2026-11-30', amountCents: 12.5, currency: 'USD',
        issuedOn: '2026-12-21', dueOn: '2026-12-01', paidAt: 'yesterday', pdfUrl: 'http://billing.example.lu/F1.pdf',
      }),
      [
        'billNumber:invalid-format', 'accountNumber:required', 'periodStart:invalid-format', 'amountCents:not-whole-number', 'currency:not-one-of',
        'issuedOn:in-future', 'dueOn:due-before-issue', 'paidAt:invalid-format', 'pdfUrl:not-https',
      ],
    );
    assert.deepEqual(codes(bill('F-6', 'A1', { periodStart: '2026-12-01', periodEnd: '2026-11-30' })), ['periodEnd:end-before-start']);
    assert.deepEqual(codes(bill('F-7', 'A1', { periodStart: '2025-01-01', periodEnd: '2026-11-30' })), ['periodEnd:too-long-span']);
    assert.deepEqual(codes(bill('F-8', 'A1', { pdfUrl: 'javascript:alert(1)' })), ['pdfUrl:not-https']);
    assert.deepEqual(codes(bill('F-9', 'A1', { pdfUrl: 'https://user:secret@billing.example.lu/F9.pdf' })), ['pdfUrl:url-with-credentials']);
    assert.deepEqual(codes(bill('F-10', 'A1', { paidAt: '2026-12-22' })), ['paidAt:in-future']);
    assert.deepEqual(codes(bill('F-11', 'A1', { paid: false, paidAt: '2026-12-10' })), ['paid:invalid']);
    assert.deepEqual(codes(bill('F-12', 'A1', { amountCents: 2_000_000_000 })), ['amountCents:too-large']);
    assert.deepEqual(codes({}), ['billNumber:required', 'accountNumber:required', 'periodStart:required', 'periodEnd:required', 'amountCents:required', 'issuedOn:required', 'dueOn:required']);
  });
});

for (const engine of await testEngines()) {
  describe(`bills recorded from billing on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let account: string;
    let other: string;
    let partyId: string;
    const held = () => storage.db.selectFrom('bills').selectAll().orderBy('bill_number').execute();

    before(async () => {
      storage = await engine.open();
      const customer = await seedCustomer(storage.db, { familyName: 'Facture', phones: [], emails: [] });
      partyId = customer.id;
      account = `A${customer.customerNumber}`;
      other = `A${(await seedCustomer(storage.db, { familyName: 'Autre', lines: [{ msisdn: '+352621900002', plan: 'Love Duo' }], phones: [], emails: [] })).customerNumber}`;
    });
    after(() => storage?.close());

    it('records a batch once: the same batch again changes nothing', async () => {
      const batch = [bill('F-100', account), bill('F-101', account, { periodStart: '2026-10-01', periodEnd: '2026-10-31', issuedOn: '2026-11-01', dueOn: '2026-11-30', paidAt: '2026-11-20' })];
      const first = await importBills(storage.db, batch, { now: NOW });
      assert.deepEqual([first.created, first.updated, first.unchanged, first.refused, first.written], [2, 0, 0, [], true]);
      const rows = await held();
      const again = await importBills(storage.db, batch, { now: NOW + 60_000 });
      assert.deepEqual([again.created, again.updated, again.unchanged, again.written], [0, 0, 2, true]);
      assert.deepEqual(await held(), rows, 'not even updated_at moved');
    });

    it('updates a bill sent again once paid, or with a new PDF link, and never takes a payment back', async () => {
      const paid = await importBills(storage.db, [bill('F-100', account, { paidAt: '2026-12-15' })], { now: NOW });
      assert.deepEqual([paid.created, paid.updated, paid.unchanged], [0, 1, 0]);
      const row = (await held()).find((b) => b.bill_number === 'F-100')!;
      assert.equal(Number(row.paid_at), Date.parse('2026-12-14T23:00:00Z'), 'a day is its start in Luxembourg');
      assert.equal(Number(row.updated_at), NOW);
      // the first batch replayed: the bill keeps its payment
      const replay = await importBills(storage.db, [bill('F-100', account)], { now: NOW + 1 });
      assert.deepEqual([replay.updated, replay.unchanged], [0, 1]);
      assert.equal((await held()).find((b) => b.bill_number === 'F-100')!.paid_at, row.paid_at);
      const pdf = await importBills(storage.db, [bill('F-100', account, { paidAt: '2026-12-15', pdfUrl: 'https://billing.example.lu/v2/F-100.pdf' })], { now: NOW + 2 });
      assert.equal(pdf.updated, 1);
      assert.equal((await held()).find((b) => b.bill_number === 'F-100')!.pdf_url, 'https://billing.example.lu/v2/F-100.pdf');
    });

    it('writes nothing from a batch with a bad bill, and names every issue of every bill', async () => {
      const before = await held();
      const report = await importBills(storage.db, [
        bill('F-200', account),
        bill('F-201', 'A-NOBODY'),
        bill('F-202', account, { amountCents: 'abc', pdfUrl: 'ftp://billing.example.lu/F-202.pdf' }),
        bill('F-100', account, { amountCents: 4600, periodStart: '2026-11-02' }),
        bill('F-200', account, { amountCents: 1 }),
      ], { now: NOW });
      assert.equal(report.written, false);
      assert.deepEqual(
        report.refused.map((r) => [r.index, r.billNumber, r.issues.map((i) => `${i.field}:${i.code}`)]),
        [
          [1, 'F-201', ['accountNumber:unknown-account']],
          [2, 'F-202', ['amountCents:not-a-number', 'pdfUrl:not-https']],
          [3, 'F-100', ['periodStart:differs-from-recorded', 'amountCents:differs-from-recorded']],
          [4, 'F-200', ['billNumber:repeated']],
        ],
      );
      assert.deepEqual(report.refused[2]!.issues.map((i) => i.params), [{ recorded: '2026-11-01' }, { recorded: 4599 }]);
      assert.deepEqual(await held(), before);
    });

    it('with skipInvalid, records the valid bills and reports the others', async () => {
      const report = await importBills(storage.db, [bill('F-300', account), bill('F-301', account, { dueOn: '2026-11-01' }), bill('F-302', other), bill('F-300', account)], { now: NOW, skipInvalid: true });
      assert.deepEqual([report.created, report.unchanged, report.refused.map((r) => r.index), report.written], [2, 1, [1], true]);
      assert.deepEqual((await held()).map((b) => b.bill_number), ['F-100', 'F-101', 'F-300', 'F-302']);
    });

    it('only checks with checkOnly, saying what it would do', async () => {
      const report = await importBills(storage.db, [bill('F-400', account), bill('F-100', account, { paidAt: '2026-12-16' })], { now: NOW, checkOnly: true });
      assert.deepEqual([report.created, report.updated, report.written], [1, 1, false]);
      assert.equal((await held()).length, 4);
    });

    it('reads a customer’s bills newest first, page by page, with their state', async () => {
      await importBills(storage.db, [
        bill('F-500', account, { periodStart: '2026-09-01', periodEnd: '2026-09-30', issuedOn: '2026-10-01', dueOn: '2026-10-31' }),
        bill('F-501', account, { periodStart: '2026-08-01', periodEnd: '2026-08-31', issuedOn: '2026-09-01', dueOn: '2026-09-30', paid: true }),
      ], { now: NOW });
      const first = await accountBills(storage.db, partyId, undefined, { limit: 2, now: NOW });
      assert.equal(first.items.length, 2);
      assert.ok(first.items.every((b) => b.periodStart === 20261101));
      const all = [...first.items];
      for (let next = first.next; next !== null; ) {
        const page = await accountBills(storage.db, partyId, undefined, { limit: 2, before: next, now: NOW });
        all.push(...page.items);
        next = page.next;
      }
      assert.deepEqual(all.map((b) => b.billNumber).sort(), ['F-100', 'F-101', 'F-300', 'F-500', 'F-501'], 'each once, none of another customer');
      assert.deepEqual(all.map((b) => b.periodStart), [...all.map((b) => b.periodStart)].sort((a, b) => b - a));
      const status = Object.fromEntries(all.map((b) => [b.billNumber, b.status]));
      assert.deepEqual(status, { 'F-100': 'paid', 'F-300': 'due', 'F-101': 'paid', 'F-500': 'overdue', 'F-501': 'paid' });
      const accountId = (await storage.db.selectFrom('accounts').select('id').where('account_number', '=', account).executeTakeFirstOrThrow()).id;
      assert.equal((await accountBills(storage.db, partyId, [accountId], { now: NOW })).items.length, 5);
      const otherAccount = (await storage.db.selectFrom('accounts').select('id').where('account_number', '=', other).executeTakeFirstOrThrow()).id;
      assert.deepEqual((await accountBills(storage.db, partyId, [otherAccount], { now: NOW })).items, [], 'another customer’s account finds nothing');
      assert.deepEqual((await accountBills(storage.db, partyId, [], { now: NOW })).items, []);
      const older = await accountBills(storage.db, partyId, undefined, { before: '2026-10-15T00:00:00+02:00', now: NOW });
      assert.deepEqual(older.items.map((b) => b.billNumber), ['F-101', 'F-500', 'F-501']);
    });
  });
}
