import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';

/**
 * Callbacks (docs/self-service.md, "Callbacks"): a customer asks in the app to be called back at a
 * half-hour slot of the opening hours; the team of `selfServiceTeam` calls them from the console.
 */

export const CALLBACK_STATES = ['requested', 'done', 'cancelled'] as const;
export type CallbackState = (typeof CALLBACK_STATES)[number];
export const CALLBACK_OUTCOMES = ['reached', 'not_reached', 'cancelled'] as const;
/** What a member of the team records on a callback. */
export const CALLBACK_ACTIONS = ['attempt', 'done', 'cancel'] as const;
export type CallbackActionName = (typeof CALLBACK_ACTIONS)[number];
export const CALLBACK_TABS = ['team', 'mine'] as const;

/** The longest topic a customer writes. */
export const CALLBACK_TOPIC_MAX = 300;

const state = z.enum(CALLBACK_STATES).openapi({ description: '`requested`: to call; `done`: called; `cancelled` by the customer or the team' });
const outcome = z.enum(CALLBACK_OUTCOMES).nullable().openapi({ description: 'how it ended; null while open' });

export const callbackSlot = z
  .object({ start: z.string().openapi({ example: '2027-01-11T09:30:00.000Z' }), end: z.string() })
  .openapi('CallbackSlot');

export const myCallbackSlots = z
  .object({
    timeZone: z.string().openapi({ description: 'the time zone the opening hours are in (Europe/Luxembourg)' }),
    items: z.array(callbackSlot).openapi({ description: 'the slots still offered, in time order' }),
  })
  .openapi('MyCallbackSlots');

export const myCallbackIn = z
  .object({
    slotStart: z.string().datetime({ offset: true }).openapi({ description: 'the start of one of the slots offered (GET /my/callback-slots)' }),
    msisdn: z.string().min(1).max(40).optional().openapi({ description: 'the number to call, one of the customer’s lines (default: the one signed in with)' }),
    topic: safeText(CALLBACK_TOPIC_MAX, { multiline: true }).optional().openapi({ description: 'what the customer wants to talk about' }),
  })
  .strict();

export const myCallback = z
  .object({
    id: z.string(),
    state,
    slotStart: z.string(),
    slotEnd: z.string(),
    msisdn: z.string().openapi({ description: 'the number the team calls' }),
    topic: z.string().nullable(),
    outcome,
    requestedAt: z.string(),
  })
  .openapi('MyCallback');
export type MyCallbackOut = z.infer<typeof myCallback>;

export const myCallbacks = z.object({ items: z.array(myCallback) }).openapi('MyCallbacks');

export const callbackSummary = z
  .object({
    id: z.string(),
    state,
    customer: z.object({ id: z.string(), customerNumber: z.string(), name: z.string() }),
    msisdn: z.string(),
    slotStart: z.string(),
    slotEnd: z.string(),
    topic: z.string().nullable(),
    attempts: z.number().int(),
    outcome,
    teamId: z.string().nullable(),
    assigneeId: z.string().nullable().openapi({ description: 'who took it (the first to try a call); null: the team’s' }),
    requestedAt: z.string(),
    dueAt: z.string().nullable().openapi({ description: 'the end of the slot while open' }),
    doneAt: z.string().nullable(),
  })
  .openapi('CallbackSummary');
export type CallbackSummaryOut = z.infer<typeof callbackSummary>;

export const callbackPage = z.object({ items: z.array(callbackSummary), next: z.string().nullable() }).openapi('CallbackPage');

export const callbackActionIn = z
  .object({
    action: z.enum(CALLBACK_ACTIONS).openapi({ description: '`attempt`: a call made (`reached` says whether the customer answered: reached closes it as done); `done`: closes it; `cancel`: with a note' }),
    reached: z.boolean().optional().openapi({ description: 'attempt: whether the customer answered (default false); done: false closes it unreached (default true)' }),
    note: safeText(1000, { multiline: true }).optional(),
  })
  .strict();
