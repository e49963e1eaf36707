import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { accountBills } from '../billing/bill-queries.js';
import { formatDay, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { loadDemoBills } from './demo-bills.js';
import { loadDemo } from './load.js';

for (const engine of await testEngines()) {
  describe(`the demo's bills on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 30, seed: 3 });
    });
    after(() => storage?.close());

    it('bills the last 12 periods of each account, the latest due in the future, one account behind; loading again records nothing', async () => {
      const now = Date.now();
      const today = localDay(now);
      const first = await loadDemoBills(storage, { seed: 3, now });
      assert.ok(first.accounts >= 30);
      assert.ok(first.overdueAccount);
      const accounts = await storage.db.selectFrom('accounts').select(['id', 'party_id', 'account_number', 'created_at']).execute();
      const opened = new Map(accounts.map((a) => [a.id, localDay(Number(a.created_at))]));
      const rows = await storage.db.selectFrom('bills').selectAll().execute();
      assert.equal(first.bills, rows.length);
      const perAccount = new Map<string, typeof rows>();
      for (const row of rows) perAccount.set(row.account_id, [...(perAccount.get(row.account_id) ?? []), row]);
      for (const [accountId, bills] of perAccount) {
        assert.ok(bills.length <= 12);
        assert.ok(bills.every((b) => Number(b.period_end) >= opened.get(accountId)!), 'no bill before the account was opened');
        assert.ok(bills.every((b) => b.pdf_url === null && Number(b.amount_cents) > 0));
        const latest = bills.reduce((a, b) => (Number(b.period_start) > Number(a.period_start) ? b : a));
        assert.equal(latest.paid_at, null);
        assert.ok(Number(latest.due_on) > today, `${formatDay(Number(latest.due_on))} is after today`);
      }
      assert.ok([...perAccount.values()].filter((b) => b.length === 12).length >= accounts.length / 2, 'most accounts have 12 bills');
      const behind = accounts.find((a) => a.account_number === first.overdueAccount)!;
      const page = await accountBills(storage.db, behind.party_id, [behind.id], { now });
      assert.ok(page.items.some((b) => b.status === 'overdue'));
      const others = rows.filter((r) => r.account_id !== behind.id && Number(r.due_on) < today);
      assert.ok(others.every((r) => r.paid_at !== null && Number(r.paid_at) <= now), 'everyone else paid on time');
      const again = await loadDemoBills(storage, { seed: 3, now });
      assert.equal(again.bills, 0);
    });
  });
}
