import { z } from '@hono/zod-openapi';
import { calibrationCandidate, calibrationCreate, calibrationDetail, calibrationReferenceInput, calibrationScoreInput, calibrationSummary } from '../contract/quality-calibration.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { toCsv } from '../shared/csv-export.js';
import { CALIBRATION_CSV_COLUMNS, calibrationCsvRows, presentCalibration, presentCalibrationSummary } from './calibration-presenters.js';
import { calibrationCandidates, createCalibration, listCalibrations, readCalibration, revealCalibration, saveCalibrationScore, setCalibrationReferences } from './calibration.js';

const idParam = z.object({ id: z.string().min(1).max(64) });
const scoreParam = z.object({ id: z.string().min(1).max(64), interactionId: z.string().min(1).max(64) });
const detail = (description: string) => json(calibrationDetail, description);

/** Calibration sessions (docs/quality.md, "Calibration and agreement"). */
export function calibrationRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const show = async (_: unknown, actor: ReturnType<typeof actorOf>, id: string) => presentCalibration(await readCalibration(db, actor, id), actor.id);

  router.openapi(
    route('calibration.score', {
      method: 'get', path: '/quality/calibrations', tags: ['quality'],
      summary: 'The calibration sessions the reader is in (coaches: all), newest first',
      responses: { 200: json(z.object({ items: z.array(calibrationSummary) }), 'The sessions'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listCalibrations(db, actorOf(c))).map(presentCalibrationSummary) }, 200),
  );

  router.openapi(
    route('calibration.manage', {
      method: 'get', path: '/quality/calibration-evaluators', tags: ['quality'],
      summary: 'Who may evaluate in a calibration session: the active team leads and quality coaches',
      responses: { 200: json(z.object({ items: z.array(calibrationCandidate) }), 'The people'), ...problemResponses },
    }),
    async (c) => c.json({ items: await calibrationCandidates(db) }, 200),
  );

  router.openapi(
    route('calibration.manage', {
      method: 'post', path: '/quality/calibrations', tags: ['quality'],
      summary: 'Open a calibration session: contacts every evaluator scores blind on one published scorecard version; the reader leads it',
      request: { body: { content: { 'application/json': { schema: calibrationCreate } } } },
      responses: { 201: detail('The session'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const id = await createCalibration(db, actor, c.req.valid('json'));
      return c.json(await show(c, actor, id), 201);
    },
  );

  router.openapi(
    route('calibration.score', {
      method: 'get', path: '/quality/calibrations/{id}/export.csv', tags: ['quality'],
      summary: "A session's scores as CSV, one row per contact and evaluator, as the reader sees them (other evaluators by letter; while open, the reader's own only)",
      request: { params: idParam },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, 404: { description: 'No session the reader is in has this id' }, ...problemResponses },
    }),
    async (c) => {
      const view = await show(c, actorOf(c), c.req.valid('param').id);
      return c.body(toCsv(calibrationCsvRows(view), CALIBRATION_CSV_COLUMNS), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="calibration.csv"' });
    },
  );

  router.openapi(
    route('calibration.score', {
      method: 'get', path: '/quality/calibrations/{id}', tags: ['quality'],
      summary: 'A session: while open, only the reader’s own scores; once revealed, every score, the spread, the agreement and the evaluators far from the reference',
      request: { params: idParam },
      responses: { 200: detail('The session'), 404: { description: 'No session the reader is in has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(await show(c, actor, c.req.valid('param').id), 200);
    },
  );

  router.openapi(
    route('calibration.score', {
      method: 'put', path: '/quality/calibrations/{id}/scores/{interactionId}', tags: ['quality'],
      summary: 'The reader’s answers on one contact of an open session they evaluate (409 calibration-revealed once revealed)',
      request: { params: scoreParam, body: { content: { 'application/json': { schema: calibrationScoreInput } } } },
      responses: { 200: detail('The session'), 404: { description: 'No such session or contact in it' }, 409: { description: '`calibration-revealed`' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id, interactionId } = c.req.valid('param');
      await saveCalibrationScore(db, actor, id, interactionId, c.req.valid('json').answers);
      return c.json(await show(c, actor, id), 200);
    },
  );

  router.openapi(
    route('calibration.manage', {
      method: 'post', path: '/quality/calibrations/{id}/reveal', tags: ['quality'],
      summary: 'Reveal a session: its people see every score, the spread and the agreement',
      request: { params: idParam },
      responses: { 200: detail('The session'), 404: { description: 'No session has this id' }, 409: { description: '`calibration-revealed`' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await revealCalibration(db, actor, id);
      return c.json(await show(c, actor, id), 200);
    },
  );

  router.openapi(
    route('calibration.manage', {
      method: 'put', path: '/quality/calibrations/{id}/references', tags: ['quality'],
      summary: 'The reference scores the session agrees on (null: back to the median of the evaluators)',
      request: { params: idParam, body: { content: { 'application/json': { schema: calibrationReferenceInput } } } },
      responses: { 200: detail('The session'), 404: { description: 'No session has this id' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await setCalibrationReferences(db, actor, id, c.req.valid('json').references);
      return c.json(await show(c, actor, id), 200);
    },
  );

  return router;
}
