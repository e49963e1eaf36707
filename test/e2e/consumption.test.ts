// Browser test of a line's consumption on the customer's card: usage sent by the mediation platform's
// API shows on the advisor's card as the API gives it, bucket by bucket. Screenshots go to
// /tmp/ecoute-consumption-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { DEMO_TELEPHONY_SECRET, loadConfig } from '../../src/config.js';
import { DEMO_LOGINS, loadDemo } from '../../src/demo/index.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openSqlite, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { CHROMIUM, CHROMIUM_ARGS, demoLogin, ensureConsoleBuilt, loggedInPage, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';

const advisor = demoLogin('advisor');
const GB = 1_000_000_000;

describe('consumption on the card (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let dir: string;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let mediation: string;
  let customerName: string;
  let msisdn: string;

  before(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ecoute-e2e-consumption-'));
    const sqlitePath = join(dir, 'e2e.sqlite');
    storage = openSqlite(sqlitePath);
    await migrateToLatest(storage);
    await loadDemo(storage, { customers: 40, seed: 42 });
    // a residential customer with a single mobile line on Love Duo (20 GB at home)
    const line = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['lines.msisdn', 'parties.display_name', 'accounts.id as account'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('lines.plan', '=', 'Love Duo')
      .where('accounts.segment', '=', 'residential')
      .orderBy('lines.msisdn')
      .executeTakeFirstOrThrow();
    await storage.db.updateTable('lines').set({ status: 'terminated' }).where('account_id', '=', line.account).where('msisdn', '!=', line.msisdn).execute();
    [msisdn, customerName] = [line.msisdn, line.display_name];
    mediation = (await createApiToken(storage.db, 'mediation', 'integration', ['usage'])).token;
    const config = loadConfig({ demoMode: true, sqlitePath, databaseUrl: undefined, telephonySecret: DEMO_TELEPHONY_SECRET });
    server = await startServer({ storage, config, port: 0, demoLogins: DEMO_LOGINS });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await storage?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function sendUsage(events: Record<string, unknown>[]): Promise<void> {
    const response = await fetch(`${server.url}/api/v1/usage/events`, {
      method: 'POST', headers: { authorization: `Bearer ${mediation}`, 'content-type': 'application/json' }, body: JSON.stringify(events),
    });
    assert.equal(response.status, 200, await response.text());
  }

  async function openCard(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.getByLabel('Nom, numéro client ou téléphone (ou e-mail)').fill(msisdn);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.locator('.result-list .result').filter({ hasText: customerName }).click();
    await page.getByRole('heading', { level: 2, name: customerName }).waitFor();
  }

  test('the advisor sees the usage the mediation platform sent, as the API gives it, and the bar turns at 80%', async () => {
    const now = Date.now();
    // before any usage this period, the line says so in one line
    const page = await loggedInPage(browser, server.url, advisor, { language: 'fr', contexts });
    await openCard(page);
    await page.locator('section.customer-consumption').getByText('Aucune consommation sur cette période.').waitFor();
    assert.equal(await page.locator('section.customer-consumption .usage-bucket').count(), 0);
    await sendUsage([
      { eventId: 'e2e-1', msisdn, occurredAt: new Date(now - 3_600_000).toISOString(), type: 'data', quantity: 15 * GB, country: 'LU' },
      { eventId: 'e2e-2', msisdn, occurredAt: new Date(now - 3_000_000).toISOString(), type: 'voice', quantity: 125, country: 'FR' },
      { eventId: 'e2e-3', msisdn, occurredAt: new Date(now - 2_000_000).toISOString(), type: 'data', quantity: 3_000_000, country: 'CH' },
    ]);
    await openCard(page);
    const panel = page.locator('section.customer-consumption');
    await panel.getByRole('heading', { level: 3, name: 'Consommation' }).waitFor();
    const home = panel.locator('.usage-bucket').filter({ hasText: 'Données au Luxembourg' });
    await home.getByText('15 Go sur 20 Go').waitFor();
    assert.equal(await home.getAttribute('class'), 'usage-bucket', 'below 80%: no warning');
    const meter = home.getByRole('meter', { name: 'Données au Luxembourg' });
    assert.deepEqual([await meter.getAttribute('value'), await meter.getAttribute('max')], [String(15 * GB), String(20 * GB)]);
    await panel.locator('.usage-bucket').filter({ hasText: 'Données hors UE' }).getByText('3 Mo, non inclus dans l’offre').waitFor();
    await panel.locator('.usage-bucket').filter({ hasText: 'Appels' }).getByText('3 min, illimité').waitFor();
    // 75%: no data alert; the roaming tariff messages of the two arrivals abroad are listed
    await panel.locator('.usage-alerts').getByText(/^Bienvenue à l’étranger \(France\), tarif UE, /).waitFor();
    await panel.locator('.usage-alerts').getByText(/^Bienvenue à l’étranger \(Suisse\), tarif hors UE, /).waitFor();
    assert.equal(await panel.locator('.usage-alerts').getByText(/des données au Luxembourg/).count(), 0, '75%: no data alert yet');

    // what the API answers for the line is what the card shows
    const api = await (await page.request.get(`${server.url}/api/v1/lines/${encodeURIComponent(msisdn)}/consumption`)).json();
    const world = api.buckets.find((b: { type: string }) => b.type === 'data_world');
    assert.equal(api.outOfBundle.used, world.chargedCents);
    await panel.getByText(`Hors forfait : ${(api.outOfBundle.used / 100).toLocaleString('fr-LU', { style: 'currency', currency: 'EUR' })}`).waitFor();

    // past 80% of the allowance the bar says so
    await sendUsage([{ eventId: 'e2e-4', msisdn, occurredAt: new Date(now - 60_000).toISOString(), type: 'data', quantity: 2 * GB, country: 'LU' }]);
    await openCard(page);
    await home.getByText('17 Go sur 20 Go').waitFor();
    assert.equal(await home.getAttribute('class'), 'usage-bucket is-near');
    // and the SMS alert the line was sent is listed
    await panel.locator('.usage-alerts').getByText(/^80 % des données au Luxembourg, /).waitFor();
    assert.equal(await panel.locator('.usage-alerts li').count(), 3);
    await panel.screenshot({ path: join(SHOTS, 'ecoute-consumption-card.png'), animations: 'disabled' });
  });

  test('on a phone 390 px wide the panel never scrolls sideways', async () => {
    const page = await loggedInPage(browser, server.url, advisor, { language: 'de', viewport: PHONE, contexts });
    await page.goto(server.url);
    await page.getByRole('searchbox').first().fill(msisdn);
    await page.getByRole('searchbox').first().press('Enter');
    await page.locator('.result-list .result').filter({ hasText: customerName }).click();
    const panel = page.locator('section.customer-consumption');
    await panel.getByRole('heading', { level: 3, name: 'Verbrauch' }).waitFor();
    await panel.locator('.usage-bucket').filter({ hasText: 'Daten in Luxemburg' }).getByText(/GB von 20\sGB/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'ecoute-consumption-phone.png'), animations: 'disabled' });
  });
});
