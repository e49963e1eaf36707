import { z } from '@hono/zod-openapi';
import { COMPLAINT_CHANNELS } from '../shared/channels.js';
import { language, actorKind } from './common.js';

/** The states of a complaint, in the order of its life (docs/complaints.md). */
export const COMPLAINT_STATES = ['received', 'acknowledged', 'under_investigation', 'answered', 'closed', 'rejected'] as const;
/** How an answer came out for the customer. */
export const COMPLAINT_OUTCOMES = ['upheld', 'partially_upheld', 'not_upheld'] as const;

const time = z.string().openapi({ description: 'ISO 8601' });
const maybeTime = time.nullable();

export const complaintState = z.enum(COMPLAINT_STATES);
export const complaintChannel = z.enum(COMPLAINT_CHANNELS).openapi({ description: 'the contact channels, and letter' });
export const complaintOutcome = z.enum(COMPLAINT_OUTCOMES);

/** A complaint as a list or queue shows it. */
export const complaintSummary = z
  .object({
    id: z.string(),
    reference: z.string().openapi({ example: 'REC-2026-004217', description: 'what the customer quotes' }),
    state: complaintState,
    customer: z.object({ id: z.string(), customerNumber: z.string(), name: z.string() }),
    channel: complaintChannel,
    category: z.string().openapi({ description: 'a code of GET /complaint-categories' }),
    receivedAt: time,
    teamId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    hot: z.boolean(),
    dueAt: maybeTime.openapi({ description: 'the deadline of the current state (to acknowledge, then to answer); null when none applies' }),
    deadline: z.enum(['overdue', 'due-today', 'upcoming']).nullable().openapi({ description: 'where the deadline stands now; null without one or while the clock is paused' }),
    paused: z.boolean().openapi({ description: 'the clock is paused: waiting for the customer' }),
    amountDisputedCents: z.number().int().nullable(),
  })
  .openapi('ComplaintSummary');
export type ComplaintSummary = z.infer<typeof complaintSummary>;

/** A complaint with everything recorded on it. */
export const complaintDetail = complaintSummary
  .extend({
    accountId: z.string().nullable(),
    lineId: z.string().nullable(),
    segment: z.enum(['residential', 'business']).openapi({ description: 'whose deadlines apply' }),
    description: z.string(),
    language,
    rootCause: z.string().nullable().openapi({ description: 'why it happened, as the investigation found it (apart from the category)' }),
    teamName: z.string().nullable(),
    assigneeName: z.string().nullable(),
    ackDueAt: time.openapi({ description: 'the deadline to acknowledge, as set at intake (before any pause)' }),
    answerDueAt: time.openapi({ description: 'the deadline to answer, as set at intake (before any pause)' }),
    acknowledgedAt: maybeTime,
    answeredAt: maybeTime.openapi({ description: 'the last answer' }),
    closedAt: maybeTime,
    outcome: complaintOutcome.nullable(),
    rejectionReason: z.string().nullable(),
    mediationInfoSentAt: maybeTime.openapi({ description: "the customer was told of the regulator's mediation (ILR)" }),
    pausedMs: z.number().int().openapi({ description: 'business time the clock was paused so far, in ms' }),
    version: z.number().int().openapi({ description: 'send it back as expectedVersion to act only if nobody changed the complaint meanwhile' }),
    actions: z.array(z.string()).openapi({ description: 'the actions its state allows' }),
    contactIds: z.array(z.string()).openapi({ description: 'contacts linked to the complaint' }),
    satisfaction: z
      .object({
        status: z.enum(['sent', 'answered', 'unparsed', 'skipped']),
        skippedBecause: z.string().nullable().openapi({ description: 'why the customer was not asked: surveys-off, no-mobile, opted-out, consent-withdrawn, too-late' }),
        sentAt: maybeTime,
        score: z.number().int().nullable(),
        category: z.enum(['promoter', 'passive', 'detractor']).nullable().openapi({ description: "on the complaint survey's own basis" }),
        comment: z.string().nullable(),
        receivedAt: maybeTime,
      })
      .nullable()
      .openapi({ description: 'the satisfaction survey about the handling, asked at the last closing; never part of the contact NPS' }),
    cause: z
      .object({ code: z.string(), unknownReason: z.string().nullable(), codedAt: time })
      .nullable()
      .openapi({ description: 'the root cause coded from the tree (GET /api/v1/causes); required to close' }),
    refundCents: z.number().int().nullable().openapi({ description: 'refunded to the customer, recorded with the answer' }),
  })
  .openapi('ComplaintDetail');
export type ComplaintDetail = z.infer<typeof complaintDetail>;

const fromTo = z.object({ from: z.string(), to: z.string() });

