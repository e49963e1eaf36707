import { z } from '@hono/zod-openapi';
import { auditCustomerRead } from '../auth/audit.js';
import { billImportReport, billIn, billPage } from '../contract/billing.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, beforeParam, json, newRouter, problemResponses, route } from '../http/context.js';
import { problem } from '../http/problem.js';
import { BILL_COLUMNS, importBillBody } from './bill-csv.js';
import { MAX_BATCH_BILLS } from './bill-import.js';
import { customerBills, DEFAULT_BILL_PAGE, MAX_BILL_PAGE } from './bill-queries.js';
import { presentBillImport, presentBillPage } from './bill-presenters.js';

/** Bills from the billing system in, a customer's bills out (docs/self-service.md, "Bills"). */
export function billRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  // the shape of one bill, which the body's description refers to
  router.openAPIRegistry.register('BillIn', billIn);

  router.openapi(
    route('bill.import', {
      method: 'post', path: '/bills', tags: ['billing'],
      summary: `Bills from the billing system, at most ${MAX_BATCH_BILLS} per request: recorded once each by their billNumber; sent again, a bill changes only its payment, due date or PDF link`,
      description:
        'The body is a JSON array of bills (or `{ "bills": [...] }`), or a CSV file (`text/csv`) with the header ' +
        `\`${BILL_COLUMNS.slice(0, 9).join(',')}\` (currency optional, EUR; paid_at and pdf_url may be empty). ` +
        'Every bill is checked; when one is refused nothing is recorded (422 listing each refused field as `bills[i].field`, or `line N, column` for CSV), ' +
        'unless `skipInvalid=true`, which records the valid ones and lists the others in `refused`. A bill whose number is held already is the same bill: ' +
        'unchanged when sent as it is, updated when its payment, due date or PDF link changed, refused when what it is (account, period, amount, issue day) differs.',
      request: {
        query: z.object({ skipInvalid: z.enum(['true', 'false']).optional().openapi({ description: 'record the valid bills even if others are refused' }) }),
        body: {
          required: true,
          // Read and checked by the handler (each bill's issues named by its place), not by the router's validator.
          content: {
            'application/json': { schema: z.unknown().openapi({ type: 'array', items: { $ref: '#/components/schemas/BillIn' } }) },
            'text/csv': { schema: z.string().openapi({ example: `${BILL_COLUMNS.slice(0, 9).join(',')}\nF-2026-000123,A0001234,2026-11-01,2026-11-30,4599,2026-12-01,2026-12-15,,https://billing.example.lu/bills/F-2026-000123.pdf` }) },
          },
        },
      },
      responses: {
        200: json(billImportReport, 'Recorded (with skipInvalid, the refused bills are listed)'),
        ...problemResponses,
        413: { description: `More than ${MAX_BATCH_BILLS} bills, or a body over the import cap` },
        415: { description: 'Neither application/json nor text/csv' },
        422: { description: 'Bills were refused and nothing was recorded: problem+json naming each refused field' },
      },
    }),
    async (c) => {
      actorOf(c);
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json' && contentType !== 'text/csv') {
        return problem(c, 415, 'unsupported-media-type', 'Send the bills as application/json (an array) or text/csv (a file with its header line). Nothing was recorded.');
      }
      const report = await importBillBody(deps.storage, await c.req.text(), contentType, { skipInvalid: c.req.valid('query').skipInvalid === 'true' });
      return c.json(presentBillImport(report), 200);
    },
  );

  router.openapi(
    route('bill.read', {
      method: 'get', path: '/customers/{id}/bills', tags: ['billing'],
      summary: "A customer's bills, newest first, page by page (an audited read of the customer's data)",
      request: {
        params: z.object({ id: z.string().max(100) }),
        query: z.object({
          before: beforeParam.openapi({ description: 'the `next` of the previous page, or a time (ISO 8601): only bills of periods that start before its day' }),
          limit: z.coerce.number().int().min(1).max(MAX_BILL_PAGE).default(DEFAULT_BILL_PAGE),
        }),
      },
      responses: { 200: json(billPage, 'Bills'), ...problemResponses, 404: { description: 'No customer has this id' } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { before, limit } = c.req.valid('query');
      const page = await customerBills(db, id, { before, limit });
      await auditCustomerRead(db, actorOf(c), id, 'bills');
      return c.json(presentBillPage(page), 200);
    },
  );

  return router;
}
