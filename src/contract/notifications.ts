import { z } from '@hono/zod-openapi';
import { safeText } from '../shared/safe-text.js';
import { language } from './common.js';

/** The classes of outgoing messages (docs/notifications.md#message-classes). */
export const messageClass = z.enum(['survey', 'service', 'regulatory', 'alert']);
/** The transports of outgoing messages. */
export const messageChannel = z.enum(['sms', 'email']);

/** How far a notification got. */
export const deliveryState = z
  .enum(['queued', 'waiting_quiet_hours', 'waiting_cap', 'sending', 'sent', 'delivered', 'failed'])
  .openapi({ description: 'queued; waiting_quiet_hours / waiting_cap (see nextAttemptAt); sending; sent (accepted by the SMSC or the mail server); delivered (SMS receipt); failed (see reason)' });
export type DeliveryState = z.infer<typeof deliveryState>;

/** A message to a customer, with the template version it was written from and how far it got. */
export const notification = z
  .object({
    id: z.string(),
    class: messageClass,
    channel: messageChannel,
    templateKey: z.string(),
    templateVersion: z.number().int(),
    language: language.openapi({ description: 'the language of the template used' }),
    customerId: z.string(),
    recipient: z.string().openapi({ description: 'E.164 number or e-mail address; empty when the customer has none, or was erased' }),
    subject: z.string().nullable(),
    body: z.string(),
    ref: z.object({ type: z.string(), id: z.string() }).openapi({ description: 'what the message is about' }),
    occasion: z.string(),
    state: deliveryState,
    reason: z.string().nullable().openapi({ description: 'why it waits or failed' }),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    releasedAt: z.string().nullable().openapi({ description: 'when it was handed to its transport' }),
    updatedAt: z.string(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof notification>;

/** A version of a message template. */
export const messageTemplate = z
  .object({
    id: z.string(),
    key: z.string(),
    channel: messageChannel,
    language,
    version: z.number().int(),
    subject: z.string().nullable(),
    body: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable().openapi({ description: 'null: seeded with Ecoute' }),
  })
  .openapi('MessageTemplate');
export type MessageTemplate = z.infer<typeof messageTemplate>;

/** A new version of a template (versions are never edited in place). */
export const messageTemplateInput = z
  .object({
    key: z.string().min(3).max(100).openapi({ example: 'complaint.acknowledged' }),
    channel: messageChannel,
    language,
    subject: safeText(300).nullable().optional().openapi({ description: 'e-mail only' }),
    body: safeText(4000, { min: 1, multiline: true }).openapi({ description: 'placeholders: {reference} {customerName} {receivedDate} {answerDate} {dueDate} {outcome} {reviewUrl}' }),
  })
  .strict();
export type MessageTemplateInput = z.infer<typeof messageTemplateInput>;

/** An e-mail the local mail catcher received (demo mode). */
export const caughtMail = z
  .object({
    seq: z.number().int(),
    receivedAt: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    messageId: z.string().nullable(),
  })
  .openapi('CaughtMail');
export type CaughtMail = z.infer<typeof caughtMail>;
