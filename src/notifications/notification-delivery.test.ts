import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { createUser, login } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startMailCatcher, type MailCatcher } from '../mail/mail-catcher.js';
import { SmtpTransport } from '../mail/smtp-transport.js';
import { startServer, type RunningServer } from '../server/server.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { eventually } from '../surveys/survey-load.testkit.js';
import { startSurveyRuntime, type SurveyRuntime } from '../surveys/survey-runtime.js';
import { CLASS_RULES } from './message-classes.js';
import { notificationHandler } from './notification-sending.js';
import { notify } from './notify.js';

const quiet = { log: () => {}, warn: () => {}, info: () => {}, error: () => {} } as never;
const FROM = 'Service client <service@operator.lu>';
/** The classes as configured, without quiet hours: the test does not depend on the hour it runs at. */
const ANY_HOUR = { ...CLASS_RULES, service: { ...CLASS_RULES.service, quietHours: null }, regulatory: { ...CLASS_RULES.regulatory, quietHours: null } };
const RECEIVED = Date.parse('2026-11-30T09:00:00Z');

for (const engine of await testEngines()) {
  describe(`notifications reach the SMSC and the mail server, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let catcher: MailCatcher;
    let transport: SmtpTransport;
    let runtime: SurveyRuntime;
    let server: RunningServer;
    let cookie: string;
    let handler: ReturnType<typeof notificationHandler>;

    before(async () => {
      storage = await engine.open();
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: quiet });
      catcher = await startMailCatcher();
      transport = new SmtpTransport(catcher.url, FROM);
      const gateway = new SmppGateway({ url: `smpp://ecoute:secret@127.0.0.1:${simulator.listeningPort}`, logger: quiet });
      handler = notificationHandler({ db: storage.db, mail: { transport, from: FROM }, autoRepliesPerDay: 3, numberKey: 'test-key', classes: ANY_HOUR });
      runtime = await startSurveyRuntime({ storage, gateway, senderId: 'Service', worker: { idleMs: 20, log: () => {} }, handlers: { 'notification.send': handler } });
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0, mailCatcher: catcher });
      await createUser(storage.db, { email: 'lead@ecoute.test', displayName: 'Lead', role: 'team_lead', password: 'correct horse' });
      cookie = `ecoute_session=${(await login(storage.db, 'lead@ecoute.test', 'correct horse', 1)).token}`;
    });
    after(async () => {
      await server?.close();
      await runtime?.stop();
      await transport?.close();
      await catcher?.close();
      await simulator?.close();
      await storage?.close();
    });

    const api = async (path: string) => {
      const response = await fetch(`${server.url}/api/v1${path}`, { headers: { cookie } });
      return { status: response.status, body: await response.json() };
    };

    it('an SMS notification written in a transaction reaches the SMSC simulator, and its delivery is readable by case', async () => {
      const msisdn = '+352621700001';
      const party = await seedCustomer(storage.db, { familyName: 'Hoffmann', preferredLanguage: 'en', lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] });
      const written = await storage.db.transaction().execute((trx) =>
        notify(trx, { class: 'service', templateKey: 'complaint.acknowledged', customerId: party.id, channel: 'auto', params: { reference: 'REC-2026-000007', receivedDate: RECEIVED, dueDate: RECEIVED + 14 * 86_400_000 }, refType: 'customer', refId: party.id }),
      );
      runtime.worker.poke();
      const sms = await simulator.waitForMessage(msisdn);
      assert.equal(sms.text, 'We have received your complaint REC-2026-000007 of 30/11/2026. We will answer by 14/12/2026 at the latest. Please quote this reference when you contact us.');
      assert.equal(sms.encoding, 'gsm7');
      const delivered = await eventually('delivered', async () => {
        const { status, body } = await api(`/notifications?ref=customer:${party.id}`);
        assert.equal(status, 200);
        return body.items[0]?.state === 'delivered' ? body.items[0] : undefined;
      });
      assert.deepEqual(
        [delivered.class, delivered.channel, delivered.templateKey, delivered.templateVersion, delivered.language, delivered.recipient, delivered.ref],
        ['service', 'sms', 'complaint.acknowledged', 1, 'en', msisdn, { type: 'customer', id: party.id }],
      );
      // The job run again (a worker that died before marking it done) sends nothing more.
      assert.deepEqual(await handler(written.id, { id: 0, topic: 'notification.send', refId: written.id, attempts: 2 }), { done: true });
      runtime.worker.poke();
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(simulator.messagesTo(msisdn).length, 1, 'one SMS at the SMSC');
      const audit = await storage.db.selectFrom('audit_log').select(['via', 'party_id']).where('via', '=', 'notifications').execute();
      assert.ok(audit.some((a) => a.party_id === party.id), 'reading the notifications is an audited read of the customer');
    });

    it('an e-mail notification goes over SMTP to the local catcher and is parsed back, in the customer\'s language', async () => {
      const party = await seedCustomer(storage.db, { familyName: 'Becker', preferredLanguage: 'de', lines: [], phones: [], emails: ['jonas.becker@example.lu'] });
      const written = await storage.db.transaction().execute((trx) =>
        notify(trx, {
          class: 'regulatory', templateKey: 'complaint.eight-weeks', customerId: party.id, channel: 'auto',
          params: { reference: 'REC-2026-000008', receivedDate: RECEIVED }, refType: 'customer', refId: party.id,
        }),
      );
      runtime.worker.poke();
      const mail = await catcher.waitForMessage('jonas.becker@example.lu', { timeoutMs: 8000 });
      assert.equal(mail.subject, 'Ihre Beschwerde REC-2026-000008: Ihr Recht auf Schlichtung');
      assert.match(mail.text, /Ihre Beschwerde REC-2026-000008, eingegangen am 30\. November 2026, ist noch nicht gelöst/);
      assert.match(mail.text, /höchstens 90 Tage/);
      assert.equal(mail.from, '"Service client" <service@operator.lu>');
      assert.equal(mail.headers['auto-submitted'], 'auto-generated');
      // The catcher has it as soon as the server said 250; the transport's answer is recorded just after.
      const row = await eventually('recorded sent', () =>
        storage.db
          .selectFrom('notifications')
          .innerJoin('email_messages', 'email_messages.id', 'notifications.email_id')
          .select(['email_messages.message_id', 'email_messages.status'])
          .where('notifications.id', '=', written.id)
          .where('email_messages.status', '=', 'sent')
          .executeTakeFirst(),
      );
      assert.equal(row.message_id, mail.messageId);

      const { body } = await api(`/notifications?ref=customer:${party.id}`);
      assert.deepEqual(body.items.map((n: { state: string; channel: string; subject: string }) => [n.state, n.channel, n.subject]), [['sent', 'email', mail.subject]]);
    });

    it('the API refuses a reference it cannot read: an unknown kind (400), a case that does not exist (404), a role without the right (403)', async () => {
      const unknown = await api('/notifications?ref=complaint:0190');
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.detail, /kind "complaint" is unknown; kinds: customer/);
      assert.equal((await api('/notifications?ref=nothing')).status, 400);
      assert.equal((await api('/notifications?ref=customer:no-such-customer')).status, 404);
      await createUser(storage.db, { email: 'dpo@ecoute.test', displayName: 'DPO', role: 'dpo', password: 'correct horse' });
      const dpo = `ecoute_session=${(await login(storage.db, 'dpo@ecoute.test', 'correct horse', 1)).token}`;
      assert.equal((await fetch(`${server.url}/api/v1/notifications?ref=customer:x`, { headers: { cookie: dpo } })).status, 403);
    });

    it('the demo\'s mail catcher shows the e-mails it kept to an admin, newest first', async () => {
      await createUser(storage.db, { email: 'admin@ecoute.test', displayName: 'Admin', role: 'admin', password: 'correct horse' });
      const admin = `ecoute_session=${(await login(storage.db, 'admin@ecoute.test', 'correct horse', 1)).token}`;
      const response = await fetch(`${server.url}/api/v1/mail-catcher/messages?to=jonas.becker@example.lu`, { headers: { cookie: admin } });
      assert.equal(response.status, 200);
      const { items } = await response.json();
      assert.deepEqual(items.map((m: { to: string[]; subject: string }) => [m.to, m.subject]), [[['jonas.becker@example.lu'], 'Ihre Beschwerde REC-2026-000008: Ihr Recht auf Schlichtung']]);
      assert.equal((await api('/mail-catcher/messages')).status, 403, 'a team lead may not');
    });
  });
}
