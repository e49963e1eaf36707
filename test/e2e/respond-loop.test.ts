// Browser test of the respond loop, end to end (docs/followups.md, docs/complaints.md): the real
// server with its SMS runtime talking SMPP to Ecoute's own SMSC simulator, as `ecoute serve --demo`
// runs them, on a fresh SQLite database with demo data, driven through Debian's Chromium. Three
// people, each in their own browser: the advisor who takes a call, the customer's phone (the phone
// simulator, at phone size) and the team lead. The customer answers the survey 2 with a churn word;
// the hot follow-up reaches the lead live; the lead calls back, records the outcome and turns it into
// a complaint; the complaint is acknowledged, answered and closed, each message arriving on the phone;
// the customer rates the handling and the complaint shows it. Screenshots go to ECOUTE_SCREENSHOTS
// (ecoute-respond-*.png).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parsePhoneNumber } from 'libphonenumber-js/min';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DESKTOP, demoLogin, PHONE, sendTelephonyEvent, SHOTS, SKIP_WITHOUT_CHROMIUM, waitForConsoleStream, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink } from './header-steps.js';
import { startSmsRuntime, type SmsRuntime } from '../../src/cli/sms-runtime.js';
import { loadDemo } from '../../src/demo/index.js';
import { LiveHub } from '../../src/http/live-hub.js';
import { CLASS_RULES } from '../../src/notifications/message-classes.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { surveyAlways } from '../fixtures.js';

/** The SMS round trip (worker poll, SMPP, the phone page's 2 s refresh) gets more than the default wait. */
const SMS_WAIT = { timeout: 20_000 };
/**
 * The walk must pass at any hour: service and regulatory SMS (the complaint's acknowledgement and
 * answer) without their 20:00-08:00 quiet hours, as the notification tests run them; the surveys'
 * own quiet hours are off in the survey rules (surveyAlways), as in the demo.
 */
const ANY_HOUR = { ...CLASS_RULES, service: { ...CLASS_RULES.service, quietHours: null }, regulatory: { ...CLASS_RULES.regulatory, quietHours: null } };

