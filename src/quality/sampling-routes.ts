import { z } from '@hono/zod-openapi';
import { sampleDetail, sampleHead, samplePlan, SAMPLE_REPLACE_REASONS, sampleVerification } from '../contract/quality-sampling.js';
import { qualityScope, type Actor } from '../auth/policies.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { toCsv } from '../shared/csv-export.js';
import { safeText } from '../shared/safe-text.js';
import { planMargin } from './sample-margin.js';
import { presentSample, presentSampleHead, SAMPLE_CSV_COLUMNS, sampleCsvRow } from './sample-presenters.js';
import { drawPeriodSample, getSample, getSampleHead, listSamples, replaceItem, verifySample, withdrawSample } from './sample-service.js';

const id = z.string().min(1).max(64);
const period = z.string().max(7).openapi({ description: 'a calendar month, YYYY-MM (Europe/Luxembourg)', example: '2026-11' });
const idParam = z.object({ id });
const itemParam = z.object({ id, itemId: id });
/** Only a reader who reaches everyone's records (a quality coach) is shown the seed. */
const seesSeed = (actor: Actor) => qualityScope(actor).people === 'all';

/** The coach's samples of contacts to listen to (docs/quality.md, "Sampling"). */
export function samplingRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/samples', tags: ['quality'],
      summary: 'The samples drawn (of a period), newest first: their heads, no contact',
      request: { query: z.object({ period: period.optional() }) },
      responses: { 200: json(z.object({ items: z.array(sampleHead) }), 'Samples'), ...problemResponses },
    }),
    async (c) => {
      const rows = await listSamples(db, c.req.valid('query').period ?? null);
      const showSeed = seesSeed(actorOf(c));
      return c.json({ items: rows.map((row) => presentSampleHead(row, showSeed)) }, 200);
    },
  );

  router.openapi(
    route('quality.sample', {
      method: 'get', path: '/quality/samples/plan', tags: ['quality'],
      summary: "The margin of error of the team's quality score for a size per advisor, and the size a target margin asks",
      request: {
        query: z.object({
          period,
          team: id.optional(),
          perAdvisor: z.coerce.number().int().min(1).max(200).default(4),
          p: z.coerce.number().min(0.01).max(0.99).default(0.5).openapi({ description: 'the proportion assumed; 0.5 is the cautious default' }),
          confidence: z.coerce.number().pipe(z.union([z.literal(0.9), z.literal(0.95), z.literal(0.99)])).default(0.95),
          target: z.coerce.number().min(0.005).max(0.5).optional().openapi({ description: 'target margin as a proportion (0.05 = ±5 points)' }),
        }),
      },
      responses: { 200: json(samplePlan, 'The margin and sizing'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const plan = await planMargin(db, { period: q.period, teamId: q.team ?? null, perAdvisor: q.perAdvisor, p: q.p, confidence: q.confidence, target: q.target ?? null });
      return c.json(plan, 200);
    },
  );

  router.openapi(
    route('quality.sample', {
      method: 'post', path: '/quality/samples', tags: ['quality'],
      summary: 'Draw and record the sample of a period (and team): seeded, stratified per advisor, with the detractor oversample apart',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z
                .object({
                  period,
                  teamId: id.nullable().optional().openapi({ description: 'one team; default every team' }),
                  seed: safeText(100, { min: 1 }).optional().openapi({ description: 'default: 16 random hex characters' }),
                  perAdvisor: z.number().int().min(1).max(200).default(4),
                  oversample: z.number().int().min(0).max(50).default(1),
                })
                .strict(),
            },
          },
        },
      },
      responses: { 201: json(sampleDetail, 'The sample'), 409: { description: 'The period already has a live sample, or no eligible contact' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const body = c.req.valid('json');
      const sampleId = await drawPeriodSample(db, { period: body.period, teamId: body.teamId ?? null, seed: body.seed, perAdvisor: body.perAdvisor, oversample: body.oversample }, actor);
      return c.json(presentSample(await getSample(db, sampleId, actor), seesSeed(actor)), 201);
    },
  );

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/samples/{id}', tags: ['quality'],
      summary: 'A sample with the items the reader reaches and why each was drawn (none for an advisor); the customers shown are audited',
      request: { params: idParam },
      responses: { 200: json(sampleDetail, 'The sample'), 404: { description: 'No such sample' }, ...problemResponses },
    }),
    async (c) => c.json(presentSample(await getSample(db, c.req.valid('param').id, actorOf(c)), seesSeed(actorOf(c))), 200),
  );

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/samples/{id}/export.csv', tags: ['quality'],
      summary: 'The items of a sample the reader reaches, as CSV; audited',
      request: { params: idParam },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 404: { description: 'No such sample' }, ...problemResponses },
    }),
    async (c) => {
      const view = await getSample(db, c.req.valid('param').id, actorOf(c));
      const showSeed = seesSeed(actorOf(c));
      const csv = toCsv(view.items.map((i) => sampleCsvRow(view, i, showSeed)), SAMPLE_CSV_COLUMNS);
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="sample-${view.sample.period}.csv"` });
    },
  );

  router.openapi(
    route('quality.sample', {
      method: 'post', path: '/quality/samples/{id}/verify', tags: ['quality'],
      summary: "Re-derive a sample from its seed and the period's contacts today: whether the contacts and the items match the record",
      request: { params: idParam },
      responses: { 200: json(sampleVerification, 'The verification'), 404: { description: 'No such sample' }, ...problemResponses },
    }),
    async (c) => c.json(await verifySample(db, c.req.valid('param').id), 200),
  );

  router.openapi(
    route('quality.sample', {
      method: 'post', path: '/quality/samples/{id}/items/{itemId}/replace', tags: ['quality'],
      summary: 'Replace a drawn contact, with a reason, by the next contact of its stratum; the replaced item stays, marked',
      request: {
        params: itemParam,
        body: { content: { 'application/json': { schema: z.object({ reason: z.enum(SAMPLE_REPLACE_REASONS), note: safeText(500).optional().openapi({ description: 'required with reason other' }) }).strict() } } },
      },
      responses: { 200: json(sampleDetail, 'The sample'), 404: { description: 'No such sample or item' }, 409: { description: 'Already replaced, sample withdrawn, or no contact left in the stratum' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id: sampleId, itemId } = c.req.valid('param');
      await replaceItem(db, sampleId, itemId, c.req.valid('json'), actor);
      return c.json(presentSample(await getSample(db, sampleId, actor), seesSeed(actor)), 200);
    },
  );

  router.openapi(
    route('quality.sample', {
      method: 'post', path: '/quality/samples/{id}/withdraw', tags: ['quality'],
      summary: 'Withdraw a sample, with a reason, so that its period can be drawn again; it stays, marked',
      request: { params: idParam, body: { content: { 'application/json': { schema: z.object({ reason: safeText(500, { min: 1 }) }).strict() } } } },
      responses: { 200: json(sampleHead, 'The withdrawn sample'), 404: { description: 'No such sample' }, 409: { description: 'Already withdrawn' }, ...problemResponses },
    }),
    async (c) => {
      const { id: sampleId } = c.req.valid('param');
      await withdrawSample(db, sampleId, c.req.valid('json').reason, actorOf(c));
      return c.json(presentSampleHead(await getSampleHead(db, sampleId), true), 200);
    },
  );

  return router;
}
