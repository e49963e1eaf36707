import { sql, type Kysely, type SqlBool } from 'kysely';
import { localDay } from '../shared/calendar.js';
import { parseBefore, pageOf } from '../shared/cursor.js';
import { DomainError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';

/**
 * A customer's bills, newest first (docs/self-service.md, "Bills"): read by staff on the customer's
 * record (`GET /api/v1/customers/{id}/bills`, an audited read) and by the customer in their app. The
 * reads audit nothing themselves: the route that shows them does.
 */

/** A bill as Ecoute holds it. Days are yyyymmdd (Europe/Luxembourg). */
export interface Bill {
  billNumber: string;
  accountNumber: string;
  periodStart: number;
  periodEnd: number;
  /** incl. VAT; negative: a credit note */
  amountCents: number;
  currency: 'EUR';
  issuedOn: number;
  dueOn: number;
  paidAt: number | null;
  pdfUrl: string | null;
  /** paid; due (not paid, due today or later); overdue (not paid, due before today) */
  status: 'paid' | 'due' | 'overdue';
  updatedAt: number;
}

export interface BillPage {
  items: Bill[];
  /** `<period start yyyymmdd>:<id>` of the last bill, for the next page; null on the last page */
  next: string | null;
}

export const DEFAULT_BILL_PAGE = 24;
export const MAX_BILL_PAGE = 100;

/**
 * The bills of a customer's accounts, newest first (by the period's first day), `limit` a page; with
 * `accountIds`, of those of their accounts only (ids of another customer's accounts find nothing).
 * `before`: the `next` of the previous page, or a time (ISO 8601): the bills of periods that start
 * before its day. Follows the index (account_id, period_start) and stops at the limit.
 */
export async function accountBills(
  db: Kysely<Database>,
  partyId: string,
  accountIds?: readonly string[],
  page: { before?: string | undefined; limit?: number | undefined; now?: number | undefined } = {},
): Promise<BillPage> {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_BILL_PAGE, 1), MAX_BILL_PAGE);
  if (accountIds !== undefined && accountIds.length === 0) return { items: [], next: null };
  let query = db
    .selectFrom('bills')
    .innerJoin('accounts', 'accounts.id', 'bills.account_id')
    .selectAll('bills')
    .select('accounts.account_number')
    .where('accounts.party_id', '=', partyId);
  if (accountIds !== undefined) query = query.where('bills.account_id', 'in', [...accountIds]);
  if (page.before !== undefined) {
    const position = parseBefore(page.before);
    // a cursor holds the period's first day; a time is the day it falls on
    const day = position.key === undefined ? localDay(position.at) : position.at;
    query = query.where(
      position.key === undefined
        ? sql<SqlBool>`bills.period_start < ${day}`
        : sql<SqlBool>`(bills.period_start < ${day} or (bills.period_start = ${day} and bills.id < ${position.key}))`,
    );
  }
  const rows = await query.orderBy('bills.period_start', 'desc').orderBy('bills.id', 'desc').limit(limit + 1).execute();
  const today = localDay(page.now ?? Date.now());
  const { items, next } = pageOf(rows, limit, (r) => [Number(r.period_start), r.id]);
  return {
    items: items.map((r) => {
      const paidAt = r.paid_at === null ? null : Number(r.paid_at);
      const dueOn = Number(r.due_on);
      return {
        billNumber: r.bill_number, accountNumber: r.account_number, periodStart: Number(r.period_start), periodEnd: Number(r.period_end),
        amountCents: Number(r.amount_cents), currency: r.currency, issuedOn: Number(r.issued_on), dueOn, paidAt, pdfUrl: r.pdf_url,
        status: paidAt !== null ? 'paid' : dueOn < today ? 'overdue' : 'due', updatedAt: Number(r.updated_at),
      };
    }),
    next,
  };
}

/** A customer's bills for staff: every account of theirs; an unknown customer is a 404 naming the id. */
export async function customerBills(db: Kysely<Database>, partyId: string, page: { before?: string | undefined; limit?: number | undefined; now?: number } = {}): Promise<BillPage> {
  const party = await db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
  if (!party) throw new DomainError(404, 'not-found', `No customer has id ${partyId}: check the id (the customer card shows it)`, [{ field: 'id', reason: 'no customer has this id' }]);
  return accountBills(db, partyId, undefined, page);
}
