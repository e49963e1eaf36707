/** Row types of the outgoing messages (src/notifications): templates and their versions, notifications, e-mails. */
import type { Language } from './schema-base.js';

/** What a message is, which decides its quiet hours, its opt-out and its cap (src/notifications/message-classes.ts). */
export type MessageClass = 'survey' | 'service' | 'regulatory' | 'alert';

/** The transport a message leaves by. */
export type MessageChannel = 'sms' | 'email';

export interface MessageTemplateTable {
  id: string;
  /** what the message says, the same key in every channel and language (`complaint.acknowledged`) */
  key: string;
  channel: MessageChannel;
  language: Language;
  /** 1, 2, …: a version is never changed; editing a template writes the next version */
  version: number;
  /** e-mail subject (null for SMS) */
  subject: string | null;
  /** the text, with placeholders such as `{reference}` */
  body: string;
  created_at: number;
  /** who wrote the version (a user id); null for the versions the migrations seeded */
  created_by: string | null;
}

/**
 * queued: waiting for the worker; waiting_quiet_hours / waiting_cap: held until `next_attempt_at`;
 * released: handed to its transport (its SMS or e-mail row says how far it got); failed: not sent, `reason` says why.
 */
export type NotificationStatus = 'queued' | 'waiting_quiet_hours' | 'waiting_cap' | 'released' | 'failed';

export interface NotificationTable {
  id: string;
  class: MessageClass;
  channel: MessageChannel;
  /** the template version the text was rendered from */
  template_id: string;
  template_key: string;
  template_version: number;
  /** the language of the template used (the customer's, or the fallback when it has none in theirs) */
  language: Language;
  party_id: string;
  /** E.164 number or e-mail address; empty when the customer has none (the notification is `failed`) */
  recipient: string;
  /** e-mail subject as rendered (null for SMS) */
  subject: string | null;
  /** the text as rendered */
  body: string;
  /** what the message is about (`complaint`, `followup`, `customer`) and its id */
  ref_type: string;
  ref_id: string;
  /** what tells this message from an earlier one with the same template about the same thing ('' by default) */
  occasion: string;
  status: NotificationStatus;
  /** why it waits or failed, as an operator reads it */
  reason: string | null;
  /** when a waiting notification is tried again */
  next_attempt_at: number | null;
  sms_id: string | null;
  email_id: string | null;
  created_at: number;
  updated_at: number;
  /** when it was handed to its transport */
  released_at: number | null;
}

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface EmailMessageTable {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  /** a secret (a sign-in code) the text shows as a mask: put in when the e-mail is handed to the transport, forgotten once sent */
  secret: string | null;
  /** sending: the transport may have it (a new attempt sends it again, with the same Message-ID) */
  status: EmailStatus;
  /** the Message-ID header it was sent with */
  message_id: string;
  error: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
}
