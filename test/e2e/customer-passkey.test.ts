// Browser test of passkeys in the customer app (/my/) at phone size (390×844), with Chromium's virtual
// authenticator (CDP WebAuthn domain: a platform authenticator holding discoverable credentials, with user
// verification), and the server's SMS runtime talking SMPP to Ecoute's own SMSC simulator as `ecoute serve
// --demo` runs: the customer signs in with the code that arrived on their phone, adds a passkey in
// Sécurité, signs out, signs in with the passkey without typing anything, sees which passkey the session
// used and removes it; then a removed or cancelled passkey is worded, and the code comes by e-mail instead.
// Screenshots go to /tmp/ecoute-passkey-*.png, in French and German.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { startSmsRuntime, type SmsRuntime } from '../../src/cli/sms-runtime.js';
import { DEMO_TELEPHONY_SECRET, loadConfig } from '../../src/config.js';
import { DEMO_LOGINS, loadDemo } from '../../src/demo/index.js';
import { LiveHub } from '../../src/http/live-hub.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { openSqlite, type Storage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrator.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureConsoleBuilt, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';

const SMS_WAIT = 20_000;

describe('passkeys in the customer app at phone size (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let dir: string;
  let storage: Storage;
  let sms: SmsRuntime;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let cspViolations: string[];
  let customer: { msisdn: string; name: string; email: string | null };

  before(async () => {
    ensureConsoleBuilt();
    dir = mkdtempSync(join(tmpdir(), 'ecoute-e2e-passkey-'));
    const sqlitePath = join(dir, 'e2e.sqlite');
    storage = openSqlite(sqlitePath);
    await migrateToLatest(storage);
    await loadDemo(storage, { customers: 40, seed: 42 });
    // a residential customer with an active mobile line and an e-mail address on file
    const line = await storage.db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .innerJoin('parties', 'parties.id', 'accounts.party_id')
      .innerJoin('contact_points', (j) => j.onRef('contact_points.party_id', '=', 'parties.id').on('contact_points.kind', '=', 'email'))
      .select(['lines.msisdn', 'parties.display_name', 'contact_points.value as email'])
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .where('accounts.status', '=', 'active')
      .where('accounts.segment', '=', 'residential')
      .orderBy('lines.msisdn')
      .executeTakeFirstOrThrow();
    customer = { msisdn: line.msisdn, name: line.display_name, email: line.email };
    // Passkeys are made for a domain: the server answers at localhost (browsers take no IP address as an RP ID),
    // its own origin there since ECOUTE_PUBLIC_URL is not set.
    const config = loadConfig({ demoMode: true, sqlitePath, databaseUrl: undefined, telephonySecret: DEMO_TELEPHONY_SECRET, publicUrl: undefined, passkeys: { rpId: undefined, extraOrigins: [] } });
    const live = new LiveHub();
    sms = await startSmsRuntime(storage, { worker: { idleMs: 100, log: () => {} }, config, live });
    assert.ok(sms.simulator && sms.mailCatcher, 'the SMSC simulator and the mail catcher run in the process');
    const started = await startServer({ storage, config, port: 0, host: '127.0.0.1', demoLogins: DEMO_LOGINS, live, simulator: sms.simulator, smsGateway: sms.surveys.gateway });
    server = { ...started, url: started.url.replace('127.0.0.1', 'localhost') };
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    context = await browser.newContext({ viewport: PHONE, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg', isMobile: true, hasTouch: true });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await sms?.stop();
    await storage?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function onPhone(pattern: RegExp): Promise<string> {
    const until = Date.now() + SMS_WAIT;
    for (;;) {
      const found = sms.simulator!.messagesTo(customer.msisdn).map((m) => m.text).findLast((text) => pattern.test(text));
      if (found) return found;
      if (Date.now() > until) assert.fail(`no SMS matching ${pattern} on the phone`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function assertNoSidewaysScroll(what: string): Promise<void> {
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `${what}: ${scrollWidth} px wide on a ${clientWidth} px screen`);
  }

  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, `ecoute-passkey-${name}.png`), fullPage: true, animations: 'disabled' });
  };

  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  const nav = () => page.getByRole('navigation', { name: /^(Sections|Bereiche)$/ });

  test('the customer signs in with the code of their phone, then adds a passkey named after the device', async () => {
    await page.goto(`${server.url}/my/`);
    await page.getByRole('heading', { name: 'Connexion à votre espace client' }).waitFor();
    await page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).waitFor();
    await assertNoSidewaysScroll('sign-in');
    await shot('sign-in-fr');
    await page.getByLabel('Numéro de mobile').fill(customer.msisdn.replace('+352', ''));
    await page.getByRole('button', { name: 'Recevoir le code', exact: true }).click();
    const code = /(\d{6})/.exec(await onPhone(/code de connexion/))?.[1];
    assert.ok(code);
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();

    await nav().getByRole('link', { name: 'Sécurité' }).click();
    const security = page.getByRole('region', { name: 'Clés d’accès' });
    await security.getByText('Vous êtes connecté avec un code reçu par SMS.').waitFor();
    await security.getByText('Aucune clé d’accès pour le moment.').waitFor();
    const name = security.getByLabel('Nom de la clé');
    assert.match(await name.inputValue(), /^\S.* sur \S+/, 'a name from the browser and the system');
    await name.fill('Téléphone de test');
    await security.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
    await security.getByRole('status').filter({ hasText: 'Clé d’accès « Téléphone de test » ajoutée' }).waitFor();
    await security.locator('.my-list > li').filter({ hasText: 'Téléphone de test' }).filter({ hasText: 'Jamais utilisée pour se connecter' }).waitFor();
    const held = await credentials();
    assert.equal(held.length, 1);
    assert.equal(held[0]!.isResidentCredential, true, 'a discoverable credential');
    assert.equal(held[0]!.rpId, 'localhost');
    await assertNoSidewaysScroll('security');
    await shot('security-fr');
  });

  test('signed out, the customer signs in with the passkey without typing anything, and sees which passkey the session used', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion à votre espace client' }).waitFor();
    await page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).click();
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();
    const account = await page.evaluate(async () => (await fetch('/api/v1/my/account')).json());
    assert.deepEqual([account.factor, account.signedInWith], ['passkey', customer.msisdn]);
    assert.equal((await credentials())[0]!.signCount > 0, true, 'the authenticator signed once more');
    // after the sign-out the app stays on the section it showed
    const security = page.getByRole('region', { name: 'Clés d’accès' });
    await security.getByText('Vous êtes connecté avec une clé d’accès.').waitFor();
    await security.locator('.my-list > li').filter({ hasText: 'Téléphone de test' }).filter({ hasText: 'Utilisée pour cette connexion' }).filter({ hasText: /Dernière connexion le/ }).waitFor();
    await shot('signed-in-fr');

    await page.getByRole('combobox', { name: 'Langue' }).selectOption('de');
    await nav().getByRole('link', { name: 'Sicherheit' }).waitFor();
    const sicherheit = page.getByRole('region', { name: 'Passkeys' });
    await sicherheit.getByText('Sie sind mit einem Passkey angemeldet.').waitFor();
    await sicherheit.getByText('Für diese Anmeldung verwendet').waitFor();
    await assertNoSidewaysScroll('security in German');
    await shot('security-de');
    // at 360 px, the narrowest phone the app is made for
    await page.setViewportSize({ width: 360, height: 740 });
    await assertNoSidewaysScroll('security at 360 px');
    await shot('security-de-360');
    await page.setViewportSize(PHONE);
  });

  test('the customer removes the passkey; it no longer signs in, and the app says so', async () => {
    const sicherheit = page.getByRole('region', { name: 'Passkeys' });
    await sicherheit.getByRole('button', { name: 'Entfernen Téléphone de test' }).click();
    await sicherheit.getByText('„Téléphone de test“ entfernen? Damit können Sie sich nicht mehr anmelden.').waitFor();
    await shot('remove-de');
    await sicherheit.getByRole('button', { name: 'Ja, entfernen' }).click();
    await sicherheit.getByRole('status').filter({ hasText: 'Passkey „Téléphone de test“ entfernt.' }).waitFor();
    await sicherheit.getByText('Noch kein Passkey.').waitFor();
    assert.equal(await storage.db.selectFrom('passkeys').select('id').executeTakeFirst(), undefined);
    // this session, opened with it, goes on
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/my/account')).status), 200);

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('button', { name: 'Mit einem Passkey anmelden' }).click();
    await page.getByRole('alert').filter({ hasText: 'Dieser Passkey ist nicht mehr registriert' }).waitFor();
    await shot('removed-de');
  });

  test('a passkey sign-in the person does not confirm is worded as cancelled; the code then comes by e-mail', async () => {
    // a passkey on the device whose lock the person does not pass
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: randomBytes(16).toString('base64'), isResidentCredential: true, rpId: 'localhost', userHandle: randomBytes(32).toString('base64'), signCount: 0,
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      },
    });
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
    await page.getByRole('button', { name: 'Se connecter avec une clé d’accès' }).click();
    await page.getByRole('alert').filter({ hasText: 'Connexion annulée. Réessayez, ou recevez un code.' }).waitFor();
    await shot('cancelled-fr');

    assert.ok(customer.email, 'the demo customer has an e-mail address');
    await page.getByRole('button', { name: 'Code par e-mail plutôt que par SMS' }).click();
    await page.getByLabel('Adresse e-mail').fill(customer.email);
    await page.getByRole('button', { name: 'Recevoir le code', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Si cette adresse est celle d’un client' }).waitFor();
    const mail = await sms.mailCatcher!.waitForMessage(customer.email, { timeoutMs: SMS_WAIT });
    const code = /(\d{6})/.exec(mail.text)?.[1];
    assert.ok(code, 'the e-mail holds the code');
    const stored = () => storage.db.selectFrom('email_messages').select(['text', 'secret', 'status']).where('to_address', '=', customer.email!).where('subject', '=', mail.subject).executeTakeFirstOrThrow();
    assert.ok(!(await stored()).text.includes(code), 'the stored e-mail never held the code');
    // the worker records it sent once the SMTP server has answered: then the secret is gone
    for (let until = Date.now() + 5000; (await stored()).status !== 'sent' && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual([(await stored()).secret, (await stored()).status], [null, 'sent'], 'its secret is forgotten once sent');
    await shot('email-code-fr');
    await page.getByLabel('Code à 6 chiffres').fill(code);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { level: 1, name: `Bonjour ${customer.name}` }).waitFor();
    await page.getByRole('region', { name: 'Clés d’accès' }).getByText('Vous êtes connecté avec un code reçu par e-mail.').waitFor();
    assert.deepEqual(cspViolations, []);
  });
});
