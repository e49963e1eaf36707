import { z } from '@hono/zod-openapi';
import { auditCustomerRead } from '../auth/audit.js';
import { linePlanOut, planChangeIn, planChangeOut } from '../contract/plan-changes.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, json, newRouter, problemResponses, route } from '../http/context.js';
import { cancelPlanChange, changePlan, lineIdOfNumber, linePlan } from './plan-changes.js';
import { presentLinePlan, presentPlanChange } from './plan-change-presenters.js';

/** A line's plan and its changes for staff and the billing system (docs/self-service.md, "Changing plan"). */
export function planChangeRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const msisdnParam = z.object({ msisdn: z.string().min(1).max(40).openapi({ example: '+352621123456' }) });

  router.openapi(
    route('plan.history', {
      method: 'get', path: '/lines/{msisdn}/plan', tags: ['usage'],
      summary: "A line's plan, the change that waits for the next billing period and the history of its changes (an audited read of the customer's data)",
      request: { params: msisdnParam },
      responses: { 200: json(linePlanOut, 'The line’s plan'), ...problemResponses, 404: { description: 'No line has this number' } },
    }),
    async (c) => {
      const plan = await linePlan(db, await lineIdOfNumber(db, c.req.valid('param').msisdn));
      await auditCustomerRead(db, actorOf(c), plan.partyId, 'plans');
      return c.json(presentLinePlan(plan, 'staff'), 200);
    },
  );

  router.openapi(
    route('plan.change', {
      method: 'post', path: '/lines/{msisdn}/plan-change', tags: ['usage'],
      summary: "Change a line's plan: an upgrade (monthly price higher or equal) applies at once to the current period, a downgrade from the next period (cancellable until then)",
      description:
        'Any plan of the catalogue for the kind of line (the customer in the app chooses among those offered to their segment). Refused, changing nothing: ' +
        '`unknown-plan`, `same-plan`, `plan-not-offered` (a plan for another kind of line) on the field `plan`; 409 `line-terminated`, `plan-change-pending`.',
      request: { params: msisdnParam, body: { content: { 'application/json': { schema: planChangeIn } } } },
      responses: { 201: json(planChangeOut, 'The change: applied (an upgrade) or pending (a downgrade)'), ...problemResponses, 404: { description: 'No line has this number' }, 409: { description: '`line-terminated`, `plan-change-pending`' } },
    }),
    async (c) => {
      const lineId = await lineIdOfNumber(db, c.req.valid('param').msisdn);
      const change = await changePlan(db, lineId, c.req.valid('json').plan, actorOf(c), { offeredOnly: false });
      return c.json(presentPlanChange(change, 'staff'), 201);
    },
  );

  router.openapi(
    route('plan.change', {
      method: 'post', path: '/plan-changes/{id}/cancel', tags: ['usage'],
      summary: 'Cancel a change of plan that waits for the next billing period',
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: { 200: json(planChangeOut, 'The change, cancelled'), ...problemResponses, 404: { description: 'No change of plan has this id' }, 409: { description: '`plan-change-not-pending`: applied or cancelled already' } },
    }),
    async (c) => c.json(presentPlanChange(await cancelPlanChange(db, c.req.valid('param').id, actorOf(c)), 'staff'), 200),
  );

  return router;
}
