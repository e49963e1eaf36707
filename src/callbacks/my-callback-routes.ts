import { z } from '@hono/zod-openapi';
import { myCallback, myCallbackIn, myCallbacks as myCallbacksSchema, myCallbackSlots } from '../contract/callbacks.js';
import { customerOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { OPERATOR_TIME_ZONE } from '../shared/local-time.js';
import { presentMyCallback, presentSlot } from './callback-presenters.js';
import { cancelMyCallback, myCallbacks, myCallbackSlots as slotsOf, requestMyCallback } from './my-callbacks.js';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** The customer app's callbacks (docs/self-service.md, "Callbacks"): the slots offered, asking for one, the customer's callbacks, cancelling one. */
export function myCallbackRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const team = deps.config.selfServiceTeam;

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/callback-slots', tags: ['customer app'],
      summary: 'The half-hour slots a callback may be asked for: opening hours of the next 5 business days, from an hour after now, without full ones',
      responses: { 200: json(myCallbackSlots, 'The slots'), 401: problemResponses[401] },
    }),
    async (c) => c.json({ timeZone: OPERATOR_TIME_ZONE, items: (await slotsOf(db, customerOf(c), { team })).map(presentSlot) }, 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/callbacks', tags: ['customer app'],
      summary: 'The customer’s callbacks and where each stands, latest slot first',
      responses: { 200: json(myCallbacksSchema, 'The callbacks'), 401: problemResponses[401] },
    }),
    async (c) => c.json({ items: (await myCallbacks(db, customerOf(c))).map(presentMyCallback) }, 200),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/callbacks', tags: ['customer app'],
      summary: 'Ask to be called back at a slot offered, on one of the customer’s numbers: a task in the team’s queue, due at the slot’s end',
      request: { body: { content: { 'application/json': { schema: myCallbackIn } } } },
      responses: {
        201: json(myCallback, 'The callback asked for'),
        400: problemResponses[400],
        401: problemResponses[401],
        409: { description: '`callback-already-open`: the customer has a callback to come already (one at a time)' },
      },
    }),
    async (c) => c.json(presentMyCallback(await requestMyCallback(db, customerOf(c), c.req.valid('json'), { team })), 201),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/callbacks/{id}/cancel', tags: ['customer app'],
      summary: 'Cancel one of the customer’s callbacks still to come',
      request: { params: idParam },
      responses: {
        200: json(myCallback, 'The callback, cancelled'),
        400: problemResponses[400],
        401: problemResponses[401],
        404: { description: 'None of the customer’s callbacks has this id' },
        409: { description: '`transition-not-allowed`: it is done or cancelled already' },
      },
    }),
    async (c) => c.json(presentMyCallback(await cancelMyCallback(db, customerOf(c), c.req.valid('param').id)), 200),
  );

  return router;
}
