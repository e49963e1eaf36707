// Browser test of the advisor console: the real server on a fresh SQLite database with demo data,
// driven through Debian's Chromium. Screenshots go to /tmp/ecoute-console-*.png.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, demoLogin, watchCspViolations, sendTelephonyEvent, waitForConsoleStream, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { openUserMenu } from './header-steps.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

const advisor = demoLogin('advisor');

describe('advisor console (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let advisorId: string;
  let cspViolations: string[] = [];

  const telephony = (body: Record<string, unknown>) => sendTelephonyEvent(server.url, body);

  /** Screenshots without animations, so they show the settled UI. */
  const shot = (options: { path: string; fullPage?: boolean }) => page.screenshot({ ...options, animations: 'disabled' });

  before(async () => {
    site = await startDemoSite('console', { load: (db) => loadDemo(db, { customers: 40, seed: 42 }) });
    ({ storage, server, browser } = site);
    const user = await storage.db.selectFrom('users').select('id').where('email', '=', advisor.email).executeTakeFirstOrThrow();
    advisorId = user.id;
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('the advisor logs in with a demo login, a call pops the caller’s card, and the logged contact is stored', async () => {
    // A known customer with a mobile line, and their contact count before the call.
    const caller = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['lines.msisdn', 'parties.id as partyId', 'parties.display_name as name', 'parties.customer_number as number'])
      .where('lines.kind', '=', 'mobile')
      .orderBy('parties.customer_number')
      .limit(1)
      .executeTakeFirstOrThrow();

    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await shot({ path: join(SHOTS, 'ecoute-console-login-desktop.png') });

    // Demo mode lists the logins; clicking one fills the form.
    await page.getByRole('button', { name: new RegExp(advisor.email.replace(/\./g, '\\.')) }).click();
    assert.equal(await page.getByLabel('Adresse e-mail').inputValue(), advisor.email);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const header = page.getByRole('banner');
    await header.getByText(advisor.displayName).waitFor();
    await openUserMenu(page);
    await header.getByText('Rôle : Conseiller', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Aucun client sélectionné').waitFor();
    await waitForConsoleStream(server, advisorId);
    await shot({ path: join(SHOTS, 'ecoute-console-empty-desktop.png') });

    // The phone system rings the advisor.
    const callId = `call-${randomUUID()}`;
    const ringing = await telephony({
      type: 'ringing',
      callId,
      from: caller.msisdn,
      to: '+352 8002 8002',
      advisorEmail: advisor.email,
      at: new Date().toISOString(),
    });
    assert.equal(ringing.status, 200, await ringing.text());

    const banner = page.locator('.call-banner');
    await banner.getByText('Appel entrant').waitFor();
    await banner.getByRole('button', { name: caller.name }).waitFor();
    await page.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    await page.getByText(caller.number, { exact: true }).first().waitFor();
    // Screen readers hear who is calling.
    assert.match((await page.getByTestId('call-announcement').textContent()) ?? '', new RegExp(caller.name));

    // The contact form starts on the phone channel for a call.
    const form = page.locator('section.log-contact');
    assert.equal(await form.getByRole('radio', { name: 'Téléphone' }).isChecked(), true);
    await form.getByText('Lié à l’appel en cours').waitFor();
    await shot({ path: join(SHOTS, 'ecoute-console-call-desktop.png'), fullPage: true });

    const outcome = `Facture expliquée ${randomUUID().slice(0, 8)}`;
    await form.getByLabel('Motif du contact').selectOption('billing');
    await form.getByLabel('Résultat').fill(outcome);
    await form.getByRole('radio', { name: 'Oui' }).check();
    await form.getByLabel('Notes').fill('Client satisfait, avoir de 12 € accordé.');
    await form.getByRole('button', { name: 'Enregistrer le contact' }).click();
    await form.getByText('Contact enregistré et ajouté à l’historique.').waitFor();

    // The history shows it at the top, with its reason, outcome and FCR status.
    const first = page.locator('.timeline-item').first();
    await first.getByText(outcome).waitFor();
    await first.getByText('Facturation').waitFor();
    await first.getByText('Téléphone').first().waitFor();
    await first.locator('.badge-fcr').waitFor();
    assert.match((await first.locator('.timeline-who').textContent()) ?? '', new RegExp(advisor.displayName));

    // …and the database has it, linked to the call.
    const stored = await storage.db
      .selectFrom('interactions')
      .selectAll()
      .where('external_id', '=', `call:${callId}`)
      .executeTakeFirstOrThrow();
    assert.equal(stored.party_id, caller.partyId);
    assert.equal(stored.channel, 'phone');
    assert.equal(stored.direction, 'inbound');
    assert.equal(stored.reason_code, 'billing');
    assert.equal(stored.outcome, outcome);
    assert.equal(stored.resolved, 1);
    assert.equal(stored.notes, 'Client satisfait, avoir de 12 € accordé.');
    assert.equal(stored.advisor_id, advisorId);

    // The customer withdraws the survey consent on the phone: the advisor records it, with its history.
    const consents = page.locator('.consents');
    const surveysBox = consents.getByRole('checkbox', { name: 'Enquêtes' });
    const hadSurveys = await surveysBox.isChecked();
    await surveysBox.setChecked(!hadSurveys);
    await consents.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await consents.getByText('Indiquez comment le client nous l’a dit (téléphone, boutique…).').waitFor();
    await consents.getByLabel('Comment le client nous l’a-t-il dit ?').selectOption('phone');
    await consents.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await consents.locator('.consent-history li', { hasText: `Enquêtes : ${hadSurveys ? 'oui' : 'non'} → ${hadSurveys ? 'non' : 'oui'} · Téléphone · ${advisor.displayName}` }).waitFor();
    const consentChange = await storage.db.selectFrom('consent_changes').selectAll().where('party_id', '=', caller.partyId).executeTakeFirstOrThrow();
    assert.deepEqual([consentChange.consent, consentChange.new_value, consentChange.channel, consentChange.actor_id], ['surveys', hadSurveys ? 0 : 1, 'phone', advisorId]);

    // Hanging up completes that same contact rather than adding a second one.
    const ended = await telephony({ type: 'ended', callId, from: caller.msisdn, advisorEmail: advisor.email, at: new Date().toISOString() });
    assert.equal(ended.status, 200, await ended.text());
    await banner.getByText('Appel terminé').waitFor();
    const forCall = await storage.db.selectFrom('interactions').select(['id', 'ended_at']).where('external_id', '=', `call:${callId}`).execute();
    assert.equal(forCall.length, 1);
    assert.notEqual(forCall[0]?.ended_at, null);
    await page.getByText(outcome).first().waitFor();

    await shot({ path: join(SHOTS, 'ecoute-console-logged-desktop.png'), fullPage: true });
    await page.setViewportSize(TABLET);
    await shot({ path: join(SHOTS, 'ecoute-console-logged-tablet.png') });
    await shot({ path: join(SHOTS, 'ecoute-console-logged-tablet-full.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
  });

  test('an unknown number offers to create the customer, prefilled with the number', async () => {
    await waitForConsoleStream(server, advisorId);
    const unknown = '+352 691 000 123';
    const ringing = await telephony({ type: 'ringing', callId: `call-${randomUUID()}`, from: unknown, advisorEmail: advisor.email });
    assert.equal(ringing.status, 200, await ringing.text());
    const banner = page.locator('.call-banner');
    await banner.getByText('Numéro inconnu').waitFor();
    await banner.getByRole('button', { name: 'Créer le client' }).click();

    const form = page.locator('section.create-customer');
    assert.equal(await form.getByLabel('Téléphone').inputValue(), unknown);
    await form.getByLabel('Prénom').fill('Lena');
    await form.getByLabel('Nom', { exact: true }).fill('Kremer-Test');
    await form.getByLabel('Ce numéro est une ligne de notre réseau').check();
    await form.getByLabel('Offre de la ligne').fill('Love Duo');
    await shot({ path: join(SHOTS, 'ecoute-console-create-desktop.png'), fullPage: true });
    await form.getByRole('button', { name: 'Créer le client' }).click();

    await page.getByRole('heading', { level: 2, name: 'Lena Kremer-Test' }).waitFor();
    await page.getByText('+352 691 000 123').first().waitFor();
    // The banner now names the caller.
    await banner.getByRole('button', { name: 'Lena Kremer-Test' }).waitFor();
    const party = await storage.db.selectFrom('parties').select('id').where('display_name', '=', 'Lena Kremer-Test').executeTakeFirstOrThrow();
    const line = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['lines.msisdn', 'lines.plan'])
      .where('accounts.party_id', '=', party.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(line, { msisdn: '+352691000123', plan: 'Love Duo' });
  });

  test('search finds a customer by name; the language switch is kept across reloads', async () => {
    const someone = await storage.db.selectFrom('parties').select(['id', 'display_name', 'customer_number']).orderBy('customer_number', 'desc').limit(1).executeTakeFirstOrThrow();
    // More contacts than a page, 25 of them in the same millisecond (as an import can record them).
    const at = Date.now() - 3_600_000;
    await storage.db.insertInto('interactions').values(Array.from({ length: 25 }, (_, i) => ({
      id: randomUUID(), external_id: null, party_id: someone.id, account_id: null, channel: 'email' as const, direction: 'inbound' as const, reason_code: null,
      started_at: at, ended_at: null, advisor_id: null, team_id: null, site_id: null, outcome: `Courriel ${i + 1}`, resolved: null,
      recording_ref: null, notes: null, phone: null, repeat_of: null, next_contact_at: null, created_at: at,
    }))).execute();
    const contacts = await storage.db.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).where('party_id', '=', someone.id).executeTakeFirstOrThrow();
    await page.getByLabel('Nom, numéro client ou téléphone').fill(someone.customer_number);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('.result-list').getByRole('button', { name: new RegExp(someone.display_name) }).click();
    await page.getByRole('heading', { level: 2, name: someone.display_name }).waitFor();
    // "Show more" until the end: every contact once, none skipped at a page boundary.
    const items = page.locator('.timeline-item');
    while (await page.getByRole('button', { name: 'Afficher plus' }).isVisible()) {
      const shown = await items.count();
      await page.getByRole('button', { name: 'Afficher plus' }).click();
      await page.waitForFunction((n) => document.querySelectorAll('.timeline-item').length > n || !document.querySelector('.timeline .button-secondary'), shown);
    }
    assert.equal(await items.count(), Number(contacts.n));
    for (let i = 1; i <= 25; i++) assert.equal(await items.filter({ hasText: new RegExp(`Courriel ${i}(?!\\d)`) }).count(), 1, `Courriel ${i} once`);

    await openUserMenu(page);

    await page.getByRole('banner').getByLabel('Langue').selectOption('en');

    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Contact history' }).waitFor();
    await page.setViewportSize(TABLET);
    await shot({ path: join(SHOTS, 'ecoute-console-search-tablet-en.png'), fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

    await openUserMenu(page);

    await page.getByRole('banner').getByLabel('Language').selectOption('de');

    await page.keyboard.press('Escape');
    await openUserMenu(page);
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.setViewportSize(TABLET);
    await shot({ path: join(SHOTS, 'ecoute-console-login-tablet-de.png') });
  });

  test('the console runs under the server\'s Content-Security-Policy: no violation reported', () => {
    assert.deepEqual(cspViolations, []);
  });
});
