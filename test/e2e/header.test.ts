// Browser test of the console header: one row for every role in German and French at the three
// desktop sizes (the pages that do not fit go into "More"), every page reachable, the user's name on
// one line, the menus driven by the keyboard, and a usable header on a portrait tablet and a phone.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { DESKTOP, demoLogin, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { headerPages, MORE, moreButton } from './header-steps.js';

const SIZES = [DESKTOP, { width: 1280, height: 800 }, { width: 1024, height: 768 }];
type Language = 'fr' | 'de';
const LABELS: Record<Language, Record<string, string>> = {
  fr: { console: 'Console', cases: 'Suivi', actions: 'Actions', nps: 'NPS', pareto: 'Pareto', quality: 'Qualité', review: 'Revue mensuelle', phone: 'Téléphone simulé', surveys: 'Enquêtes', admin: 'Administration' },
  de: { console: 'Konsole', cases: 'Vorgänge', actions: 'Maßnahmen', nps: 'NPS', pareto: 'Pareto', quality: 'Qualität', review: 'Monatsbericht', phone: 'Telefon-Simulator', surveys: 'Umfragen', admin: 'Verwaltung' },
};
/** The pages of each role, in the header's order. */
const ROLE_PAGES: Record<string, string[]> = {
  advisor: ['console', 'cases', 'nps', 'quality', 'phone'],
  team_lead: ['console', 'cases', 'actions', 'nps', 'pareto', 'quality', 'phone', 'surveys', 'admin'],
  quality_coach: ['console', 'actions', 'nps', 'pareto', 'quality', 'phone', 'surveys', 'admin'],
  cx_manager: ['console', 'cases', 'actions', 'nps', 'pareto', 'quality', 'review', 'phone', 'surveys', 'admin'],
  admin: ['console', 'cases', 'actions', 'nps', 'pareto', 'quality', 'review', 'phone', 'surveys', 'admin'],
};
const NAV: Record<Language, string> = { fr: 'Pages', de: 'Seiten' };

/** Where the header's parts are: its height, the bar's items (links and "More"), the user's name. */
async function headerGeometry(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector('.app-nav');
    const name = document.querySelector('.user-menu-button .user-name') as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(name);
    const dot = document.querySelector('.live-dot');
    return {
      header: document.querySelector('.app-header')!.getBoundingClientRect().toJSON() as DOMRect,
      brand: document.querySelector('.app-header .brand')!.getBoundingClientRect().toJSON() as DOMRect,
      nav: nav ? (nav.getBoundingClientRect().toJSON() as DOMRect) : null,
      tools: document.querySelector('.header-tools')!.getBoundingClientRect().toJSON() as DOMRect,
      items: Array.from(document.querySelectorAll('.app-nav ul.nav-links:not(.nav-measure) > li > .nav-link')).map((el) => ({
        text: (el.textContent ?? '').trim(),
        ...(el.getBoundingClientRect().toJSON() as DOMRect),
        cut: el.scrollWidth > el.clientWidth + 0.5,
      })),
      nameLines: new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))).size,
      nameCut: name.scrollWidth > name.clientWidth + 0.5,
      dot: dot ? (dot.getBoundingClientRect().toJSON() as DOMRect) : null,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
}

/** The bar's items inside the navigation, side by side without overlapping, none cut. */
function assertBarFits(geometry: Awaited<ReturnType<typeof headerGeometry>>, what: string) {
  const { nav, items } = geometry;
  assert.ok(nav, `${what}: a navigation`);
  for (const item of items) {
    assert.ok(!item.cut, `${what}: ${item.text} is cut`);
    assert.ok(item.left >= nav.left - 0.5 && item.right <= nav.right + 0.5, `${what}: ${item.text} outside the navigation ${JSON.stringify({ item, nav })}`);
  }
  for (let i = 1; i < items.length; i += 1) {
    assert.ok(items[i - 1]!.right <= items[i]!.left + 0.5, `${what}: ${items[i - 1]!.text} overlaps ${items[i]!.text}`);
  }
  if (geometry.brand.bottom > nav.top) assert.ok(geometry.brand.right <= nav.left + 0.5, `${what}: the brand overlaps the navigation`);
}

