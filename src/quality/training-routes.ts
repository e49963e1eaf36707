import { z } from '@hono/zod-openapi';
import {
  attendanceChanges, COMPLIANCE_STATUSES, complianceRow, requirementCreate, sessionCreate, sessionPatch, training, trainingCreate, trainingEffect as effectSchema, trainingPatch,
  trainingRequirement, trainingSession, trainablePerson,
} from '../contract/quality-training.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { toCsv } from '../shared/csv-export.js';
import { notFound } from '../shared/errors.js';
import { trainingEffect } from './training-effect.js';
import { COMPLIANCE_CSV_COLUMNS, complianceCsvRow, presentCompliance, presentRequirement, presentTraining, presentTrainingEffect, presentTrainingSession } from './training-presenters.js';
import {
  changeAttendance, trainablePeople, createRequirement, createSession, createTraining, deleteRequirement, listRequirements, listSessions, listTrainings, trainingCompliance, updateSession, updateTraining,
} from './trainings.js';

const idParam = z.object({ id: z.string().min(1).max(64) });
const csvOrJson = z.enum(['json', 'csv']).optional();

/** The catalogue of trainings, their sessions and attendance, required trainings and who is overdue, before/after figures (docs/quality.md, "Training"). */
export function trainingRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const oneTraining = async (id: string) => {
    const [found] = await listTrainings(db, { archived: true, id });
    if (!found) throw notFound('no training has this id');
    return presentTraining(found);
  };
  const oneSession = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const [found] = await listSessions(db, actor, { sessionId: id });
    if (!found) throw notFound('no training session has this id');
    return presentTrainingSession(found);
  };

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/trainings', tags: ['quality'],
      summary: 'The catalogue of trainings by code (archived ones with archived=true)',
      request: { query: z.object({ archived: z.enum(['true', 'false']).optional() }) },
      responses: { 200: json(z.object({ items: z.array(training) }), 'The catalogue'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listTrainings(db, { archived: c.req.valid('query').archived === 'true' })).map(presentTraining) }, 200),
  );

  router.openapi(
    route('training.manage', {
      method: 'post', path: '/quality/trainings', tags: ['quality'],
      summary: 'Add a training to the catalogue',
      request: { body: { content: { 'application/json': { schema: trainingCreate } } } },
      responses: { 201: json(training, 'The training'), 409: { description: 'Another training has this code (`duplicate-code`)' }, ...problemResponses },
    }),
    async (c) => c.json(await oneTraining(await createTraining(db, c.req.valid('json'))), 201),
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/trainings/{id}', tags: ['quality'],
      summary: 'One training of the catalogue',
      request: { params: idParam },
      responses: { 200: json(training, 'The training'), 404: { description: 'No training has this id' }, ...problemResponses },
    }),
    async (c) => c.json(await oneTraining(c.req.valid('param').id), 200),
  );

  router.openapi(
    route('training.manage', {
      method: 'patch', path: '/quality/trainings/{id}', tags: ['quality'],
      summary: 'Change a training, archive it (no new sessions nor requirements) or bring it back',
      request: { params: idParam, body: { content: { 'application/json': { schema: trainingPatch } } } },
      responses: { 200: json(training, 'The training'), 404: { description: 'No training has this id' }, 409: { description: 'Another training has this code' }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateTraining(db, id, c.req.valid('json'));
      return c.json(await oneTraining(id), 200);
    },
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/trainings/{id}/effect', tags: ['quality'],
      summary:
        "Figures before and after the training of those who completed it, within the reader's reach: quality score, NPS, FCR and repeat rate over `window` days before their session and after their completion, pooled, with the difference and its 95% interval (403 for a role that sees no advisor's figures, or a CX manager when fewer than 5 people are pooled)",
      request: {
        params: idParam,
        query: z.object({
          window: z.coerce.number().int().min(7).max(365).default(90).openapi({ description: 'days on each side (default 90)' }),
          advisor: z.string().min(1).max(64).optional().openapi({ description: 'one person who completed it' }),
        }),
      },
      responses: { 200: json(effectSchema, 'Before and after'), 404: { description: 'No training has this id' }, ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const effect = await trainingEffect(db, actorOf(c), c.req.valid('param').id, { windowDays: q.window, advisorId: q.advisor, minResponses: deps.config.npsMinResponses });
      return c.json(presentTrainingEffect(effect), 200);
    },
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/training-sessions', tags: ['quality'],
      summary: 'Training sessions, newest first, with the attendees the reader may see; `training`, `from` and `to` narrow',
      request: {
        query: z.object({
          training: z.string().min(1).max(64).optional(),
          from: z.string().datetime({ offset: true }).optional().openapi({ description: 'sessions starting from then' }),
          to: z.string().datetime({ offset: true }).optional().openapi({ description: 'sessions starting before then' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(trainingSession) }), 'The sessions'), ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await listSessions(db, actorOf(c), { trainingId: q.training, from: q.from ? Date.parse(q.from) : undefined, to: q.to ? Date.parse(q.to) : undefined });
      return c.json({ items: items.map(presentTrainingSession) }, 200);
    },
  );

  router.openapi(
    route('training.manage', {
      method: 'post', path: '/quality/training-sessions', tags: ['quality'],
      summary: 'Plan a session of a training',
      request: { body: { content: { 'application/json': { schema: sessionCreate } } } },
      responses: { 201: json(trainingSession, 'The session'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(await oneSession(actor, await createSession(db, actor, c.req.valid('json'))), 201);
    },
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/training-sessions/{id}', tags: ['quality'],
      summary: 'One session with the attendees the reader may see',
      request: { params: idParam },
      responses: { 200: json(trainingSession, 'The session'), 404: { description: 'No session has this id' }, ...problemResponses },
    }),
    async (c) => c.json(await oneSession(actorOf(c), c.req.valid('param').id), 200),
  );

  router.openapi(
    route('training.manage', {
      method: 'patch', path: '/quality/training-sessions/{id}', tags: ['quality'],
      summary: 'Move a session, change its place, trainer or capacity, cancel it (not once people completed it)',
      request: { params: idParam, body: { content: { 'application/json': { schema: sessionPatch } } } },
      responses: { 200: json(trainingSession, 'The session'), 404: { description: 'No session has this id' }, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateSession(db, id, c.req.valid('json'));
      return c.json(await oneSession(actorOf(c), id), 200);
    },
  );

  router.openapi(
    route('training.manage', {
      method: 'post', path: '/quality/training-sessions/{id}/attendance', tags: ['quality'],
      summary: 'Put people on the list, record who attended, completed or was absent, or take them off: all the changes or none',
      request: { params: idParam, body: { content: { 'application/json': { schema: attendanceChanges } } } },
      responses: { 200: json(trainingSession, 'The session'), 404: { description: 'No session has this id' }, 409: { description: 'The session is full (`session-full`) or cancelled (`session-cancelled`)' }, ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const { id } = c.req.valid('param');
      await changeAttendance(db, actor, id, c.req.valid('json').changes);
      return c.json(await oneSession(actor, id), 200);
    },
  );

  router.openapi(
    route('training.manage', {
      method: 'get', path: '/quality/training-people', tags: ['quality'],
      summary: 'The active staff who may be put on a session’s list, by name',
      responses: { 200: json(z.object({ items: z.array(trainablePerson) }), 'The people'), ...problemResponses },
    }),
    async (c) => c.json({ items: await trainablePeople(db) }, 200),
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/training-requirements', tags: ['quality'],
      summary: 'The trainings each role must have completed, and by when',
      responses: { 200: json(z.object({ items: z.array(trainingRequirement) }), 'The requirements'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listRequirements(db)).map(presentRequirement) }, 200),
  );

  router.openapi(
    route('training.manage', {
      method: 'post', path: '/quality/training-requirements', tags: ['quality'],
      summary: 'Require a training of a role (of a kind of site, or any) by a day',
      request: { body: { content: { 'application/json': { schema: requirementCreate } } } },
      responses: { 201: json(trainingRequirement, 'The requirement'), 409: { description: 'Already required of this role (`duplicate-requirement`)' }, ...problemResponses },
    }),
    async (c) => {
      const id = await createRequirement(db, actorOf(c), c.req.valid('json'));
      return c.json(presentRequirement((await listRequirements(db)).find((r) => r.id === id)!), 201);
    },
  );

  router.openapi(
    route('training.manage', {
      method: 'delete', path: '/quality/training-requirements/{id}', tags: ['quality'],
      summary: 'No longer require a training of a role',
      request: { params: idParam },
      responses: { 204: { description: 'Removed' }, 404: { description: 'No requirement has this id' }, ...problemResponses },
    }),
    async (c) => {
      await deleteRequirement(db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('training.read', {
      method: 'get', path: '/quality/training-compliance', tags: ['quality'],
      summary:
        "Who must complete which training by when, and who has, within the reader's reach (everyone for those who manage trainings, a team lead their team, an advisor themselves); `status=overdue` gives the overdue list; format=csv exports it",
      request: {
        query: z.object({
          status: z.enum(COMPLIANCE_STATUSES).optional(),
          team: z.string().min(1).max(64).optional(),
          format: csvOrJson,
        }),
      },
      responses: { 200: { description: 'The rows, or the CSV file', content: { 'application/json': { schema: z.object({ items: z.array(complianceRow) }) }, 'text/csv': { schema: z.string() } } }, ...problemResponses },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await trainingCompliance(db, actorOf(c), { status: q.status, teamId: q.team }, deps.config.trainingGraceDays);
      if (q.format === 'csv') {
        return c.body(toCsv(rows.map(complianceCsvRow), COMPLIANCE_CSV_COLUMNS), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="trainings-${q.status ?? 'all'}.csv"` });
      }
      return c.json({ items: rows.map(presentCompliance) }, 200);
    },
  );

  return router;
}
