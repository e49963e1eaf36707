import { z } from '@hono/zod-openapi';
import { cause, department } from '../contract/causes.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import { safeText } from '../shared/safe-text.js';
import { presentCause, presentDepartment } from './cause-presenters.js';
import { listCauses, listDepartments, saveCause, saveDepartment } from './cause-tree.js';

const labels = z.object({ fr: safeText(120, { min: 1 }), de: safeText(120, { min: 1 }), en: safeText(120, { min: 1 }) });
const listQuery = z.object({ lang: z.enum(LABEL_LANGUAGES).optional(), includeInactive: z.enum(['true', 'false']).optional() });

/** The cause tree and the departments over the API (docs/improvement.md, "Causes"). */
export function causeRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('cause.read', {
      method: 'get', path: '/causes', tags: ['improvement'],
      summary: 'The root-cause tree, parents before their children, each level in the operator’s order',
      request: { query: listQuery },
      responses: { 200: json(z.object({ items: z.array(cause) }), 'Causes'), ...problemResponses },
    }),
    async (c) => {
      const { lang, includeInactive } = c.req.valid('query');
      return c.json({ items: (await listCauses(db, lang ?? actorOf(c).language, includeInactive === 'true')).map(presentCause) }, 200);
    },
  );

  router.openapi(
    route('cause.configure', {
      method: 'put', path: '/causes/{code}', tags: ['improvement'],
      summary: 'Create or change a cause: its labels, its place in the tree, its owner; deactivate instead of deleting',
      request: {
        params: z.object({ code: safeText(200, { min: 1 }).openapi({ example: 'billing.roaming' }) }),
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  labels,
                  parentCode: safeText(200, { min: 1 }).nullable().optional().openapi({ description: 'null: at the root; absent: where it is (the root for a new one)' }),
                  departmentCode: safeText(40, { min: 1 }).nullable().optional().openapi({ description: 'the owner; null: nobody yet' }),
                  active: z.boolean().optional(),
                  sortOrder: z.number().int().min(0).max(100_000).optional(),
                  reasonCodes: z.array(safeText(40, { min: 1 })).max(50).optional().openapi({ description: 'contact reasons that match the cause; absent: unchanged' }),
                  topicCodes: z.array(safeText(40, { min: 1 })).max(20).optional().openapi({ description: 'comment topics that match the cause; absent: unchanged' }),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await saveCause(db, c.req.valid('param').code, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('cause.read', {
      method: 'get', path: '/departments', tags: ['improvement'],
      summary: 'The departments that own causes and actions (IT billing, network, shops, process, partners…)',
      request: { query: listQuery },
      responses: { 200: json(z.object({ items: z.array(department) }), 'Departments'), ...problemResponses },
    }),
    async (c) => {
      const { lang, includeInactive } = c.req.valid('query');
      return c.json({ items: (await listDepartments(db, lang ?? actorOf(c).language, includeInactive === 'true')).map(presentDepartment) }, 200);
    },
  );

  router.openapi(
    route('cause.configure', {
      method: 'put', path: '/departments/{code}', tags: ['improvement'],
      summary: 'Create or change a department; deactivate instead of deleting',
      request: {
        params: z.object({ code: safeText(40, { min: 1 }) }),
        body: { content: { 'application/json': { schema: z.object({ labels, active: z.boolean().optional() }).strict() } } },
      },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await saveDepartment(db, c.req.valid('param').code, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

  return router;
}
