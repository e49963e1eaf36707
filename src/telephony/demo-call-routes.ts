import { z } from '@hono/zod-openapi';
import { simulatedCall, telephonyResult } from '../contract/telephony.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, newRouter, problemResponses } from '../http/context.js';
import { endSimulatedCall, simulateIncomingCall } from './demo-calls.js';
import { presentTelephonyResult } from './telephony-presenters.js';

/**
 * Demo mode only (mounted by src/server/app.ts in demo mode alone): plays the telephony platform for the logged-in advisor, so a person trying
 * Ecoute can see a call pop without a phone system. Goes through the same event handling as
 * the signed webhook.
 */
export function demoCallRoutes(deps: AppDeps) {
  const router = newRouter();
  const telephony = { db: deps.storage.db, live: deps.live, fcrWindowDays: deps.config.fcrWindowDays };

  router.openapi(
    route('console.subscribe', {
      method: 'post',
      path: '/demo/calls',
      tags: ['demo'],
      summary: 'Demo mode: simulate an incoming call to me (a random customer, or the given number)',
      request: {
        body: {
          required: false,
          content: { 'application/json': { schema: z.object({ phone: z.string().max(40).optional() }).strict() } },
        },
      },
      responses: { 200: { description: 'Ringing', content: { 'application/json': { schema: simulatedCall } } }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
      const call = await simulateIncomingCall(telephony, actor.id, body.phone);
      return c.json({ callId: call.callId, phone: call.phone, customerId: call.customerId }, 200);
    },
  );

  router.openapi(
    route('console.subscribe', {
      method: 'post',
      path: '/demo/calls/{callId}/end',
      tags: ['demo'],
      summary: 'Demo mode: hang up a simulated call (records the contact like a real end event)',
      request: { params: z.object({ callId: z.string().max(200) }) },
      responses: { 200: { description: 'Ended', content: { 'application/json': { schema: telephonyResult } } }, 404: { description: 'No such call' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(presentTelephonyResult(await endSimulatedCall(telephony, actor.id, c.req.valid('param').callId)), 200);
    },
  );

  return router;
}
