import type { Kysely, Selectable } from 'kysely';
import type { JobHandler, JobResult } from '../jobs/worker.js';
import { EmailSendError, type EmailTransport } from '../mail/email-transport.js';
import { newId } from '../shared/ids.js';
import { isQuiet, nextSendTime } from '../shared/quiet-hours.js';
import type { Database, MessageClass, NotificationStatus, NotificationTable } from '../storage/schema.js';
import { automaticSmsSince, CAP_WINDOW_MS } from './automatic-sms.js';
import type { ClassRules } from './message-classes.js';
import { optedOutNumbers } from './opt-out-check.js';
import { queueSms, SECRET_MASK } from './sms-submission.js';

const DONE: JobResult = { done: true };

/** What sending notifications needs. */
export interface NotificationSendDeps {
  db: Kysely<Database>;
  /** the e-mail transport of this process and the sender (ECOUTE_MAIL_FROM); without it e-mails fail, saying why */
  mail?: { transport: EmailTransport; from: string } | undefined;
  /** automatic SMS to one number in any 24 hours at most (ECOUTE_SMS_AUTO_REPLIES_PER_DAY), counted with the surveys' replies */
  autoRepliesPerDay: number;
  /** key of the hash an erased customer's opt-out is kept as (ECOUTE_PRIVACY_SECRET) */
  numberKey: string;
  /** the rules of each class (classRules()) */
  classes: Readonly<Record<MessageClass, ClassRules>>;
}

type Notification = Selectable<NotificationTable>;

const localTime = (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Luxembourg' }).format(ms);

/** The handler of `notification.send`. */
export function notificationHandler(deps: NotificationSendDeps): JobHandler {
  return (id) => sendNotification(deps, id);
}

/**
 * Sends a notification when its class allows it now, and records why it waits or failed otherwise:
 * the survey opt-out and consent (survey class only), the quiet hours of its class and the
 * per-number cap (SMS only). An SMS is handed to the SMS path (an `sms_messages` row and its
 * `sms.send` job, in one transaction with the notification's `released`); an e-mail is sent here
 * through the e-mail transport. Run again, it sends nothing twice: a released notification is done,
 * except an e-mail whose transport never answered, sent again with the same Message-ID.
 */
export async function sendNotification(deps: NotificationSendDeps, id: string, now = Date.now()): Promise<JobResult> {
  const { db } = deps;
  const n = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n || n.status === 'failed') return DONE;
  if (n.status === 'released') return n.email_id ? deliverEmail(deps, n.email_id) : DONE;
  const rules = deps.classes[n.class];

  if (rules.surveyOptOut) {
    const party = await db.selectFrom('parties').select('consent_surveys').where('id', '=', n.party_id).executeTakeFirst();
    if (party?.consent_surveys !== 1) return fail(db, n, 'the customer does not take part in surveys (consent withdrawn)', now);
    if (n.channel === 'sms' && (await optedOutNumbers(db, [n.recipient], deps.numberKey)).has(n.recipient)) {
      return fail(db, n, 'the number opted out of surveys (STOP)', now);
    }
  }
  if (n.channel === 'email') return releaseEmail(deps, n, now);

  if (rules.quietHours && isQuiet(now, rules.quietHours)) {
    const until = nextSendTime(now, rules.quietHours);
    const { quietStart, quietEnd } = rules.quietHours;
    return wait(db, n, 'waiting_quiet_hours', until, `quiet hours of ${n.class} messages (${quietStart}-${quietEnd} Europe/Luxembourg): waiting until ${localTime(until)}`, now);
  }
  return db.transaction().execute(async (trx) => {
    const cap = deps.autoRepliesPerDay;
    const { count, oldestAt } = await automaticSmsSince(trx, n.recipient, now - CAP_WINDOW_MS);
    if (count >= cap) {
      if (cap === 0) return fail(trx, n, 'automatic SMS are turned off (ECOUTE_SMS_AUTO_REPLIES_PER_DAY=0)', now);
      const reason = `${count} automatic SMS to this number in the last 24 hours reached the cap of ${cap} (ECOUTE_SMS_AUTO_REPLIES_PER_DAY)`;
      if (deps.classes[n.class].whenCapped === 'fail') return fail(trx, n, reason, now);
      const until = (oldestAt ?? now) + CAP_WINDOW_MS + 1;
      return wait(trx, n, 'waiting_cap', until, `${reason}: waiting until ${localTime(until)}`, now);
    }
    if (!(await markReleased(trx, n, now))) return DONE;
    const smsId = await queueSms(trx, { msisdn: n.recipient, text: n.body, purpose: 'notification', surveyId: null }, now);
    await trx.updateTable('notifications').set({ sms_id: smsId }).where('id', '=', n.id).execute();
    return DONE;
  });
}

