import { z } from '@hono/zod-openapi';
import { channel } from './common.js';

/** First-contact resolution of a contact (docs/fcr.md). */
export const fcrStatus = z.enum(['fcr', 'repeat', 'pending', 'not_resolved']);
export type FcrStatus = z.infer<typeof fcrStatus>;

const named = z.object({ id: z.string(), name: z.string() });

/** One contact as it leaves the server. */
export const interactionView = z
  .object({
    id: z.string(),
    externalId: z.string().nullable(),
    channel,
    direction: z.enum(['inbound', 'outbound']),
    reason: z.object({ code: z.string(), label: z.string() }).nullable(),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    advisor: named.nullable(),
    team: named.nullable(),
    site: named.nullable(),
    outcome: z.string().nullable(),
    resolved: z.boolean().nullable(),
    fcr: fcrStatus,
    repeat: z.boolean().openapi({ description: 'this contact came within the window after one for the same reason' }),
    recordingRef: z.string().nullable(),
    recordingId: z.string().nullable().openapi({ description: 'the recording Ecoute keeps of this contact (GET /quality/recordings/{id}), null when none' }),
    notes: z.string().nullable(),
  })
  .openapi('Interaction');
export type InteractionView = z.infer<typeof interactionView>;

/** A contact reason of the taxonomy, labelled in the reader's language. */
export const reason = z
  .object({
    code: z.string(),
    label: z.string(),
    labels: z.object({ fr: z.string(), de: z.string(), en: z.string() }),
    parentCode: z.string().nullable(),
    active: z.boolean(),
    sortOrder: z.number().int().openapi({ description: "place in the operator's order, lowest first" }),
  })
  .openapi('Reason');
export type Reason = z.infer<typeof reason>;

/** The answer to logging a contact. */
export const loggedContact = z.object({ id: z.string(), created: z.boolean() });

/** A repeat contact's root cause as coded (docs/improvement.md). */
export const contactCoding = z
  .object({
    causeCode: z.string(),
    unknownReason: z.string().nullable(),
    codedAt: z.string().openapi({ format: 'date-time' }),
    previousCause: z.string().nullable().openapi({ description: 'the cause this coding replaced, if any' }),
  })
  .openapi('ContactCoding');
