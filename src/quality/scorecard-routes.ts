import { z } from '@hono/zod-openapi';
import { scorecardInput, scorecardSummary, scorecardVersion, scorecardContent } from '../contract/quality-evaluations.js';
import { actorOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { safeText } from '../shared/safe-text.js';
import { presentScorecard, presentScorecardVersion } from './evaluation-presenters.js';
import { archiveVersion, createScorecard, editDraftVersion, listScorecards, newDraftVersion, publishVersion, readScorecardVersion } from './scorecards.js';

const idParam = z.object({ id: z.string().min(1).max(64) });

/** Scorecards and their versions (docs/quality.md, "Scorecards and scores"). */
export function scorecardRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/scorecards', tags: ['quality'],
      summary: 'The scorecards and their versions, newest version first',
      responses: { 200: json(z.object({ items: z.array(scorecardSummary) }), 'The scorecards'), ...problemResponses },
    }),
    async (c) => c.json({ items: (await listScorecards(db)).map(presentScorecard) }, 200),
  );

  router.openapi(
    route('scorecard.manage', {
      method: 'post', path: '/quality/scorecards', tags: ['quality'],
      summary: 'Create a scorecard: its version 1, a draft',
      request: { body: { content: { 'application/json': { schema: scorecardInput } } } },
      responses: { 201: json(scorecardVersion, 'The draft'), ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await createScorecard(db, actorOf(c), c.req.valid('json'))), 201),
  );

  router.openapi(
    route('scorecard.manage', {
      method: 'post', path: '/quality/scorecards/{id}/versions', tags: ['quality'],
      summary: 'A new draft version of a scorecard, starting from its latest version (409 draft-exists: one draft at a time)',
      request: { params: idParam },
      responses: { 201: json(scorecardVersion, 'The draft'), 404: { description: 'No scorecard has this id' }, 409: { description: '`draft-exists`' }, ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await newDraftVersion(db, actorOf(c), c.req.valid('param').id)), 201),
  );

  router.openapi(
    route('quality.read', {
      method: 'get', path: '/quality/scorecard-versions/{id}', tags: ['quality'],
      summary: 'One version of a scorecard with its sections and criteria',
      request: { params: idParam },
      responses: { 200: json(scorecardVersion, 'The version'), 404: { description: 'No version has this id' }, ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await readScorecardVersion(db, c.req.valid('param').id)), 200),
  );

  router.openapi(
    route('scorecard.manage', {
      method: 'put', path: '/quality/scorecard-versions/{id}', tags: ['quality'],
      summary: 'Change a draft version (and the scorecard’s name); a published or archived version is never edited (409 version-not-draft)',
      request: { params: idParam, body: { content: { 'application/json': { schema: z.object({ name: safeText(120, { min: 1 }).optional(), content: scorecardContent }) } } } },
      responses: { 200: json(scorecardVersion, 'The draft'), 404: { description: 'No version has this id' }, 409: { description: '`version-not-draft`' }, ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await editDraftVersion(db, c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  router.openapi(
    route('scorecard.manage', {
      method: 'post', path: '/quality/scorecard-versions/{id}/publish', tags: ['quality'],
      summary: 'Publish a draft: new evaluations use it; the version published before it is archived',
      request: { params: idParam },
      responses: { 200: json(scorecardVersion, 'The published version'), 404: { description: 'No version has this id' }, 409: { description: '`version-not-draft`' }, ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await publishVersion(db, c.req.valid('param').id)), 200),
  );

  router.openapi(
    route('scorecard.manage', {
      method: 'post', path: '/quality/scorecard-versions/{id}/archive', tags: ['quality'],
      summary: 'Archive a published version: no new evaluation uses it',
      request: { params: idParam },
      responses: { 200: json(scorecardVersion, 'The archived version'), 404: { description: 'No version has this id' }, 409: { description: '`version-not-published`' }, ...problemResponses },
    }),
    async (c) => c.json(presentScorecardVersion(await archiveVersion(db, c.req.valid('param').id)), 200),
  );

  return router;
}
