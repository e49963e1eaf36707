import { z } from '@hono/zod-openapi';
import { CALLBACK_TABS, callbackActionIn, callbackPage, callbackSummary } from '../contract/callbacks.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { presentCallback } from './callback-presenters.js';
import { actOnCallback, listCallbacks } from './callback-service.js';

const listQuery = z.object({
  tab: z.enum(CALLBACK_TABS).default('team').openapi({ description: 'team (default): the open callbacks of the reader’s team; mine: those the reader took' }),
  cursor: z.string().max(200).optional().openapi({ description: 'the `next` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idParam = z.object({ id: z.string().min(1).max(64) });

/** The team's callbacks (docs/self-service.md, "Callbacks"): the queue by slot, and what the team records on one. */
export function callbackRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('callback.read', {
      method: 'get', path: '/callbacks', tags: ['callbacks'],
      summary: 'A page of the open callbacks customers asked for in the app, by slot; every customer listed is an audited read',
      request: { query: listQuery },
      responses: { 200: json(callbackPage, 'The page'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await listCallbacks(db, actorOf(c), { tab: q.tab, cursor: q.cursor, limit: q.limit });
      return c.json({ items: page.items.map(presentCallback), next: page.next }, 200);
    },
  );

  router.openapi(
    route('callback.handle', {
      method: 'post', path: '/callbacks/{id}/actions', tags: ['callbacks'],
      summary: 'Record a call made (reached or not), close a callback as done, or cancel it with a note',
      request: { params: idParam, body: { content: { 'application/json': { schema: callbackActionIn } } } },
      responses: {
        200: json(callbackSummary, 'The callback after the action'),
        ...problemResponses,
        404: { description: 'No callback of the reader’s team has this id' },
        409: { description: '`transition-not-allowed`: it is done or cancelled already' },
      },
    }),
    async (c) => c.json(presentCallback(await actOnCallback(db, actorOf(c), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  return router;
}
