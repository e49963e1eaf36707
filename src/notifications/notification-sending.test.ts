import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { EmailSendError, type EmailTransport, type OutboundEmail } from '../mail/email-transport.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import type { MessageClass } from '../storage/schema.js';
import { classRules } from './message-classes.js';
import { notificationsAbout } from './notification-records.js';
import { sendNotification, type NotificationSendDeps } from './notification-sending.js';
import { notify } from './notify.js';

const iso = (s: string) => Date.parse(s);
const HOUR = 3_600_000;
const PARAMS = { reference: 'REC-2026-000042', receivedDate: iso('2026-03-02T09:00:00Z'), dueDate: iso('2026-03-16T17:00:00Z') };

/** An e-mail transport that keeps what it is given, or fails as told. */
class RecordingTransport implements EmailTransport {
  readonly name = 'recording';
  readonly sent: OutboundEmail[] = [];
  failWith: EmailSendError | undefined;
  async send(email: OutboundEmail): Promise<string> {
    if (this.failWith) throw this.failWith;
    this.sent.push(email);
    return email.headers?.['Message-ID'] ?? '<none>';
  }
  async close(): Promise<void> {}
}

for (const engine of await testEngines()) {
  describe(`sending notifications on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let deps: NotificationSendDeps;
    let transport: RecordingTransport;
    let n = 0;
    before(async () => {
      storage = await engine.open();
      transport = new RecordingTransport();
      deps = { db: storage.db, mail: { transport, from: 'Service client <service@operator.lu>' }, autoRepliesPerDay: 3, numberKey: 'test-key', classes: classRules({ regulatoryQuietHours: true }) };
    });
    after(async () => {
      await storage?.close();
    });

    /** A customer of their own (a mobile number of their own, so caps and opt-outs do not mix between tests). */
    const customer = async (options: { email?: boolean } = {}) => {
      const msisdn = `+35262155${String(++n).padStart(4, '0')}`;
      const party = await seedCustomer(storage.db, { familyName: `Weber ${n}`, lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: options.email ? [`client${n}@example.lu`] : [] });
      return { id: party.id, msisdn, email: `client${n}@example.lu` };
    };
    const message = (customerId: string, kind: MessageClass = 'service', channel: 'sms' | 'email' | 'auto' = 'sms', refId = newId(), at = Date.now()) =>
      notify(storage.db, { class: kind, templateKey: 'complaint.acknowledged', customerId, channel, params: PARAMS, refType: 'complaint', refId }, at);
    const row = (id: string) => storage.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const smsTo = (msisdn: string) => storage.db.selectFrom('sms_messages').selectAll().where('msisdn', '=', msisdn).execute();
    const jobs = (topic: string, refId: string) => storage.db.selectFrom('outbox').select(['run_after']).where('topic', '=', topic).where('ref_id', '=', refId).execute();

    it('the same request twice writes one notification and one job; the job run twice hands one SMS to the SMS path', async () => {
      const c = await customer();
      const refId = newId();
      const first = await message(c.id, 'service', 'sms', refId);
      const again = await message(c.id, 'service', 'sms', refId);
      assert.deepEqual([first.created, again.created, again.id], [true, false, first.id]);
      assert.equal((await jobs('notification.send', first.id)).length, 1);

      const noon = iso('2026-03-03T11:00:00Z');
      assert.deepEqual(await sendNotification(deps, first.id, noon), { done: true });
      assert.deepEqual(await sendNotification(deps, first.id, noon + 1000), { done: true });
      const sms = await smsTo(c.msisdn);
      assert.equal(sms.length, 1, 'one SMS row');
      assert.deepEqual([sms[0]!.purpose, sms[0]!.status, sms[0]!.survey_id], ['notification', 'queued', null]);
      assert.match(sms[0]!.text, /^Votre réclamation REC-2026-000042 du 02\/03\/2026 est bien enregistrée/);
      assert.equal((await jobs('sms.send', sms[0]!.id)).length, 1, 'one sms.send job');
      const stored = await row(first.id);
      assert.deepEqual([stored.status, stored.sms_id, stored.released_at], ['released', sms[0]!.id, noon]);
      const [record] = await notificationsAbout(storage.db, 'complaint', refId);
      assert.deepEqual([record!.state, record!.templateKey, record!.templateVersion], ['sending', 'complaint.acknowledged', 1]);
    });

    it('quiet hours by class across the change to summer time: service waits for 08:00, survey for Monday 09:00, regulatory when configured leaves at once', async () => {
      // Saturday 28 March 2026, 21:30 in Luxembourg (CET, UTC+1); that night the clocks go forward.
      const evening = iso('2026-03-28T20:30:00Z');
      const c = await customer();
      const service = await message(c.id, 'service');
      const result = await sendNotification(deps, service.id, evening);
      assert.deepEqual(result.done ? null : result.retryAt, iso('2026-03-29T06:00:00Z'), 'Sunday 08:00 CEST');
      const waiting = await row(service.id);
      assert.deepEqual([waiting.status, waiting.next_attempt_at], ['waiting_quiet_hours', iso('2026-03-29T06:00:00Z')]);
      assert.match(waiting.reason!, /quiet hours of service messages \(20:00-08:00 Europe\/Luxembourg\): waiting until 29 Mar 2026, 08:00/);
      assert.equal((await smsTo(c.msisdn)).length, 0, 'nothing sent during the quiet hours');

      const survey = await message(c.id, 'survey');
      const surveyResult = await sendNotification(deps, survey.id, evening);
      assert.equal(surveyResult.done ? null : surveyResult.retryAt, iso('2026-03-30T07:00:00Z'), 'Sunday is quiet for surveys: Monday 09:00 CEST');

      const regulatory = await message(c.id, 'regulatory');
      const held = await sendNotification(deps, regulatory.id, evening);
      assert.equal(held.done ? null : held.retryAt, iso('2026-03-29T06:00:00Z'), 'regulatory waits like service by default');
      const anyHour = { ...deps, classes: classRules({ regulatoryQuietHours: false }) };
      assert.deepEqual(await sendNotification(anyHour, regulatory.id, evening), { done: true });
      assert.equal((await row(regulatory.id)).status, 'released');

      // Tried again when the quiet hours end, the service message leaves.
      assert.deepEqual(await sendNotification(deps, service.id, iso('2026-03-29T06:00:00Z')), { done: true });
      assert.equal((await row(service.id)).status, 'released');
    });

    it('quiet hours across the change back to winter time', async () => {
      // Saturday 24 October 2026, 21:30 in Luxembourg (CEST, UTC+2); that night the clocks go back.
      const evening = iso('2026-10-24T19:30:00Z');
      const c = await customer();
      const service = await sendNotification(deps, (await message(c.id, 'service')).id, evening);
      assert.equal(service.done ? null : service.retryAt, iso('2026-10-25T07:00:00Z'), 'Sunday 08:00 CET');
      const survey = await sendNotification(deps, (await message(c.id, 'survey')).id, evening);
      assert.equal(survey.done ? null : survey.retryAt, iso('2026-10-26T08:00:00Z'), 'Monday 09:00 CET');
    });

    it('a survey opt-out does not stop a service message; it stops a survey-class one, and so does a withdrawn survey consent', async () => {
      const noon = iso('2026-03-03T11:00:00Z');
      const c = await customer();
      await storage.db.insertInto('opt_outs').values({ msisdn: c.msisdn, opted_out_at: noon - HOUR, keyword: 'STOP' }).execute();
      const service = await message(c.id, 'service');
      const regulatory = await message(c.id, 'regulatory');
      const survey = await message(c.id, 'survey');
      for (const id of [service.id, regulatory.id, survey.id]) await sendNotification(deps, id, noon);
      assert.equal((await row(service.id)).status, 'released');
      assert.equal((await row(regulatory.id)).status, 'released');
      const refused = await row(survey.id);
      assert.deepEqual([refused.status, refused.reason], ['failed', 'the number opted out of surveys (STOP)']);
      assert.equal((await smsTo(c.msisdn)).length, 2);

      const withdrawn = await customer();
      await storage.db.updateTable('parties').set({ consent_surveys: 0 }).where('id', '=', withdrawn.id).execute();
      const invitation = await message(withdrawn.id, 'survey');
      await sendNotification(deps, invitation.id, noon);
      assert.deepEqual([(await row(invitation.id)).status, (await row(invitation.id)).reason], ['failed', 'the customer does not take part in surveys (consent withdrawn)']);
    });

    it('the per-number cap, counted with the surveys\' automatic replies: a service message waits for a free place, a survey one fails, each saying why', async () => {
      const noon = iso('2026-03-03T11:00:00Z');
      const c = await customer();
      // A thanks two hours ago, then two notifications released: 3 automatic SMS in 24 hours.
      await storage.db
        .insertInto('sms_messages')
        .values({
          id: newId(), survey_id: null, direction: 'out', purpose: 'thanks', msisdn: c.msisdn, text: 'Merci', status: 'delivered', encoding: 'gsm7', parts: 1,
          gateway_ids: null, error: null, attempts: 1, created_at: noon - 2 * HOUR, updated_at: noon - 2 * HOUR,
        })
        .execute();
      for (const _ of [1, 2]) assert.deepEqual(await sendNotification(deps, (await message(c.id)).id, noon - HOUR), { done: true });
      const fourth = await message(c.id, 'service');
      const result = await sendNotification(deps, fourth.id, noon);
      const freeAt = noon - 2 * HOUR + 24 * HOUR + 1;
      assert.equal(result.done ? null : result.retryAt, freeAt, '24 hours after the oldest of the three');
      const waiting = await row(fourth.id);
      assert.equal(waiting.status, 'waiting_cap');
      assert.match(waiting.reason!, /^3 automatic SMS to this number in the last 24 hours reached the cap of 3 \(ECOUTE_SMS_AUTO_REPLIES_PER_DAY\): waiting until 4 Mar 2026, 10:00$/);
      const [state] = (await notificationsAbout(storage.db, 'complaint', waiting.ref_id)).map((r) => [r.state, r.nextAttemptAt]);
      assert.deepEqual(state, ['waiting_cap', freeAt]);

      const survey = await message(c.id, 'survey');
      assert.deepEqual(await sendNotification(deps, survey.id, noon), { done: true });
      assert.match((await row(survey.id)).reason!, /reached the cap of 3/);
      assert.equal((await row(survey.id)).status, 'failed');

      assert.deepEqual(await sendNotification(deps, fourth.id, freeAt), { done: true });
      assert.equal((await row(fourth.id)).status, 'released', 'sent once a place is free');
      assert.equal((await smsTo(c.msisdn)).length, 4);
    });

    it('an e-mail goes through the transport once, with a Message-ID kept for a resend; a refusal for good fails it with the reason', async () => {
      const c = await customer({ email: true });
      const mail = await message(c.id, 'service', 'email');
      const late = iso('2026-03-03T22:30:00Z'); // e-mails have no quiet hours
      assert.deepEqual(await sendNotification(deps, mail.id, late), { done: true });
      assert.deepEqual(await sendNotification(deps, mail.id, late), { done: true });
      const sent = transport.sent.filter((e) => e.to === c.email);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.subject, 'Votre réclamation REC-2026-000042 : accusé de réception');
      assert.match(sent[0]!.text, /le 2 mars 2026 et l’avons enregistrée sous la référence REC-2026-000042/);
      assert.equal(sent[0]!.headers?.['Auto-Submitted'], 'auto-generated');
      const email = await storage.db.selectFrom('email_messages').selectAll().where('id', '=', (await row(mail.id)).email_id!).executeTakeFirstOrThrow();
      assert.deepEqual([email.status, email.attempts, sent[0]!.headers?.['Message-ID']], ['sent', 1, email.message_id]);
      assert.match(email.message_id, /^<[0-9a-f-]+@operator\.lu>$/);

      // A process that died after handing the e-mail over: found `sending`, it is sent again with the same Message-ID.
      await storage.db.updateTable('email_messages').set({ status: 'sending' }).where('id', '=', email.id).execute();
      await sendNotification(deps, mail.id, late);
      const resent = transport.sent.filter((e) => e.to === c.email);
      assert.deepEqual(resent.map((e) => e.headers?.['Message-ID']), [email.message_id, email.message_id]);

      const refused = await customer({ email: true });
      const bounce = await message(refused.id, 'service', 'email');
      transport.failWith = new EmailSendError('SMTP 550: mailbox unavailable', false);
      try {
        assert.deepEqual(await sendNotification(deps, bounce.id, late), { done: true });
      } finally {
        transport.failWith = undefined;
      }
      const [record] = await notificationsAbout(storage.db, 'complaint', (await row(bounce.id)).ref_id);
      assert.deepEqual([record!.state, record!.reason], ['failed', 'SMTP 550: mailbox unavailable']);

      const noTransport = await message((await customer({ email: true })).id, 'service', 'email');
      await sendNotification({ ...deps, mail: undefined }, noTransport.id, late);
      const [unsent] = await notificationsAbout(storage.db, 'complaint', (await row(noTransport.id)).ref_id);
      assert.deepEqual([unsent!.state, unsent!.reason], ['failed', 'no e-mail transport: set ECOUTE_SMTP_URL and ECOUTE_MAIL_FROM']);
    });

    it('the export of the customer holds their notifications; erasing them blanks notifications and e-mails, and one not sent yet is never sent', async () => {
      const c = await customer({ email: true });
      const sent = await message(c.id, 'service', 'email');
      await sendNotification(deps, sent.id, Date.now());
      const pending = await message(c.id, 'service', 'sms');
      const exported = await exportCustomer(storage.db, c.id, { actor: { cli: 'dpo' }, via: 'cli' }, 'test-key');
      assert.deepEqual(exported.notifications.map((x) => [x.channel, x.recipient, x.status]), [['email', c.email, 'released'], ['sms', c.msisdn, 'queued']]);
      assert.match(exported.notifications[0]!.body, /REC-2026-000042/);
      const erasure = await eraseCustomer(storage.db, c.id, { reason: 'request 42', actor: { cli: 'dpo' }, via: 'cli' }, 'test-key');
      assert.equal(erasure.counts.notifications, 2);
      assert.equal(erasure.counts.email_messages, 1);
      const rows = await storage.db.selectFrom('notifications').select(['recipient', 'body', 'subject', 'status', 'reason']).where('party_id', '=', c.id).orderBy('created_at').execute();
      assert.deepEqual(rows, [
        { recipient: '', body: '', subject: null, status: 'released', reason: null },
        { recipient: '', body: '', subject: null, status: 'failed', reason: 'customer erased' },
      ]);
      const email = await storage.db.selectFrom('email_messages').select(['to_address', 'subject', 'text', 'status']).where('id', '=', (await row(sent.id)).email_id!).executeTakeFirstOrThrow();
      assert.deepEqual(email, { to_address: '', subject: '', text: '', status: 'sent' });
      assert.deepEqual(await sendNotification(deps, pending.id, Date.now()), { done: true });
      assert.equal((await smsTo(c.msisdn)).length, 0);
    });

    it('a customer without a mobile number or address gets a failed notification saying so, and no job', async () => {
      const party = await seedCustomer(storage.db, { familyName: 'Sans Contact', lines: [], phones: ['+352 26 12 34 56'], emails: [] });
      const auto = await message(party.id, 'service', 'auto');
      assert.equal(auto.status, 'failed');
      assert.equal((await row(auto.id)).reason, 'the customer has neither a mobile number nor an e-mail address');
      assert.equal((await jobs('notification.send', auto.id)).length, 0);
      const withMail = await customer({ email: true });
      const byMail = await notify(storage.db, { class: 'service', templateKey: 'complaint.acknowledged', customerId: withMail.id, channel: 'auto', params: PARAMS, refType: 'complaint', refId: newId(), to: 'lettre@example.lu' });
      assert.deepEqual([(await row(byMail.id)).channel, (await row(byMail.id)).recipient], ['email', 'lettre@example.lu']);
    });
  });
}
