import { z } from '@hono/zod-openapi';

/** Bills as the API takes and sends them (docs/self-service.md, "Bills"). */

/** One bill, as the billing system sends it. Checked field by field (`refused[].issues`), not by the schema. */
export const billIn = z
  .object({
    billNumber: z.unknown().openapi({ type: 'string', description: 'the billing system’s number of the bill: 1–64 visible ASCII characters; a number already held is the same bill, sent again', example: 'F-2026-000123' }),
    accountNumber: z.unknown().openapi({ type: 'string', description: 'the account billed, by its number in Ecoute', example: 'A0001234' }),
    periodStart: z.unknown().openapi({ type: 'string', format: 'date', description: 'first day billed (YYYY-MM-DD)', example: '2026-11-01' }),
    periodEnd: z.unknown().openapi({ type: 'string', format: 'date', description: 'last day billed, on or after periodStart, at most 366 days on', example: '2026-11-30' }),
    amountCents: z.unknown().openapi({ type: 'integer', description: 'incl. VAT, in euro cents; negative for a credit note', example: 4599 }),
    currency: z.unknown().openapi({ type: 'string', enum: ['EUR'], description: 'EUR when left out' }),
    issuedOn: z.unknown().openapi({ type: 'string', format: 'date', description: 'not after today', example: '2026-12-01' }),
    dueOn: z.unknown().openapi({ type: 'string', format: 'date', description: 'on or after issuedOn', example: '2026-12-15' }),
    paid: z.unknown().openapi({ type: 'boolean', description: 'true: paid (when, if paidAt is not given, is when Ecoute learns it)' }),
    paidAt: z.unknown().openapi({ type: 'string', description: 'when it was paid: a day (YYYY-MM-DD) or a time with its offset; empty or absent: not paid (unless paid is true)', example: '2026-12-10' }),
    pdfUrl: z.unknown().openapi({ type: 'string', format: 'uri', description: 'an https link to the bill’s PDF; null or absent: none', example: 'https://billing.example.lu/bills/F-2026-000123.pdf' }),
  })
  .openapi('BillIn');

const issue = z.object({ field: z.string(), reason: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });

export const billImportReport = z
  .object({
    received: z.number().int(),
    created: z.number().int().openapi({ description: 'bills Ecoute did not hold, recorded now' }),
    updated: z.number().int().openapi({ description: 'bills held whose payment, due date or PDF link changed' }),
    unchanged: z.number().int().openapi({ description: 'bills held as they were sent (also a bill given twice in the request)' }),
    written: z.boolean().openapi({ description: 'false: nothing was recorded' }),
    refused: z.array(
      z.object({
        index: z.number().int().openapi({ description: 'position in the request, from 0 (CSV: among the rows after the header)' }),
        line: z.number().int().nullable().openapi({ description: 'CSV: the line of the file (the header is line 1); null for JSON' }),
        billNumber: z.string().nullable(),
        issues: z.array(issue),
      }),
    ).openapi({ description: 'with skipInvalid, the bills not recorded and why' }),
  })
  .openapi('BillImportReport');
export type BillImportReportOut = z.infer<typeof billImportReport>;

export const bill = z
  .object({
    billNumber: z.string().openapi({ example: 'F-2026-000123' }),
    accountNumber: z.string().openapi({ example: 'A0001234' }),
    period: z.object({ start: z.string().openapi({ example: '2026-11-01' }), end: z.string().openapi({ example: '2026-11-30' }) }),
    amountCents: z.number().int().openapi({ description: 'incl. VAT; negative for a credit note', example: 4599 }),
    currency: z.literal('EUR'),
    issuedOn: z.string().openapi({ example: '2026-12-01' }),
    dueOn: z.string().openapi({ example: '2026-12-15' }),
    paid: z.boolean(),
    paidAt: z.string().nullable().openapi({ description: 'when it was paid (ISO 8601); null: not paid' }),
    status: z.enum(['paid', 'due', 'overdue']).openapi({ description: 'overdue: not paid and due before today (Europe/Luxembourg)' }),
    pdfUrl: z.string().nullable().openapi({ description: 'an https link to its PDF in the billing system; null: none' }),
  })
  .openapi('Bill');
export type BillOut = z.infer<typeof bill>;

export const billPage = z
  .object({
    items: z.array(bill),
    next: z.string().nullable().openapi({ description: 'the position of the last bill (`<first day yyyymmdd>:<id>`): give it as `before` for the next page; null on the last page' }),
  })
  .openapi('BillPage');
export type BillPageOut = z.infer<typeof billPage>;
