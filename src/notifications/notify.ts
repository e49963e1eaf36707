import type { Kysely } from 'kysely';
import { enqueue } from '../jobs/outbox.js';
import { isEmailAddress } from '../shared/email-address.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Language } from '../shared/languages.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database, MessageChannel, MessageClass, NotificationStatus } from '../storage/schema.js';
import { partyEmail, partyMobiles } from './recipients.js';
import { currentTemplate, renderTemplate, type TemplateParams } from './templates.js';

/** A message to a customer, as a domain asks for it (a complaint acknowledged, a promoter thanked). */
export interface NotifyRequest {
  class: MessageClass;
  /** the template, such as `complaint.acknowledged` */
  templateKey: string;
  /** the customer (party id) */
  customerId: string;
  /** `auto`: an SMS to the customer's mobile, else an e-mail to their address */
  channel: MessageChannel | 'auto';
  /** default: the customer's preferred language */
  language?: Language | undefined;
  /** the values of the template's placeholders */
  params: TemplateParams;
  /** what the message is about: a kind (`complaint`, `followup`, `customer`) and its id */
  refType: string;
  refId: string;
  /**
   * What tells this message from an earlier one with the same template about the same thing (the
   * id of the event that caused it, when a complaint can be answered twice); default ''.
   */
  occasion?: string | undefined;
  /** a number or address given for this matter, instead of the customer's own (the address a written complaint came from) */
  to?: string | undefined;
}

/** The notification a request wrote, or found already written for the same thing (`created` false). */
export interface Notified {
  id: string;
  created: boolean;
  status: NotificationStatus;
}

/** Where a message goes, or why it cannot go. */
export type Destination = { channel: MessageChannel; recipient: string } | { channel: MessageChannel; missing: string };

export async function destinationOf(db: Kysely<Database>, request: NotifyRequest): Promise<Destination> {
  const { to, customerId } = request;
  const wantsSms = request.channel === 'sms' || (request.channel === 'auto' && (to === undefined || !to.includes('@')));
  if (to !== undefined) {
    if (!wantsSms) {
      if (!isEmailAddress(to)) throw invalid('to', 'is not an e-mail address');
      return { channel: 'email', recipient: to };
    }
    const phone = normalizePhone(to);
    if (!phone.ok) throw invalid('to', phone.reason);
    if (phone.kind !== 'mobile') throw invalid('to', 'is not a mobile number: it cannot receive an SMS');
    return { channel: 'sms', recipient: phone.e164 };
  }
  const mobile = request.channel === 'email' ? undefined : (await partyMobiles(db, [customerId])).get(customerId);
  if (mobile) return { channel: 'sms', recipient: mobile };
  const email = request.channel === 'sms' ? undefined : await partyEmail(db, customerId);
  if (email && isEmailAddress(email)) return { channel: 'email', recipient: email };
  if (request.channel === 'sms') return { channel: 'sms', missing: 'the customer has no mobile number' };
  if (request.channel === 'email') return { channel: 'email', missing: 'the customer has no e-mail address' };
  return { channel: 'sms', missing: 'the customer has neither a mobile number nor an e-mail address' };
}

/**
 * Writes a message to a customer, in the caller's transaction: the notification (its text rendered
 * now from the current version of the template, in the customer's language) and the outbox job that
 * sends it (`notification.send`), so it leaves if and only if the caller's change commits. The same
 * (refType, refId, templateKey, occasion) again finds the notification already written and writes
 * nothing: a job run twice never sends twice.
 *
 * A customer without a mobile number or address (or erased) gets a notification `failed` with the
 * reason, so the case shows that nobody was told. A template that cannot make the message (unknown
 * placeholder, value missing, SMS too long) is refused with a DomainError (422), and so is the
 * caller's change unless it catches it.
 */
export async function notify(db: Kysely<Database>, request: NotifyRequest, now = Date.now()): Promise<Notified> {
  const occasion = request.occasion ?? '';
  const existing = () =>
    db
      .selectFrom('notifications')
      .select(['id', 'status'])
      .where('ref_type', '=', request.refType)
      .where('ref_id', '=', request.refId)
      .where('template_key', '=', request.templateKey)
      .where('occasion', '=', occasion)
      .executeTakeFirst();
  const found = await existing();
  if (found) return { id: found.id, created: false, status: found.status };

  const party = await db.selectFrom('parties').select(['preferred_language', 'erased_at']).where('id', '=', request.customerId).executeTakeFirst();
  if (!party) throw notFound(`No customer ${request.customerId}`);
  const destination: Destination =
    party.erased_at !== null ? { channel: request.channel === 'email' ? 'email' : 'sms', missing: "the customer's personal data was erased" } : await destinationOf(db, request);
  const language = request.language ?? party.preferred_language;
  const template = await currentTemplate(db, request.templateKey, destination.channel, language);
  if (!template) {
    throw new DomainError(422, 'template-missing', `There is no ${destination.channel} template ${request.templateKey}`, [], { template: request.templateKey, channel: destination.channel });
  }
  const { subject, body } = renderTemplate(template, request.params);
  const id = newId();
  const status: NotificationStatus = 'missing' in destination ? 'failed' : 'queued';
  const inserted = await db
    .insertInto('notifications')
    .values({
      id, class: request.class, channel: destination.channel, template_id: template.id, template_key: template.key, template_version: template.version,
      language: template.language, party_id: request.customerId, recipient: 'recipient' in destination ? destination.recipient : '', subject, body,
      ref_type: request.refType, ref_id: request.refId, occasion, status, reason: 'missing' in destination ? destination.missing : null,
      next_attempt_at: null, sms_id: null, email_id: null, created_at: now, updated_at: now, released_at: null,
    })
    .onConflict((oc) => oc.columns(['ref_type', 'ref_id', 'template_key', 'occasion']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
    // Written by a concurrent transaction since the look above.
    const other = (await existing())!;
    return { id: other.id, created: false, status: other.status };
  }
  if (status === 'queued') await enqueue(db, 'notification.send', id, now);
  return { id, created: true, status };
}
