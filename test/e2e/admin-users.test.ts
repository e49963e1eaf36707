// Browser test of the administration of accounts, teams and sites: the real server on a fresh SQLite
// database with demo data, an admin driving /admin/users and /admin/teams through Chromium, on a
// desktop and on a 1024×768 tablet. Screenshots go to /tmp/ecoute-admin-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

const admin = demoLogin('admin');
const TABLET_LANDSCAPE = { width: 1024, height: 768 };


/**
 * How far the page is wider than a 1024 px tablet once it has laid itself out at that size (the header
 * moves the links that no longer fit into its menu on the next frame after a resize): 0 when it fits.
 */
async function tabletOverflowOf(page: Page): Promise<number> {
  const overflow = () => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
  await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, undefined, { timeout: 2000 }).catch(() => undefined);
  return overflow();
}

describe('administration of accounts, teams and sites (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];

  const login = async (p: Page, email: string, password: string) => {
    await p.goto(server.url);
    await p.getByLabel('Adresse e-mail').fill(email);
    await p.getByLabel('Mot de passe').fill(password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
  };

  before(async () => {
    site = await startDemoSite('admin', {
      load: (db) => loadDemo(db, { customers: 20, seed: 7 }),
    });
    ({ storage, server, browser } = site);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await login(page, admin.email, admin.password);
    await page.getByRole('banner').getByText(admin.displayName).waitFor();
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('an admin creates a user (every refusal beside its field first), sees them listed, and the new password logs in', async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const form = page.locator('form.admin-form');
    // an e-mail already used, no name, no role: all three refused at once, beside their fields
    await form.getByLabel('E-mail').fill(admin.email);
    await form.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await form.getByText('Un autre compte a déjà cette adresse e-mail.').waitFor();
    await form.getByText('À remplir.').waitFor();
    await form.getByText('Choisissez une des valeurs proposées.').waitFor();
    assert.equal(await form.getByLabel('E-mail').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('E-mail').fill('lea.muller@demo.ecoute.lu');
    await form.getByLabel('Nom affiché').fill('Léa Muller');
    await form.getByLabel('Rôle').selectOption('advisor');
    await form.getByLabel('Équipe').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mot de passe provisoire' });
    const password = (await dialog.getByTestId('temporary-password').textContent())!;
    assert.match(password, /^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    await dialog.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
    await page.getByLabel('Nom ou e-mail').fill('lea.muller');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.getByRole('row', { name: /Léa Muller/ }).waitFor();
    assert.equal(await page.locator('table.admin-table tbody tr').count(), 1);

    const other = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU' });
    const newcomer = await other.newPage();
    await login(newcomer, 'lea.muller@demo.ecoute.lu', password);
    await newcomer.getByRole('banner').getByText('Léa Muller').waitFor();
    await other.close();
  });

  test('an admin deactivates a user after confirming, then gives them a new temporary password', async () => {
    await page.goto(`${server.url}/admin/users`);
    await page.getByLabel('Nom ou e-mail').fill('lea.muller');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const row = page.getByRole('row', { name: /Léa Muller/ });
    await row.getByRole('button', { name: 'Désactiver' }).click();
    const confirm = page.getByRole('dialog', { name: 'Désactiver' });
    await confirm.getByText('Désactiver le compte de Léa Muller ?').waitFor();
    await confirm.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByRole('status').getByText('Le compte de Léa Muller est désactivé.').waitFor();
    await row.getByText('Désactivé').waitFor();
    const stored = await storage.db.selectFrom('users').select('active').where('email', '=', 'lea.muller@demo.ecoute.lu').executeTakeFirstOrThrow();
    assert.equal(Number(stored.active), 0);

    await row.getByRole('button', { name: 'Nouveau mot de passe' }).click();
    await page.getByRole('dialog', { name: 'Nouveau mot de passe' }).getByRole('button', { name: 'Confirmer' }).click();
    const shown = page.getByRole('dialog', { name: 'Mot de passe provisoire' });
    const password = (await shown.getByTestId('temporary-password').textContent())!;
    assert.match(password, /^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    await shown.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
    const trail = await storage.db.selectFrom('audit_log').select('action').where('subject', 'like', 'user:%').orderBy('id').execute();
    assert.deepEqual(trail.map((r) => r.action), ['user.create', 'user.deactivate', 'user.reset-password']);

    await page.setViewportSize(TABLET_LANDSCAPE);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.locator('table.admin-table tbody tr').nth(5).waitFor();
    assert.equal(await tabletOverflowOf(page), 0, 'the page fits a 1024 px tablet');
    await page.screenshot({ path: join(SHOTS, 'ecoute-admin-users-tablet.png'), fullPage: true, animations: 'disabled' });
    await page.setViewportSize(DESKTOP);
  });

  test('an admin creates a team on a site and sees it listed', async () => {
    await page.goto(`${server.url}/admin/teams`);
    await page.getByRole('heading', { level: 1, name: 'Équipes et sites' }).waitFor();
    await page.getByRole('button', { name: 'Nouvelle équipe' }).click();
    const form = page.locator('form.admin-form');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('À remplir.').waitFor();
    await form.getByLabel('Nom').fill('Fibre Pro');
    await form.getByLabel('Site').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').getByText('L’équipe Fibre Pro est créée.').waitFor();
    await page.getByRole('region', { name: 'Équipes' }).getByRole('row', { name: /Fibre Pro/ }).waitFor();
    await page.setViewportSize(TABLET_LANDSCAPE);
    assert.equal(await tabletOverflowOf(page), 0, 'the page fits a 1024 px tablet');
    await page.screenshot({ path: join(SHOTS, 'ecoute-admin-teams-tablet.png'), fullPage: true, animations: 'disabled' });
    await page.setViewportSize(DESKTOP);
    assert.deepEqual(cspViolations, []);
  });
});