const advisor = demoLogin('advisor');
const lead = demoLogin('team_lead');
/** who holds the phone simulator: not the advisor, whose calls would show on it */
const phoneHolder = demoLogin('admin');
const CHURN_ANSWER = '2 troisième appel, toujours pas de réseau, je vais résilier';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the respond loop, from a detractor\'s SMS to the complaint satisfaction SMS (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let sms: SmsRuntime;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cspViolations: string[][] = [];
  /** the advisor's console, the customer's phone, the team lead's console */
  let desk: Page;
  let phone: Page;
  let leadPage: Page;
  let caller: { msisdn: string; partyId: string; name: string; number: string };
  let followupId: string;
  let reference: string;
  let complaintId: string;

  /** The page as a person sees it, from its top (a whole page shot of a scrolled page draws the sticky header mid-page). */
  async function shot(p: Page, name: string, fullPage = true): Promise<void> {
    await p.evaluate(() => window.scrollTo(0, 0));
    await p.screenshot({ path: join(SHOTS, `ecoute-respond-${name}.png`), fullPage, animations: 'disabled' });
  }
  const userId = async (email: string) => (await storage.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  async function openPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    contexts.push(context);
    cspViolations.push(watchCspViolations(context));
    const p = await context.newPage();
    p.setDefaultTimeout(10_000);
    return p;
  }

  async function signIn(p: Page, who: { email: string; password: string; displayName: string }): Promise<void> {
    await p.goto(server.url);
    await p.getByLabel('Adresse e-mail').fill(who.email);
    await p.getByLabel('Mot de passe').fill(who.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('banner').getByText(who.displayName).waitFor();
  }

  /** Nothing wider than the screen: a page at phone size scrolls down, never sideways. */
  async function assertNoSidewaysScroll(p: Page, what: string): Promise<void> {
    const { scrollWidth, clientWidth } = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `${what}: ${scrollWidth} px wide on a ${clientWidth} px screen`);
  }

  /** The phone's thread, and an SMS received in it (left-hand bubble) once it arrives. */
  const thread = () => phone.getByRole('log', { name: `SMS de ${parsePhoneNumber(caller.msisdn, 'LU').formatInternational()}` });
  async function received(text: RegExp | string): Promise<Locator> {
    const bubble = thread().locator('.bubble-in').filter({ hasText: text });
    await bubble.waitFor(SMS_WAIT);
    return bubble;
  }
  async function customerReplies(text: string): Promise<void> {
    await phone.getByLabel('Réponse du client').fill(text);
    await phone.getByRole('button', { name: 'Envoyer' }).click();
    await thread().locator('.bubble-out').filter({ hasText: text }).waitFor(SMS_WAIT);
  }

  /** An action of the case page, with the fields `fill` gives its form, done. */
  async function act(action: string, fill?: (form: Locator) => Promise<void>, done = `C’est fait : « ${action} » est enregistré.`): Promise<void> {
    const actions = leadPage.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: action }).click();
    const form = actions.locator('form.case-action-form');
    await fill?.(form);
    await form.getByRole('button', { name: action }).click();
    await leadPage.getByText(done).waitFor();
  }

  before(async () => {
    site = await startDemoSite('respond', {
      load: async (db) => {
        await loadDemo(db, { customers: 40, seed: 13 });
        // As `ecoute serve --demo` does: the survey follows the call at once, at any hour.
        await surveyAlways(db.db);
      },
      config: () => ({ worker: true }),
      beside: async (db, config) => {
        // As `ecoute serve` assembles them: one live hub for the consoles and the worker (hot alerts);
        // no SMSC configured, so the SMS runtime starts the SMSC simulator in this process and talks SMPP to it.
        delete process.env.ECOUTE_SMSC_URL;
        const live = new LiveHub();
        sms = await startSmsRuntime(db, { worker: { idleMs: 100, log: () => {} }, config, live, classes: ANY_HOUR });
        assert.ok(sms.simulator, 'no SMSC configured: the simulator runs in the process');
        const server = { live, simulator: sms.simulator, smsGateway: sms.surveys.gateway, ...(sms.mailCatcher ? { mailCatcher: sms.mailCatcher } : {}) };
        return { server, stop: () => sms.stop() };
      },
    });
    ({ storage, server, browser } = site);
    // A French-speaking private customer who agreed to surveys, calling from an active mobile line.
    caller = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['lines.msisdn', 'parties.id as partyId', 'parties.display_name as name', 'parties.customer_number as number'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('parties.kind', '=', 'individual')
      .where('parties.consent_surveys', '=', 1)
      .where('parties.preferred_language', '=', 'fr')
      .orderBy('parties.customer_number')
      .limit(1)
      .executeTakeFirstOrThrow();
    desk = await openPage(DESKTOP);
    phone = await openPage(PHONE);
    leadPage = await openPage(DESKTOP);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('after a call, the survey SMS reaches the phone and the customer answers 2 with a churn word', async () => {
    // The team lead works the follow-up queue, its live stream open.
    await signIn(leadPage, lead);
    await (await pageLink(leadPage.getByRole('navigation', { name: 'Pages' }), 'Suivi')).click();
    await leadPage.getByRole('heading', { level: 1, name: 'Suivi des réclamations et des rappels' }).waitFor();
    await waitForConsoleStream(server, await userId(lead.email));
    // A mark on the lead's page: gone if the page were loaded again.
    await leadPage.evaluate(() => Object.assign(window, { walkMark: 'not reloaded' }));

    // The customer's phone: the phone simulator at phone size, the number found with the console's search.
    await signIn(phone, phoneHolder);
    await (await pageLink(phone.getByRole('navigation', { name: 'Pages' }), 'Téléphone simulé')).click();
    await phone.getByRole('heading', { level: 1, name: 'Téléphone simulé' }).waitFor();
    const main = phone.locator('#main');
    await main.getByLabel('Nom, numéro client ou téléphone').fill(caller.number);
    await main.locator('.search-panel .result-list').getByRole('button', { name: new RegExp(escape(caller.name)) }).click();
    const formatted = parsePhoneNumber(caller.msisdn, 'LU').formatInternational();
    await phone.getByRole('heading', { name: `Numéros de ${caller.name}` }).waitFor();
    await phone.locator('.phone-picker').getByRole('button', { name: new RegExp(escape(formatted)) }).last().click();
    await phone.waitForURL(`**/phone-simulator/${encodeURIComponent(caller.msisdn)}`);
    await thread().waitFor();

    // The advisor takes a two-minute call about the network, logs it, and the call ends.
    await signIn(desk, advisor);
    await waitForConsoleStream(server, await userId(advisor.email));
    const callId = `call-${randomUUID()}`;
    const started = Date.now() - 120_000;
    const event = (type: string, at: number) => sendTelephonyEvent(server.url, { type, callId, from: caller.msisdn, advisorEmail: advisor.email, at: new Date(at).toISOString() });
    assert.equal((await event('ringing', started)).status, 200);
    await desk.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    assert.equal((await event('answered', started + 5_000)).status, 200);
    const form = desk.locator('section.log-contact');
    await form.getByLabel('Motif du contact').selectOption('network');
    await form.getByRole('radio', { name: 'Non' }).check();
    await form.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await form.getByText('Contact enregistré et ajouté à l’historique.').waitFor();
    assert.equal((await event('ended', Date.now())).status, 200);
    await desk.locator('.call-banner').getByText('Appel terminé').waitFor();

    // The survey SMS arrives on the phone; the customer answers it.
    await received('De 1 à 10, quelle note donnez-vous à notre service client ?');
    await shot(phone, 'phone-survey');
    await assertNoSidewaysScroll(phone, 'the phone simulator');
    await customerReplies(CHURN_ANSWER);
    await received('Merci pour votre réponse');
    const response = await storage.db.selectFrom('survey_responses').select(['score', 'category', 'comment']).where('party_id', '=', caller.partyId).executeTakeFirstOrThrow();
    assert.deepEqual({ ...response }, { score: 2, category: 'detractor', comment: 'troisième appel, toujours pas de réseau, je vais résilier' });
  });

  test('a hot follow-up appears live in the team lead\'s console, with its deadline', async () => {
    // Pushed by the worker's followup.hot job to the lead's open console: no reload.
    const alert = leadPage.locator('.hot-alert');
    await alert.getByText(/^Rappel urgent : note 2 · note très basse, mot d’alerte[^·]* · «\srésilier\s» · à traiter avant le \d/).waitFor(SMS_WAIT);
    await leadPage.getByTestId('call-announcement').filter({ hasText: /^Rappel urgent : note 2/ }).waitFor({ state: 'attached' });
    assert.equal(await leadPage.evaluate(() => (window as { walkMark?: string }).walkMark), 'not reloaded', 'the alert came without a reload');
    const followup = await storage.db
      .selectFrom('followups')
      .innerJoin('cases', 'cases.id', 'followups.case_id')
      .select(['cases.id', 'cases.assignee_id', 'cases.hot', 'cases.due_at'])
      .where('cases.party_id', '=', caller.partyId)
      .executeTakeFirstOrThrow();
    followupId = followup.id;
    assert.equal(followup.assignee_id, await userId(lead.email), 'routed to the lead of the team that took the call');
    assert.equal(Number(followup.hot), 1);
    assert.ok(followup.due_at !== null && Number(followup.due_at) > Date.now(), 'a deadline ahead');

    // The queue shows it too, hot, to call, with its deadline in words.
    const row = leadPage.locator('.queue-table tbody tr', { hasText: caller.name });
    await row.waitFor();
    await row.getByText('Urgent').waitFor();
    await row.getByText('À appeler').waitFor();
    assert.match((await row.locator('.deadline').textContent()) ?? '', /^(À venir|Aujourd’hui)\s*\d/);
    assert.equal(await leadPage.evaluate(() => (window as { walkMark?: string }).walkMark), 'not reloaded', 'the queue shows it without a reload');
    await shot(leadPage, 'lead-alert', false);
  });

  test('the lead opens the case, calls back, records the outcome and turns it into a complaint', async () => {
    await leadPage.locator('.hot-alert').getByRole('link', { name: 'Ouvrir le dossier' }).click();
    await leadPage.getByRole('heading', { level: 1, name: 'Rappel d’un détracteur' }).waitFor();
    assert.equal(new URL(leadPage.url()).pathname, `/cases/followup/${followupId}`);
    await leadPage.getByRole('region', { name: 'Réponse à l’enquête' }).getByText('troisième appel, toujours pas de réseau, je vais résilier', { exact: true }).waitFor();
    await leadPage.locator('.case-badges').getByText('Urgent').waitFor();
    await shot(leadPage, 'followup-desktop');

    // "Call the customer" opens the card for an outgoing call; the lead comes back to the case.
    await leadPage.getByRole('button', { name: 'Appeler le client' }).click();
    await leadPage.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    assert.equal(await leadPage.locator('section.log-contact').getByRole('radio', { name: 'sortant' }).isChecked(), true);
    await leadPage.getByRole('link', { name: 'Revenir au dossier' }).click();
    await leadPage.getByRole('heading', { level: 1, name: 'Rappel d’un détracteur' }).waitFor();

    // The call reached the customer; the outcome: cause, what was done, and a complaint.
    await act('Enregistrer un appel', async (form) => {
      await form.getByRole('radio', { name: 'Client joint' }).check();
      await form.getByLabel('Note (facultative)').fill('Client joint au premier appel');
    });
    await act(
      'Clore',
      async (form) => {
        await form.getByLabel(/Cause selon le client/).fill('Pas de réseau à la maison depuis trois semaines');
        await form.getByLabel('Ce qui a été fait').fill('Ticket réseau ouvert, réclamation enregistrée');
        await form.getByRole('checkbox', { name: 'Devient une réclamation' }).check();
        await form.getByLabel('Catégorie (obligatoire)', { exact: true }).selectOption('network');
        await leadPage.getByRole('region', { name: 'Actions' }).screenshot({ path: join(SHOTS, 'ecoute-respond-followup-close-form.png'), animations: 'disabled' });
      },
      'Rappel clos : la réclamation est créée.',
    );
    await leadPage.locator('.case-badges').getByText('Close').waitFor();
    const closed = await storage.db.selectFrom('followups').select(['resolution', 'cause', 'action_taken', 'complaint_id']).where('case_id', '=', followupId).executeTakeFirstOrThrow();
    assert.deepEqual([closed.resolution, closed.cause, closed.action_taken], ['reached', 'Pas de réseau à la maison depuis trois semaines', 'Ticket réseau ouvert, réclamation enregistrée']);
    assert.ok(closed.complaint_id);
    complaintId = closed.complaint_id;

    await leadPage.locator('.case-facts').getByRole('link', { name: 'Ouvrir la réclamation' }).click();
    const heading = leadPage.getByRole('heading', { level: 1, name: /^Réclamation REC-\d{4}-\d{6}$/ });
    await heading.waitFor();
    reference = /REC-\d{4}-\d{6}/.exec((await heading.textContent()) ?? '')![0];
    assert.equal(new URL(leadPage.url()).pathname, `/cases/complaint/${complaintId}`);
    await leadPage.locator('.case-badges').getByText('Reçue').waitFor();
  });

  /** The record of the final answer's message is on the case (written by the worker after the SMS left). */
  const expectMediationRecorded = async () => {
    for (let i = 0; i < 100; i++) {
      const row = await storage.db.selectFrom('case_events').select('id').where('case_id', '=', complaintId).where('action', '=', 'mediation-info-sent').executeTakeFirst();
      if (row) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail('the mediation information was not recorded');
  };

  test('the complaint is acknowledged: the acknowledgement SMS arrives on the phone', async () => {
    await act('Accuser réception');
    await leadPage.locator('.case-badges').getByText('Accusé de réception').waitFor();
    await shot(leadPage, 'complaint-acknowledged');
    const ack = await received(`Votre réclamation ${reference} du `);
    assert.match((await ack.locator('.bubble-text').textContent()) ?? '', new RegExp(`^Votre réclamation ${reference} du \\d{2}/\\d{2}/\\d{4} est bien enregistrée\\. Nous vous répondrons au plus tard le \\d{2}/\\d{2}/\\d{4}\\.`));
    await shot(phone, 'phone-acknowledged');
  });

  test('the complaint is answered with its outcome: the final answer SMS arrives; then it is closed', async () => {
    await act('Répondre', async (form) => {
      await form.getByLabel(/Issue de la réclamation/).selectOption('upheld');
      await form.getByLabel('Constat de l’enquête').fill('Antenne de Differdange en panne trois semaines');
    });
    await leadPage.locator('.case-badges').getByText('Répondue').waitFor();
    await received(`Réclamation ${reference}, notre réponse: Nous vous donnons raison et corrigeons la situation.`);
    await shot(phone, 'phone-answered');

    // The answer's message is recorded on the case meanwhile (the mediation information sent): that record keeps
    // the case's version, so the lead closes from the page as it was loaded after answering, without reloading it.
    await expectMediationRecorded();
    // Closing asks for the root cause from the tree; the causes suggested from the customer's words are one click away.
    await act('Clore', async (form) => {
      await form.getByRole('button', { name: /Réseau › Panne/ }).click();
      await leadPage.getByRole('region', { name: 'Actions' }).screenshot({ path: join(SHOTS, 'ecoute-respond-complaint-close-form.png'), animations: 'disabled' });
      assert.equal(await form.getByLabel(/^Cause racine/).inputValue(), 'network.outage');
    });
    await leadPage.locator('.case-badges').getByText('Close').waitFor();
    await leadPage.getByRole('region', { name: 'Historique du dossier' }).getByText('Issue de la réclamation : Fondée').waitFor();
    const coded = await storage.db.selectFrom('cause_codings').select(['cause_code', 'suggested']).where('subject_kind', '=', 'complaint').where('subject_id', '=', complaintId).executeTakeFirstOrThrow();
    assert.equal(coded.cause_code, 'network.outage');
    assert.ok(JSON.parse(coded.suggested!).includes('network.outage'), 'what was suggested is kept with the coding');
  });

  test('the complaint satisfaction SMS arrives; the customer answers it and the complaint shows the score', async () => {
    const question = await received(`Votre réclamation ${reference} est close. De 1 à 10, quelle note donnez-vous à son traitement ?`);
    const asked = await storage.db.selectFrom('complaint_surveys').select(['status', 'sms_id']).where('case_id', '=', complaintId).executeTakeFirstOrThrow();
    assert.equal(asked.status, 'sent');
    const sent = await storage.db.selectFrom('sms_messages').select('text').where('id', '=', asked.sms_id!).executeTakeFirstOrThrow();
    assert.equal((await question.locator('.bubble-text').textContent())?.normalize('NFC'), sent.text.normalize('NFC'), 'the phone shows the SMS exactly as sent');
    await customerReplies('9 merci');
    await shot(phone, 'phone-satisfaction');

    // The reply and its answer are stored in one transaction: once the phone shows the reply, the complaint has its score.
    await leadPage.reload();
    await leadPage.getByRole('heading', { level: 1, name: `Réclamation ${reference}` }).waitFor();
    const satisfaction = leadPage.locator('.case-facts-list div', { has: leadPage.locator('dt', { hasText: 'Satisfaction sur le traitement' }) }).locator('dd');
    await satisfaction.getByText('9/10').waitFor();
    await satisfaction.getByText('merci', { exact: true }).waitFor();
    const answered = await storage.db.selectFrom('complaint_surveys').select(['status', 'score', 'comment']).where('case_id', '=', complaintId).executeTakeFirstOrThrow();
    assert.deepEqual({ ...answered }, { status: 'answered', score: 9, comment: 'merci' });
    // Never in the contact NPS: the customer's only contact response is still the 2.
    assert.deepEqual((await storage.db.selectFrom('survey_responses').select('score').where('party_id', '=', caller.partyId).execute()).map((r) => r.score), [2]);

    await shot(leadPage, 'complaint-closed-desktop');
    await leadPage.setViewportSize(PHONE);
    await shot(leadPage, 'complaint-closed-phone');
    await assertNoSidewaysScroll(leadPage, 'the complaint page');
    await leadPage.setViewportSize(DESKTOP);
    await assertNoSidewaysScroll(phone, 'the phone simulator');
  });

  test('the pages run under the server\'s Content-Security-Policy: no violation reported', () => {
    assert.deepEqual(cspViolations.flat(), []);
  });
});
