// Browser test of the customer app (/my/) at phone size (390×844), with the server's SMS runtime
// talking SMPP to Ecoute's own SMSC simulator, as `ecoute serve --demo` runs: the customer signs in with
// the code that arrived on their phone, sees their lines' consumption, crosses 80% of their data through
// usage the mediation platform sends and gets the alert SMS, asks for a call back, reads their bills,
// files a complaint, stops the surveys and downloads their data; offline, the app opens from its cache with
// the last known figures. Screenshots go to /tmp/ecoute-my-*.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { startSmsRuntime, type SmsRuntime } from '../../src/cli/sms-runtime.js';
import { DEMO_TELEPHONY_SECRET, loadConfig } from '../../src/config.js';
import { DEMO_LOGINS, loadDemo } from '../../src/demo/index.js';
import { loadDemoBills } from '../../src/demo/demo-bills.js';
import { LiveHub } from '../../src/http/live-hub.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openSqlite, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';

const SMS_WAIT = 20_000;

describe('the customer app at phone size (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let dir: string;
  let storage: Storage;
  let sms: SmsRuntime;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let mediation: string;
  let customer: { msisdn: string; name: string };

  before(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ecoute-e2e-my-'));
    const sqlitePath = join(dir, 'e2e.sqlite');
    storage = openSqlite(sqlitePath);
    await migrateToLatest(storage);
    await loadDemo(storage, { customers: 40, seed: 42 });
    await loadDemoBills(storage, { seed: 42, now: Date.now() });
    // a residential customer with a mobile line on Love Duo (20 GB at home)
    const line = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['lines.msisdn', 'parties.display_name'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('lines.plan', '=', 'Love Duo')
      .where('accounts.segment', '=', 'residential')
      .orderBy('lines.msisdn')
      .executeTakeFirstOrThrow();
    customer = { msisdn: line.msisdn, name: line.display_name };
    mediation = (await createApiToken(storage.db, 'mediation', 'integration', ['usage'])).token;
    const config = loadConfig({ demoMode: true, sqlitePath, databaseUrl: undefined, telephonySecret: DEMO_TELEPHONY_SECRET });
    const live = new LiveHub();
    sms = await startSmsRuntime(storage, { worker: { idleMs: 100, log: () => {} }, config, live });
    assert.ok(sms.simulator, 'no SMSC configured: the simulator runs in the process');
    server = await startServer({ storage, config, port: 0, demoLogins: DEMO_LOGINS, live, simulator: sms.simulator, smsGateway: sms.surveys.gateway });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext({ viewport: PHONE, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg', isMobile: true, hasTouch: true });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await sms?.stop();
    await storage?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The texts the customer's phone received, newest last. */
  const phone = () => sms.simulator!.messagesTo(customer.msisdn).map((m) => m.text);
  async function onPhone(pattern: RegExp): Promise<string> {
    const until = Date.now() + SMS_WAIT;
    for (;;) {
      const found = phone().findLast((text) => pattern.test(text));
      if (found) return found;
      if (Date.now() > until) assert.fail(`no SMS matching ${pattern} on the phone; it has: ${JSON.stringify(phone())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function assertNoSidewaysScroll(what: string): Promise<void> {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `${what}: ${scrollWidth} px wide on a ${clientWidth} px screen`);
  }

  const shot = async (name: string) => {
    // from the top: a whole-page shot of a scrolled page draws the sticky header mid-page
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `ecoute-my-${name}.png`), fullPage: true, animations: 'disabled' });
  };

  test('a wrong number is refused next to the field, in the reader’s language', async () => {
    await page.goto(`${server.url}/my/`);
    await page.getByRole('heading', { name: 'Connexion à votre espace client' }).waitFor();
    await page.getByLabel('Numéro de mobile').fill('26 12 34');
    await page.getByRole('button', { name: 'Recevoir le code' }).click();
    await page.getByRole('alert').filter({ hasText: 'n’est pas un numéro de mobile' }).waitFor();
    await assertNoSidewaysScroll('sign-in');
  });

  test('the customer signs in with the code that arrived on their phone and sees their consumption', async () => {
    await page.getByLabel('Numéro de mobile').fill(customer.msisdn.replace('+352', ''));
    await page.getByRole('button', { name: 'Recevoir le code' }).click();
    await page.getByRole('heading', { name: 'Saisissez le code reçu' }).waitFor();
    const text = await onPhone(/code de connexion/);
    const code = /(\d{6})/.exec(text)?.[1];
    assert.ok(code, `a code in "${text}"`);
    // a wrong code first: refused with the attempts left
    await page.getByLabel('Code à 6 chiffres').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'Il vous reste 4 essai(s)' }).waitFor();
    await shot('code');
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();
    // their line, its plan and billing period; this demo line has no usage yet in the period
    const line = page.getByRole('region', { name: /^Votre ligne \+352/ });
    await line.getByText('Love Duo', { exact: true }).waitFor();
    await line.getByText(/^Du \d+ \S+ au \d+ \S+/).waitFor();
    await line.getByText('Pas encore de consommation sur cette période.').waitFor();
    await assertNoSidewaysScroll('account');
    await shot('account');
  });

  test('usage sent by the mediation platform crosses 80% of the data: the bar moves and the alert SMS arrives', async () => {
    const staffView = async () => {
      const r = await fetch(`${server.url}/api/v1/my/lines/${encodeURIComponent(customer.msisdn)}/consumption`, { headers: { cookie: (await context.cookies(server.url + '/api/v1/my/')).map((c) => `${c.name}=${c.value}`).join('; ') } });
      return (await r.json()) as { buckets: { type: string; used: number; allowance: number | null }[] };
    };
    const before = (await staffView()).buckets.find((b) => b.type === 'data_national')!;
    assert.ok(before.allowance, 'Love Duo has a data allowance at home');
    const missing = Math.max(0, Math.ceil(before.allowance * 0.85) - before.used);
    const response = await fetch(`${server.url}/api/v1/usage/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${mediation}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ eventId: `my-e2e-${Date.now()}`, msisdn: customer.msisdn, occurredAt: new Date(Date.now() - 60_000).toISOString(), type: 'data', quantity: missing + 1, country: 'LU' }]),
    });
    assert.equal(response.status, 200, await response.text());
    await page.getByRole('button', { name: 'Actualiser' }).click();
    const meter = page.getByRole('meter', { name: 'Données au Luxembourg' }).first();
    await page.waitForFunction(() => [...document.querySelectorAll('[role=meter]')].some((m) => Number(m.getAttribute('aria-valuenow')) >= 80));
    assert.ok(Number(await meter.getAttribute('aria-valuenow')) >= 80);
    await onPhone(/80%/);
    await page.getByRole('region', { name: /^Votre ligne/ }).getByText(/^80 % des données au Luxembourg/).waitFor();
    await shot('after-80');
    // the spending limit abroad: 50 EUR by default; the customer raises it
    const limit = page.getByRole('group', { name: 'Limite de dépenses à l’étranger hors UE' });
    await limit.getByText(/sur une limite de 50,00\s€ HTVA/).waitFor();
    await limit.getByLabel('Ma limite').selectOption('10000');
    await limit.getByRole('button', { name: 'Enregistrer' }).click();
    await limit.getByRole('status').filter({ hasText: 'Limite enregistrée.' }).waitFor();
    await limit.getByText(/sur une limite de 100,00\s€ HTVA/).waitFor();
  });

  test('the customer reads their contacts, files a complaint and follows it; the advisor sees the same consumption', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Vos échanges avec nous' }).waitFor();
    const contacts = page.locator('.my-list > li');
    await contacts.first().waitFor();
    assert.ok((await contacts.count()) > 0, 'the demo customer has contacts');
    // a call back at a chosen slot: a task in the team's queue
    const callback = page.getByRole('region', { name: 'Être rappelé' });
    await callback.getByLabel('Heure').waitFor();
    await callback.getByLabel('À quel sujet ? (facultatif)').fill('Changer d’offre');
    await callback.getByRole('button', { name: 'Demander le rappel' }).click();
    await callback.getByRole('status').filter({ hasText: /^Rappel prévu le .+ entre \d{2}:\d{2} et \d{2}:\d{2} au \+352/ }).waitFor();
    const task = await storage.db.selectFrom('cases').innerJoin('callbacks', 'callbacks.case_id', 'cases.id').select(['cases.state', 'cases.team_id', 'callbacks.topic'])
      .where('cases.kind', '=', 'callback').executeTakeFirstOrThrow();
    assert.deepEqual([task.state, task.topic, task.team_id !== null], ['requested', 'Changer d’offre', true]);
    await assertNoSidewaysScroll('contacts');
    await shot('contacts');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Factures' }).click();
    await page.getByRole('heading', { name: 'Vos factures' }).waitFor();
    const bills = page.locator('.my-list > li');
    await bills.first().waitFor();
    assert.match((await bills.first().textContent()) ?? '', /Facture .+€.*(À payer|Payée|En retard)/s);
    await assertNoSidewaysScroll('bills');
    await shot('bills');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Réclamations' }).click();
    await page.getByRole('heading', { name: 'Déposer une réclamation' }).waitFor();
    // nothing chosen: refused next to the field, nothing sent
    await page.getByRole('button', { name: 'Envoyer la réclamation' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choisissez un sujet.' }).waitFor();
    const subject = page.getByLabel('Sujet');
    const firstCategory = await subject.locator('option').nth(1).getAttribute('value');
    await subject.selectOption(firstCategory!);
    await page.getByLabel('Ligne concernée').selectOption(customer.msisdn);
    await page.getByLabel('Que s’est-il passé ?').fill('Ma facture de novembre compte de l’itinérance en Belgique alors que je ne suis pas parti.');
    await page.getByRole('button', { name: 'Envoyer la réclamation' }).click();
    const done = await page.getByRole('status').filter({ hasText: /Votre réclamation \S+ est enregistrée/ }).textContent();
    const reference = /réclamation (\S+) est/.exec(done ?? '')?.[1];
    assert.ok(reference, done ?? '');
    await page.locator('.my-list > li').filter({ hasText: reference }).filter({ hasText: 'Reçue' }).waitFor();
    await assertNoSidewaysScroll('complaints');
    await shot('complaints');
    const stored = await storage.db.selectFrom('complaints').select(['channel']).where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(stored.channel, 'app');

    // the advisor reads the line's consumption as the customer does
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'advisor@demo.ecoute.lu', password: 'ecoute-demo' }) });
    const staff = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0]! };
    const advisorView = await (await fetch(`${server.url}/api/v1/lines/${encodeURIComponent(customer.msisdn)}/consumption`, { headers: staff })).json();
    const customerView = await page.evaluate(async (msisdn) => (await fetch(`/api/v1/my/lines/${encodeURIComponent(msisdn)}/consumption`)).json(), customer.msisdn);
    assert.deepEqual(advisorView.buckets, customerView.buckets);
  });

  test('the customer stops the satisfaction surveys and downloads their data', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Mes données' }).click();
    const surveys = page.getByLabel('Recevoir une enquête de satisfaction par SMS après un échange');
    await surveys.waitFor();
    await surveys.setChecked(false);
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByRole('status').filter({ hasText: 'Vos choix sont enregistrés.' }).waitFor();
    const party = await storage.db.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').innerJoin('parties', 'parties.id', 'accounts.party_id')
      .select(['parties.consent_surveys']).where('lines.msisdn', '=', customer.msisdn).executeTakeFirstOrThrow();
    assert.equal(party.consent_surveys, 0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Télécharger mes données' }).click();
    assert.match((await download).suggestedFilename(), /^my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    await assertNoSidewaysScroll('my data');
    await shot('data');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Consommation' }).click();
  });

  test('offline, the app opens from its cache with the last known figures and their time', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // once the worker controls the page, its files are kept
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();
    await page.getByRole('meter').first().waitFor();
    await context.setOffline(true);
    try {
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Hors ligne : derniers chiffres connus' }).waitFor();
      await page.getByRole('meter', { name: 'Données au Luxembourg' }).first().waitFor();
      await shot('offline');
    } finally {
      await context.setOffline(false);
    }
  });

  test('signing out forgets the figures on the device; the pages ran under the server’s CSP', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à votre espace client' }).waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('ecoute-my-last-known')), null);
    assert.deepEqual(cspViolations, []);
  });
});
