import { z } from '@hono/zod-openapi';
import { messageTemplate, messageTemplateInput, notification } from '../contract/notifications.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, json, newRouter, problemResponses, route } from '../http/context.js';
import { presentNotification, presentTemplate } from './notification-presenters.js';
import { readNotifications, type ReferenceReaders } from './notification-service.js';
import { addTemplateVersion, templateVersions } from './templates.js';

/**
 * The messages sent to customers about a case, and the templates they are written from.
 * `readers` says, for each kind of thing a notification can be about, who may read it.
 */
export function notificationRoutes(deps: AppDeps, readers: ReferenceReaders) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('notification.read', {
      method: 'get', path: '/notifications', tags: ['notifications'],
      summary: 'The messages sent about a case, oldest first, with how far each got (queued, waiting for the quiet hours or the cap, sent, delivered, failed and why)',
      request: {
        query: z.object({
          ref: z.string().min(3).max(200).openapi({ description: 'what the messages are about: <kind>:<id>, such as customer:0190… or complaint:0190…', example: 'customer:01900000-0000-7000-8000-000000000001' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(notification) }), 'Notifications'), 404: { description: 'No such case, or not one the caller may read' }, ...problemResponses },
    }),
    async (c) => {
      const records = await readNotifications(db, actorOf(c), c.req.valid('query').ref, readers);
      return c.json({ items: records.map(presentNotification) }, 200);
    },
  );

  router.openapi(
    route('template.read', {
      method: 'get', path: '/message-templates', tags: ['notifications'],
      summary: 'Every version of the message templates (newest version first within a key, channel and language)',
      request: { query: z.object({ key: z.string().max(100).optional().openapi({ example: 'complaint.answered' }) }) },
      responses: { 200: json(z.object({ items: z.array(messageTemplate) }), 'Template versions'), ...problemResponses },
    }),
    async (c) => {
      return c.json({ items: (await templateVersions(db, c.req.valid('query').key)).map(presentTemplate) }, 200);
    },
  );

  router.openapi(
    route('template.manage', {
      method: 'post', path: '/message-templates', tags: ['notifications'],
      summary: 'Write the next version of a template (versions are never edited in place; messages keep the version they were written from)',
      request: { body: { content: { 'application/json': { schema: messageTemplateInput } } } },
      responses: { 201: json(messageTemplate, 'The new version'), ...problemResponses },
    }),
    async (c) => {
      return c.json(presentTemplate(await addTemplateVersion(db, c.req.valid('json'), actorOf(c))), 201);
    },
  );

  return router;
}