const OPEN: NotificationStatus[] = ['queued', 'waiting_quiet_hours', 'waiting_cap'];

/** The notification `released` (if still open: false when another run took it first). */
async function markReleased(db: Kysely<Database>, n: Notification, now: number): Promise<boolean> {
  const updated = await db
    .updateTable('notifications')
    .set({ status: 'released', reason: null, next_attempt_at: null, released_at: now, updated_at: now })
    .where('id', '=', n.id)
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

async function wait(db: Kysely<Database>, n: Notification, status: NotificationStatus, until: number, reason: string, now: number): Promise<JobResult> {
  await db.updateTable('notifications').set({ status, reason, next_attempt_at: until, updated_at: now }).where('id', '=', n.id).where('status', 'in', OPEN).execute();
  return { done: false, retryAt: until, error: reason };
}

async function fail(db: Kysely<Database>, n: Notification, reason: string, now: number): Promise<JobResult> {
  await db.updateTable('notifications').set({ status: 'failed', reason, next_attempt_at: null, updated_at: now }).where('id', '=', n.id).where('status', 'in', OPEN).execute();
  return DONE;
}

/** The e-mail row of a notification (its Message-ID fixed now, so that a resend carries the same), then its sending. */
async function releaseEmail(deps: NotificationSendDeps, n: Notification, now: number): Promise<JobResult> {
  const emailId = newId();
  const domain = /@([^>\s]+)>?\s*$/.exec(deps.mail?.from ?? '')?.[1] ?? 'ecoute.invalid';
  const released = await deps.db.transaction().execute(async (trx) => {
    if (!(await markReleased(trx, n, now))) return false;
    await trx
      .insertInto('email_messages')
      .values({
        id: emailId, to_address: n.recipient, subject: n.subject ?? '', text: n.body, html: null, status: 'queued', message_id: `<${emailId}@${domain}>`,
        error: null, attempts: 0, created_at: now, updated_at: now,
      })
      .execute();
    await trx.updateTable('notifications').set({ email_id: emailId }).where('id', '=', n.id).execute();
    return true;
  });
  return released ? deliverEmail(deps, emailId) : DONE;
}

/**
 * Sends an e-mail row that is not sent yet. It is `sending` (committed) before the transport is
 * called, so an e-mail found `sending` later is one the server may have: it is sent again with the
 * same Message-ID, by which a receiving system can tell it is the same message. A secret (a sign-in
 * code) takes the place of the mask in the text the transport gets, and is forgotten once sent or failed.
 */
export async function deliverEmail(deps: Pick<NotificationSendDeps, 'db' | 'mail'>, emailId: string): Promise<JobResult> {
  const { db } = deps;
  const email = await db.selectFrom('email_messages').selectAll().where('id', '=', emailId).executeTakeFirst();
  if (!email || email.status === 'sent' || email.status === 'failed') return DONE;
  const record = (status: 'sending' | 'sent' | 'queued' | 'failed', error: string | null) =>
    db
      .updateTable('email_messages')
      .set((eb) => ({
        status, error, updated_at: Date.now(), ...(status === 'sending' ? { attempts: eb('attempts', '+', 1) } : {}), ...(status === 'sent' || status === 'failed' ? { secret: null } : {}),
      }))
      .where('id', '=', emailId)
      .execute();
  if (!deps.mail) {
    await record('failed', 'no e-mail transport: set ECOUTE_SMTP_URL and ECOUTE_MAIL_FROM');
    return DONE;
  }
  await record('sending', null);
  try {
    await deps.mail.transport.send({
      to: email.to_address,
      subject: email.subject,
      text: email.secret === null ? email.text : email.text.replace(SECRET_MASK, email.secret),
      ...(email.html === null ? {} : { html: email.html }),
      // RFC 3834: an automatic message, to which auto-responders do not answer.
      headers: { 'Message-ID': email.message_id, 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    await record('sent', null);
    return DONE;
  } catch (error) {
    const retryable = !(error instanceof EmailSendError) || error.retryable;
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await record(retryable ? 'queued' : 'failed', text);
    return retryable ? { done: false, retryAt: 0, error: text } : DONE;
  }
}
