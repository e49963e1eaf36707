import { z } from '@hono/zod-openapi';
import { auditCustomerRead } from '../auth/audit.js';
import { usageConsumptionReport } from '../contract/tmf677.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { DomainError, notFound } from '../shared/errors.js';
import { lineConsumption } from './consumption.js';
import { LINE_FILTER, msisdnOfReportId, reportIdOf, TMF677_BASE, toUsageConsumptionReport } from './tmf677-presenters.js';

/** A line's consumption, read-only, in the TM Forum TMF677 Usage Consumption v4 shape (docs/self-service.md, "TMF677 (TM Forum)"). */
export function tmf677Routes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('usage.read', {
      method: 'get', path: TMF677_BASE, tags: ['tmf677'],
      summary: `TMF677 v4: the current billing period of the line named by ${LINE_FILTER}, as one usage consumption report (an audited read of the customer's data)`,
      description:
        'The same figures as GET /api/v1/lines/{msisdn}/consumption: a bucket per bucket of the line’s plan, its units used and what is left of ' +
        'its allowance (none for an unlimited bucket), and its out-of-bundle amount in euros. The answer is a list of one report; X-Total-Count and X-Result-Count say 1.',
      request: {
        query: z.object({
          [LINE_FILTER]: z.string().min(1).max(40).openapi({ description: 'the line’s number, in any usual spelling', example: '+352621123456' }),
        }),
      },
      responses: { 200: json(z.array(usageConsumptionReport), 'The report of the current period'), ...problemResponses, 404: { description: 'No line has this number' } },
    }),
    async (c) => {
      const now = Date.now();
      const consumption = await lineConsumption(db, c.req.valid('query')[LINE_FILTER], now).catch((error: unknown) => {
        throw asFilterError(error);
      });
      await auditCustomerRead(db, actorOf(c), consumption.partyId, 'consumption');
      c.header('X-Total-Count', '1');
      c.header('X-Result-Count', '1');
      return c.json([toUsageConsumptionReport(consumption, now)], 200);
    },
  );

  router.openapi(
    route('usage.read', {
      method: 'get', path: `${TMF677_BASE}/{id}`, tags: ['tmf677'],
      summary: 'TMF677 v4: a usage consumption report by its id, while its billing period is the current one (an audited read of the customer’s data)',
      request: { params: z.object({ id: z.string().min(1).max(64).openapi({ example: '352621123456-20261201' }) }) },
      responses: { 200: json(usageConsumptionReport, 'The report, computed now'), ...problemResponses, 404: { description: 'No report has this id, or its period is over' } },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const msisdn = msisdnOfReportId(id);
      const missing = () => notFound(`No usage consumption report has the id ${id}: reports are of a line's current billing period.`);
      if (msisdn === null) throw missing();
      const now = Date.now();
      const consumption = await lineConsumption(db, msisdn, now).catch((error: unknown) => {
        throw error instanceof DomainError ? missing() : error;
      });
      if (reportIdOf(consumption) !== id) throw missing();
      await auditCustomerRead(db, actorOf(c), consumption.partyId, 'consumption');
      return c.json(toUsageConsumptionReport(consumption, now), 200);
    },
  );

  return router;
}

/** A number that is not one, refused under the name of the filter it was given in. */
function asFilterError(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.code !== 'invalid-input') return error;
  const fields = error.fields.map((f) => (f.field === 'msisdn' ? { ...f, field: LINE_FILTER } : f));
  return new DomainError(error.status, error.code, fields.map((f) => `${f.field} ${f.reason}`).join('; '), fields, error.params);
}
