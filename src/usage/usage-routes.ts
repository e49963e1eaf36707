import { z } from '@hono/zod-openapi';
import { auditCustomerRead } from '../auth/audit.js';
import { lineConsumption, plan, planIn, usageEventIn, usageIngestReport } from '../contract/usage.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, json, newRouter, problemResponses, route } from '../http/context.js';
import { problem } from '../http/problem.js';
import { lineConsumption as readConsumption } from './consumption.js';
import { definePlan, listPlans } from './plans.js';
import { MAX_BATCH_EVENTS } from './usage-ingest.js';
import { UsageIngestRunner } from './ingest-runner.js';
import { presentConsumption, presentIngestReport, presentPlan } from './usage-presenters.js';

/** Usage events in, consumption and plans out (docs/self-service.md). */
export function usageRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  // Batches are counted off the serving thread on SQLite (ingest-runner.ts).
  const ingestion = new UsageIngestRunner(deps.storage);
  deps.closers?.add(() => ingestion.close());
  // the shape of one event, which the body's description refers to
  router.openAPIRegistry.register('UsageEventIn', usageEventIn);

  router.openapi(
    route('usage.ingest', {
      method: 'post', path: '/usage/events', tags: ['usage'],
      summary: `Usage events from the mediation platform, at most ${MAX_BATCH_EVENTS} per request: counted once each by their eventId, whatever is sent again`,
      description:
        'The body is a JSON array of events (or `{ "events": [...] }`), or NDJSON (`application/x-ndjson`, one event per line). ' +
        'Every event is checked; when one is refused nothing is counted (422 listing each refused event as `events[i].field`), ' +
        'unless `skipInvalid=true`, which counts the valid ones and lists the others in `refused`. An event whose id was received ' +
        'before (by any source) is a duplicate: answered as such, never counted again, so a batch may be sent again safely.',
      request: {
        query: z.object({ skipInvalid: z.enum(['true', 'false']).optional().openapi({ description: 'count the valid events even if others are refused' }) }),
        body: {
          required: true,
          // Read and checked by the handler (each event's issues named by its place), not by the router's validator.
          content: {
            'application/json': { schema: z.unknown().openapi({ type: 'array', items: { $ref: '#/components/schemas/UsageEventIn' } }) },
            'application/x-ndjson': { schema: z.unknown().openapi({ type: 'string', example: '{"eventId":"cdr-1","msisdn":"+352621123456","occurredAt":"2026-12-04T09:15:00+01:00","type":"data","quantity":1048576,"country":"LU"}' }) },
          },
        },
      },
      responses: {
        200: json(usageIngestReport, 'Counted (with skipInvalid, the refused events are listed)'),
        ...problemResponses,
        413: { description: `More than ${MAX_BATCH_EVENTS} events, or a body over the import cap` },
        415: { description: 'Neither application/json nor application/x-ndjson' },
        422: { description: 'Events were refused and nothing was counted: problem+json naming each refused field as events[i].field' },
      },
    }),
    async (c) => {
      actorOf(c);
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json' && contentType !== 'application/x-ndjson') {
        return problem(c, 415, 'unsupported-media-type', 'Send the events as application/json (an array) or application/x-ndjson (one per line). Nothing was counted.');
      }
      const report = await ingestion.ingest(await c.req.arrayBuffer(), contentType, { skipInvalid: c.req.valid('query').skipInvalid === 'true' });
      return c.json(presentIngestReport(report), 200);
    },
  );

  router.openapi(
    route('usage.read', {
      method: 'get', path: '/lines/{msisdn}/consumption', tags: ['usage'],
      summary: "A line's consumption in its current billing period: each bucket's use, allowance and out-of-bundle amount (an audited read of the customer's data)",
      request: { params: z.object({ msisdn: z.string().max(40).openapi({ example: '+352621123456' }) }) },
      responses: { 200: json(lineConsumption, 'The current period'), ...problemResponses, 404: { description: 'No line has this number' } },
    }),
    async (c) => {
      const consumption = await readConsumption(db, c.req.valid('param').msisdn);
      await auditCustomerRead(db, actorOf(c), consumption.partyId, 'consumption');
      return c.json(presentConsumption(consumption), 200);
    },
  );

  router.openapi(
    route('plan.read', {
      method: 'get', path: '/plans', tags: ['usage'],
      summary: 'The plan catalogue: what each plan includes per billing period and what a block beyond it costs',
      responses: { 200: json(z.object({ items: z.array(plan) }), 'Every plan'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listPlans(db)).map(presentPlan) }, 200),
  );

  router.openapi(
    route('plan.manage', {
      method: 'put', path: '/plans/{code}', tags: ['usage'],
      summary: "Create a plan or replace its name, price and buckets; counters already started keep the terms of their period's first event",
      request: {
        params: z.object({ code: z.string().min(1).max(100).openapi({ example: 'Love Duo' }) }),
        body: { content: { 'application/json': { schema: planIn } } },
      },
      responses: { 200: json(plan, 'The plan as it is now'), ...problemResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const saved = await definePlan(db, {
        code: c.req.valid('param').code, name: body.name, monthlyPriceCents: body.monthlyPriceCents,
        buckets: body.buckets.map((b) => ({ bucket: b.type, allowance: b.allowance, blockUnits: b.blockUnits, blockPriceCents: b.blockPriceCents })),
        offeredTo: body.offeredTo ?? [], lineKind: body.lineKind ?? null,
      });
      return c.json(presentPlan(saved), 200);
    },
  );

  return router;
}
