import { z } from '@hono/zod-openapi';
import { auditNumberReads } from '../auth/audit.js';
import { caughtMail } from '../contract/notifications.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, json, newRouter, problemResponses, route } from '../http/context.js';
import { DomainError } from '../shared/errors.js';
import { presentCaughtMail } from './notification-presenters.js';

/**
 * The e-mails the local mail catcher kept, mounted in demo mode only (src/server/app.ts), like the
 * phone simulator: what a customer's mailbox would have received, newest first. Each address shown
 * is a read the audit trail records.
 */
export function mailCatcherRoutes(deps: AppDeps) {
  const router = newRouter();

  router.openapi(
    route('mail.inspect', {
      method: 'get', path: '/mail-catcher/messages', tags: ['notifications'],
      summary: 'The e-mails the local mail catcher received (demo mode), newest first',
      request: { query: z.object({ to: z.string().max(254).optional().openapi({ description: 'only those to this address' }) }) },
      responses: { 200: json(z.object({ items: z.array(caughtMail) }), 'Caught e-mails'), 404: { description: 'No mail catcher (an SMTP server is configured)' }, ...problemResponses },
    }),
    async (c) => {
      const catcher = deps.mailCatcher;
      if (!catcher) throw new DomainError(404, 'not-found', 'The mail catcher exists only in demo mode without an SMTP server (ECOUTE_SMTP_URL unset)');
      const { to } = c.req.valid('query');
      const mails = (to === undefined ? catcher.messages() : catcher.messagesTo(to)).reverse();
      await auditNumberReads(deps.storage.db, actorOf(c), mails.flatMap((m) => m.to), 'mail-catcher');
      return c.json({ items: mails.map(presentCaughtMail) }, 200);
    },
  );

  return router;
}
