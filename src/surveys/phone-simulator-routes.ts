import { z } from '@hono/zod-openapi';
import { auditNumberReads } from '../auth/audit.js';
import { normalizePhone } from '../shared/phone.js';
import { phoneThread } from '../contract/surveys.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, newRouter, problemResponses } from '../http/context.js';
import { DomainError, invalid } from '../shared/errors.js';
import { phoneThread as threadOf } from './phone-thread.js';
import { presentPhoneThread } from './survey-presenters.js';

/**
 * The phone simulator, mounted in demo mode only (src/server/app.ts): with the in-process SMSC simulator (no real SMSC configured), shows the SMS a
 * customer's phone received and lets a person type the customer's reply, which travels back over
 * SMPP like a real one.
 */
export function phoneSimulatorRoutes(deps: AppDeps) {
  const router = newRouter();
  const simulator = () => {
    if (!deps.simulator) throw new DomainError(404, 'not-found', 'The phone simulator exists only with the built-in SMSC simulator (ECOUTE_SMSC_URL unset)');
    return deps.simulator;
  };
  const msisdnOf = (raw: string) => {
    const phone = normalizePhone(raw);
    if (!phone.ok) throw invalid('msisdn', phone.reason);
    return phone.e164;
  };

  router.openapi(
    route('sms.simulate', {
      method: 'get', path: '/phone-simulator/{msisdn}/messages', tags: ['phone simulator'],
      summary: 'The SMS thread of a simulated phone, oldest first',
      request: { params: z.object({ msisdn: z.string().max(40) }) },
      responses: { 200: { description: 'Thread', content: { 'application/json': { schema: phoneThread } } }, 404: { description: 'No simulator' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const sim = simulator();
      const msisdn = msisdnOf(c.req.valid('param').msisdn);
      const thread = await threadOf(deps.storage.db, sim, msisdn);
      await auditNumberReads(deps.storage.db, actor, [msisdn], 'phone-simulator');
      return c.json(presentPhoneThread(msisdn, thread), 200);
    },
  );

  router.openapi(
    route('sms.simulate', {
      method: 'post', path: '/phone-simulator/{msisdn}/reply', tags: ['phone simulator'],
      summary: 'Type the customer\'s SMS reply (sent to Ecoute over SMPP as a mobile-originated message)',
      request: {
        params: z.object({ msisdn: z.string().max(40) }),
        body: { content: { 'application/json': { schema: z.object({ text: z.string().min(1).max(1000) }).strict() } } },
      },
      responses: { 202: { description: 'Delivered to Ecoute' }, 404: { description: 'No simulator' }, ...problemResponses },
    }),
    async (c) => {
      const sim = simulator();
      await sim.reply(msisdnOf(c.req.valid('param').msisdn), c.req.valid('json').text);
      return c.body(null, 202);
    },
  );

  return router;
}
