// Browser test of a line's plan and of the devices in the customer app (/my/) at phone size (390×844):
// the customer over their data allowance chooses a dearer plan, sees what it changes in the current
// period before confirming, and their out-of-bundle amount goes; they choose a cheaper one, which waits
// for the next period, and cancel it; they read their devices, the IMEI masked. The advisor's card
// shows the change that waits and the devices, the IMEI whole. Screenshots go to /tmp/ecoute-plan-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { DEMO_LOGINS, loadDemo } from '../../src/demo/index.js';
import { loadDemoDevices } from '../../src/demo/demo-devices.js';
import { maskImei } from '../../src/devices/imei.js';
import { customerSignIn } from '../../src/self-service/self-service.testkit.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openSqlite, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { ingestUsage } from '../../src/usage/usage-ingest.js';
import { CHROMIUM, CHROMIUM_ARGS, demoLogin, ensureConsoleBuilt, loggedInPage, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';

const GB = 1_000_000_000;

describe('a line’s plan and the devices in the customer app at phone size (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let dir: string;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let customer: { msisdn: string; name: string; imei: string; model: string };
  const contexts: BrowserContext[] = [];

  before(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ecoute-e2e-plan-'));
    const sqlitePath = join(dir, 'e2e.sqlite');
    storage = openSqlite(sqlitePath);
    await migrateToLatest(storage);
    await loadDemo(storage, { customers: 40, seed: 42 });
    await loadDemoDevices(storage, { seed: 42, now: Date.now() });
    // a residential customer with a mobile line on Love Duo (20 GB at home), with a handset in use
    const line = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .innerJoin('devices', 'devices.line_id', 'lines.id')
      .select(['lines.msisdn', 'parties.display_name', 'devices.imei', 'devices.model'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('lines.plan', '=', 'Love Duo')
      .where('accounts.segment', '=', 'residential')
      .where('devices.status', '=', 'active')
      .orderBy('lines.msisdn')
      .executeTakeFirstOrThrow();
    customer = { msisdn: line.msisdn, name: line.display_name, imei: line.imei, model: line.model };
    // 23 GB at home this period: 3 GB beyond Love Duo's 20, 30 EUR out of bundle
    await ingestUsage(storage, [{ eventId: 'plan-e2e-1', msisdn: customer.msisdn, occurredAt: new Date(Date.now() - 60_000).toISOString(), type: 'data', quantity: 23 * GB, country: 'LU' }], { alerts: false });
    server = await startServer({ storage, config: loadConfig({ demoMode: true, sqlitePath, databaseUrl: undefined }), port: 0, demoLogins: DEMO_LOGINS });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext({ viewport: PHONE, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg', isMobile: true, hasTouch: true });
    contexts.push(context);
    cspViolations = watchCspViolations(context);
    // signed in as with the code by SMS (the sign-in itself is customer-app.test.ts's)
    const { cookie } = await customerSignIn(server.url, storage, customer.msisdn);
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, domain: new URL(server.url).hostname, path: '/api/v1/my', httpOnly: true, sameSite: 'Strict' }]);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    await storage?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function assertNoSidewaysScroll(what: string): Promise<void> {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `${what}: ${scrollWidth} px wide on a ${clientWidth} px screen`);
  }
  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `ecoute-plan-${name}.png`), fullPage: true, animations: 'disabled' });
  };
  const planOf = async () => (await storage.db.selectFrom('lines').select('plan').where('msisdn', '=', customer.msisdn).executeTakeFirstOrThrow()).plan;

  test('the customer over their allowance sees what a dearer plan changes now, confirms, and their out-of-bundle amount goes', async () => {
    await page.goto(`${server.url}/my/`);
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();
    const line = page.getByRole('region', { name: /^Votre ligne \+352/ });
    await line.getByText(/Hors forfait : 30,00\s€/).waitFor();
    const plan = line.getByRole('group', { name: 'Forfait' });
    await plan.getByText(/^Love Duo, 35,00\s€ par mois$/).waitFor();
    await plan.getByRole('button', { name: 'Changer de forfait' }).click();
    const offers = plan.getByRole('group', { name: 'Choisissez un forfait' });
    await offers.getByRole('radio').first().waitFor();
    assert.ok(!(await offers.getByText('Prepaid Easy').count()), 'prepaid is not offered');
    assert.ok(!(await offers.getByText('Business Pro').count()), 'nor the businesses’ plans');
    await offers.getByRole('radio', { name: /Love Trio/ }).check();
    await offers.getByText('S’applique tout de suite, sur la période en cours').first().waitFor();
    await plan.getByText('Ce qui change avec Love Trio').waitFor();
    await plan.getByText(/^Données au Luxembourg : 20\sGo → 50\sGo$/).waitFor();
    await plan.getByText(/^Hors forfait sur la période en cours : 30,00\s€ → 0,00\s€$/).waitFor();
    await assertNoSidewaysScroll('offers');
    await shot('offers');
    await plan.getByRole('button', { name: 'Confirmer le changement' }).click();
    await plan.getByRole('status').filter({ hasText: 'C’est fait : votre forfait est maintenant Love Trio.' }).waitFor();
    assert.equal(await planOf(), 'Love Trio');
    await plan.getByText(/^Love Trio, 50,00\s€ par mois$/).waitFor();
    await line.getByText(/23\sGo sur 50\sGo/).waitFor();
    assert.equal(await line.getByText(/Hors forfait :/).count(), 0, 'nothing out of bundle any more');
    await shot('upgraded');
  });

  test('a cheaper plan waits for the next period, is shown as such, and the customer cancels it', async () => {
    const plan = page.getByRole('region', { name: /^Votre ligne \+352/ }).getByRole('group', { name: 'Forfait' });
    await plan.getByRole('button', { name: 'Changer de forfait' }).click();
    const offers = plan.getByRole('group', { name: 'Choisissez un forfait' });
    await offers.getByRole('radio', { name: /Senior/ }).check();
    await plan.getByText(/^Rien ne change sur la période en cours : vous gardez votre forfait jusqu’au /).waitFor();
    await plan.getByRole('button', { name: 'Confirmer le changement' }).click();
    await plan.getByRole('status').filter({ hasText: /^C’est noté : votre forfait passera à Senior le / }).waitFor();
    await plan.getByText(/^Passage au forfait Senior le /).waitFor();
    assert.equal(await planOf(), 'Love Trio', 'the current period keeps Love Trio');
    await assertNoSidewaysScroll('pending');
    await shot('pending');
    await plan.getByRole('button', { name: 'Annuler ce changement' }).click();
    await plan.getByRole('status').filter({ hasText: 'Changement annulé : vous gardez votre forfait.' }).waitFor();
    assert.equal(await plan.getByText(/^Passage au forfait/).count(), 0);
    await plan.getByText('Historique des changements').click();
    await plan.getByText(/Love Trio → Senior, annulé \(par vous\)/).waitFor();
    await plan.getByText(/Love Duo → Love Trio, appliqué \(par vous\)/).waitFor();
    const changes = await storage.db.selectFrom('plan_changes').select(['to_plan', 'status', 'actor_kind']).orderBy('requested_at').execute();
    assert.deepEqual(changes.map((c) => [c.to_plan, c.status, c.actor_kind]), [['Love Trio', 'applied', 'customer'], ['Senior', 'cancelled', 'customer']]);
  });

  test('the customer reads their devices, the IMEI masked, in their language', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Appareils' }).click();
    await page.getByRole('heading', { name: 'Vos appareils' }).waitFor();
    const item = page.locator('.my-devices .my-list > li').filter({ hasText: customer.model });
    await item.first().waitFor();
    await item.first().getByText(`IMEI ${maskImei(customer.imei)}`, { exact: false }).waitFor();
    assert.ok(!(await page.content()).includes(customer.imei), 'never the whole IMEI');
    await item.first().getByText('En service').waitFor();
    await assertNoSidewaysScroll('devices');
    await shot('devices');
    await page.getByLabel('Langue').selectOption('de');
    await page.getByRole('heading', { name: 'Ihre Geräte' }).waitFor();
    await page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: 'Geräte' }).waitFor();
    await page.getByLabel('Sprache').selectOption('fr');
    assert.deepEqual(cspViolations, []);
  });

  test('the advisor’s card shows a change that waits, the history and the devices, the IMEI whole', async () => {
    const me = { cookie: (await context.cookies(`${server.url}/api/v1/my/`)).map((c) => `${c.name}=${c.value}`).join('; ') };
    const asked = await fetch(`${server.url}/api/v1/my/lines/${encodeURIComponent(customer.msisdn)}/plan-change`, { method: 'POST', headers: { ...me, 'content-type': 'application/json' }, body: JSON.stringify({ plan: 'Senior' }) });
    assert.equal(asked.status, 201);
    const advisor = await loggedInPage(browser, server.url, demoLogin('advisor'), { language: 'fr', contexts });
    await advisor.goto(server.url);
    await advisor.getByLabel('Nom, numéro client ou téléphone (ou e-mail)').fill(customer.msisdn);
    await advisor.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await advisor.locator('.result-list .result').filter({ hasText: customer.name }).click();
    const panel = advisor.locator('section.customer-plans');
    await panel.getByRole('heading', { level: 3, name: 'Forfaits et appareils' }).waitFor();
    await panel.getByText(/Forfait Love Trio/).waitFor();
    await panel.getByText(/^Passage à Senior le .+ \(demandé le .+, le client\)$/).waitFor();
    await panel.getByText(`${customer.model} · IMEI ${customer.imei}`, { exact: false }).waitFor();
    await advisor.screenshot({ path: join(SHOTS, 'ecoute-plan-card.png'), fullPage: true, animations: 'disabled' });
  });
});
