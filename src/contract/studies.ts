import { z } from '@hono/zod-openapi';

/** An external relational NPS study, shown beside Ecoute's transactional NPS. */
export const externalStudy = z
  .object({
    id: z.string(),
    source: z.literal('external').openapi({ description: "a firm's relational study: shown beside Ecoute's transactional NPS, never added to it" }),
    firm: z.string(),
    study: z.string(),
    period: z.object({ start: z.string(), end: z.string(), label: z.string().openapi({ example: '2025-Q1' }) }),
    segment: z.string().nullable(),
    n: z.number().int(),
    basis: z.object({ scaleMin: z.number().int(), scaleMax: z.number().int(), promoterMin: z.number().int(), detractorMax: z.number().int() }),
    promoters: z.number().openapi({ description: 'share of the respondents, 0–1' }),
    passives: z.number(),
    detractors: z.number(),
    nps: z.number().openapi({ description: '100 × (promoters − detractors), on the study’s own basis' }),
    ci95: z.object({ low: z.number(), high: z.number() }).openapi({ description: '95% confidence interval (adjusted Wald), in points' }),
    reliable: z.boolean(),
    distribution: z.object({ unit: z.enum(['count', 'share']), scores: z.record(z.string(), z.number()) }).nullable(),
    method: z.string().nullable(),
    sourceFile: z.string(),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
  })
  .openapi('ExternalStudy');
export type ExternalStudy = z.infer<typeof externalStudy>;

/** What an import of studies did (or would do, for a dry run). */
export const studyImportReport = z
  .object({
    status: z.enum(['imported', 'validated']).openapi({ description: 'validated: dry run, nothing written' }),
    rows: z.number().int(),
    valid: z.number().int(),
    imported: z.number().int(),
    rejected: z.number().int(),
    duplicates: z.number().int().openapi({ description: 'studies already in Ecoute with the same figures, skipped' }),
    errorCount: z.number().int(),
    errors: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string() })),
  })
  .openapi('StudyImportReport');
export type StudyImportReport = z.infer<typeof studyImportReport>;
