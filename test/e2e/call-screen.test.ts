// Browser test of the call screen: layout at the three desktop and tablet sizes, clean forms for each
// call, a STOP opt-out on the card, the keyboard shortcuts, the tab title in en/de, the header on one row.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM, waitForConsoleStream } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink, openUserMenu } from './header-steps.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { startSmsRuntime } from '../../src/cli/sms-runtime.js';
import { parsePhoneNumber } from 'libphonenumber-js/min';

const advisor = demoLogin('advisor');
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

describe('the call screen (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let advisorId: string;
  let sms: Awaited<ReturnType<typeof startSmsRuntime>>;
  /** a customer with a mobile line and the longest history */
  let caller: { msisdn: string; name: string };

  const ring = async (phone: string) => {
    const answer = await page.request.post(`${server.url}/api/v1/demo/calls`, { data: { phone } });
    assert.equal(answer.status(), 200, await answer.text());
    return ((await answer.json()) as { callId: string }).callId;
  };

  before(async () => {
    site = await startDemoSite('callscreen', {
      load: (db) => loadDemo(db, { customers: 40, seed: 42 }),
      beside: async (db) => {
        // No SMSC configured: the SMSC simulator runs in this process, and with it the phone simulator.
        delete process.env.ECOUTE_SMSC_URL;
        sms = await startSmsRuntime(db, { worker: { idleMs: 100, log: () => {} } });
        return { server: { simulator: sms.simulator, smsGateway: sms.surveys.gateway }, stop: () => sms.stop() };
      },
    });
    ({ storage, server, browser } = site);
    advisorId = (await storage.db.selectFrom('users').select('id').where('email', '=', advisor.email).executeTakeFirstOrThrow()).id;
    caller = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select((eb) => [
        'lines.msisdn',
        'parties.display_name as name',
        eb.selectFrom('interactions').whereRef('interactions.party_id', '=', 'parties.id').select((e) => e.fn.countAll<number>().as('n')).as('contacts'),
      ])
      .where('lines.kind', '=', 'mobile')
      .orderBy('contacts', 'desc')
      .orderBy('lines.msisdn')
      .limit(1)
      .executeTakeFirstOrThrow();
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: advisor.email, password: advisor.password } });
    assert.equal(login.status(), 200);
    await page.goto(server.url);
    await page.getByText('Aucun client sélectionné').waitFor();
    await waitForConsoleStream(server, advisorId);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('at 1440×900, 1280×800 and 1024×768 a ringing call shows the save button and the first history entry without scrolling; the header is one row', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => window.scrollTo(0, 0));
      await ring(caller.msisdn);
      await page.locator('.call-banner').getByText('Appel entrant').waitFor();
      await page.getByRole('heading', { level: 2, name: caller.name }).waitFor();
      const save = page.getByRole('button', { name: 'Enregistrer le contact' });
      const first = page.locator('.timeline-item').first();
      await first.waitFor();
      await page.getByTestId('call-reasons').waitFor();
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      for (const [what, locator] of [['save button', save], ['first history entry', first]] as const) {
        const box = await locator.boundingBox();
        assert.ok(box, `${what} has a box`);
        assert.ok(box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width, `${what} in ${size.width}×${size.height}: ${JSON.stringify(box)}`);
      }
      const header = await page.locator('.app-header').boundingBox();
      assert.ok(header && header.height < 80, `header on one row at ${size.width}: ${header?.height}px`);
      await page.screenshot({ path: join(SHOTS, `ecoute-call-screen-${size.width}x${size.height}.png`), animations: 'disabled' });
    }
    await page.setViewportSize(DESKTOP);
  });

  test('a second unknown caller gets a clean create form', async () => {
    await ring('+352 691 000 451');
    const banner = page.locator('.call-banner');
    await banner.getByText('+352 691 000 451').waitFor();
    await banner.getByRole('button', { name: 'Créer le client' }).click();
    const form = page.locator('section.create-customer');
    await form.getByLabel('Prénom').fill('Paul');
    await form.getByLabel('Nom', { exact: true }).fill('Premier-Appelant');
    // the first caller's form refused by the server, its error citing a number
    await form.getByLabel('Téléphone').fill(caller.msisdn);
    await form.getByLabel('Ce numéro est une ligne de notre réseau').check();
    await form.getByLabel('Offre de la ligne').fill('Smart');
    await form.getByRole('button', { name: 'Créer le client' }).click();
    await form.locator('[aria-invalid="true"], .notice-error').first().waitFor();
    await ring('+352 691 000 452');
    await banner.getByText('+352 691 000 452').waitFor();
    await banner.getByRole('button', { name: 'Créer le client' }).click();
    const fresh = page.locator('section.create-customer');
    await fresh.getByLabel('Téléphone').waitFor();
    assert.equal(await fresh.getByLabel('Téléphone').inputValue(), '+352 691 000 452');
    assert.equal(await fresh.getByLabel('Prénom').inputValue(), '');
    assert.equal(await fresh.getByLabel('Nom', { exact: true }).inputValue(), '');
    assert.equal(await fresh.locator('.notice-error').count(), 0);
    assert.equal(await fresh.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await fresh.getByLabel('Ce numéro est une ligne de notre réseau').isChecked(), false);
    assert.doesNotMatch((await fresh.textContent()) ?? '', /000 451/);
  });

  test('focus goes to the caller after “Simuler un appel entrant”, and each shortcut works', async () => {
    await page.getByRole('button', { name: 'Simuler un appel entrant' }).click();
    await page.waitForFunction(() => document.activeElement?.matches('h2.customer-name, #call-title') ?? false);
    await ring(caller.msisdn);
    await page.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    await page.locator('body').click({ position: { x: 2, y: 300 } });
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.closest('.search-form') !== null);
    await page.keyboard.press('Escape');
    await page.locator('h2.customer-name').focus();
    await page.keyboard.press('Alt+KeyR');
    await page.waitForFunction(() => (document.activeElement as HTMLSelectElement | null)?.name === 'reason');
    const form = page.locator('section.log-contact');
    await form.getByLabel('Motif du contact').selectOption('billing');
    await form.getByRole('radio', { name: 'Oui' }).check();
    await form.getByLabel('Notes').fill('Raccourci');
    await page.keyboard.press('Control+Enter');
    await form.getByText('Contact enregistré et ajouté à l’historique.').waitFor();
    await page.locator('h2.customer-name').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await help.waitFor();
    await help.getByText('Enregistrer le contact').waitFor();
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.keyboard.press('Alt+KeyH');
    await page.locator('.call-banner').getByText('Appel terminé').waitFor();
  });

  test('a STOP by SMS from the phone simulator shows on the card as “Enquêtes : non”, with when and which number', async () => {
    await ring(caller.msisdn);
    await page.getByRole('heading', { level: 2, name: caller.name }).waitFor();
    // The customer answers STOP from the phone simulator (the caller's number is offered there).
    await (await pageLink(page.getByRole('banner').getByRole('navigation'), 'Téléphone simulé')).click();
    const formatted = parsePhoneNumber(caller.msisdn, 'LU').formatInternational();
    await page.locator('.phone-picker').getByRole('button', { name: new RegExp(formatted.replace(/[+]/g, '\\+')) }).first().click();
    await page.getByLabel('Réponse du client').fill('STOP');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const deadline = Date.now() + 15_000;
    while (!(await storage.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', caller.msisdn).executeTakeFirst())) {
      assert.ok(Date.now() < deadline, 'the STOP reached the server');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Back on the console from another page, the card is read again.
    await (await pageLink(page.getByRole('banner').getByRole('navigation'), 'Console')).click();
    await page.getByTestId('identity-consents').getByText(/Enquêtes : non — STOP par SMS le/).waitFor();
    await page.locator('.consent-opt-out').getByText(/a répondu « STOP » par SMS/).waitFor();
  });

  test('the tab title follows the language and the page', async () => {
    assert.equal(await page.title(), 'Console — Écoute');
    await openUserMenu(page);
    await page.getByRole('banner').getByLabel('Langue').selectOption('en');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.title === 'Console — Écoute' && document.documentElement.lang === 'en');
    await (await pageLink(page.getByRole('banner').getByRole('navigation'), 'Cases')).click();
    await page.waitForFunction(() => document.title === 'Cases — Écoute');
    await openUserMenu(page);
    await page.getByRole('banner').getByLabel('Language').selectOption('de');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.title === 'Vorgänge — Écoute');
    await (await pageLink(page.getByRole('banner').getByRole('navigation'), 'Konsole')).click();
    await page.waitForFunction(() => document.title === 'Konsole — Écoute');
    await openUserMenu(page);
    await page.getByRole('banner').getByLabel('Sprache').selectOption('fr');
    await page.keyboard.press('Escape');
  });
});
