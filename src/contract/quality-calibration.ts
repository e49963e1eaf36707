import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';
import { answerValue, scorecardVersion } from './quality-evaluations.js';

/** Calibration sessions (docs/quality.md, "Calibration and agreement"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const id = z.string().min(1).max(64);

export const calibrationCreate = z.object({
  title: safeText(120, { min: 1 }),
  interactionIds: z.array(id).min(1).max(20).openapi({ description: 'the contacts every evaluator scores' }),
  evaluatorIds: z.array(id).min(2).max(12).openapi({ description: 'team leads and quality coaches' }),
  scorecardVersionId: id.optional().openapi({ description: 'default: the latest published version' }),
});

export const calibrationScoreInput = z.object({
  answers: z.array(z.object({ criterion: z.string().min(1).max(40), answer: answerValue })).max(200),
});

export const calibrationReferenceInput = z.object({
  references: z.array(z.object({ interactionId: id, score: z.number().min(0).max(100).nullable().openapi({ description: 'null: the median of the evaluators' }) })).min(1).max(20),
});

const reading = z.enum(['reliable', 'tentative', 'unreliable', 'undefined']).openapi({ description: "Krippendorff's reading of alpha: ≥ 0.800 reliable, ≥ 0.667 tentative, below unreliable" });
const spread = z.object({ n: z.number().int(), min: z.number().nullable(), max: z.number().nullable(), range: z.number().nullable(), sd: z.number().nullable(), median: z.number().nullable() });

export const calibrationSummary = z
  .object({ id: z.string(), title: z.string(), state: z.enum(['open', 'revealed']), createdAt: time, revealedAt: time.nullable(), contacts: z.number().int(), evaluators: z.number().int() })
  .openapi('CalibrationSummary');

export const calibrationDetail = z
  .object({
    id: z.string(),
    title: z.string(),
    state: z.enum(['open', 'revealed']),
    lead: z.object({ id: z.string(), name: z.string().nullable() }),
    createdAt: time,
    revealedAt: time.nullable(),
    scorecard: scorecardVersion,
    you: z.object({ evaluator: z.boolean(), letter: z.string().nullable(), manages: z.boolean() }),
    evaluators: z.array(
      z.object({
        name: z.string().nullable().openapi({ description: 'for the session’s lead and coaches, and for oneself; null for another evaluator, shown by letter' }),
        letter: z.string(),
        you: z.boolean(),
        scored: z.number().int().openapi({ description: 'contacts scored completely' }),
        meanAbsoluteDeviation: z.number().nullable(),
        bias: z.number().nullable(),
        flagged: z.boolean(),
      }),
    ),
    contacts: z.array(
      z.object({
        interactionId: z.string(),
        contactAt: time,
        channel: z.string(),
        yourAnswers: z.array(z.object({ criterion: z.string(), answer: answerValue })),
        yourScore: z.number().nullable(),
        referenceScore: z.number().nullable().openapi({ description: 'once revealed: the lead’s, else the median of the evaluators' }),
        referenceSet: z.boolean(),
        spread: spread.nullable(),
        scores: z.array(z.object({ letter: z.string(), score: z.number().nullable(), criticalFailures: z.array(z.string()) })),
      }),
    ),
    agreement: z
      .object({
        alpha: z.number().nullable(),
        reading,
        icc21: z.number().nullable(),
        criteria: z.array(z.object({ criterion: z.string(), alpha: z.number().nullable(), reading, meanRange: z.number().nullable() })),
      })
      .nullable()
      .openapi({ description: 'once revealed: agreement on the scores (interval alpha, ICC(2,1)) and per criterion (yes 1, partial 0.5, no 0)' }),
  })
  .openapi('CalibrationSession');

export const calibrationCandidate = z.object({ id: z.string(), name: z.string(), role: z.string() });

export type CalibrationDetailView = z.infer<typeof calibrationDetail>;
export type CalibrationSummaryView = z.infer<typeof calibrationSummary>;
export type CalibrationCandidateView = z.infer<typeof calibrationCandidate>;
