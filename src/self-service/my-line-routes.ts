import { z } from '@hono/zod-openapi';
import { device } from '../contract/devices.js';
import { linePlanOut, planChangeIn, planChangeOut, planOffersOut } from '../contract/plan-changes.js';
import { presentDevice } from '../devices/device-presenters.js';
import { customerOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { presentLinePlan, presentPlanChange, presentPlanOffer } from '../usage/plan-change-presenters.js';
import { cancelMyPlanChange, changeMyPlan, myDevices, myLinePlan, myPlanOffers } from './my-lines.js';

/** The customer's lines in the app beside their consumption: the plan and its changes, the devices (docs/self-service.md, "Changing plan", "Devices"). */
export function myLineRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const msisdnParam = z.object({ msisdn: z.string().min(1).max(40) });
  const notYours = { description: 'None of the customer’s lines has this number' };

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/lines/{msisdn}/plan', tags: ['customer app'],
      summary: 'The plan of one of the customer’s lines, the change that waits for the next period and the history of its changes',
      request: { params: msisdnParam },
      responses: { 200: json(linePlanOut, 'The line’s plan'), 401: problemResponses[401], 404: notYours },
    }),
    async (c) => c.json(presentLinePlan(await myLinePlan(db, customerOf(c), c.req.valid('param').msisdn), 'customer'), 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/lines/{msisdn}/plan-offers', tags: ['customer app'],
      summary: 'The plans the line may change to (offered to the customer’s segment, for its kind of line), with what each would change in the current period; the account holder’s',
      request: { params: msisdnParam },
      responses: { 200: json(planOffersOut, 'The plans offered'), 401: problemResponses[401], 403: { description: '`account-holder-only`' }, 404: notYours },
    }),
    async (c) => c.json({ items: (await myPlanOffers(db, customerOf(c), c.req.valid('param').msisdn)).map(presentPlanOffer) }, 200),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/lines/{msisdn}/plan-change', tags: ['customer app'],
      summary: 'Change the line’s plan to one offered: an upgrade applies at once to the current period, a downgrade from the next one (cancellable until then); the account holder’s',
      request: { params: msisdnParam, body: { content: { 'application/json': { schema: planChangeIn } } } },
      responses: {
        201: json(planChangeOut, 'The change: applied or pending'),
        400: problemResponses[400], 401: problemResponses[401], 403: { description: '`account-holder-only`' }, 404: notYours,
        409: { description: '`line-terminated`, `plan-change-pending`' },
      },
    }),
    async (c) => c.json(presentPlanChange(await changeMyPlan(db, customerOf(c), c.req.valid('param').msisdn, c.req.valid('json').plan), 'customer'), 201),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/plan-changes/{id}/cancel', tags: ['customer app'],
      summary: 'Cancel a change of plan of one of the customer’s lines that waits for the next period; the account holder’s',
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: {
        200: json(planChangeOut, 'The change, cancelled'), 401: problemResponses[401], 403: { description: '`account-holder-only`' },
        404: { description: 'None of the customer’s changes has this id' }, 409: { description: '`plan-change-not-pending`' },
      },
    }),
    async (c) => c.json(presentPlanChange(await cancelMyPlanChange(db, customerOf(c), c.req.valid('param').id), 'customer'), 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/devices', tags: ['customer app'],
      summary: 'The devices of the customer’s lines (a business’s line user: their line’s), the IMEI masked but its last 4 digits',
      responses: { 200: json(z.object({ items: z.array(device) }).openapi('MyDevices'), 'The devices'), 401: problemResponses[401] },
    }),
    async (c) => c.json({ items: (await myDevices(db, customerOf(c))).map((d) => presentDevice(d, { wholeImei: false })) }, 200),
  );

  return router;
}
