import { z } from '@hono/zod-openapi';
import type { BlobStore } from '../blobs/blob-store.js';
import { channel } from '../contract/common.js';
import { consents, customerExport, erasureResult } from '../contract/privacy.js';
import { actorOf, route, json, newRouter, problemResponses, type AppDeps } from '../http/context.js';
import { changeConsents, getConsents } from './consents.js';
import { exportCustomer } from './customer-export.js';
import { eraseCustomer } from './erasure.js';
import { exportZip } from './export-files.js';
import { presentConsents, presentErasure, presentExport } from './privacy-presenters.js';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** A customer's privacy rights over the API: access (export), erasure, consents (docs/privacy.md). */
export function privacyRoutes(deps: AppDeps, blobs: BlobStore) {
  const router = newRouter();
  const { db } = deps.storage;
  const numberKey = deps.config.privacySecret;

  router.openapi(
    route('customer.export', {
      method: 'get',
      path: '/customers/{id}/export',
      tags: ['privacy'],
      summary: 'Everything Ecoute holds on a customer (GDPR art. 15), as JSON or as a zip of CSV files; the export is audited',
      request: {
        params: idParam,
        query: z.object({ format: z.enum(['json', 'zip']).default('json').openapi({ description: 'json (default) or zip: one CSV per kind of record' }) }),
      },
      responses: {
        200: {
          description: 'The export',
          content: { 'application/json': { schema: customerExport }, 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        404: { description: 'No customer has this id' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      const data = presentExport(await exportCustomer(db, id, { actor, via: 'api' }, numberKey));
      if (c.req.valid('query').format === 'zip') {
        const name = `ecoute-customer-${id}-${data.exportedAt.slice(0, 10)}.zip`;
        return c.body(exportZip(data), 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${name}"` });
      }
      return c.json(data, 200);
    },
  );

  router.openapi(
    route('customer.erase', {
      method: 'post',
      path: '/customers/{id}/erasure',
      tags: ['privacy'],
      summary: "Erase a customer's personal data (GDPR art. 17), all or nothing; every figure stays as it was",
      request: {
        params: idParam,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({ reason: z.string().max(500).openapi({ description: 'why (a ticket or request reference), recorded with the erasure; no personal data', example: 'request DPO-2026-114' }) })
                .strict(),
            },
          },
        },
      },
      responses: {
        200: json(erasureResult, 'Erased: rows changed per table'),
        404: { description: 'No customer has this id' },
        409: { description: 'The customer was already erased' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const erasure = await eraseCustomer(db, c.req.valid('param').id, { reason: c.req.valid('json').reason, actor, via: 'api' }, numberKey, blobs);
      return c.json(presentErasure(erasure), 200);
    },
  );

  router.openapi(
    route('consent.read', {
      method: 'get',
      path: '/customers/{id}/consents',
      tags: ['privacy'],
      summary: "A customer's consents and their history (who, when, old → new, channel); the read is audited",
      request: { params: idParam },
      responses: { 200: json(consents, 'Consents'), 404: { description: 'No customer has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(presentConsents(await getConsents(db, c.req.valid('param').id, actor)), 200);
    },
  );

  router.openapi(
    route('consent.change', {
      method: 'patch',
      path: '/customers/{id}/consents',
      tags: ['privacy'],
      summary: 'Record the consents a customer gives or withdraws, and through which channel they told us',
      request: {
        params: idParam,
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  surveys: z.boolean().optional(),
                  marketing: z.boolean().optional(),
                  channel: channel.openapi({ description: 'how the customer told us' }),
                })
                .strict()
                .refine((b) => b.surveys !== undefined || b.marketing !== undefined, { message: 'give surveys or marketing (or both)', path: ['surveys'], params: { code: 'required' } }),
            },
          },
        },
      },
      responses: {
        200: json(consents, 'The consents after the change, with their history'),
        404: { description: 'No customer has this id' },
        409: { description: 'The customer was erased' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(presentConsents(await changeConsents(db, c.req.valid('param').id, c.req.valid('json'), actor)), 200);
    },
  );

  return router;
}
