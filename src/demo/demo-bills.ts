import { importBills } from '../billing/bill-import.js';
import type { BillInput } from '../billing/bill-rows.js';
import { addDays, dayStart, formatDay, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { periodEnd, periodStartAt, periodStartOfDay } from '../usage/buckets.js';
import { hash32, Random } from './random.js';

/**
 * The demo's bills (docs/self-service.md, "Bills"): for each account (the first `maxAccounts` by
 * number), a bill for each of the last 12 complete billing periods, none for a period before the
 * account was opened. A bill is issued the day its period ends, due a month later (the next billing
 * day), and paid a few days before that; the latest is not paid yet and due in the future. The first
 * account with three bills or more is behind: its two bills before the latest are unpaid and overdue.
 * The amount is the monthly price of the account's lines with 17% VAT, now and then with some usage
 * beyond the plans. No PDF link: the demo has no document store. Recorded through the same import as
 * the billing system's bills, with numbers made of the period and the account: loading again records
 * nothing twice.
 */
export interface DemoBillsOptions {
  seed: number;
  now: number;
  /** the accounts given bills (default 20,000): the rest of a large demo stays without */
  maxAccounts?: number;
}

/** Luxembourg's standard VAT rate, which telecom services bear. */
const VAT = 0.17;
const BILLS_PER_ACCOUNT = 12;
/** A line whose plan the catalogue does not know is billed this, excl. VAT. */
const DEFAULT_PLAN_CENTS = 2_500;
const BATCH = 5_000;

export async function loadDemoBills(storage: Storage, options: DemoBillsOptions): Promise<{ accounts: number; bills: number; overdueAccount: string | null }> {
  const { db } = storage;
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'account_number', 'billing_day', 'created_at'])
    .where('account_number', 'not like', 'erased:%')
    .orderBy('account_number')
    .limit(options.maxAccounts ?? 20_000)
    .execute();
  const prices = new Map<string, number>();
  if (accounts.length > 0) {
    const lines = await db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .leftJoin('plans', 'plans.code', 'lines.plan')
      .select(['lines.account_id', 'plans.monthly_price_cents'])
      .where('lines.status', '!=', 'terminated')
      .where('accounts.account_number', '>=', accounts[0]!.account_number)
      .where('accounts.account_number', '<=', accounts.at(-1)!.account_number)
      .execute();
    for (const line of lines) prices.set(line.account_id, (prices.get(line.account_id) ?? 0) + Number(line.monthly_price_cents ?? DEFAULT_PLAN_CENTS));
  }

  let batch: BillInput[] = [];
  let bills = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const report = await importBills(db, batch, { now: options.now });
    if (!report.written) throw new Error(`demo bills refused: ${JSON.stringify(report.refused.slice(0, 3))}`);
    bills += report.created;
    batch = [];
  };
  let overdueAccount: string | null = null;
  for (const account of accounts) {
    const rng = new Random(hash32(options.seed, ...[...account.account_number].map((c) => c.charCodeAt(0))));
    const billingDay = Number(account.billing_day);
    const opened = localDay(Number(account.created_at));
    const base = prices.get(account.id) ?? DEFAULT_PLAN_CENTS;
    // the periods, newest first: the one before the current, and eleven before it
    const starts: number[] = [];
    for (let start = periodStartOfDay(addDays(periodStartAt(options.now, billingDay), -1), billingDay); starts.length < BILLS_PER_ACCOUNT; ) {
      if (periodEnd(start) < opened) break;
      starts.push(start);
      start = periodStartOfDay(addDays(start, -1), billingDay);
    }
    const behind = overdueAccount === null && starts.length >= 3;
    if (behind) overdueAccount = account.account_number;
    starts.forEach((start, k) => {
      const end = periodEnd(start);
      const issued = addDays(end, 1);
      // a month after it is issued: the next billing day
      const due = addDays(periodEnd(issued), 1);
      const extra = rng.chance(0.15) ? rng.between(100, 2_500) : 0;
      const unpaid = k === 0 || (behind && k <= 2);
      const paidDay = addDays(due, -rng.between(1, 12));
      const paidAt = Math.min(options.now - 60_000, dayStart(paidDay < issued ? issued : paidDay) + rng.between(7, 21) * 3_600_000);
      batch.push({
        billNumber: `F${Math.floor(start / 100)}-${account.account_number}`, accountNumber: account.account_number,
        periodStart: formatDay(start), periodEnd: formatDay(end), amountCents: Math.round((base + extra) * (1 + VAT)),
        issuedOn: formatDay(issued), dueOn: formatDay(due), paidAt: unpaid ? null : new Date(paidAt).toISOString(), pdfUrl: null,
      });
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return { accounts: accounts.length, bills, overdueAccount };
}
