/** Row types of bills (src/billing, docs/self-service.md, "Bills"). */

export interface BillTable {
  id: string;
  account_id: string;
  /** the billing system's number of the bill, unique: a bill sent again is found by it */
  bill_number: string;
  /** the period billed, Europe/Luxembourg yyyymmdd, first and last day included */
  period_start: number;
  period_end: number;
  /** incl. VAT, in cents; negative: a credit note */
  amount_cents: number;
  currency: 'EUR';
  /** yyyymmdd */
  issued_on: number;
  /** yyyymmdd, on or after issued_on */
  due_on: number;
  /** when it was paid; null: not paid */
  paid_at: number | null;
  /** an https link to its PDF in the billing system; null: none */
  pdf_url: string | null;
  /** when Ecoute first received it */
  imported_at: number;
  /** when its payment, due date or PDF link last changed (imported_at until then) */
  updated_at: number;
}
