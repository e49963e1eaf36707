// Browser test of the administration pages: the real server on a fresh SQLite database with demo
// data, driven through Debian's Chromium, as the demo's administrator (in English) and others.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { DESKTOP, demoLogin, ROOT, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { headerPages, pageLink } from './header-steps.js';

/** The tablet the pages must work on, held landscape. */
const TABLET_LANDSCAPE = { width: 1024, height: 768 };

describe('administration pages (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];

  /** A page of a new context, logged in as the demo's `role`, in `language`. */
  async function openAs(role: string, language: 'fr' | 'en' | 'de', viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await browser.newContext({ viewport, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    await opened.addInitScript((l) => localStorage.setItem('ecoute.language', l), language);
    const login = demoLogin(role);
    const tab = await opened.newPage();
    tab.setDefaultTimeout(10_000);
    const answer = await tab.request.post(`${server.url}/api/v1/auth/login`, { data: { email: login.email, password: login.password } });
    assert.equal(answer.status(), 200);
    return { context: opened, page: tab };
  }

  /** Whether the page is wider than the screen (a horizontal scroll bar). */
  const overflows = (tab: Page) => tab.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  before(async () => {
    site = await startDemoSite('admin', {
      load: (db) => loadDemo(db, { customers: 40, seed: 42 }),
    });
    ({ storage, server, browser } = site);
    ({ context, page } = await openAs('admin', 'en'));
    cspViolations = watchCspViolations(context);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('the header links to the administration index, which lists only the pages the reader may open', async () => {
    await page.goto(server.url);
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Administration')).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin');
    for (const name of ['Contact reasons', 'API tokens', 'Audit trail', 'External studies']) await page.getByRole('link', { name }).waitFor();

    // A CX manager manages reasons and studies, not tokens nor the trail; an advisor has no administration at all.
    const cx = await openAs('cx_manager', 'en');
    await cx.page.goto(`${server.url}/admin`);
    await cx.page.getByRole('link', { name: 'Contact reasons' }).waitFor();
    await cx.page.getByRole('link', { name: 'External studies' }).waitFor();
    assert.equal(await cx.page.getByRole('link', { name: 'API tokens' }).count(), 0);
    assert.equal(await cx.page.getByRole('link', { name: 'Audit trail' }).count(), 0);
    await cx.page.goto(`${server.url}/admin/tokens`);
    await cx.page.waitForURL((url) => url.pathname === '/');
    await cx.context.close();

    const advisor = await openAs('advisor', 'en');
    await advisor.page.goto(`${server.url}/admin`);
    await advisor.page.waitForURL((url) => url.pathname === '/');
    assert.equal(await advisor.page.getByRole('link', { name: 'Administration' }).count(), 0);
    assert.ok(!(await headerPages(advisor.page.getByRole('navigation', { name: 'Pages' }))).includes('Administration'), 'not in "More" either');
    await advisor.context.close();
  });

  test('contact reasons: every missing field named at once, then a new reason created, listed last and moved up', async () => {
    await page.goto(`${server.url}/admin/reasons`);
    const form = page.getByRole('form', { name: 'New reason' });
    await form.getByLabel('Code').fill('Bad Code');
    await form.getByLabel('Label in French').fill('Carte eSIM');
    await form.getByRole('button', { name: 'Create the reason' }).click();
    // the code and the two empty labels, each beside its field
    await form.getByText('2 to 64 lower-case letters').waitFor();
    assert.equal(await form.getByText('Required.').count(), 2);
    assert.equal(await form.getByLabel('Label in German').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('Code').fill('esim');
    await form.getByLabel('Label in German').fill('eSIM-Karte');
    await form.getByLabel('Label in English').fill('eSIM card');
    await form.getByRole('button', { name: 'Create the reason' }).click();
    await page.getByRole('status').getByText('Reason “eSIM card” created.').waitFor();
    const rows = page.getByTestId('reasons-table').locator('tbody tr');
    await rows.last().getByText('eSIM-Karte').waitFor();
    const count = await rows.count();

    await page.getByRole('button', { name: 'Move eSIM card up' }).click();
    await page.getByText(`“eSIM card” is now number ${count - 1}.`).waitFor();
    assert.match((await rows.nth(count - 2).textContent()) ?? '', /esim/);
    // the focus stays on the moved reason, so the keyboard can go on moving it
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reason-up-esim');
    await page.keyboard.press('Enter');
    await page.getByText(`“eSIM card” is now number ${count - 2}.`).waitFor();

    await page.getByRole('button', { name: 'Deactivate eSIM card' }).click();
    await page.getByRole('button', { name: 'Reactivate eSIM card' }).waitFor();
    const stored = await storage.db.selectFrom('reasons').select(['label_de', 'active']).where('code', '=', 'esim').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { label_de: 'eSIM-Karte', active: 0 });
  });

  test('API tokens: a token created with a scope that fits its role, its value shown once, then revoked after confirming', async () => {
    await page.goto(`${server.url}/admin/tokens`);
    const form = page.getByRole('form', { name: 'New token' });
    await form.getByRole('button', { name: 'Create the token' }).click();
    await form.getByText('Required.').waitFor();
    await form.getByText('Tick at least one scope.').waitFor();

    // a DPO token may only read the audit trail: the only scope offered
    await form.getByLabel('Role').selectOption('dpo');
    assert.deepEqual(await form.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.id)), ['token-scope-audit']);
    await form.getByLabel('Role').selectOption('integration');
    await form.getByLabel('Name').fill('Telephony CTI');
    await form.getByLabel('Recognition of callers').check();
    await form.getByRole('button', { name: 'Create the token' }).click();

    const secret = page.getByTestId('token-value');
    await secret.getByText('it is shown only this once').waitFor();
    const value = await secret.getByLabel('Token value').inputValue();
    assert.match(value, /^ect_/);
    // the value works, for what its scope covers
    const recognised = await fetch(`${server.url}/api/v1/reasons`, { headers: { authorization: `Bearer ${value}` } });
    assert.equal(recognised.status, 403, 'recognition does not cover the reason list');
    await page.getByTestId('tokens-table').getByRole('rowheader', { name: 'Telephony CTI' }).waitFor();
    await secret.getByRole('button', { name: 'I have stored it' }).click();
    await secret.waitFor({ state: 'detached' });
    assert.equal(await page.getByText(value).count(), 0);
    assert.equal((await page.content()).includes(value), false, 'the value is not shown again');

    await page.getByRole('button', { name: 'Revoke Telephony CTI' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText('Revoke the token “Telephony CTI”?').waitFor();
    await confirm.getByRole('button', { name: 'Revoke the token' }).click();
    await page.getByText('The token “Telephony CTI” is revoked.').waitFor();
    await page.getByTestId('tokens-table').getByRole('row', { name: /Telephony CTI/ }).getByText('Revoked').waitFor();
    assert.equal((await fetch(`${server.url}/api/v1/recognize?phone=621123456`, { headers: { authorization: `Bearer ${value}` } })).status, 401);
  });

  test('audit trail: filtered by action, the token created and revoked by the administrator are found, with a CSV export of the same filters', async () => {
    await page.goto(`${server.url}/admin/audit`);
    await page.getByTestId('audit-count').waitFor();
    await page.getByLabel('Action').selectOption('token.create');
    await page.getByLabel('Who', { exact: true }).fill('claire');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const rows = page.getByTestId('audit-table').locator('tbody tr');
    await page.getByTestId('audit-count').getByText('1 entry shown').waitFor();
    assert.match((await rows.first().textContent()) ?? '', /Created an API token/);
    const href = await page.getByRole('link', { name: 'Export as CSV' }).getAttribute('href');
    assert.match(href ?? '', /action=token.create/);
    const csv = await page.request.get(`${server.url}${href}`);
    assert.equal(csv.status(), 200);
    assert.equal((await csv.text()).trim().split('\n').length, 2, 'the header and the one row');

    // a period that ends before it starts is refused beside its field
    await page.getByLabel('From').fill('2026-12-10');
    await page.getByLabel('To (inclusive)').fill('2026-12-01');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.getByText('Must not be before the start.').waitFor();

    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByTestId('audit-table').getByText('Revoked an API token').first().waitFor();
    await page.getByTestId('audit-table').getByText('Read the audit trail').first().waitFor();
  });

  test('external studies: the example file imported and listed; a bad file lists every error of its rows', async () => {
    await page.goto(`${server.url}/admin/studies`);
    await page.getByText('No external study yet.').waitFor();
    const example = readFileSync(join(ROOT, 'docs/examples/external-studies.csv'));
    await page.getByLabel('CSV file').setInputFiles({ name: 'external-studies.csv', mimeType: 'text/csv', buffer: example });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/studies imported from external-studies\.csv/).waitFor();
    const listed = await page.getByTestId('studies-table').locator('tbody tr').count();
    assert.equal(listed, example.toString('utf8').trim().split('\n').length - 1);

    const bad = 'firm,study,period,segment,n,promoters,passives,detractors\nInstitut Alzette,Panel,2025-Q5,residential,0,45%,30%,25%\nInstitut Alzette,Panel,2025-Q1,residential,500,45%,30%,\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'panel.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const errors = page.getByTestId('study-import-errors');
    await errors.getByText(/Nothing was imported: the file has 3 errors/).waitFor();
    const lines = await errors.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.children[0]!.textContent, r.children[1]!.textContent]));
    assert.deepEqual(lines, [['2', 'period'], ['2', 'n'], ['3', 'detractors']]);
    await errors.getByText('“2025-Q5” is not a period').waitFor();
    // in the reader's language, every one of them
    const german = await openAs('cx_manager', 'de');
    await german.page.goto(`${server.url}/admin/studies`);
    await german.page.getByLabel('CSV-Datei').setInputFiles({ name: 'panel.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await german.page.getByRole('button', { name: 'Importieren', exact: true }).click();
    const germanErrors = german.page.getByTestId('study-import-errors');
    await germanErrors.getByText('Nichts wurde importiert: Die Datei hat 3 Fehler.').waitFor();
    assert.deepEqual(await germanErrors.locator('tbody tr td:nth-child(3)').allTextContents(), [
      '„2025-Q5“ ist kein Zeitraum: ein Jahr 2025, ein Quartal 2025-Q1, ein Monat 2025-03 oder zwei Daten 2025-01-06/2025-02-14.',
      'Muss eine positive ganze Zahl sein, nicht „0“.',
      'Pflichtfeld bei promoters, passives und detractors.',
    ]);
    await german.context.close();
    assert.equal(await page.getByTestId('studies-table').locator('tbody tr').count(), listed, 'nothing was imported');

    await page.getByRole('button', { name: /^Delete Baromètre/ }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete the study' }).click();
    await page.getByText(/is deleted\./).waitFor();
    assert.equal(await page.getByTestId('studies-table').locator('tbody tr').count(), listed - 1);
  });

  test('each page fits a 1024×768 tablet without scrolling sideways, in French and German too', async () => {
    for (const language of ['fr', 'de'] as const) {
      const tablet = await openAs('admin', language, TABLET_LANDSCAPE);
      for (const path of ['/admin', '/admin/reasons', '/admin/tokens', '/admin/audit', '/admin/studies']) {
        await tablet.page.goto(`${server.url}${path}`);
        await tablet.page.locator('main h1').waitFor();
        await tablet.page.waitForLoadState('networkidle');
        assert.equal(await overflows(tablet.page), false, `${path} in ${language} fits 1024 px`);
        await tablet.page.screenshot({ path: join(SHOTS, `ecoute-admin${path.replace(/\//g, '-')}-${language}-tablet.png`), animations: 'disabled' });
      }
      await tablet.context.close();
    }
    assert.deepEqual(cspViolations, []);
  });
});