describe('console header (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;

  async function openAs(role: string, language: Language, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    await context.addInitScript((l) => localStorage.setItem('ecoute.language', l), language);
    const login = demoLogin(role);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const answer = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: login.email, password: login.password } });
    assert.equal(answer.status(), 200);
    return { context, page };
  }

  before(async () => {
    site = await startDemoSite('header', {
      load: (db) => loadDemo(db, { customers: 40, seed: 42 }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    await site?.close();
  });

  for (const language of ['de', 'fr'] as const) {
    for (const role of Object.keys(ROLE_PAGES)) {
      test(`${role} in ${language}: one row at 1440, 1280 and 1024, every page reachable, the name on one line`, async () => {
        const { context, page } = await openAs(role, language);
        try {
          await page.goto(server.url);
          const nav = page.getByRole('navigation', { name: NAV[language] });
          const expected = ROLE_PAGES[role]!.map((p) => LABELS[language][p]!);
          for (const size of SIZES) {
            await page.setViewportSize(size);
            await nav.getByRole('link').first().waitFor();
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
            const what = `${role} ${language} ${size.width}×${size.height}`;
            const geometry = await headerGeometry(page);
            assert.ok(geometry.header.bottom - geometry.header.top < 80, `${what}: header on one row (${geometry.header.bottom - geometry.header.top}px)`);
            assertBarFits(geometry, what);
            assert.equal(geometry.nameLines, 1, `${what}: the user's name on one line`);
            assert.ok(!geometry.nameCut, `${what}: the user's name in full`);
            assert.ok(geometry.pageWidth <= size.width, `${what}: no sideways scroll`);
            if (geometry.dot) assert.ok(geometry.dot.right <= size.width && geometry.dot.right > geometry.dot.left, `${what}: the live dot in view`);
            assert.deepEqual(await headerPages(nav), expected, `${what}: every page, in order`);
            const inBar = geometry.items.map((i) => i.text).filter((t) => !MORE.test(t));
            if (inBar.length === geometry.items.length) assert.deepEqual(inBar, expected, `${what}: all in the bar`);
            else assert.ok(inBar.length < expected.length && inBar.every((t) => expected.includes(t)), `${what}: the bar shows some pages, "More" the others`);
            if (role === 'cx_manager' || role === 'admin') await page.screenshot({ path: join(SHOTS, `ecoute-header-${role}-${language}-${size.width}.png`), clip: { x: 0, y: 0, width: size.width, height: 90 } });
          }
        } finally {
          await context.close();
        }
      });
    }
  }

  test('the current page stays in the bar, marked, when its link would be in "More"', async () => {
    const { context, page } = await openAs('admin', 'de', { width: 1024, height: 768 });
    try {
      await page.goto(`${server.url}/admin`);
      const nav = page.getByRole('navigation', { name: 'Seiten' });
      const current = nav.getByRole('link', { name: 'Verwaltung' });
      await current.waitFor();
      // the page takes the focus on its heading once it has mounted; a menu open then would close
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      assert.equal(await current.getAttribute('aria-current'), 'page');
      assert.ok(await moreButton(nav).isVisible(), 'the other pages that do not fit are in "More"');
      const geometry = await headerGeometry(page);
      assert.ok(geometry.header.bottom - geometry.header.top < 80);
      assertBarFits(geometry, 'admin de 1024 on /admin');
      assert.deepEqual((await headerPages(nav)).sort(), ROLE_PAGES.admin!.map((p) => LABELS.de[p]!).sort());
      await moreButton(nav).click();
      assert.equal(await nav.locator('.nav-more-menu').getByRole('link', { name: 'Verwaltung' }).count(), 0, 'not twice');
    } finally {
      await context.close();
    }
  });

  test('"More" and the user menu by keyboard: Enter opens, Tab walks in, Escape closes and gives the focus back', async () => {
    const { context, page } = await openAs('cx_manager', 'de', { width: 1024, height: 768 });
    try {
      await page.goto(server.url);
      const nav = page.getByRole('navigation', { name: 'Seiten' });
      const more = moreButton(nav);
      await more.waitFor();
      const barLinks = nav.getByRole('link');
      const inBar = await barLinks.count();
      // The last link of the bar, then Tab: the "More" button.
      await barLinks.nth(inBar - 1).focus();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('nav-more-button')), true, 'Tab reaches "More"');
      assert.equal(await more.getAttribute('aria-expanded'), 'false');
      await page.keyboard.press('Enter');
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const menu = nav.locator(`#${await more.getAttribute('aria-controls')}`);
      await menu.getByRole('link', { name: 'Verwaltung' }).waitFor();
      await page.keyboard.press('Tab');
      const first = (await menu.getByRole('link').first().textContent())!.trim();
      assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), first, 'Tab walks into the menu');
      await page.keyboard.press('Escape');
      assert.equal(await more.getAttribute('aria-expanded'), 'false');
      assert.equal(await menu.getByRole('link').count(), 0, 'closed: its links hidden');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('nav-more-button')), true, 'the focus back on "More"');

      // Choosing a page of the menu by keyboard opens it and closes the menu; it is then in the bar, current.
      await page.keyboard.press('Enter');
      await menu.getByRole('link', { name: 'Verwaltung' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin$/);
      await nav.getByRole('link', { name: 'Verwaltung' }).waitFor();
      // the page opened takes the focus on its heading once it has mounted (it may load after the address changes)
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      assert.equal(await nav.getByRole('link', { name: 'Verwaltung' }).getAttribute('aria-current'), 'page');
      assert.equal(await more.getAttribute('aria-expanded'), 'false');

      // A click elsewhere closes it too.
      await more.click();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      await page.locator('#main').click({ position: { x: 5, y: 5 } });
      assert.equal(await more.getAttribute('aria-expanded'), 'false');

      // The user menu: the name on its button; role, language and logout inside.
      const account = page.getByRole('banner').getByRole('button', { name: 'Angemeldet als Paulo Ferreira' });
      await account.focus();
      await page.keyboard.press('Enter');
      assert.equal(await account.getAttribute('aria-expanded'), 'true');
      const panel = page.locator(`#${await account.getAttribute('aria-controls')}`);
      await panel.getByText('Rolle: CX-Manager').waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SELECT', 'Tab reaches the language');
      await page.keyboard.press('Escape');
      assert.equal(await account.getAttribute('aria-expanded'), 'false');
      assert.equal(await panel.getByText('Rolle: CX-Manager').isVisible(), false);
      await page.waitForFunction(() => document.activeElement?.classList.contains('user-menu-button'), null, { timeout: 2000 }).catch(() => undefined);
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('user-menu-button')), true, 'the focus back on the name');

      await account.click();
      assert.equal(await account.getAttribute('aria-expanded'), 'true', 'a click opens it');
      await page.getByRole('banner').getByLabel('Sprache').selectOption('fr');
      const compte = page.getByRole('banner').getByRole('button', { name: 'Connecté en tant que Paulo Ferreira' });
      await compte.waitFor();
      if ((await compte.getAttribute('aria-expanded')) !== 'true') await compte.click();
      await panel.getByText('Rôle : Responsable expérience client').waitFor();
      await panel.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    } finally {
      await context.close();
    }
  });

  for (const [what, viewport] of [['portrait tablet', TABLET], ['phone', PHONE]] as const) {
    test(`on a ${what} the header stays usable: pages below the brand, every page reachable, the user menu in view`, async () => {
      const { context, page } = await openAs('cx_manager', 'de', viewport);
      try {
        await page.goto(server.url);
        const nav = page.getByRole('navigation', { name: 'Seiten' });
        await nav.getByRole('link').first().waitFor();
        const geometry = await headerGeometry(page);
        assertBarFits(geometry, what);
        assert.ok(geometry.pageWidth <= viewport.width, `${what}: no sideways scroll`);
        assert.equal(geometry.nameLines, 1, `${what}: the name on one line`);
        assert.deepEqual(await headerPages(nav), ROLE_PAGES.cx_manager!.map((p) => LABELS.de[p]!));
        const account = page.getByRole('banner').locator('button.user-menu-button');
        await account.click();
        const panel = page.locator(`#${await account.getAttribute('aria-controls')}`);
        const box = await panel.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, `${what}: the user menu in view ${JSON.stringify(box)}`);
        await panel.getByRole('button', { name: 'Abmelden' }).waitFor();
        await page.screenshot({ path: join(SHOTS, `ecoute-header-cx_manager-de-${viewport.width}.png`), clip: { x: 0, y: 0, width: viewport.width, height: 360 } });
      } finally {
        await context.close();
      }
    });
  }
});
