import { z } from '@hono/zod-openapi';
import { TMF_STATUSES, troubleTicket } from '../contract/tmf621.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { plausibleTime } from '../shared/plausible-time.js';
import { safeText } from '../shared/safe-text.js';
import { getTroubleTicket, listTroubleTickets } from './tmf621-queries.js';
import { TMF621_BASE } from './tmf621.js';

/** Complaints, read-only, in the TM Forum TMF621 Trouble Ticket v4 shape (docs/complaints.md, "TMF621"). */
export function tmf621Routes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('complaint.read', {
      method: 'get', path: TMF621_BASE, tags: ['tmf621'],
      summary: 'TMF621 v4: complaints as trouble tickets (ticketType complaint), newest first, by offset; X-Total-Count and X-Result-Count; every customer listed is audited',
      request: {
        query: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
          status: z.enum(TMF_STATUSES).optional(),
          ticketType: safeText(64).optional().openapi({ description: 'only `complaint` lists anything' }),
          'creationDate.gt': plausibleTime().optional().openapi({ description: 'received after (ISO 8601)' }),
          'creationDate.lt': plausibleTime().optional().openapi({ description: 'received before (ISO 8601)' }),
        }),
      },
      responses: { 200: json(z.array(troubleTicket), 'Trouble tickets'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const gt = q['creationDate.gt'];
      const lt = q['creationDate.lt'];
      const page = await listTroubleTickets(
        db,
        { status: q.status, ticketType: q.ticketType, createdAfter: gt === undefined ? undefined : Date.parse(gt), createdBefore: lt === undefined ? undefined : Date.parse(lt), offset: q.offset, limit: q.limit },
        actorOf(c),
      );
      c.header('X-Total-Count', String(page.total));
      c.header('X-Result-Count', String(page.items.length));
      return c.json(page.items, 200);
    },
  );

  router.openapi(
    route('complaint.read', {
      method: 'get', path: `${TMF621_BASE}/{id}`, tags: ['tmf621'],
      summary: 'TMF621 v4: a complaint as a trouble ticket (a read of the customer’s record: audited)',
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: json(troubleTicket, 'The trouble ticket'), 404: { description: 'No complaint has this id' }, ...problemResponses },
    }),
    async (c) => c.json(await getTroubleTicket(db, c.req.valid('param').id, actorOf(c)), 200),
  );

  return router;
}
