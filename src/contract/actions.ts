import { z } from '@hono/zod-openapi';
import { actorKind } from './common.js';
import { plausibleTime } from '../shared/plausible-time.js';
import { safeText } from '../shared/safe-text.js';

/** Improvement actions and their measured effect (docs/improvement.md, "Improvement actions"). */

const time = z.string().openapi({ description: 'ISO 8601' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').openapi({ description: 'a day, Europe/Luxembourg (YYYY-MM-DD)', example: '2027-03-31' });

export const ACTION_STATES = ['proposed', 'approved', 'in_progress', 'done', 'verified', 'abandoned'] as const;
export const actionState = z.enum(ACTION_STATES);
export type ActionState = z.infer<typeof actionState>;

/** The steps of an action's lifecycle, each a route `POST /actions/{id}/{step}`. */
export const ACTION_STEPS = ['approve', 'start', 'done', 'verify', 'abandon', 'reopen'] as const;
export const actionStep = z.enum(ACTION_STEPS);
export type ActionStep = z.infer<typeof actionStep>;

/** What the effect is measured on: the causes' complaint rate, the NPS of their contacts, their repeat-contact rate. */
export const ACTION_MEASURES = ['complaint_rate', 'nps', 'repeat_rate'] as const;
export const actionMeasure = z.enum(ACTION_MEASURES);
export type ActionMeasureName = z.infer<typeof actionMeasure>;

export const TARGET_DIRECTIONS = ['decrease', 'increase'] as const;
export const targetDirection = z.enum(TARGET_DIRECTIONS);

export const EVIDENCE_KINDS = ['complaint', 'followup', 'response'] as const;
export const evidenceKind = z.enum(EVIDENCE_KINDS).openapi({ description: 'complaint, follow-up (by case id) or survey answer (by response id)' });

const person = z.object({ id: z.string(), name: z.string().nullable() });
const causeRef = z.object({ code: z.string(), label: z.string().openapi({ description: "in the reader's language" }) });

/** An action as the board lists it. */
export const actionSummary = z
  .object({
    id: z.string(),
    reference: z.string().openapi({ example: 'ACT-2026-0042' }),
    title: z.string(),
    state: actionState,
    causes: z.array(causeRef),
    departmentCode: z.string(),
    departmentLabel: z.string().openapi({ description: "in the reader's language" }),
    owner: person,
    teamId: z.string().nullable().openapi({ description: "the owner's team: a team lead reads their team's actions" }),
    dueDate: day,
    overdue: z.boolean().openapi({ description: 'not done by its due date' }),
    proposedAt: time,
    doneAt: time.nullable(),
    verifiedByOverride: z.boolean(),
    faded: z.boolean().nullable().openapi({ description: 'done or verified, and the complaint rate of the latest window is significantly above the after window; null: not yet assessable' }),
    version: z.number().int(),
  })
  .openapi('ActionSummary');
export type ActionSummary = z.infer<typeof actionSummary>;

export const actionPage = z
  .object({ items: z.array(actionSummary), next: z.string().nullable().openapi({ description: 'give it as `cursor` for the next page; null on the last page' }) })
  .openapi('ActionPage');

/** What an event of an action carries beside its step: each key where the event has it. */
export const actionEventData = z
  .object({
    reference: z.string().optional().openapi({ description: 'opened: the reference given' }),
    causes: z.array(z.string()).optional().openapi({ description: 'opened: the causes' }),
    fields: z.array(z.string()).optional().openapi({ description: 'edit: the fields that changed' }),
    doneAt: time.optional().openapi({ description: 'done: when it was done' }),
    override: z.boolean().optional().openapi({ description: 'verify: verified without a significant effect' }),
    verdict: z.string().optional().openapi({ description: "verify: the target measure's verdict then" }),
    difference: z.number().optional(),
    pValue: z.number().optional(),
    kind: evidenceKind.optional().openapi({ description: 'add-evidence, remove-evidence: what was linked or unlinked' }),
    subjectId: z.string().optional(),
    dueAt: time.nullable().optional().openapi({ description: 'the deadline set or cleared' }),
  })
  .openapi('ActionEventData');
export type ActionEventData = z.infer<typeof actionEventData>;

export const actionEvent = z
  .object({
    id: z.string(),
    at: time,
    actor: person.extend({ kind: actorKind }),
    action: z.string().openapi({ description: 'opened, a step of the lifecycle, edit, add-evidence, remove-evidence' }),
    fromState: actionState.nullable(),
    toState: actionState,
    reason: z.string().nullable(),
    data: actionEventData.nullable(),
  })
  .openapi('ActionEvent');
export type ActionEvent = z.infer<typeof actionEvent>;

/** A link to what shows why the action is needed; its text is read apart (GET /actions/{id}/evidence), audited. */
export const evidenceLink = z
  .object({
    id: z.string(),
    kind: evidenceKind,
    subjectId: z.string(),
    label: z.string().nullable().openapi({ description: "the complaint's reference; null for the others" }),
    addedAt: time,
  })
  .openapi('ActionEvidenceLink');

export const actionDetail = actionSummary
  .extend({
    description: z.string(),
    target: z.object({
      text: z.string(),
      measure: actionMeasure,
      direction: targetDirection,
      value: z.number().nullable().openapi({ description: 'in the unit of the measure: complaints per 1,000 customers per 4 weeks, NPS points, % of contacts' }),
    }),
    windows: z.object({ beforeWeeks: z.number().int(), afterWeeks: z.number().int() }),
    evidence: z.array(evidenceLink),
    timeline: z.array(actionEvent),
    steps: z.array(actionStep).openapi({ description: 'the steps of the lifecycle the reader may take now' }),
    canEdit: z.boolean(),
    canOverride: z.boolean().openapi({ description: 'may verify without a significant effect, giving the reason' }),
  })
  .openapi('ActionDetail');
export type ActionDetail = z.infer<typeof actionDetail>;

/** The evidence with its text, for whoever may read it (each customer shown is an audited read). */
export const evidenceItem = evidenceLink
  .extend({
    text: z.string().nullable().openapi({ description: "the complaint's description or the comment; null when there is none, it was erased, or the reader may not read it" }),
    hidden: z.boolean().openapi({ description: "the reader's role may not read this kind of record, or not this one" }),
    at: time.nullable().openapi({ description: 'when the complaint was received, the follow-up opened, the answer received' }),
  })
  .openapi('ActionEvidence');
export type ActionEvidence = z.infer<typeof evidenceItem>;

const range = z.object({ from: day, to: day.openapi({ description: 'the last day, included' }), days: z.number().int() });

/** A window's figure with its 95% interval, in the measure's unit. */
const point = z
  .object({
    value: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    n: z.number().openapi({ description: 'complaint rate: customer-days; NPS: answers; repeat rate: contacts' }),
    count: z.number().openapi({ description: 'complaint rate: complaints; NPS: answers; repeat rate: repeat contacts' }),
    customers: z.number().nullable().openapi({ description: 'complaint rate: the customer base at the end of the window' }),
    promoters: z.number().nullable(),
    passives: z.number().nullable(),
    detractors: z.number().nullable(),
  })
  .openapi('ActionEffectPoint');

const difference = z
  .object({
    value: z.number().openapi({ description: 'after − before, in the unit of the measure' }),
    low: z.number(),
    high: z.number(),
    z: z.number(),
    pValue: z.number(),
    significant: z.boolean().openapi({ description: 'p < 0.05' }),
  })
  .openapi('ActionEffectDifference');

export const MEASURE_VERDICTS = ['pending', 'better', 'worse', 'unchanged', 'not-applicable'] as const;

export const measureEffect = z
  .object({
    measure: actionMeasure,
    matchedBy: z.enum(['causes', 'reasons', 'topics']).nullable().openapi({ description: 'complaint rate: the causes; NPS: the contact reasons, or the comment topics when the causes name no reason; null: nothing matches' }),
    codes: z.array(z.string()).openapi({ description: 'the causes, reasons or topics counted' }),
    basis: z.string().nullable().openapi({ description: 'NPS: the basis compared (answers on other bases are left out)' }),
    before: point.nullable(),
    after: point.nullable(),
    difference: difference.nullable(),
    verdict: z.enum(MEASURE_VERDICTS),
    pending: z.enum(['no-after-days', 'after-window-short', 'no-customers', 'too-few-answers', 'too-few-contacts']).nullable(),
  })
  .openapi('ActionMeasureEffect');
export type MeasureEffectOut = z.infer<typeof measureEffect>;

export const actionEffect = z
  .object({
    status: z.enum(['not-done', 'measured']).openapi({ description: 'not-done: no done date yet, nothing to measure' }),
    doneAt: time.nullable(),
    windows: z.object({ before: range, after: range.extend({ complete: z.boolean() }), latest: range.nullable() }).nullable(),
    causes: z.array(z.string()).openapi({ description: "the action's causes and those under them" }),
    measures: z.array(measureEffect),
    target: z.object({
      measure: actionMeasure,
      direction: targetDirection,
      value: z.number().nullable(),
      met: z.boolean().nullable().openapi({ description: 'the after figure is at or beyond the target value; null without a value or a figure' }),
    }),
    verifiable: z.boolean().openapi({ description: 'the target measure changed significantly (α = 0.05) in the intended direction' }),
    fade: z
      .object({
        assessed: z.boolean().openapi({ description: 'false until the latest window (as long as the after window, ending yesterday) no longer overlaps the after window' }),
        faded: z.boolean(),
        latest: point.nullable(),
        difference: difference.nullable(),
      })
      .nullable(),
  })
  .openapi('ActionEffect');
export type ActionEffectOut = z.infer<typeof actionEffect>;

const ownerField = z.string().min(1).max(64);
const weeks = z.number().int().min(1).max(52);

/** A person who may be put in charge of an action. */
export const actionOwner = z
  .object({ id: z.string(), name: z.string(), role: z.string(), teamId: z.string().nullable() })
  .openapi('ActionOwner');
export type ActionOwner = z.infer<typeof actionOwner>;

/** POST /actions. */
export const actionInput = z
  .object({
    title: safeText(200, { min: 1 }),
    description: safeText(4000, { multiline: true, min: 1 }),
    causeCodes: z.array(safeText(200, { min: 1 })).min(1).max(10).openapi({ description: 'the causes it addresses (active causes)' }),
    targetText: safeText(1000, { multiline: true }).optional().openapi({ description: 'what it should achieve, in words' }),
    targetMeasure: actionMeasure.optional().openapi({ description: 'default complaint_rate' }),
    targetDirection: targetDirection.optional().openapi({ description: 'default: decrease for the complaint and repeat rates, increase for the NPS' }),
    targetValue: z.number().min(-100).max(100_000).nullable().optional(),
    departmentCode: safeText(40, { min: 1 }).optional().openapi({ description: "default: the first cause's department" }),
    ownerId: ownerField.optional().openapi({ description: 'the person in charge (a user who reads actions); default: the creator' }),
    dueDate: day,
    proposedAt: plausibleTime().optional().openapi({ description: 'when it was proposed, for an action recorded after the fact (default now, never in the future)' }),
    beforeWeeks: weeks.optional().openapi({ description: 'default 8' }),
    afterWeeks: weeks.optional().openapi({ description: 'default 8' }),
  })
  .strict();
export type ActionInput = z.infer<typeof actionInput>;

const expectedVersion = z.number().int().min(1).optional().openapi({ description: 'the version read: refused (409 case-version-conflict) if the action changed since' });

/** PATCH /actions/{id}: the fields given change, the others stay. */
export const actionPatch = actionInput
  .omit({ proposedAt: true })
  .partial()
  .extend({ expectedVersion, reason: safeText(2000, { multiline: true }).optional().openapi({ description: 'why it changed' }) })
  .strict();
export type ActionPatch = z.infer<typeof actionPatch>;

const stepBase = { expectedVersion, reason: safeText(2000, { multiline: true }).optional().openapi({ description: 'why (required to abandon, reopen, and verify by override)' }) };
export const actionStepInput = z.object(stepBase).strict();
export const actionDoneInput = z
  .object({ ...stepBase, doneAt: plausibleTime().optional().openapi({ description: 'when it was done (default now): not in the future, not before it was proposed' }) })
  .strict();
export const actionVerifyInput = z
  .object({ ...stepBase, override: z.boolean().optional().openapi({ description: 'verify although the effect is not significant in the intended direction (CX managers, admins; the reason is required)' }) })
  .strict();

export const evidenceInput = z
  .object({
    kind: evidenceKind,
    subjectId: safeText(64, { min: 1 }).openapi({ description: "a complaint's id or reference (REC-…), a follow-up's id, a survey answer's id" }),
  })
  .strict();
