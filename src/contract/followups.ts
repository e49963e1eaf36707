import { z } from '@hono/zod-openapi';
import { LANGUAGES } from '../shared/languages.js';
import { safeText } from '../shared/safe-text.js';
import { plausibleTime } from '../shared/plausible-time.js';
import { channel, language, actorKind } from './common.js';

const time = z.string().openapi({ description: 'ISO 8601' });
const maybeTime = time.nullable();

export const FOLLOWUP_STATES = ['open', 'in_progress', 'closed'] as const;
export const followupState = z.enum(FOLLOWUP_STATES).openapi({ description: 'open: to call; in_progress: an attempt recorded; closed' });
export const hotReason = z.enum(['score', 'keyword', 'repeat']).openapi({ description: 'score: at or below the hot score; keyword: the comment names a hot word; repeat: the contact was a repeat contact' });
export const routedBy = z.enum(['account_manager', 'team_lead', 'site_lead', 'team_queue']);
export const resolution = z.enum(['reached', 'unreachable', 'cancelled']);
export const deadlineState = z.enum(['overdue', 'due-today', 'upcoming']);
export const FOLLOWUP_VIEWS = ['all', 'due-today', 'overdue', 'hot'] as const;
/** The actions a person takes on a follow-up (`POST /followups/{id}/actions/{action}`). */
export const FOLLOWUP_ACTIONS = ['attempt', 'close', 'cancel', 'reopen', 'pause', 'resume', 'assign', 'transfer', 'comment', 'code-cause'] as const;
export const followupAction = z.enum(FOLLOWUP_ACTIONS);
export type FollowupActionName = z.infer<typeof followupAction>;

const person = z.object({ id: z.string(), name: z.string().nullable() });

/** A follow-up as a queue shows it: no comment, the customer's name (the list is audited). */
export const followupSummary = z
  .object({
    id: z.string(),
    state: followupState,
    hot: z.boolean(),
    hotReasons: z.array(hotReason),
    score: z.number().int(),
    customer: z.object({ id: z.string(), customerNumber: z.string(), name: z.string() }),
    teamId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    openedAt: time,
    dueAt: maybeTime.openapi({ description: 'the deadline in force; null once closed' }),
    deadline: deadlineState.nullable().openapi({ description: 'where the deadline stands now; null without one, or while the clock is paused' }),
    paused: z.boolean(),
    attempts: z.number().int(),
    firstAttemptAt: maybeTime,
    reachedAt: maybeTime,
    closedAt: maybeTime,
    resolution: resolution.nullable(),
    escalatedAt: maybeTime,
    version: z.number().int(),
  })
  .openapi('FollowupSummary');
export type FollowupSummary = z.infer<typeof followupSummary>;

export const followupPage = z
  .object({ items: z.array(followupSummary), next: z.string().nullable().openapi({ description: 'give it as `cursor` for the next page; null on the last page' }) })
  .openapi('FollowupPage');
export type FollowupPage = z.infer<typeof followupPage>;

const span = z.object({ start: z.number().int(), end: z.number().int() });

