import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../http/context.js';
import { authorize, newRouter, problemResponses } from '../http/context.js';
import { DomainError } from '../shared/errors.js';
import { handleTelephonyEvent } from './telephony-service.js';

/**
 * Demo mode only: plays the telephony platform for the logged-in advisor, so a person trying
 * Ecoute can see a call pop without a phone system. Goes through the same event handling as
 * the signed webhook.
 */
export function demoCallRoutes(deps: AppDeps) {
  const router = newRouter();
  const telephony = { db: deps.storage.db, live: deps.live, fcrWindowDays: deps.config.fcrWindowDays };
  const result = z.object({ callId: z.string(), phone: z.string(), customerId: z.string().nullable() });

  router.openapi(
    createRoute({
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
      responses: { 200: { description: 'Ringing', content: { 'application/json': { schema: result } } }, ...problemResponses },
    }),
    async (c) => {
      const actor = authorize(c, 'console.subscribe');
      if (!deps.config.demoMode) throw new DomainError(404, 'not-found', 'Simulated calls exist only in demo mode');
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : {};
      let phone = body.phone;
      if (!phone) {
        const count = await deps.storage.db.selectFrom('lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const line = await deps.storage.db
          .selectFrom('lines')
          .select('msisdn')
          .orderBy('id')
          .offset(Math.floor(Math.random() * Math.max(1, Number(count.n))))
          .limit(1)
          .executeTakeFirst();
        if (!line) throw new DomainError(409, 'conflict', 'There are no customers yet: load demo data first (ecoute demo)');
        phone = line.msisdn;
      }
      const callId = `demo-${randomUUID()}`;
      const outcome = await handleTelephonyEvent(telephony, `demo-${randomUUID()}`, {
        type: 'ringing',
        callId,
        from: phone,
        advisorId: actor.id,
      });
      return c.json({ callId, phone, customerId: outcome.customerId }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/demo/calls/{callId}/end',
      tags: ['demo'],
      summary: 'Demo mode: hang up a simulated call (records the contact like a real end event)',
      request: { params: z.object({ callId: z.string().max(200) }) },
      responses: { 200: { description: 'Ended' }, 404: { description: 'No such call' }, ...problemResponses },
    }),
    async (c) => {
      const actor = authorize(c, 'console.subscribe');
      if (!deps.config.demoMode) throw new DomainError(404, 'not-found', 'Simulated calls exist only in demo mode');
      const { callId } = c.req.valid('param');
      const call = await deps.storage.db.selectFrom('calls').select(['from_number', 'advisor_id']).where('call_id', '=', callId).executeTakeFirst();
      if (!call || call.advisor_id !== actor.id) throw new DomainError(404, 'not-found', `No call ${callId} of yours`);
      const outcome = await handleTelephonyEvent(telephony, `demo-${randomUUID()}`, {
        type: 'ended',
        callId,
        from: call.from_number,
        advisorId: actor.id,
      });
      return c.json(outcome, 200);
    },
  );

  return router;
}
