import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';

/** Scorecards and evaluations (docs/quality.md, "Scorecards and scores", "Evaluations"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes').openapi({ example: 'identity-verified' });
const labels = z.object({ fr: safeText(200, { min: 1 }), en: safeText(200, { min: 1 }), de: safeText(200, { min: 1 }) }).openapi({ description: 'the text in French, English and German' });

export const ANSWER_VALUES = ['yes', 'partial', 'no', 'na'] as const;
export const answerValue = z.enum(ANSWER_VALUES).openapi({ description: 'yes: full weight, partial: half, no: nothing, na: not applicable (out of the points)' });
export type AnswerValue = z.infer<typeof answerValue>;

export const criterionContent = z.object({
  key,
  labels,
  weight: z.number().int().min(1).max(100),
  critical: z.boolean().openapi({ description: 'answered yes or no; a no makes the whole evaluation 0' }),
  allowNa: z.boolean(),
});
export const sectionContent = z.object({
  key,
  kind: z.enum(['standard', 'bonus']).openapi({ description: 'bonus: points on top, not in the applicable points' }),
  labels,
  criteria: z.array(criterionContent).min(1).max(30),
});

/** What a version of a scorecard holds. */
export const scorecardContent = z
  .object({
    passThreshold: z.number().int().min(0).max(100),
    sections: z.array(sectionContent).min(1).max(20),
  })
  .refine((c) => c.sections.some((s) => s.kind === 'standard'), { message: 'at least one standard section', path: ['sections'], params: { code: 'no-standard-section' } })
  .refine((c) => new Set(c.sections.map((s) => s.key)).size === c.sections.length, { message: 'section keys must differ', path: ['sections'], params: { code: 'duplicate-key' } })
  .refine(
    (c) => {
      const keys = c.sections.flatMap((s) => s.criteria.map((x) => x.key));
      return new Set(keys).size === keys.length;
    },
    { message: 'criterion keys must differ across the scorecard', path: ['sections'], params: { code: 'duplicate-key' } },
  )
  .refine((c) => c.sections.every((s) => s.kind === 'standard' || s.criteria.every((x) => !x.critical)), { message: 'a bonus criterion cannot be critical', path: ['sections'], params: { code: 'critical-bonus' } });
export type ScorecardContent = z.infer<typeof scorecardContent>;

export const SCORECARD_STATES = ['draft', 'published', 'archived'] as const;

export const scorecardVersion = z
  .object({
    id: z.string(),
    scorecardId: z.string(),
    name: z.string(),
    version: z.number().int(),
    state: z.enum(SCORECARD_STATES),
    content: scorecardContent,
    createdAt: time,
    publishedAt: time.nullable(),
    archivedAt: time.nullable(),
  })
  .openapi('ScorecardVersion');

export const scorecardSummary = z
  .object({ id: z.string(), name: z.string(), versions: z.array(z.object({ id: z.string(), version: z.number().int(), state: z.enum(SCORECARD_STATES) })) })
  .openapi('Scorecard');

export const scorecardInput = z.object({ name: safeText(120, { min: 1 }), content: scorecardContent });

export const EVALUATION_STATES = ['draft', 'submitted', 'acknowledged', 'disputed', 'decided'] as const;
export const evaluationState = z.enum(EVALUATION_STATES);
export type EvaluationStateName = z.infer<typeof evaluationState>;

export const marker = z.object({
  atMs: z.number().int().min(0).max(24 * 3600 * 1000),
  kind: z.enum(['strength', 'improve']),
  text: safeText(500, { min: 1 }),
  criterion: key.optional(),
});

const person = z.object({ id: z.string(), name: z.string().nullable() });

export const evaluationSummary = z
  .object({
    id: z.string(),
    interactionId: z.string(),
    contactAt: time,
    channel: z.string(),
    advisor: person,
    evaluator: person,
    state: evaluationState,
    score: z.number().nullable(),
    pass: z.boolean().nullable(),
    criticalFailures: z.array(z.string()),
    submittedAt: time.nullable(),
    disputeUntil: time.nullable(),
  })
  .openapi('EvaluationSummary');

export const evaluationDetail = evaluationSummary
  .extend({
    scorecard: scorecardVersion,
    customer: z.object({ id: z.string(), name: z.string().nullable() }),
    reasonCode: z.string().nullable(),
    recordingId: z.string().nullable(),
    answers: z.array(z.object({ criterion: z.string(), answer: answerValue, comment: z.string() })),
    rawScore: z.number().nullable(),
    lost: z.array(z.object({ criterion: z.string(), points: z.number() })),
    strengths: z.string(),
    improvements: z.string(),
    markers: z.array(marker),
    disputes: z.array(
      z.object({
        criterion: z.string(),
        comment: z.string(),
        proposedAnswer: answerValue,
        decision: z.enum(['keep', 'accept', 'set']).nullable(),
        decidedAnswer: answerValue.nullable(),
        decisionComment: z.string().nullable(),
      }),
    ),
    reviewer: person.nullable(),
    events: z.array(z.object({ at: time, actor: person, from: evaluationState.nullable(), to: evaluationState, note: z.string().nullable() })),
    /** what the reader may do now */
    can: z.object({ edit: z.boolean(), acknowledge: z.boolean(), dispute: z.boolean(), decide: z.boolean() }),
  })
  .openapi('Evaluation');

export const evaluationPage = z.object({ items: z.array(evaluationSummary), next: z.string().nullable() });

export const evaluationCreate = z.object({
  interactionId: z.string().min(1).max(64),
  scorecardVersionId: z.string().min(1).max(64).optional().openapi({ description: 'default: the latest published version of the first scorecard' }),
  sampleItemId: z.string().min(1).max(64).optional(),
});

export const evaluationEdit = z.object({
  answers: z.array(z.object({ criterion: key, answer: answerValue, comment: safeText(1000, { multiline: true }).default('') })).max(200).optional(),
  strengths: safeText(4000, { multiline: true }).optional(),
  improvements: safeText(4000, { multiline: true }).optional(),
  markers: z.array(marker).max(100).optional(),
});

export const evaluationDispute = z.object({
  items: z.array(z.object({ criterion: key, comment: safeText(1000, { min: 1, multiline: true }), proposedAnswer: answerValue })).min(1).max(50),
});

export const evaluationDecision = z.object({
  items: z
    .array(
      z.object({
        criterion: key,
        decision: z.enum(['keep', 'accept', 'set']),
        answer: answerValue.optional().openapi({ description: 'with `set`: the answer the reviewer sets' }),
        comment: safeText(1000, { multiline: true }).optional(),
      }),
    )
    .min(1)
    .max(50),
});

export type ScorecardVersionView = z.infer<typeof scorecardVersion>;
export type ScorecardSummaryView = z.infer<typeof scorecardSummary>;
export type EvaluationSummaryView = z.infer<typeof evaluationSummary>;
export type EvaluationDetailView = z.infer<typeof evaluationDetail>;
export type EvaluationMarker = z.infer<typeof marker>;