/** A follow-up with what it carries: the answer and its comment, the contact evaluated, the customer, the outcome. */
export const followupDetail = followupSummary
  .extend({
    customer: z.object({
      id: z.string(), customerNumber: z.string(), name: z.string(), preferredLanguage: language, segment: z.enum(['residential', 'business']),
    }),
    answer: z.object({
      surveyId: z.string(),
      score: z.number().int(),
      scale: z.object({ min: z.number().int(), max: z.number().int() }),
      comment: z.string().nullable(),
      language: language.nullable(),
      sentiment: z.number().nullable(),
      topics: z.array(z.object({ topic: z.string(), spans: z.array(span), sentiment: z.number() })).openapi({ description: 'topics of the comment, with the spans of the comment that name them' }),
      receivedAt: time,
    }),
    contact: z.object({
      id: z.string(), channel, direction: z.enum(['inbound', 'outbound']), reasonCode: z.string().nullable(), startedAt: time, endedAt: maybeTime,
      advisor: person.nullable(), teamId: z.string().nullable(), repeatOf: z.string().nullable().openapi({ description: 'the earlier contact this one repeats (same reason, within the FCR window)' }),
    }),
    hotKeywords: z.array(z.string()),
    routedBy,
    team: z.object({ id: z.string(), name: z.string() }).nullable(),
    assignee: person.nullable(),
    deadlineAt: time.openapi({ description: 'the deadline set at opening: "within deadline" is measured against it' }),
    notReached: z.number().int(),
    unreachableAfter: z.number().int().openapi({ description: 'attempts not reached after which the follow-up may close as unreachable' }),
    outcome: z.object({ cause: z.string().nullable(), causeCategory: z.string().nullable(), actionTaken: z.string().nullable(), complaintId: z.string().nullable() }),
    escalatedTo: person.nullable().openapi({ description: 'null with escalatedAt set: escalated to the CX managers' }),
    pausedMs: z.number().int(),
    actions: z.array(followupAction).openapi({ description: 'the actions the state allows (the reader may still be refused assign and transfer by their role)' }),
    rootCause: z
      .object({ code: z.string(), unknownReason: z.string().nullable(), codedAt: time })
      .nullable()
      .openapi({ description: 'the root cause coded from the tree (GET /api/v1/causes), apart from the cause in the customer\'s words' }),
  })
  .openapi('FollowupDetail');
export type FollowupDetail = z.infer<typeof followupDetail>;

/** What a change did beside its state: each key only where it applies. */
export const followupEventData = z
  .object({
    surveyId: z.string().optional().openapi({ description: 'opened: the survey answered' }),
    score: z.number().int().optional().openapi({ description: 'opened' }),
    hotReasons: z.array(hotReason).optional().openapi({ description: 'opened' }),
    routedBy: routedBy.optional().openapi({ description: 'opened' }),
    reached: z.boolean().optional().openapi({ description: 'attempt: the customer was reached' }),
    resolution: resolution.optional().openapi({ description: 'close, cancel' }),
    cause: z.string().optional().openapi({ description: 'close' }),
    causeCategory: z.string().optional().openapi({ description: 'close' }),
    actionTaken: z.string().optional().openapi({ description: 'close' }),
    complaintId: z.string().optional().openapi({ description: 'close: the complaint it became' }),
    causeCode: z.string().optional().openapi({ description: 'code-cause, and the action that coded it: the root cause from the tree' }),
    unknownReason: z.string().optional().openapi({ description: 'with the unknown cause: why none was found' }),
    previousCause: z.string().optional().openapi({ description: 'a recoding: the cause it replaced' }),
    assigneeId: z.string().nullable().optional().openapi({ description: 'assign, transfer: the new assignee' }),
    teamId: z.string().optional().openapi({ description: 'transfer: the new team' }),
    pausedMs: z.number().int().optional().openapi({ description: 'resume (or leaving a paused state): business time the clock was paused' }),
    dueAt: maybeTime.optional().openapi({ description: 'the new deadline' }),
    level: z.enum(['site_lead', 'cx_manager']).optional().openapi({ description: 'escalate: the level it went to' }),
    to: z.string().nullable().optional().openapi({ description: "escalate: the person (null: the CX managers)" }),
    missedDueAt: time.optional().openapi({ description: 'escalate: the deadline missed' }),
  })
  .openapi('FollowupEventData');
export type FollowupEventData = z.infer<typeof followupEventData>;

/** One change of a follow-up: who, when, what, from which state to which, and why. */
export const followupEvent = z
  .object({
    id: z.string(),
    at: time,
    actor: z.object({ kind: actorKind, id: z.string(), name: z.string().nullable() }),
    action: z.string(),
    fromState: followupState.nullable().openapi({ description: 'null for the opening' }),
    toState: followupState,
    reason: z.string().nullable().openapi({ description: 'why, a note, or the text of a comment' }),
    data: followupEventData.nullable().openapi({ description: 'what else the change did' }),
  })
  .openapi('FollowupEvent');
