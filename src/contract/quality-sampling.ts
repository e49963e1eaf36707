import { z } from '@hono/zod-openapi';

/** The coach's samples of contacts to listen to (docs/quality.md, "Sampling"). */

const time = z.string().openapi({ description: 'ISO 8601' });

export const SAMPLE_ITEM_KINDS = ['random', 'detractor-oversample'] as const;
export const SAMPLE_REPLACE_REASONS = ['unusable-recording', 'wrong-advisor', 'other'] as const;

export const sampleMargin = z
  .object({
    n: z.number().int().openapi({ description: 'random items pooled over the team (never the detractor oversample)' }),
    p: z.number().openapi({ description: 'the proportion assumed (0.5: the cautious default)' }),
    confidence: z.number().openapi({ example: 0.95 }),
    population: z.number().int().openapi({ description: 'eligible contacts of the period (finite-population correction)' }),
    margin: z.number().nullable().openapi({ description: 'half-width of the confidence interval of the team quality score, as a proportion (0.05 = ±5 points); null without items' }),
  })
  .openapi('SampleMargin');
export type SampleMargin = z.infer<typeof sampleMargin>;

export const sampleHead = z
  .object({
    id: z.string(),
    period: z.string().openapi({ example: '2026-11' }),
    teamId: z.string().nullable().openapi({ description: 'the team sampled; null: every team' }),
    seed: z.string().nullable().openapi({ description: 'null for anyone but a quality coach: with it, an advisor could work out which of their own contacts were drawn' }),
    perAdvisor: z.number().int(),
    oversample: z.number().int(),
    populationSize: z.number().int(),
    populationHash: z.string().openapi({ description: 'SHA-256 of the eligible contact ids, sorted, one a line' }),
    drawnBy: z.string(),
    drawnAt: time,
    withdrawn: z.object({ at: time, by: z.string(), reason: z.string() }).nullable(),
  })
  .openapi('SampleHead');
export type SampleHead = z.infer<typeof sampleHead>;

export const sampleWhy = z
  .object({
    stratum: z.string().openapi({ example: 'phone|billing|resolved|morning' }),
    stratumSize: z.number().int(),
    advisorPopulation: z.number().int(),
    share: z.number(),
    allocated: z.number().int(),
    rank: z.number().int(),
    sortKey: z.string(),
  })
  .openapi('SampleWhy');

export const sampleItem = z
  .object({
    id: z.string(),
    contactId: z.string(),
    advisorId: z.string(),
    advisorName: z.string(),
    channel: z.string(),
    reason: z.string().nullable(),
    startedAt: time,
    kind: z.enum(SAMPLE_ITEM_KINDS).openapi({ description: 'detractor-oversample items never count in the random estimate' }),
    stratum: z.string(),
    why: sampleWhy,
    replacesItemId: z.string().nullable(),
    replaced: z.object({ at: time, by: z.string(), reason: z.enum(SAMPLE_REPLACE_REASONS), note: z.string().nullable() }).nullable(),
  })
  .openapi('SampleItem');
export type SampleItem = z.infer<typeof sampleItem>;

export const sampleDetail = sampleHead
  .extend({
    advisors: z.array(z.object({ advisorId: z.string(), population: z.number().int() })),
    items: z.array(sampleItem).openapi({ description: 'the items the reader reaches: none for an advisor' }),
    margin: sampleMargin,
  })
  .openapi('SampleDetail');
export type SampleDetail = z.infer<typeof sampleDetail>;

export const samplePlan = z
  .object({
    period: z.string(),
    teamId: z.string().nullable(),
    advisors: z.number().int().openapi({ description: 'advisors with eligible contacts in the period' }),
    margin: sampleMargin,
    target: z
      .object({
        margin: z.number(),
        size: z.number().int().openapi({ description: 'random items the team needs for the target margin' }),
        perAdvisor: z.number().int().nullable().openapi({ description: 'size spread over the advisors, rounded up; null without advisors' }),
      })
      .nullable(),
  })
  .openapi('SamplePlan');
export type SamplePlan = z.infer<typeof samplePlan>;

export const sampleVerification = z
  .object({
    populationMatches: z.boolean().openapi({ description: 'the period has the same eligible contacts as when drawn' }),
    sampleMatches: z.boolean().openapi({ description: 'the seed re-derives the same items' }),
    populationSize: z.number().int(),
    missing: z.array(z.string()),
    unexpected: z.array(z.string()),
  })
  .openapi('SampleVerification');
export type SampleVerification = z.infer<typeof sampleVerification>;
