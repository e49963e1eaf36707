// Browser test of the improvement actions board: the real server on a fresh SQLite database with demo
// data and complaints coded to a cause before and after a day 60 days ago, driven through Debian's
// Chromium. A CX manager opens the board from the cause (as the Pareto board links it), creates an
// action proposed the day before, approves, starts and marks it done on that day, sees its measured
// effect (the complaint rate before and after with its intervals: better) and verifies it.
// Screenshots of the board at 1440×900, 768×1024 and 390×844 go to ECOUTE_SCREENSHOTS (ecoute-actions-*.png).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, demoLogin, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink } from './header-steps.js';
import { codeComplaints, spreadDays } from '../../src/actions/actions.testkit.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { addDays, formatDay, localDay } from '../../src/shared/calendar.js';
import type { Storage } from '../../src/storage/database.js';

const manager = demoLogin('cx_manager');
const SIZES = { desktop: DESKTOP, tablet: TABLET, phone: PHONE } as const;
const DAY = 86_400_000;
const TODAY = localDay(Date.now());
/** The day the action was done: its 8 weeks after are complete. */
const DONE_DAY = addDays(TODAY, -60);

describe('improvement actions board (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];

  async function shots(p: Page, name: string) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await p.setViewportSize(viewport);
      await p.screenshot({ path: join(SHOTS, `ecoute-actions-${name}-${size}.png`), fullPage: true, animations: 'disabled' });
    }
    await p.setViewportSize(DESKTOP);
  }

  before(async () => {
    site = await startDemoSite('actions', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 40, seed: 11 });
        // every demo customer a customer for a year: the base the complaint rate is counted against
        await storage.db.updateTable('parties').set({ created_at: Date.now() - 365 * DAY }).execute();
        const parties = (await storage.db.selectFrom('parties').select('id').execute()).map((p) => p.id);
        // poor coverage: 30 complaints in the 8 weeks before the done day, 3 in the 8 weeks after
        await codeComplaints(storage.db, 'network.coverage', spreadDays(addDays(DONE_DAY, -56), 56, 30), parties);
        await codeComplaints(storage.db, 'network.coverage', spreadDays(DONE_DAY, 56, 3), parties);
      },
    });
    ({ storage, server, browser } = site);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('a CX manager opens the Pareto board, drills into the top cause, creates an action from it, marks it done in the past, sees its measured effect and verifies it', async () => {
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(manager.email);
    await page.getByLabel('Mot de passe').fill(manager.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('banner').getByText(manager.displayName).waitFor();
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Actions')).waitFor();

    // From the Pareto board: the top cause drilled into, then "create an action" on it: the form comes with the cause chosen.
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Pareto')).click();
    await page.getByRole('heading', { level: 1, name: 'Pareto des causes' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.pareto-board [aria-busy="true"]') === null);
    await page.locator('.pareto-bar').first().click();
    await page.waitForURL('**/pareto?cause=network.coverage');
    await page.locator('section.cause-items').getByRole('heading', { name: 'Derrière « Couverture insuffisante »' }).waitFor();
    await page.getByRole('link', { name: 'Créer une action sur « Couverture insuffisante »' }).click();
    await page.waitForURL('**/actions?cause=network.coverage');
    await page.getByRole('heading', { level: 1, name: 'Actions d’amélioration' }).waitFor();
    const form = page.locator('form.action-form');
    await form.getByRole('heading', { name: 'Nouvelle action d’amélioration' }).waitFor();
    await form.locator('.chip', { hasText: 'Couverture insuffisante' }).waitFor();
    await form.getByLabel('Intitulé').fill('Antennes supplémentaires à Esch-sur-Alzette');
    await form.getByLabel('Description').fill('Deux antennes 4G ajoutées pour couvrir le quartier Lallange');
    await form.getByLabel('À réaliser pour le').fill(formatDay(addDays(TODAY, 30)));
    await form.getByLabel('Proposée le').fill(formatDay(addDays(DONE_DAY, -1)));
    await form.getByLabel('Objectif (en mots)').fill('Réduire de moitié les réclamations de couverture');
    await form.getByRole('button', { name: 'Créer l’action' }).click();

    const detail = page.locator('article.action-detail');
    await detail.getByRole('heading', { level: 2, name: /ACT-\d{4}-0001 Antennes supplémentaires/ }).waitFor();
    await detail.locator('.action-state', { hasText: 'Proposée' }).waitFor();
    // labels in the console's language: the cause and its department
    await detail.locator('.action-facts').getByText('Couverture insuffisante').waitFor();
    await detail.locator('.action-facts').getByText('Réseau').waitFor();
    assert.match(new URL(page.url()).search, /^\?id=/, 'the address opens the action');
    await page.locator('.actions-table').getByText('Antennes supplémentaires à Esch-sur-Alzette').waitFor();
    await detail.getByText('L’effet sera mesuré une fois l’action réalisée.').waitFor();

    await detail.getByRole('button', { name: 'Approuver' }).click();
    await detail.locator('.action-state', { hasText: 'Approuvée' }).waitFor();
    await detail.getByRole('button', { name: 'Démarrer' }).click();
    await detail.locator('.action-state', { hasText: 'En cours' }).waitFor();
    await detail.getByRole('button', { name: 'Marquer réalisée' }).click();
    await detail.getByLabel('Réalisée le').fill(formatDay(DONE_DAY));
    await detail.getByRole('button', { name: 'Confirmer' }).click();
    await detail.locator('.action-state', { hasText: 'Réalisée' }).waitFor();

    // The effect: the complaint rate before and after with its whiskers, better, significant.
    const rate = detail.getByRole('region', { name: 'Taux de réclamations' });
    await rate.locator('.effect-verdict-better', { hasText: 'Mieux' }).waitFor();
    assert.equal(await rate.locator('svg circle').count(), 2, 'before and after');
    assert.equal(await rate.locator('svg g[data-window] g line').count(), 6, 'a whisker with its two caps each');
    assert.match((await rate.locator('.effect-verdict').textContent()) ?? '', /Écart −?-?\d+,\d\d \(IC 95 % .+\), p = < 0,001/);
    await detail.getByText('L’objectif a changé significativement dans le sens voulu : l’action peut être vérifiée.').waitFor();
    // the same figures as a table, and back
    const toggle = detail.getByRole('button', { name: 'Voir en tableau' });
    await toggle.click();
    await detail.locator('table.data-table').getByRole('rowheader', { name: 'Taux de réclamations' }).first().waitFor();
    await toggle.click();
    await rate.locator('svg').waitFor();
    await shots(page, 'effect');

    await detail.getByRole('button', { name: 'Vérifier l’effet' }).click();
    await detail.locator('.action-state', { hasText: 'Vérifiée' }).waitFor();
    await page.getByRole('link', { name: 'Vérifiées' }).click();
    await page.locator('.actions-table').getByText('Antennes supplémentaires à Esch-sur-Alzette').waitFor();
    const stored = await storage.db.selectFrom('actions').innerJoin('cases', 'cases.id', 'actions.case_id').select(['cases.state', 'actions.verified_by_override']).executeTakeFirstOrThrow();
    assert.deepEqual([stored.state, Number(stored.verified_by_override)], ['verified', 0]);
    assert.deepEqual(cspViolations, []);
  });
});