/** What a change did beside its state: each key only where it applies. */
export const complaintEventData = z
  .object({
    reference: z.string().optional().openapi({ description: 'opened: the reference given' }),
    channel: complaintChannel.optional().openapi({ description: 'opened' }),
    category: z.string().optional().openapi({ description: 'opened' }),
    fromCase: z.string().optional().openapi({ description: 'opened: the follow-up it comes from' }),
    assigneeId: z.string().nullable().optional().openapi({ description: 'assign, transfer: the new assignee' }),
    teamId: z.string().optional().openapi({ description: 'transfer: the new team' }),
    pausedMs: z.number().int().optional().openapi({ description: 'resume (or leaving a paused state): business time the clock was paused' }),
    dueAt: maybeTime.optional().openapi({ description: 'the new deadline' }),
    outcome: complaintOutcome.optional().openapi({ description: 'answer' }),
    rootCause: z.string().optional().openapi({ description: 'answer' }),
    refundCents: z.number().int().optional().openapi({ description: 'answer: the amount refunded' }),
    causeCode: z.string().optional().openapi({ description: 'code-cause, and the action that coded it: the root cause from the tree' }),
    unknownReason: z.string().optional().openapi({ description: 'with the unknown cause: why none was found' }),
    previousCause: z.string().optional().openapi({ description: 'a recoding: the cause it replaced' }),
    interactionId: z.string().optional().openapi({ description: 'link-contact: the contact linked' }),
    attachment: z
      .object({ id: z.string(), fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() })
      .optional()
      .openapi({ description: 'attach, remove-attachment: the file' }),
    edited: z.object({ description: fromTo.optional(), category: fromTo.optional() }).optional().openapi({ description: 'edit: each field changed, from and to' }),
  })
  .openapi('ComplaintEventData');

/** One change of a complaint: who, when, what, from which state to which, and why. */
export const complaintEvent = z
  .object({
    id: z.string(),
    at: time,
    actor: z.object({ kind: actorKind, id: z.string(), name: z.string().nullable() }),
    action: z.string(),
    fromState: complaintState.nullable().openapi({ description: 'null for the opening' }),
    toState: complaintState,
    reason: z.string().nullable().openapi({ description: 'why, or the text of a comment' }),
    data: complaintEventData.nullable().openapi({ description: 'what else the change did' }),
  })
  .openapi('ComplaintEvent');
export type ComplaintEvent = z.infer<typeof complaintEvent>;
export type ComplaintEventData = z.infer<typeof complaintEventData>;

/** Where a complaint stands after an action. */
export const complaintActionResult = z
  .object({ id: z.string(), state: complaintState, version: z.number().int(), dueAt: maybeTime, eventId: z.string().openapi({ description: 'the event the action wrote' }) })
  .openapi('ComplaintActionResult');
export type ComplaintActionResult = z.infer<typeof complaintActionResult>;

/** A category of the complaint taxonomy, with its deadlines. */
export const complaintCategory = z
  .object({
    code: z.string(),
    label: z.string(),
    labels: z.object({ fr: z.string(), de: z.string(), en: z.string() }),
    active: z.boolean(),
    sortOrder: z.number().int(),
    ackDays: z.number().int().openapi({ description: 'business days to acknowledge' }),
    answerDays: z.number().int().openapi({ description: 'business days to answer' }),
    businessAckDays: z.number().int().nullable().openapi({ description: "business customers' deadline; null: the same" }),
    businessAnswerDays: z.number().int().nullable(),
  })
  .openapi('ComplaintCategory');
export type ComplaintCategory = z.infer<typeof complaintCategory>;

const actorRef = z.object({ kind: actorKind, id: z.string(), name: z.string().nullable().openapi({ description: "the person's or token's name, where it still exists" }) });

/** A file attached to a complaint (docs/complaints.md, "Attachments"). */
export const complaintAttachment = z
  .object({
    id: z.string(),
    complaintId: z.string(),
    fileName: z.string().openapi({ description: 'the name it is shown and downloaded under (the sender’s, cleaned; it ends with an extension of its type)', example: 'Facture novembre.pdf' }),
    contentType: z.string().openapi({ description: 'the type found in its content, never the one declared', example: 'application/pdf' }),
    sizeBytes: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of its bytes, lower-case hex' }),
    uploadedAt: time,
    uploadedBy: actorRef,
    removed: z
      .object({ at: time, by: actorRef, reason: z.string().nullable() })
      .nullable()
      .openapi({ description: 'null while attached; once removed: when, by whom, why (its bytes are deleted)' }),
  })
  .openapi('ComplaintAttachment');
export type ComplaintAttachment = z.infer<typeof complaintAttachment>;

/** What a complaint may be sent as attachments. */
export const attachmentLimits = z
  .object({
    maxBytes: z.number().int().openapi({ description: 'the largest file' }),
    perComplaint: z.number().int().openapi({ description: 'attachments a complaint holds at most (removed ones not counted)' }),
    types: z.array(z.string()).openapi({ description: 'the types accepted, found in the content: PDF, PNG, JPEG, HEIC/HEIF, plain text (UTF-8), e-mail (.eml)' }),
  })
  .openapi('AttachmentLimits');
export type AttachmentLimits = z.infer<typeof attachmentLimits>;