export type FollowupEvent = z.infer<typeof followupEvent>;
export const followupTimeline = z.object({ items: z.array(followupEvent) }).openapi('FollowupTimeline');
export type FollowupTimeline = z.infer<typeof followupTimeline>;

/** What an action carries; which fields apply depends on the action (docs/followups.md). */
export const followupActionInput = z
  .object({
    expectedVersion: z.number().int().min(1).optional().openapi({ description: 'the version read: refused (409 case-version-conflict) if the follow-up changed since' }),
    reason: safeText(2000, { multiline: true }).optional().openapi({ description: 'a note; the text of a comment; why (cancel, reopen)' }),
    reached: z.boolean().optional().openapi({ description: 'attempt: the customer was reached' }),
    at: plausibleTime().optional().openapi({ description: 'attempt: when the call was made (default now)' }),
    cause: safeText(2000, { multiline: true }).optional().openapi({ description: 'close: the cause as the customer sees it (required when reached)' }),
    causeCategory: safeText(60).optional().openapi({ description: 'close: its category (a complaint category code where one fits)' }),
    actionTaken: safeText(2000, { multiline: true }).optional().openapi({ description: 'close: what was done for the customer' }),
    causeCode: safeText(200, { min: 1 }).optional().openapi({ description: 'code-cause (required), close (optional): the root cause from the tree (GET /api/v1/causes)' }),
    unknownReason: safeText(500).optional().openapi({ description: 'with causeCode "unknown": why no cause could be found (required)' }),
    suggestedCauses: z.array(safeText(200, { min: 1 })).max(10).optional().openapi({ description: 'the causes suggested to the person who coded, best first' }),
    complaint: z
      .object({
        category: safeText(60, { min: 1 }),
        description: safeText(4000, { multiline: true }).optional().openapi({ description: 'default: the cause' }),
        amountDisputedCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
      })
      .strict()
      .optional()
      .openapi({ description: 'close: the follow-up becomes a complaint (docs/complaints.md)' }),
    assigneeId: z.string().max(64).nullable().optional().openapi({ description: 'assign, transfer: the person (null: the team queue)' }),
    teamId: z.string().max(64).optional().openapi({ description: 'transfer: the team that takes it' }),
  })
  .strict()
  .openapi('FollowupActionInput');

export const followupActionResult = z
  .object({ followup: followupSummary, event: followupEvent, complaintId: z.string().nullable() })
  .openapi('FollowupActionResult');
export type FollowupActionResult = z.infer<typeof followupActionResult>;

export const followupAssignInput = z
  .object({
    ids: z.array(z.string().max(64)).min(1).max(500),
    assigneeId: z.string().max(64).nullable().openapi({ description: 'null: back to the team queue' }),
    reason: safeText(500).optional(),
  })
  .strict()
  .openapi('FollowupAssignInput');
export const followupAssignResult = z
  .object({ assigned: z.number().int(), items: z.array(z.object({ id: z.string(), assigneeId: z.string().nullable(), version: z.number().int() })) })
  .openapi('FollowupAssignResult');
export type FollowupAssignResult = z.infer<typeof followupAssignResult>;

const hotWords = z.array(safeText(80, { min: 1 })).max(200);

