import { z } from '@hono/zod-openapi';
import { externalStudy, studyImportReport } from '../contract/studies.js';
import type { AppDeps } from '../http/context.js';
import { actorOf, route, json, newRouter, problemResponses } from '../http/context.js';
import { problem } from '../http/problem.js';
import { importStudyUpload } from './study-upload.js';
import { presentImportReport, presentStudy } from './study-presenters.js';
import { deleteStudy, listStudies } from './study-service.js';

const date = (description: string) => z.string().optional().openapi({ description, example: '2025-01-01', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const flag = z.enum(['true', 'false']).optional();

export function studyRoutes(deps: AppDeps) {
  const router = newRouter();

  router.openapi(
    route('study.read', {
      method: 'get', path: '/studies', tags: ['studies'],
      summary: 'External relational NPS studies whose period overlaps from–to, each on its own basis, with its 95% interval',
      request: {
        query: z.object({
          from: date('first day (Europe/Luxembourg calendar date)'),
          to: date('last day'),
          segment: z.string().max(100).optional().openapi({ example: 'residential' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(externalStudy) }), 'Studies'), ...problemResponses },
    }),
    async (c) => {
      return c.json({ items: (await listStudies(deps.storage.db, c.req.valid('query'))).map(presentStudy) }, 200);
    },
  );

  router.openapi(
    route('study.import', {
      method: 'post', path: '/studies/import', tags: ['studies'],
      summary: 'Import external studies from a CSV file (docs/studies.md): all or nothing unless skipInvalid; studies already imported are skipped',
      request: {
        query: z.object({
          skipInvalid: flag.openapi({ description: 'import the valid rows even if others have errors' }),
          dryRun: flag.openapi({ description: 'check the file and report, write nothing' }),
          fileName: z.string().min(1).max(200).optional().openapi({ description: 'name of the file, kept with each study and used in messages', example: 'panel-2025.csv' }),
        }),
        body: {
          required: true,
          content: { 'text/csv': { schema: z.string().openapi({ example: 'firm,study,period,segment,n,promoters,passives,detractors\nInstitut Alzette,Baromètre relationnel,2025-Q1,residential,1000,45%,30%,25%' }) } },
        },
      },
      responses: {
        200: json(studyImportReport, 'Imported (or validated, for a dry run); rejected rows with skipInvalid are in errors'),
        ...problemResponses,
        413: { description: 'File over the import cap (ECOUTE_MAX_IMPORT_BYTES, 8 MiB by default)' },
        415: { description: 'Not text/csv' },
        422: { description: 'Rows have errors and nothing was imported: problem+json with every error, field "line N, column"' },
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'text/csv') return problem(c, 415, 'unsupported-media-type', 'Send the file as the body, with Content-Type: text/csv. Nothing was imported.');
      const { skipInvalid, dryRun, fileName } = c.req.valid('query');
      const report = await importStudyUpload(deps.storage, await c.req.text(), {
        fileName: fileName ?? 'upload.csv',
        skipInvalid: skipInvalid === 'true',
        dryRun: dryRun === 'true',
        importedBy: actor,
      });
      return c.json(presentImportReport(report), 200);
    },
  );

  router.openapi(
    route('study.import', {
      method: 'delete', path: '/studies/{id}', tags: ['studies'],
      summary: 'Delete an imported study (to correct it: delete, then import the corrected file); answers the study deleted',
      request: { params: z.object({ id: z.string().max(100) }) },
      responses: { 200: json(externalStudy, 'The study deleted'), ...problemResponses, 404: { description: 'No study has this id' } },
    }),
    async (c) => {
      return c.json(presentStudy(await deleteStudy(deps.storage.db, c.req.valid('param').id, { actor: actorOf(c), via: 'api' })), 200);
    },
  );

  return router;
}
