import { z } from '@hono/zod-openapi';
import { ROLES } from '../shared/roles.js';
import { safeText } from '../shared/safe-text.js';

/** Trainings, their sessions and attendance, required trainings, and their effect on figures (docs/quality.md, "Training"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').openapi({ description: 'a day, Europe/Luxembourg (YYYY-MM-DD)', example: '2027-03-31' });
const id = z.string().min(1).max(64);

export const TRAINING_KINDS = ['product', 'process', 'soft_skills'] as const;
export const TRAINING_AUDIENCES = ['call_centre', 'shop', 'account_management'] as const;
export const ATTENDANCE_STATUSES = ['enrolled', 'attended', 'completed', 'absent'] as const;
export const SITE_KINDS = ['', 'call_centre', 'shop'] as const;
export const COMPLIANCE_STATUSES = ['done', 'due', 'overdue'] as const;

export const training = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    kind: z.enum(TRAINING_KINDS),
    audiences: z.array(z.enum(TRAINING_AUDIENCES)),
    durationMinutes: z.number().int(),
    description: z.string(),
    archived: z.boolean(),
    sessions: z.object({ planned: z.number().int(), held: z.number().int() }),
    completed: z.number().int().openapi({ description: 'people who completed it' }),
    updatedAt: time,
  })
  .openapi('Training');

export const trainingCreate = z.object({
  code: z.string().trim().min(1).max(24).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, dashes and underscores').openapi({ example: 'FIBRE-101' }),
  title: safeText(160, { min: 1 }),
  kind: z.enum(TRAINING_KINDS),
  audiences: z.array(z.enum(TRAINING_AUDIENCES)).min(1).max(3),
  durationMinutes: z.number().int().min(5).max(10_080),
  description: safeText(4000, { multiline: true }).default(''),
});

export const trainingPatch = trainingCreate.partial().extend({ archived: z.boolean().optional() });

const attendee = z.object({ userId: z.string(), name: z.string(), teamId: z.string().nullable(), status: z.enum(ATTENDANCE_STATUSES), completedAt: time.nullable() });

export const trainingSession = z
  .object({
    id: z.string(),
    training: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    startsAt: time,
    endsAt: time,
    place: z.string(),
    trainer: z.string(),
    capacity: z.number().int().nullable(),
    cancelled: z.boolean(),
    enrolled: z.number().int().openapi({ description: 'people on the list (absent ones not counted)' }),
    attendees: z.array(attendee).openapi({ description: 'the attendees the reader may see: all for those who manage trainings, their team for a team lead, themselves for an advisor' }),
  })
  .openapi('TrainingSession');

export const sessionCreate = z.object({
  trainingId: id,
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  place: safeText(160).default(''),
  trainer: safeText(120).default(''),
  capacity: z.number().int().min(1).max(1000).nullable().default(null),
});

export const sessionPatch = sessionCreate.omit({ trainingId: true }).partial().extend({ cancelled: z.boolean().optional() });

export const attendanceChanges = z.object({
  changes: z
    .array(
      z.object({
        userId: id,
        status: z.enum(ATTENDANCE_STATUSES).nullable().openapi({ description: 'null takes the person off the list' }),
        completedAt: z.string().datetime({ offset: true }).optional().openapi({ description: 'for a completion; default the end of the session' }),
      }),
    )
    .min(1)
    .max(500),
});

export const trainingRequirement = z
  .object({
    id: z.string(),
    training: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    role: z.enum(ROLES),
    siteKind: z.enum(SITE_KINDS).openapi({ description: "'' any site; call_centre or shop: only people of such a site" }),
    dueDate: day,
  })
  .openapi('TrainingRequirement');

export const requirementCreate = z.object({ trainingId: id, role: z.enum(ROLES), siteKind: z.enum(SITE_KINDS).default(''), dueDate: day });

export const complianceRow = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), teamId: z.string().nullable(), teamName: z.string().nullable() }),
    requirement: trainingRequirement,
    dueDate: day.openapi({ description: "the person's own due day: the requirement's, or the grace period after their arrival when later" }),
    completedAt: time.nullable(),
    status: z.enum(COMPLIANCE_STATUSES),
  })
  .openapi('TrainingCompliance');

const interval = z.object({ low: z.number(), high: z.number() });

export const peopleFigures = z
  .object({
    quality: z.object({ evaluations: z.number().int(), mean: z.number().nullable(), interval: interval.nullable().openapi({ description: '95% t interval of the mean score' }), passRate: z.number().nullable(), criticalFailures: z.number().int() }),
    nps: z.object({ basis: z.string().nullable(), n: z.number().int(), nps: z.number().nullable(), interval: interval.nullable().openapi({ description: '95% adjusted-Wald interval' }), reliable: z.boolean(), otherBases: z.number().int().openapi({ description: 'responses on another basis, left out' }) }),
    fcr: z.object({ contacts: z.number().int(), count: z.number().int(), rate: z.number().nullable(), interval: interval.nullable().openapi({ description: '95% Wilson interval, %' }) }),
    repeat: z.object({ contacts: z.number().int(), count: z.number().int(), rate: z.number().nullable(), interval: interval.nullable() }),
  })
  .openapi('PeopleFigures');

const test = z.object({ difference: z.number(), interval, pValue: z.number(), significant: z.boolean() });

export const figuresChange = z
  .object({
    quality: z.object({ difference: z.number(), interval }).nullable().openapi({ description: "after − before, Welch's t interval" }),
    nps: test.nullable().openapi({ description: 'after − before on the same basis, adjusted Wald' }),
    fcr: test.nullable().openapi({ description: "after − before, Newcombe's interval, points" }),
    repeat: test.nullable(),
  })
  .openapi('FiguresChange');

export const trainingEffect = z
  .object({
    training: z.object({ id: z.string(), code: z.string(), title: z.string() }),
    windowDays: z.number().int(),
    people: z.number().int().openapi({ description: 'people who completed it, within the reader’s reach, pooled' }),
    running: z.number().int().openapi({ description: 'of them, people whose days after are not all over yet' }),
    before: peopleFigures,
    after: peopleFigures,
    change: figuresChange,
  })
  .openapi('TrainingEffect');

export const trainablePerson = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), teamId: z.string().nullable(), teamName: z.string().nullable() }).openapi('TrainablePerson');

export type TrainablePersonView = z.infer<typeof trainablePerson>;
export type TrainingView = z.infer<typeof training>;
export type TrainingSessionView = z.infer<typeof trainingSession>;
export type TrainingRequirementView = z.infer<typeof trainingRequirement>;
export type ComplianceView = z.infer<typeof complianceRow>;
export type PeopleFiguresView = z.infer<typeof peopleFigures>;
export type FiguresChangeView = z.infer<typeof figuresChange>;
export type TrainingEffectView = z.infer<typeof trainingEffect>;
