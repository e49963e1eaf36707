import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser, login } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { loadConfig } from '../config.js';
import { CLASS_RULES } from '../notifications/message-classes.js';
import { notificationHandler } from '../notifications/notification-sending.js';
import { startServer, type RunningServer } from '../server/server.js';
import { SmppGateway } from '../sms/smpp/smpp-gateway.js';
import { startSmscSimulator, type SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';
import { eventually } from '../surveys/survey-load.testkit.js';
import { startSurveyRuntime, type SurveyRuntime } from '../surveys/survey-runtime.js';
import { complaintMessageHandlers } from './complaint-messages.js';
import { actOnComplaint, createComplaint } from './complaint-service.js';

const quiet = { log: () => {}, warn: () => {}, info: () => {}, error: () => {} } as never;
/** The classes without quiet hours: the test does not depend on the hour it runs at. */
const ANY_HOUR = { ...CLASS_RULES, service: { ...CLASS_RULES.service, quietHours: null }, regulatory: { ...CLASS_RULES.regulatory, quietHours: null } };
const dayOf = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg' }).format(ms);

for (const engine of await testEngines()) {
  describe(`a complaint's acknowledgement and answer reach the customer's phone, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let simulator: SmscSimulator;
    let runtime: SurveyRuntime;
    let server: RunningServer;
    let advisor: Actor;
    let lead: string;
    let stranger: string;

    before(async () => {
      storage = await engine.open();
      simulator = await startSmscSimulator({ systemId: 'ecoute', password: 'secret', logger: quiet });
      const gateway = new SmppGateway({ url: `smpp://ecoute:secret@127.0.0.1:${simulator.listeningPort}`, logger: quiet });
      const handler = notificationHandler({ db: storage.db, autoRepliesPerDay: 5, numberKey: 'test-key', classes: ANY_HOUR });
      runtime = await startSurveyRuntime({
        storage, gateway, senderId: 'Service', worker: { idleMs: 20, log: () => {} },
        handlers: { 'notification.send': handler, ...complaintMessageHandlers(storage.db) },
      });
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Shops');
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      await createUser(storage.db, { email: 'lead@ecoute.test', displayName: 'Lead', role: 'team_lead', teamId: team.teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'shops@ecoute.test', displayName: 'Shops lead', role: 'team_lead', teamId: other.teamId, password: 'correct horse' });
      lead = `ecoute_session=${(await login(storage.db, 'lead@ecoute.test', 'correct horse', 1)).token}`;
      stranger = `ecoute_session=${(await login(storage.db, 'shops@ecoute.test', 'correct horse', 1)).token}`;
    });
    after(async () => {
      await server?.close();
      await runtime?.stop();
      await simulator?.close();
      await storage?.close();
    });

    it('acknowledged: the SMS in German at the SMSC; answered in the shop: the outcome, the ILR mediation, write first, the dates; both readable by the complaint', async () => {
      const msisdn = '+352621710001';
      const party = await seedCustomer(storage.db, { familyName: 'Becker', preferredLanguage: 'de', lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] });
      const { id, reference } = await createComplaint(storage.db, { partyId: party.id, channel: 'shop', category: 'network', description: 'No network at home' }, advisor);
      await actOnComplaint(storage.db, id, 'acknowledge', {}, advisor);
      runtime.worker.poke();
      const ack = await simulator.waitForMessage(msisdn);
      assert.match(ack.text, new RegExp(`^Ihre Beschwerde ${reference} vom ${dayOf(Date.now()).replaceAll('/', '\\.')} ist bei uns eingegangen\\.`));

      await actOnComplaint(storage.db, id, 'answer', { outcome: 'upheld' }, advisor);
      runtime.worker.poke();
      const answer = await eventually('the answer at the SMSC', async () => simulator.messagesTo(msisdn).find((m) => m.text.includes('Schlichtung')));
      const today = dayOf(Date.now()).replaceAll('/', '.');
      assert.equal(
        answer.text,
        `Beschwerde ${reference}, unsere Antwort: Wir geben Ihnen recht und beheben das Problem. Sind Sie damit nicht zufrieden, können Sie beim ILR (www.ilr.lu) eine Schlichtung beantragen. ` +
          `Sie setzt eine vorherige schriftliche Beschwerde beim Betreiber voraus: schreiben Sie uns zuerst (Brief oder E-Mail) mit der Referenz ${reference}. ` +
          `Sie dauert höchstens 90 Tage. Für den Antrag: mündliche Beschwerde eingegangen am ${today}, endgültige Antwort versandt am ${today}.`,
      );

      const items = await eventually('both delivered', async () => {
        const response = await fetch(`${server.url}/api/v1/notifications?ref=complaint:${id}`, { headers: { cookie: lead } });
        assert.equal(response.status, 200);
        const { items } = await response.json();
        return items.length === 2 && items.every((n: { state: string }) => n.state === 'delivered') ? items : undefined;
      });
      assert.deepEqual(items.map((n: { templateKey: string; class: string; language: string }) => [n.templateKey, n.class, n.language]), [
        ['complaint.acknowledged', 'service', 'de'],
        ['complaint.answered-oral', 'regulatory', 'de'],
      ]);
      assert.equal((await fetch(`${server.url}/api/v1/notifications?ref=complaint:${id}`, { headers: { cookie: stranger } })).status, 404, "another team's lead");
    });
  });
}
