// Browser test of the customer search in the advisor console: the real server on a fresh SQLite
// database with demo data and a few customers created through the API, driven through Debian's
// Chromium. Screenshots go to /tmp/ecoute-search-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

const advisor = demoLogin('advisor');

describe('customer search (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];
  const created: Record<string, { id: string; customerNumber: string }> = {};

  before(async () => {
    site = await startDemoSite('search', {
      load: (db) => loadDemo(db, { customers: 40, seed: 42 }),
    });
    ({ storage, server, browser } = site);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: advisor.email, password: advisor.password } });
    assert.equal(login.status(), 200, await login.text());

    const create = async (key: string, body: Record<string, unknown>) => {
      const response = await page.request.post(`${server.url}/api/v1/customers`, { data: body });
      assert.equal(response.status(), 201, await response.text());
      created[key] = await response.json();
    };
    await create('müller', {
      givenName: 'Léa', familyName: 'Müller', locality: 'Esch-sur-Alzette', phones: ['+352 621 987 654'], emails: ['lea.muller@example.lu'],
    });
    await create('mueller', { givenName: 'Jean', familyName: 'Mueller', locality: 'Differdange', phones: ['+352 691 111 222'] });
    await create('hw', {
      kind: 'organisation', organisationName: 'Hoffmann & Wagener SARL', segment: 'business', locality: 'Mersch', phones: ['+352 26 11 22 33'],
    });
    // namesakes, more of them than a search lists
    for (let i = 0; i < 22; i++) await create(`reckinger${i}`, { givenName: `Paul${i}`, familyName: 'Reckinger', phones: [`+352 691 300 ${String(100 + i)}`] });
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  const searchBox = () => page.getByLabel('Nom, numéro client ou téléphone (ou e-mail)');
  const results = () => page.locator('.result-list .result');

  async function search(q: string) {
    await searchBox().fill(q);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  }

  test('"mueller" finds Müller and Mueller, with their number, phone and locality', async () => {
    await page.goto(server.url);
    await searchBox().waitFor();
    await search('mueller');
    const lea = results().filter({ hasText: 'Léa Müller' });
    await lea.waitFor();
    await results().filter({ hasText: 'Jean Mueller' }).waitFor();
    await lea.getByText(created['müller']!.customerNumber).waitFor();
    await lea.getByText('+352 621 987 654').waitFor();
    await lea.getByText('Esch-sur-Alzette').waitFor();
    await results().filter({ hasText: 'Jean Mueller' }).getByText('Differdange').waitFor();
    await page.screenshot({ path: join(SHOTS, 'ecoute-search-mueller.png'), animations: 'disabled' });

    // the result opens the card, which shows the locality too
    await lea.click();
    await page.getByRole('heading', { level: 2, name: 'Léa Müller' }).waitFor();
    await page.locator('section.identity').getByText('Esch-sur-Alzette').waitFor();

    // the other spellings find them too
    for (const q of ['müller', 'muller']) {
      await search(q);
      await results().filter({ hasText: 'Jean Mueller' }).waitFor();
      await results().filter({ hasText: 'Léa Müller' }).waitFor();
    }
  });

  test('"hoffmann wagener" finds "Hoffmann & Wagener", and an e-mail address finds its customer', async () => {
    await page.goto(server.url);
    await search('hoffmann wagener');
    const hw = results().filter({ hasText: 'Hoffmann & Wagener SARL' });
    await hw.waitFor();
    await hw.getByText('Mersch').waitFor();
    await hw.getByText('+352 26 11 22 33').waitFor();

    await search('LEA.MULLER@example');
    await results().filter({ hasText: 'Léa Müller' }).waitFor();
    assert.equal(await results().count(), 1);
  });

  test('more namesakes than listed: the console says so and asks to refine', async () => {
    const before = await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('via', '=', 'search').executeTakeFirstOrThrow();
    await page.goto(server.url);
    await search('reckinger');
    await page.getByText('Plus de 20 clients trouvés : précisez la recherche (prénom, localité…).').waitFor();
    assert.equal(await results().count(), 20);
    await page.screenshot({ path: join(SHOTS, 'ecoute-search-more.png'), animations: 'disabled' });
    // every customer listed is an audited read
    const afterSearch = await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('via', '=', 'search').executeTakeFirstOrThrow();
    assert.ok(Number(afterSearch.n) - Number(before.n) >= 20);

    // a narrower search lists one, without the hint
    await search('paul7 reckinger');
    await results().filter({ hasText: 'Paul7 Reckinger' }).waitFor();
    await page.getByText('1 client trouvé').waitFor();
    assert.equal(await page.getByText(/Plus de 20 clients/).count(), 0);
  });

  test('a customer created in the console with their locality is found at once, with it', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Créer un client' }).click();
    const form = page.locator('form').filter({ has: page.getByLabel('Raison sociale').or(page.getByLabel('Prénom')) });
    await form.getByLabel('Prénom').fill('Zoé');
    await form.getByLabel('Nom', { exact: true }).fill('Schæfer-Lëtz');
    await form.getByLabel('Localité').fill('Wiltz');
    await form.getByRole('button', { name: 'Créer le client' }).click();
    await page.getByRole('heading', { level: 2, name: 'Zoé Schæfer-Lëtz' }).waitFor();
    await page.locator('section.identity').getByText('Wiltz').waitFor();
    await search('letz zoe schaefer');
    await results().filter({ hasText: 'Zoé Schæfer-Lëtz' }).getByText('Wiltz').waitFor();
  });

  test('a query of one letter is refused with its own problem code, worded in the reader’s language', async () => {
    const response = await page.request.get(`${server.url}/api/v1/customers?q=a`);
    assert.equal(response.status(), 400);
    const problem = await response.json();
    assert.match(problem.type, /search-too-short$/);
    assert.equal(problem.params.min, 2);
    await page.goto(server.url);
    await search('é');
    await page.getByText('Saisissez au moins 2 lettres ou chiffres.').waitFor();
    assert.deepEqual(cspViolations, []);
  });
});
