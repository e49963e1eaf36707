import { parseFlag } from '../imports/csv-rows.js';
import type { ImportOptions } from '../imports/import-runner.js';
import { importRecordBody, importRecordFile, type RecordBodyReport, type RecordFileReport, type RecordKind } from '../imports/record-batches.js';
import type { Storage } from '../storage/database.js';
import { importBills, MAX_BATCH_BILLS, type RefusedBill } from './bill-import.js';
import type { BillInput } from './bill-rows.js';

/**
 * Bills as the billing system sends them (docs/self-service.md, "Bills"): the CSV columns, a row read
 * as a bill, the file import of `ecoute bills import` and the body of `POST /api/v1/bills` (JSON or CSV),
 * through the shared batch import of src/imports/record-batches.ts. The same checks everywhere
 * (bill-rows.ts, bill-import.ts), each error named by its line and column, or its place in the JSON.
 */
export const BILL_COLUMNS = ['bill_number', 'account_number', 'period_start', 'period_end', 'amount_cents', 'issued_on', 'due_on', 'paid_at', 'pdf_url', 'currency'] as const;
/** paid_at and pdf_url may be left out (not paid, no PDF); currency is EUR when left out. */
export const BILL_REQUIRED_COLUMNS = ['bill_number', 'account_number', 'period_start', 'period_end', 'amount_cents', 'issued_on', 'due_on'] as const;

/** A row as a bill: `paid_at` is a day or a time, or yes / no (paid, its time not known). */
export function billOfRow(field: (column: string) => string): BillInput {
  const paid = field('paid_at');
  const flag = parseFlag(paid);
  return {
    billNumber: field('bill_number'), accountNumber: field('account_number'), periodStart: field('period_start'), periodEnd: field('period_end'),
    amountCents: field('amount_cents'), issuedOn: field('issued_on'), dueOn: field('due_on'), currency: field('currency'), pdfUrl: field('pdf_url'),
    ...(flag.ok ? { paid: flag.value ?? false } : { paidAt: paid }),
  };
}

const BILLS: RecordKind<BillInput, RefusedBill> = {
  plural: 'bills',
  singular: 'bill',
  columns: BILL_COLUMNS,
  required: BILL_REQUIRED_COLUMNS,
  fieldColumn: {
    billNumber: 'bill_number', accountNumber: 'account_number', periodStart: 'period_start', periodEnd: 'period_end', amountCents: 'amount_cents',
    issuedOn: 'issued_on', dueOn: 'due_on', paid: 'paid_at', paidAt: 'paid_at', pdfUrl: 'pdf_url', currency: 'currency',
  },
  fieldOfColumn: { paid_at: 'paidAt' },
  rowOf: billOfRow,
  keyOf: (field) => field('bill_number'),
  keyColumn: 'bill_number',
  repeated: 'with other values',
  maxBatch: MAX_BATCH_BILLS,
  tooManyCode: 'too-many-bills',
  refusedCode: 'bills-refused',
  write: importBills,
  unreadable: (index, issues) => ({ index, billNumber: null, issues }),
};

export type BillFileReport = RecordFileReport;
export type BillBodyReport = RecordBodyReport<RefusedBill>;

/** `ecoute bills import FILE.csv`: checked whole first, then recorded in short transactions (idempotent on the bill number). */
export const importBillFile = (storage: Storage, options: ImportOptions & { now?: number }): Promise<BillFileReport> => importRecordFile(BILLS, storage, options);

/** A request's body of bills recorded as one batch: refusals name each bill by its place (`bills[3].amountCents`, `line 4, amount_cents`). */
export const importBillBody = (storage: Storage, body: string, contentType: 'application/json' | 'text/csv', options: { skipInvalid: boolean; now?: number }): Promise<BillBodyReport> =>
  importRecordBody(BILLS, storage, body, contentType, options);
