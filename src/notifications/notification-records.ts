import type { Kysely } from 'kysely';
import type { Database, EmailStatus, MessageChannel, MessageClass, NotificationStatus, SmsStatus } from '../storage/schema.js';
import type { Language } from '../shared/languages.js';

/**
 * How far a notification got: waiting for the worker (`queued`), held by the quiet hours of its
 * class or the per-number cap (with the time it is tried again), with its transport (`sending`),
 * accepted by the SMSC or the mail server (`sent`), on the phone (`delivered`, SMS receipts), or
 * `failed` with the reason.
 */
export type DeliveryState = 'queued' | 'waiting_quiet_hours' | 'waiting_cap' | 'sending' | 'sent' | 'delivered' | 'failed';

/** A notification as staff read it. */
export interface NotificationRecord {
  id: string;
  class: MessageClass;
  channel: MessageChannel;
  templateKey: string;
  templateVersion: number;
  language: Language;
  customerId: string;
  recipient: string;
  subject: string | null;
  body: string;
  refType: string;
  refId: string;
  occasion: string;
  state: DeliveryState;
  /** why it waits or failed */
  reason: string | null;
  /** when a waiting notification is tried again */
  nextAttemptAt: number | null;
  createdAt: number;
  /** when it was handed to its transport */
  releasedAt: number | null;
  /** when its state last changed */
  updatedAt: number;
}

const SMS_STATE: Record<SmsStatus, DeliveryState> = {
  queued: 'sending', sending: 'sending', submitted: 'sent', delivered: 'delivered', undeliverable: 'failed', expired: 'failed', failed: 'failed', received: 'sent',
};
const EMAIL_STATE: Record<EmailStatus, DeliveryState> = { queued: 'sending', sending: 'sending', sent: 'sent', failed: 'failed' };

/** The delivery state of a notification from its own status and, once released, its SMS or e-mail row's. */
export function deliveryState(
  status: NotificationStatus,
  transport: { sms: SmsStatus | null; email: EmailStatus | null },
): DeliveryState {
  if (status !== 'released') return status;
  if (transport.sms) return SMS_STATE[transport.sms];
  if (transport.email) return EMAIL_STATE[transport.email];
  return 'sending';
}

/** The notifications about one thing (a complaint, a follow-up), oldest first, with their delivery state. */
export async function notificationsAbout(db: Kysely<Database>, refType: string, refId: string): Promise<NotificationRecord[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('sms_messages as s', 's.id', 'n.sms_id')
    .leftJoin('email_messages as e', 'e.id', 'n.email_id')
    .selectAll('n')
    .select(['s.status as sms_status', 's.error as sms_error', 's.updated_at as sms_updated_at', 'e.status as email_status', 'e.error as email_error', 'e.updated_at as email_updated_at'])
    .where('n.ref_type', '=', refType)
    .where('n.ref_id', '=', refId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => {
    const state = deliveryState(r.status, { sms: r.sms_status, email: r.email_status });
    const transportError = r.sms_error ?? r.email_error;
    return {
      id: r.id, class: r.class, channel: r.channel, templateKey: r.template_key, templateVersion: r.template_version, language: r.language,
      customerId: r.party_id, recipient: r.recipient, subject: r.subject, body: r.body, refType: r.ref_type, refId: r.ref_id, occasion: r.occasion,
      state,
      reason: r.reason ?? (state === 'failed' || state === 'sending' ? transportError : null),
      nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
      createdAt: Number(r.created_at),
      releasedAt: r.released_at === null ? null : Number(r.released_at),
      updatedAt: Math.max(Number(r.updated_at), Number(r.sms_updated_at ?? 0), Number(r.email_updated_at ?? 0)),
    };
  });
}

/**
 * Erasure of a customer (src/privacy): their notifications keep what they were (class, template,
 * version, state, times) without the recipient and the text; one not yet sent is not sent at all,
 * and so is its e-mail; its SMS row is blanked with the customer's other SMS. In the erasure's
 * transaction; `erased` is what stands in place of a number. Answers how many notifications and
 * e-mails it changed.
 */
export async function eraseNotifications(db: Kysely<Database>, partyId: string, now: number, erased: string): Promise<{ notifications: number; email_messages: number }> {
  await db
    .updateTable('notifications')
    .set({ status: 'failed', reason: 'customer erased', next_attempt_at: null })
    .where('party_id', '=', partyId)
    .where('status', 'in', ['queued', 'waiting_quiet_hours', 'waiting_cap'])
    .execute();
  const emails = db.selectFrom('notifications').select('email_id').where('party_id', '=', partyId).where('email_id', 'is not', null);
  await db.updateTable('email_messages').set({ status: 'failed', error: 'customer erased' }).where('id', 'in', emails).where('status', 'in', ['queued', 'sending']).execute();
  const email = await db.updateTable('email_messages').set({ to_address: '', subject: '', text: '', html: null, updated_at: now }).where('id', 'in', emails).executeTakeFirst();
  const smsIds = db.selectFrom('notifications').select('sms_id').where('party_id', '=', partyId).where('sms_id', 'is not', null);
  await db.updateTable('sms_messages').set({ status: 'failed', error: 'customer erased' }).where('id', 'in', smsIds).where('status', '=', 'queued').execute();
  await db.updateTable('sms_messages').set({ text: '', msisdn: erased, updated_at: now }).where('id', 'in', smsIds).execute();
  const notifications = await db
    .updateTable('notifications')
    .set({ recipient: '', subject: null, body: '', updated_at: now })
    .where('party_id', '=', partyId)
    .executeTakeFirst();
  return { notifications: Number(notifications.numUpdatedRows), email_messages: Number(email.numUpdatedRows) };
}
