import type { CaughtMail as CaughtMailOut, MessageTemplate as TemplateOut, Notification } from '../contract/notifications.js';
import type { CaughtMail } from '../mail/mail-catcher.js';
import type { NotificationRecord } from './notification-records.js';
import type { MessageTemplate } from './templates.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** A notification as it leaves the server. */
export function presentNotification(n: NotificationRecord): Notification {
  return {
    id: n.id, class: n.class, channel: n.channel, templateKey: n.templateKey, templateVersion: n.templateVersion, language: n.language,
    customerId: n.customerId, recipient: n.recipient, subject: n.subject, body: n.body, ref: { type: n.refType, id: n.refId }, occasion: n.occasion,
    state: n.state, reason: n.reason, nextAttemptAt: isoOrNull(n.nextAttemptAt), createdAt: iso(n.createdAt), releasedAt: isoOrNull(n.releasedAt),
    updatedAt: iso(n.updatedAt),
  };
}

/** A template version as it leaves the server. */
export function presentTemplate(t: MessageTemplate): TemplateOut {
  return {
    id: t.id, key: t.key, channel: t.channel, language: t.language, version: t.version, subject: t.subject, body: t.body,
    createdAt: iso(Number(t.created_at)), createdBy: t.created_by,
  };
}

/** A caught e-mail as it leaves the server. */
export function presentCaughtMail(m: CaughtMail): CaughtMailOut {
  return { seq: m.seq, receivedAt: iso(m.receivedAt), from: m.from, to: [...m.to], subject: m.subject, text: m.text, html: m.html, messageId: m.messageId };
}
