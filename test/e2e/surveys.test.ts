// Browser test of the survey loop in the console: the real server with its SMS runtime (survey
// worker + in-process SMSC simulator) on a fresh SQLite database with demo data, driven through
// Debian's Chromium. A call ends, the survey SMS reaches the simulated phone, the customer answers
// from the phone simulator page, and the card and the NPS show it; a CX manager reviews the
// survey admin. Screenshots go to /tmp/ecoute-surveys-*.png.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parsePhoneNumber } from 'libphonenumber-js/min';
import { DESKTOP, demoLogin, watchCspViolations, sendTelephonyEvent, waitForConsoleStream, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink, openUserMenu } from './header-steps.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSmsRuntime, type SmsRuntime } from '../../src/cli/sms-runtime.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { activeRules } from '../../src/surveys/survey-rules.js';
import { surveyAlways } from '../fixtures.js';

/** The SMS round trip (worker poll, SMPP, the page's 2 s refresh) gets more than the default wait. */
const SMS_WAIT = { timeout: 20_000 };

const advisor = demoLogin('advisor');
const cxManager = demoLogin('cx_manager');
const teamLead = demoLogin('team_lead');

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('satisfaction surveys in the console (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let cspViolations: string[] = [];
  let site: DemoSite;
  let storage: Storage;
  let sms: SmsRuntime;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let advisorId: string;
  /** the customer who calls, and answers the survey */
  let caller: { msisdn: string; partyId: string; name: string; number: string };

  const telephony = (body: Record<string, unknown>) => sendTelephonyEvent(server.url, body);

  const shot = (p: Page, name: string, fullPage = false) =>
    p.screenshot({ path: join(SHOTS, `ecoute-surveys-${name}.png`), fullPage, animations: 'disabled' });

  async function signIn(p: Page, who: { email: string; password: string; displayName: string }): Promise<void> {
    await p.goto(server.url);
    await p.getByLabel('Adresse e-mail').fill(who.email);
    await p.getByLabel('Mot de passe').fill(who.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('banner').getByText(who.displayName).waitFor();
  }

  before(async () => {
    site = await startDemoSite('surveys', {
      load: async (db) => {
        await loadDemo(db, { customers: 40, seed: 7 });
        // As `ecoute serve --demo` does: the survey follows the call at once, at any hour.
        await surveyAlways(db.db);
      },
      config: () => ({ worker: true }),
      beside: async (db) => {
        // No SMSC configured: the SMS runtime starts the SMSC simulator in this process, as in development.
        delete process.env.ECOUTE_SMSC_URL;
        sms = await startSmsRuntime(db, { worker: { idleMs: 100, log: () => {} } });
        assert.ok(sms.simulator, 'no SMSC configured: the simulator runs in the process');
        return { server: { simulator: sms.simulator, smsGateway: sms.surveys.gateway }, stop: () => sms.stop() };
      },
    });
    ({ storage, server, browser } = site);
    advisorId = (await storage.db.selectFrom('users').select('id').where('email', '=', advisor.email).executeTakeFirstOrThrow()).id;
    // A French-speaking customer who agreed to surveys, calling from an active mobile line.
    const row = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['lines.msisdn', 'parties.id as partyId', 'parties.display_name as name', 'parties.customer_number as number'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('parties.consent_surveys', '=', 1)
      .where('parties.preferred_language', '=', 'fr')
      .orderBy('parties.customer_number')
      .limit(1)
      .executeTakeFirstOrThrow();
    caller = row;
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('after a call the customer answers the SMS survey from the phone simulator; the card and the NPS show it', async () => {
    await signIn(page, advisor);
    await waitForConsoleStream(server, advisorId);
    // Advisors see their team's NPS on the console: nothing answered yet.
    await page.locator('.nps-panel').getByText('Aucune réponse aux enquêtes sur les 12 derniers mois.').waitFor();

    // A two-minute call: ringing, answered, logged by the advisor, ended.
    const callId = `call-${randomUUID()}`;
    const started = Date.now() - 120_000;
    const event = (type: string, at: number) => telephony({ type, callId, from: caller.msisdn, advisorEmail: advisor.email, at: new Date(at).toISOString() });
    assert.equal((await event('ringing', started)).status, 200);
    await page.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    assert.equal((await event('answered', started + 5_000)).status, 200);
    const form = page.locator('section.log-contact');
    await form.getByLabel('Motif du contact').selectOption('billing');
    await form.getByRole('radio', { name: 'Oui' }).check();
    await form.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await form.getByText('Contact enregistré et ajouté à l’historique.').waitFor();
    assert.equal((await event('ended', Date.now())).status, 200);
    await page.locator('.call-banner').getByText('Appel terminé').waitFor();
    const interaction = await storage.db.selectFrom('interactions').select('id').where('external_id', '=', `call:${callId}`).executeTakeFirstOrThrow();

    // The phone simulator, from the header; the customer is found with the console's search.
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Téléphone simulé')).click();
    await page.getByRole('heading', { level: 1, name: 'Téléphone simulé' }).waitFor();
    // (the console stays mounted, hidden, while another page is open: look in the page shown)
    const main = page.locator('#main');
    await main.getByLabel('Nom, numéro client ou téléphone').fill(caller.number);
    await main.locator('.search-panel .result-list').getByRole('button', { name: new RegExp(escape(caller.name)) }).click();
    const formatted = parsePhoneNumber(caller.msisdn, 'LU').formatInternational();
    await page.getByRole('heading', { name: `Numéros de ${caller.name}` }).waitFor();
    await page.locator('.phone-picker').getByRole('button', { name: new RegExp(escape(formatted)) }).last().click();
    await page.waitForURL(`**/phone-simulator/${encodeURIComponent(caller.msisdn)}`);

    // The survey SMS arrives on the phone (the page refreshes by itself), in the customer's language.
    const thread = page.getByRole('log', { name: `SMS de ${formatted}` });
    const question = thread.locator('.bubble-in').filter({ hasText: 'De 1 à 10, quelle note donnez-vous à notre service client ?' });
    await question.waitFor(SMS_WAIT);
    const sent = await storage.db.selectFrom('sms_messages').select('text').where('purpose', '=', 'survey').where('msisdn', '=', caller.msisdn).executeTakeFirstOrThrow();
    assert.equal((await question.locator('.bubble-text').textContent())?.normalize('NFC'), sent.text.normalize('NFC'), 'the phone shows the SMS exactly as sent');
    await shot(page, 'phone-question-desktop');

    // The customer answers.
    const reply = page.getByLabel('Réponse du client');
    await reply.fill('9 très bien');
    await page.getByText('11 caractères · 1 SMS · GSM-7').waitFor();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await thread.locator('.bubble-out').filter({ hasText: '9 très bien' }).waitFor(SMS_WAIT);
    await thread.locator('.bubble-in').filter({ hasText: 'Merci pour votre réponse ! Elle nous aide à améliorer notre service.' }).waitFor(SMS_WAIT);
    assert.equal(await reply.inputValue(), '');

    // Any text survives the trip (UCS-2 over SMPP, JSON, the page): accents, €, emoji, Luxembourgish.
    const unicode = 'Merci ! Ça m’a aidé, 5 € de remise 👍🏽 — Äddi, Ëmfro';
    await reply.fill(unicode);
    await page.getByText(/UCS-2/).waitFor();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const unicodeBubble = thread.locator('.bubble-out').filter({ hasText: 'Äddi, Ëmfro' });
    await unicodeBubble.waitFor(SMS_WAIT);
    assert.equal(await unicodeBubble.locator('.bubble-text').textContent(), unicode);
    const texts = await thread.locator('.bubble-text').allTextContents();
    assert.deepEqual(
      texts.map((text) => (text.startsWith('Merci pour votre appel') ? 'question' : text.startsWith('Merci pour votre réponse') ? 'thanks' : text)),
      ['question', '9 très bien', 'thanks', unicode],
      'oldest first',
    );
    await shot(page, 'phone-thread-desktop');
    await page.setViewportSize(TABLET);
    await shot(page, 'phone-thread-tablet');
    await shot(page, 'phone-thread-tablet-full', true);
    await page.setViewportSize(DESKTOP);

    const response = await storage.db.selectFrom('survey_responses').selectAll().where('interaction_id', '=', interaction.id).executeTakeFirstOrThrow();
    assert.equal(response.score, 9);
    assert.equal(response.category, 'promoter');

    // Back on the console: the card shows the answer, and the contact it rates is marked.
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Console')).click();
    const lastSurvey = page.locator('section.last-survey');
    await lastSurvey.locator('.badge-score-promoter').getByText('9/10').waitFor();
    await lastSurvey.getByText('Promoteur').waitFor();
    await lastSurvey.getByText(response.comment ?? 'très bien').waitFor();
    await lastSurvey.getByText(/^Reçue le /).waitFor();
    const rated = page.locator(`.timeline-item[data-interaction-id="${interaction.id}"]`);
    await rated.getByText('Enquête 9/10').waitFor();
    await lastSurvey.getByRole('button', { name: 'Voir le contact évalué' }).click();
    assert.equal(await rated.locator('article').evaluate((el) => el === document.activeElement), true);

    // The NPS panel: the advisor's team, one response, NPS 100 (its 95% interval still wide), flagged as indicative.
    const nps = page.locator('.nps-panel');
    const row = nps.locator('tbody tr', { hasText: 'Hotline Mobile' });
    await row.waitFor();
    assert.deepEqual(
      (await row.locator('td').allTextContents()).map((s) => s.trim()),
      ['Hotline Mobile', '1', '0', '0', '1', '+100,0indicatif', '-48,5 à 98,5'],
    );
    await nps.getByText('Indicatif : moins de 30 réponses').waitFor();
    await page.locator('section.identity').scrollIntoViewIfNeeded();
    await shot(page, 'card-desktop');
    await shot(page, 'card-desktop-full', true);
    await nps.screenshot({ path: join(SHOTS, 'ecoute-surveys-nps-desktop.png'), animations: 'disabled' });
    await page.setViewportSize(TABLET);
    await shot(page, 'card-tablet-full', true);
    await lastSurvey.screenshot({ path: join(SHOTS, 'ecoute-surveys-last-survey-tablet.png'), animations: 'disabled' });
    await nps.screenshot({ path: join(SHOTS, 'ecoute-surveys-nps-tablet.png'), animations: 'disabled' });
    await page.setViewportSize(DESKTOP);
  });

  test('without the built-in simulator the phone page says so', async () => {
    await page.route('**/api/v1/phone-simulator/**', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://ecoute.lu/problems/not-found', title: 'Not found', status: 404, detail: 'The phone simulator exists only with the built-in SMSC simulator' }),
      }),
    );
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Téléphone simulé')).click();
    await page.getByLabel('Numéro de téléphone').fill('621 000 111');
    await page.getByRole('button', { name: 'Ouvrir' }).click();
    await page.getByText('Pas de téléphone simulé : un vrai SMSC est configuré').waitFor();
    await page.unroute('**/api/v1/phone-simulator/**');
  });

  test('a CX manager reviews the rules, the questionnaire, the SMS log and the decisions', async () => {
    const cx = await context.browser()!.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    const p = await cx.newPage();
    p.setDefaultTimeout(10_000);
    try {
      await signIn(p, cxManager);
      await (await pageLink(p.getByRole('navigation', { name: 'Pages' }), 'Enquêtes')).click();
      await p.getByRole('heading', { level: 1, name: 'Enquêtes de satisfaction' }).waitFor();

      // Rules, as the demo set them; a refused value is explained next to its field.
      await p.getByRole('heading', { name: 'Qui reçoit une enquête, et quand' }).waitFor();
      assert.equal(await p.getByLabel('Délai après la fin du contact (minutes)').inputValue(), '0');
      assert.equal(await p.getByLabel('Enquêtes actives').isChecked(), true);
      assert.equal(await p.getByRole('checkbox', { name: 'Téléphone' }).isChecked(), true);
      await shot(p, 'rules-desktop', true);
      const sampling = p.getByLabel('Échantillon (% des contacts)');
      await sampling.fill('150');
      await p.getByRole('button', { name: 'Enregistrer les règles' }).click();
      await p.getByText('1 champ à corriger ci-dessous.').waitFor();
      assert.equal(await sampling.getAttribute('aria-invalid'), 'true');
      const describedBy = await sampling.getAttribute('aria-describedby');
      assert.ok(describedBy);
      assert.match((await p.locator(`[id="${describedBy}"]`).textContent()) ?? '', /100/);
      await shot(p, 'rules-error-desktop');
      await sampling.fill('100');
      await p.getByLabel('Durée minimale du contact (secondes)').fill('30');
      await p.getByRole('button', { name: 'Enregistrer les règles' }).click();
      await p.getByText('Règles enregistrées.').waitFor();
      assert.equal((await activeRules(storage.db))?.minDurationSeconds, 30);

      // Questionnaire: versions, and a new version refused field by field, then published.
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Questionnaires' }).click();
      // The contact survey comes first and says what it is for; the complaint survey after it.
      const contactSurvey = p.getByRole('region', { name: 'Questionnaire « after-contact »' });
      await contactSurvey.getByText('Après un contact : ses réponses font le NPS.').waitFor();
      await p.getByRole('region', { name: 'Questionnaire « after-complaint »' }).getByText(/jamais dans le NPS des contacts/).waitFor();
      const current = contactSurvey.locator('.version-item.is-current');
      await current.getByText('Version 1').waitFor();
      await current.getByText('actuelle').waitFor();
      await contactSurvey.getByRole('button', { name: 'Nouvelle version' }).click();
      const versionForm = contactSurvey.locator('section.version-form');
      const question = versionForm.getByLabel('Question', { exact: true }).first();
      assert.match(await question.inputValue(), /\{min\}.*\{max\}/);
      await question.fill('De {min} à 10, quelle note donnez-vous à notre service ?');
      await versionForm.getByRole('button', { name: 'Publier la version' }).click();
      await versionForm.locator('textarea[aria-invalid="true"]').first().waitFor();
      assert.equal(await question.getAttribute('aria-invalid'), 'true');
      const questionError = versionForm.locator(`[id="${(await question.getAttribute('aria-describedby'))?.split(' ')[0]}"]`);
      await questionError.getByText('Le texte doit contenir {min} {max}.').waitFor();
      assert.equal(await question.evaluate((el) => el === document.activeElement), true, 'the first refused field has the focus');
      await shot(p, 'version-error-desktop');
      await question.fill('De {min} à {max}, quelle note donnez-vous à notre service ? Répondez par SMS (gratuit). STOP pour ne plus recevoir nos enquêtes.');
      await versionForm.getByRole('button', { name: 'Publier la version' }).click();
      await p.getByText('Version 2 publiée : les prochaines enquêtes l’utilisent.').waitFor();
      await contactSurvey.locator('.version-item.is-current').getByText('Version 2').waitFor();

      // The SMS log: the survey, the reply, the thank-you; filtered by status.
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Journal des SMS' }).click();
      await p.locator('.gateway-status[data-connected="true"]').getByText('Liaison SMSC (smpp) : connectée').waitFor();
      const log = p.locator('table.sms-log');
      await log.locator('tr[data-purpose="survey"]').getByText('De 1 à 10, quelle note donnez-vous à notre service client ?', { exact: false }).waitFor();
      await log.locator('tr[data-purpose="thanks"]').first().waitFor();
      await log.locator('tr[data-purpose="reply"]').getByText('9 très bien').waitFor();
      await shot(p, 'sms-log-desktop', true);
      await p.getByLabel('Statut').selectOption('received');
      await log.locator('tr[data-purpose="survey"]').waitFor({ state: 'detached' });
      await log.locator('tr[data-status="received"]').first().waitFor();
      assert.deepEqual(new Set(await log.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))), new Set(['received']));

      // Decisions of the last 30 days: the call got its survey.
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Décisions' }).click();
      const decisions = p.locator('table.decisions-table');
      await decisions.locator('tbody tr', { hasText: 'éligible' }).getByText('1', { exact: true }).waitFor();

      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Désinscriptions' }).click();
      await p.getByText('Aucun numéro désinscrit.').waitFor();

      // Tablet: the log and the rules stay usable.
      await p.setViewportSize(TABLET);
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Journal des SMS' }).click();
      await log.locator('tbody tr').first().waitFor();
      await shot(p, 'sms-log-tablet');
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Règles' }).click();
      await p.getByLabel('Délai après la fin du contact (minutes)').waitFor();
      await shot(p, 'rules-tablet', true);
      await p.getByRole('navigation', { name: 'Sections des enquêtes' }).getByRole('link', { name: 'Questionnaires' }).click();
      await contactSurvey.getByRole('button', { name: 'Nouvelle version' }).click();
      await shot(p, 'version-form-tablet', true);
    } finally {
      await cx.close();
    }
  });

  test('a team lead reads the survey admin without changing it, in German', async () => {
    const lead = await context.browser()!.newContext({ viewport: TABLET, locale: 'de-LU', timezoneId: 'Europe/Luxembourg' });
    const p = await lead.newPage();
    p.setDefaultTimeout(10_000);
    try {
      await signIn(p, teamLead);
      await openUserMenu(p);
      await p.getByRole('banner').getByLabel('Langue').selectOption('de');
      await p.keyboard.press('Escape');
      await (await pageLink(p.getByRole('navigation', { name: 'Seiten' }), 'Umfragen')).click();
      await p.getByRole('heading', { level: 1, name: 'Zufriedenheitsumfragen' }).waitFor();
      await p.getByText('Nur Lesen: Nur CX-Manager und Administratoren ändern die Umfragen.').waitFor();
      assert.equal(await p.getByLabel('Verzögerung nach Kontaktende (Minuten)').isDisabled(), true);
      assert.equal(await p.getByRole('button', { name: 'Regeln speichern' }).count(), 0);
      await p.getByRole('navigation', { name: 'Bereiche der Umfragen' }).getByRole('link', { name: 'Fragebögen' }).click();
      await p.locator('.version-item.is-current').first().waitFor();
      assert.equal(await p.getByRole('button', { name: 'Neue Version' }).count(), 0);
      // The team's NPS on the console, in German.
      await (await pageLink(p.getByRole('navigation', { name: 'Seiten' }), 'Konsole')).click();
      await p.locator('.nps-panel tbody tr', { hasText: 'Hotline Mobile' }).getByText('Richtwert').waitFor();
      await shot(p, 'lead-console-tablet-de', true);
    } finally {
      await lead.close();
    }
  });

  test('the pages run under the server\'s Content-Security-Policy: no violation reported', () => {
    assert.deepEqual(cspViolations, []);
  });
});
