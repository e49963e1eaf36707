import type { Kysely } from 'kysely';
import { chunks, inChunks } from '../shared/batches.js';
import { formatDay } from '../shared/calendar.js';
import type { FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { BillTable, Database } from '../storage/schema.js';
import { checkBill, type BillInput, type CheckedBill } from './bill-rows.js';

/**
 * Bills received from the billing system (docs/self-service.md, "Bills"): a batch checked and recorded
 * in one transaction, idempotent on the bill number. A bill number Ecoute does not hold is created; one
 * it holds, sent again with the same content, changes nothing (`unchanged`); sent again with a new
 * payment, due date or PDF link, it is updated (billing sends a bill again once it is paid). What a bill
 * is (its account, period, amount, currency, issue day) never changes: a bill sent again with another
 * one is refused, field by field (`differs-from-recorded`); a correction is a credit note, a bill of its
 * own number. A payment is never taken back by a bill sent again without one (a replay of the batch
 * that first brought the bill). A batch with any bill refused writes nothing unless `skipInvalid`,
 * which records the others and reports the refused ones.
 */

/** One bill refused: where it was in the batch (0-based), its number when it had one, and every issue. */
export interface RefusedBill {
  index: number;
  billNumber: string | null;
  issues: FieldIssue[];
}

export interface BillImportReport {
  received: number;
  /** bill numbers Ecoute did not hold (with `written` false: that would be) */
  created: number;
  /** bills held whose payment, due date or PDF link changed */
  updated: number;
  /** bills held as they were sent (also a bill given twice in the batch) */
  unchanged: number;
  refused: RefusedBill[];
  /** false: nothing was written (bills were refused and not skipInvalid, or only checked) */
  written: boolean;
}

/** The most bills one batch may carry (an API request, a piece of a file). */
export const MAX_BATCH_BILLS = 10_000;

interface Candidate {
  index: number;
  bill: CheckedBill;
  accountId: string;
}

interface Plan {
  creates: Candidate[];
  updates: { candidate: Candidate; id: string; set: Partial<Pick<BillTable, 'due_on' | 'paid_at' | 'pdf_url'>> }[];
  unchanged: number;
  refused: RefusedBill[];
}

/** Thrown inside the transaction to undo it: a bill refused only once the batch was being written. */
class RollBack extends Error {}

export async function importBills(
  db: Kysely<Database>,
  inputs: readonly BillInput[],
  options: { skipInvalid?: boolean; now?: number; /** check and report, write nothing */ checkOnly?: boolean } = {},
): Promise<BillImportReport> {
  const now = options.now ?? Date.now();
  const refused: RefusedBill[] = [];
  const valid: { index: number; bill: CheckedBill }[] = [];
  inputs.forEach((input, index) => {
    const checked = checkBill(input, now);
    if ('bill' in checked) valid.push({ index, bill: checked.bill });
    else refused.push({ index, billNumber: typeof input.billNumber === 'string' && input.billNumber.trim() !== '' ? input.billNumber.trim() : null, issues: checked.issues });
  });

  const accounts = await accountIds(db, valid.map((v) => v.bill.accountNumber));
  const candidates: Candidate[] = [];
  // The same bill twice in the batch: the first counts; a later one the same is unchanged, a different one refused.
  const first = new Map<string, Candidate>();
  let repeats = 0;
  for (const { index, bill } of valid) {
    const accountId = accounts.get(bill.accountNumber);
    if (accountId === undefined) {
      refused.push({ index, billNumber: bill.billNumber, issues: [{ field: 'accountNumber', reason: `${bill.accountNumber} is not the number of any account`, code: 'unknown-account' }] });
      continue;
    }
    const earlier = first.get(bill.billNumber);
    if (earlier) {
      if (sameBill(earlier.bill, bill)) repeats++;
      else refused.push({ index, billNumber: bill.billNumber, issues: [{ field: 'billNumber', reason: `appears earlier in this batch (at ${earlier.index}) with other values`, code: 'repeated', params: { index: earlier.index } }] });
      continue;
    }
    const candidate = { index, bill, accountId };
    first.set(bill.billNumber, candidate);
    candidates.push(candidate);
  }

  const report = (plan: Plan, written: boolean): BillImportReport => ({
    received: inputs.length, created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged + repeats,
    refused: [...refused, ...plan.refused].sort((a, b) => a.index - b.index), written,
  });
  if (options.checkOnly || (refused.length > 0 && !options.skipInvalid)) return report(await planOf(db, candidates, now), false);

  // Rows are written in bill-number order: two batches at once (PostgreSQL) take their locks in one order and never deadlock.
  candidates.sort((a, b) => (a.bill.billNumber < b.bill.billNumber ? -1 : a.bill.billNumber > b.bill.billNumber ? 1 : 0));
  try {
    return await db.transaction().execute(async (trx) => {
      const plan = await planOf(trx, candidates, now);
      if (plan.refused.length > 0 && !options.skipInvalid) return report(plan, false);
      // Created meanwhile by another batch (PostgreSQL): held now, so compared like any bill held.
      const raced: Candidate[] = [];
      for (const part of chunks(plan.creates, 200)) {
        const rows = part.map(({ bill, accountId }) => rowOf(bill, accountId, now));
        const inserted = new Set((await trx.insertInto('bills').values(rows).onConflict((oc) => oc.column('bill_number').doNothing()).returning('bill_number').execute()).map((r) => r.bill_number));
        raced.push(...part.filter((c) => !inserted.has(c.bill.billNumber)));
      }
      if (raced.length > 0) {
        const again = await planOf(trx, raced, now);
        if (again.refused.length > 0 && !options.skipInvalid) throw new RollBack();
        plan.creates = plan.creates.filter((c) => !raced.includes(c));
        plan.updates.push(...again.updates);
        plan.unchanged += again.unchanged;
        plan.refused.push(...again.refused);
      }
      // Only what changed is set: another batch changing another field of the same bill at once keeps its change.
      for (const { id, set } of plan.updates) await trx.updateTable('bills').set({ ...set, updated_at: now }).where('id', '=', id).execute();
      return report(plan, true);
    });
  } catch (error) {
    if (error instanceof RollBack) return report(await planOf(db, candidates, now), false);
    throw error;
  }
}

/** What each candidate does to the bills held: created, updated, unchanged or refused. */
async function planOf(db: Kysely<Database>, candidates: Candidate[], now: number): Promise<Plan> {
  const held = new Map(
    (
      await inChunks(candidates.map((c) => c.bill.billNumber), (chunk) =>
        db.selectFrom('bills').innerJoin('accounts', 'accounts.id', 'bills.account_id').selectAll('bills').select('accounts.account_number').where('bills.bill_number', 'in', chunk).execute(),
      )
    ).map((r) => [r.bill_number, r]),
  );
  const plan: Plan = { creates: [], updates: [], unchanged: 0, refused: [] };
  for (const candidate of candidates) {
    const { bill } = candidate;
    const stored = held.get(bill.billNumber);
    if (!stored) {
      plan.creates.push(candidate);
      continue;
    }
    const issues = differences(bill, candidate.accountId, stored);
    if (issues.length > 0) {
      plan.refused.push({ index: candidate.index, billNumber: bill.billNumber, issues });
      continue;
    }
    const set: Plan['updates'][number]['set'] = {};
    if (bill.dueOn !== Number(stored.due_on)) set.due_on = bill.dueOn;
    if (bill.pdfUrl !== stored.pdf_url) set.pdf_url = bill.pdfUrl;
    const paidAt = stored.paid_at === null ? null : Number(stored.paid_at);
    // Paid stays paid: a bill sent again without its payment (an earlier batch replayed) keeps it.
    if (bill.paid === 'unknown' && paidAt === null) set.paid_at = now;
    else if (bill.paid !== null && bill.paid !== 'unknown' && bill.paid.at !== paidAt) set.paid_at = bill.paid.at;
    if (Object.keys(set).length === 0) plan.unchanged++;
    else plan.updates.push({ candidate, id: stored.id, set });
  }
  return plan;
}

/** What a bill is, compared with the bill held under its number: every field that differs, with the value held. */
function differences(bill: CheckedBill, accountId: string, stored: BillTable & { account_number: string }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const differs = (field: string, recorded: string | number) =>
    issues.push({ field, reason: `differs from the bill held under this number (${recorded}): a bill never changes, a correction is a credit note of its own number`, code: 'differs-from-recorded', params: { recorded } });
  if (accountId !== stored.account_id) differs('accountNumber', stored.account_number);
  if (bill.periodStart !== Number(stored.period_start)) differs('periodStart', formatDay(Number(stored.period_start)));
  if (bill.periodEnd !== Number(stored.period_end)) differs('periodEnd', formatDay(Number(stored.period_end)));
  if (bill.amountCents !== Number(stored.amount_cents)) differs('amountCents', Number(stored.amount_cents));
  if (bill.issuedOn !== Number(stored.issued_on)) differs('issuedOn', formatDay(Number(stored.issued_on)));
  return issues;
}

function rowOf(bill: CheckedBill, accountId: string, now: number): BillTable {
  return {
    id: newId(), account_id: accountId, bill_number: bill.billNumber, period_start: bill.periodStart, period_end: bill.periodEnd, amount_cents: bill.amountCents,
    currency: bill.currency, issued_on: bill.issuedOn, due_on: bill.dueOn, paid_at: bill.paid === null ? null : bill.paid === 'unknown' ? now : bill.paid.at,
    pdf_url: bill.pdfUrl, imported_at: now, updated_at: now,
  };
}

function sameBill(a: CheckedBill, b: CheckedBill): boolean {
  const paid = (p: CheckedBill['paid']) => (p === null || p === 'unknown' ? p : p.at);
  return (
    a.accountNumber === b.accountNumber && a.periodStart === b.periodStart && a.periodEnd === b.periodEnd && a.amountCents === b.amountCents &&
    a.issuedOn === b.issuedOn && a.dueOn === b.dueOn && paid(a.paid) === paid(b.paid) && a.pdfUrl === b.pdfUrl
  );
}

/** Account ids by account number. */
async function accountIds(db: Kysely<Database>, numbers: string[]): Promise<Map<string, string>> {
  const rows = await inChunks(numbers, (chunk) => db.selectFrom('accounts').select(['id', 'account_number']).where('account_number', 'in', chunk).execute());
  return new Map(rows.map((r) => [r.account_number, r.id]));
}
