import type { BillImportReportOut, BillOut, BillPageOut } from '../contract/billing.js';
import { formatDay } from '../shared/calendar.js';
import type { BillBodyReport } from './bill-csv.js';
import type { Bill, BillPage } from './bill-queries.js';

/** A bill as it leaves the server (src/contract/billing.ts), field by field: no internal id, no customer id. */
export function presentBill(b: Bill): BillOut {
  return {
    billNumber: b.billNumber, accountNumber: b.accountNumber, period: { start: formatDay(b.periodStart), end: formatDay(b.periodEnd) },
    amountCents: b.amountCents, currency: b.currency, issuedOn: formatDay(b.issuedOn), dueOn: formatDay(b.dueOn),
    paid: b.paidAt !== null, paidAt: b.paidAt === null ? null : new Date(b.paidAt).toISOString(), status: b.status, pdfUrl: b.pdfUrl,
  };
}

export function presentBillPage(page: BillPage): BillPageOut {
  return { items: page.items.map(presentBill), next: page.next };
}

export function presentBillImport(r: BillBodyReport): BillImportReportOut {
  return {
    received: r.received, created: r.created, updated: r.updated, unchanged: r.unchanged, written: r.written,
    refused: r.refused.map((e) => ({
      index: e.index, line: e.line, billNumber: e.billNumber,
      issues: e.issues.map((i) => ({ field: i.field, reason: i.reason, code: i.code ?? 'invalid', ...(i.params ? { params: i.params } : {}) })),
    })),
  };
}
