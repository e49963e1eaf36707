import { z } from '@hono/zod-openapi';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { consents, customerExport } from '../contract/privacy.js';
import { customerOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { changeConsents, getConsents } from '../privacy/consents.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { exportZip } from '../privacy/export-files.js';
import { presentConsents, presentExport } from '../privacy/privacy-presenters.js';
import { DomainError } from '../shared/errors.js';

/** The customer's own record is theirs to read and decide on; a business's line user speaks for their line, not the company. */
function holder(customer: CustomerActor): CustomerActor {
  if (customer.scope !== 'account') {
    throw new DomainError(403, 'account-holder-only', "Only the account holder (a company's administrator) may do this; a line's user may not");
  }
  return customer;
}

/** The customer's privacy rights in the customer app (docs/self-service.md, "Your data"): consents, survey opt-out, their data (GDPR art. 15). */
export function myPrivacyRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/consents', tags: ['customer app'],
      summary: 'The customer’s consents (satisfaction surveys, marketing) and their history',
      responses: { 200: json(consents, 'Consents'), 401: problemResponses[401], 403: { description: '`account-holder-only`: a business’s line user' } },
    }),
    async (c) => {
      const customer = holder(customerOf(c));
      return c.json(presentConsents(await getConsents(db, customer.partyId, customer)), 200);
    },
  );

  router.openapi(
    route('customer', {
      method: 'put', path: '/my/consents', tags: ['customer app'],
      summary: 'Give or withdraw consents from the app (recorded with the `app` channel, by the customer); withdrawing surveys stops every satisfaction SMS',
      request: { body: { content: { 'application/json': { schema: z.object({ surveys: z.boolean().optional(), marketing: z.boolean().optional() }).strict() } } } },
      responses: { 200: json(consents, 'The consents after the change'), 400: problemResponses[400], 401: problemResponses[401], 403: { description: '`account-holder-only`' } },
    }),
    async (c) => {
      const customer = holder(customerOf(c));
      const change = c.req.valid('json');
      return c.json(presentConsents(await changeConsents(db, customer.partyId, { ...change, channel: 'app' }, customer)), 200);
    },
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/data-export', tags: ['customer app'],
      summary: 'Everything Ecoute holds on the customer (GDPR art. 15), as JSON or a zip of CSV files, downloaded by the customer; the export is audited',
      request: { query: z.object({ format: z.enum(['json', 'zip']).default('zip') }) },
      responses: {
        200: { description: 'The export', content: { 'application/json': { schema: customerExport }, 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } },
        400: problemResponses[400],
        401: problemResponses[401],
        403: { description: '`account-holder-only`' },
      },
    }),
    async (c) => {
      const customer = holder(customerOf(c));
      const data = presentExport(await exportCustomer(db, customer.partyId, { actor: customer, via: 'api' }, deps.config.privacySecret));
      if (c.req.valid('query').format === 'json') return c.json(data, 200);
      const name = `my-data-${data.exportedAt.slice(0, 10)}.zip`;
      return c.body(exportZip(data), 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${name}"` });
    },
  );

  return router;
}