/** The rules of follow-ups as a CX manager writes them. */
export const followupRulesInput = z
  .object({
    detractorMax: z.number().int().min(0).max(100).nullable().openapi({ description: "a follow-up opens for a score up to this; null: the survey basis' detractor range" }),
    hotScoreMax: z.number().int().min(0).max(100),
    hotKeywords: z.object(Object.fromEntries(LANGUAGES.map((l) => [l, hotWords])) as Record<(typeof LANGUAGES)[number], typeof hotWords>).strict(),
    hotOnRepeat: z.boolean(),
    deadlineDays: z.number().int().min(1).max(30).openapi({ description: 'business days to close the loop' }),
    hotDeadlineDays: z.number().int().min(1).max(30),
    unreachableAfter: z.number().int().min(1).max(10),
    routing: z.array(z.enum(['account_manager', 'team_lead', 'site_lead'])).max(3).openapi({ description: 'who is tried, in order; the team queue comes last' }),
    thankPromoters: z.boolean().openapi({ description: 'write to promoters after their answer (an SMS of the survey class): a thank-you, or a review request when reviewUrl is set' }),
    reviewUrl: safeText(300).nullable().openapi({ description: 'https:// address where promoters are asked to leave a review; null: they are thanked' }),
  })
  .strict()
  .openapi('FollowupRulesInput');
export const followupRules = followupRulesInput.extend({ updatedAt: time, updatedBy: z.string().nullable() }).openapi('FollowupRules');
export type FollowupRules = z.infer<typeof followupRules>;

const rate = z
  .object({
    successes: z.number().int(),
    n: z.number().int(),
    rate: z.number().nullable(),
    ci95: z.object({ low: z.number(), high: z.number() }).nullable().openapi({ description: 'Wilson score interval' }),
  })
  .openapi('FollowupRate');
const difference = z
  .object({ difference: z.number(), low: z.number(), high: z.number(), pValue: z.number(), significant: z.boolean() })
  .nullable()
  .openapi({ description: "called back − not: Newcombe's hybrid score interval, two-proportion z test" });
const nps = z.object({
  n: z.number().int(), nps: z.number().nullable(), ciLow: z.number().nullable(), ciHigh: z.number().nullable(), reliable: z.boolean(),
});

/** The figures of the inner loop for a period and a team (docs/followups.md, "Measures"). */
export const followupMetrics = z
  .object({
    from: time,
    to: time,
    teamId: z.string().nullable(),
    mine: z.boolean().openapi({ description: "the reader's own follow-ups (those assigned to them)" }),
    opened: z.number().int(),
    hot: z.number().int(),
    contacted: rate.openapi({ description: 'follow-ups with at least one attempt' }),
    reached: rate,
    contactedWithinDeadline: rate.openapi({ description: 'first attempt by the deadline set at opening, of the follow-ups whose deadline has passed or that were contacted' }),
    closedWithinDeadline: rate,
    timeToFirstContact: z.object({ n: z.number().int(), medianMs: z.number().nullable(), p90Ms: z.number().nullable() }),
    rescue: z.object({
      calledBack: rate.openapi({ description: 'reached detractors whose next answer is not a detractor, of those who answered again' }),
      notCalledBack: rate,
      difference,
    }),
    nextNps: z
      .array(z.object({ basis: z.string(), calledBack: nps, notCalledBack: nps, difference: z.number().nullable(), pValue: z.number().nullable() }))
      .openapi({ description: 'NPS of the next answers, per survey basis (figures on two bases are never added up)' }),
    repeatContact: z.object({ calledBack: rate, notCalledBack: rate, difference }),
  })
  .openapi('FollowupMetrics');
export type FollowupMetrics = z.infer<typeof followupMetrics>;

/** What a hot follow-up's owner is sent live (`followup.hot`; `followup.escalated` for an escalation): no personal data, the case to open. */
export const followupAlert = z
  .object({
    id: z.string(), state: followupState, score: z.number().int(), hotReasons: z.array(hotReason), hotKeywords: z.array(z.string()),
    teamId: z.string().nullable(), assigneeId: z.string().nullable(), openedAt: time, dueAt: maybeTime, escalatedAt: maybeTime,
  })
  .openapi('FollowupAlert');
export type FollowupAlert = z.infer<typeof followupAlert>;
