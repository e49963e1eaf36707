import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';

/** Coaching sessions, their agreed actions and an advisor's progress (docs/quality.md, "Coaching"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').openapi({ description: 'a day, Europe/Luxembourg (YYYY-MM-DD)', example: '2027-01-15' });
const id = z.string().min(1).max(64);
const person = z.object({ id: z.string(), name: z.string().nullable() });

export const COACHING_ACTION_STATES = ['open', 'done', 'dropped'] as const;

export const coachingAction = z.object({ id: z.string(), text: z.string(), dueDate: day, state: z.enum(COACHING_ACTION_STATES), followUp: z.string(), doneAt: time.nullable(), overdue: z.boolean() });

export const coachingSession = z
  .object({
    id: z.string(),
    advisor: person,
    coach: person,
    heldAt: time,
    focus: z.array(z.string()).openapi({ description: 'criterion keys the session works on' }),
    focusLabels: z.array(z.object({ fr: z.string(), en: z.string(), de: z.string() }).nullable()).openapi({ description: 'each focus criterion’s name on the published scorecard, in the order of focus (null: not on it)' }),
    evaluationIds: z.array(z.string()),
    caseIds: z.array(z.string()),
    notes: z.string(),
    actions: z.array(coachingAction),
  })
  .openapi('CoachingSession');

export const coachingCreate = z.object({
  advisorId: id,
  heldAt: z.string().datetime({ offset: true }).optional().openapi({ description: 'default: now' }),
  focus: z.array(z.string().min(1).max(40)).max(20).default([]),
  evaluationIds: z.array(id).max(20).default([]),
  caseIds: z.array(id).max(20).default([]),
  notes: safeText(4000, { multiline: true }).default(''),
  actions: z.array(z.object({ text: safeText(500, { min: 1 }), dueDate: day })).max(20).default([]),
});

export const coachingActionPatch = z.object({
  state: z.enum(COACHING_ACTION_STATES).optional(),
  followUp: safeText(2000, { multiline: true }).optional(),
});

export const coachingOpening = z
  .object({
    advisor: person,
    from: time,
    to: time,
    evaluations: z.number().int(),
    meanScore: z.number().nullable(),
    focus: z.array(z.object({ criterion: z.string(), labels: z.object({ fr: z.string(), en: z.string(), de: z.string() }).nullable().openapi({ description: 'the criterion’s name on the published scorecard' }), points: z.number(), evaluations: z.number().int() })).openapi({ description: 'the criteria where the advisor lost most points in the period, largest first' }),
    evaluationIds: z.array(z.string()).openapi({ description: 'their evaluations of the period, newest first' }),
  })
  .openapi('CoachingOpening');

export const coachingProgress = z
  .object({
    advisor: person,
    months: z.array(z.object({ month: z.string(), evaluations: z.number().int(), meanScore: z.number().nullable(), passRate: z.number().nullable() })),
    actions: z.object({ total: z.number().int(), done: z.number().int(), doneOnTime: z.number().int(), open: z.number().int(), overdue: z.number().int(), dropped: z.number().int() }),
  })
  .openapi('CoachingProgress');

export type CoachingSessionView = z.infer<typeof coachingSession>;
export type CoachingOpeningView = z.infer<typeof coachingOpening>;
export type CoachingProgressView = z.infer<typeof coachingProgress>;
