// Browser test of refusals as people read them: the create-customer form and the survey rules form with
// several bad values show every error at once, next to its field, in French and in German, with no
// English validator text; a failed login is worded in German. The real server on demo data, Chromium.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

/** Words and phrases of the server's English reasons and zod's messages: none may reach a French or German screen. */
const ENGLISH = /\b(too small|too big|expected|required|invalid|must|received|is not|characters|wrong|e-mail or password|not valid|at most|at least)\b/i;

type Language = 'fr' | 'de';
const TEXT: Record<Language, { createCustomer: string; submitCustomer: string }> = {
  fr: { createCustomer: 'Créer un client', submitCustomer: 'Créer le client' },
  de: { createCustomer: 'Kunden anlegen', submitCustomer: 'Kunden anlegen' },
};

describe('refusals worded in the reader’s language, every one at once (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    site = await startDemoSite('errors', {
      load: (db) => loadDemo(db, { customers: 20, seed: 7 }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    await site?.close();
  });

  /** A page in `language`, logged in as `role` (or not). */
  async function open(language: Language, role?: Parameters<typeof demoLogin>[0]): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: language === 'fr' ? 'fr-LU' : 'de-LU', timezoneId: 'Europe/Luxembourg' });
    await context.addInitScript((lang) => localStorage.setItem('ecoute.language', lang), language);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    if (role) {
      const who = demoLogin(role);
      const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: who.email, password: who.password } });
      assert.equal(login.status(), 200);
    }
    return page;
  }

  /** The visible error texts of a form, each next to an input marked invalid. */
  async function shownErrors(form: ReturnType<Page['locator']>): Promise<string[]> {
    return (await form.locator('.field-error').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  for (const language of ['fr', 'de'] as const) {
    test(`the create-customer form shows all its errors at once (${language})`, async () => {
      const page = await open(language, 'advisor');
      try {
        await page.goto(server.url);
        await page.getByRole('button', { name: TEXT[language].createCustomer }).click();
        const form = page.locator('section.create-customer');
        // no family name, a phone number with letters, an address without @
        await form.locator('input[name="givenName"]').fill('Lena');
        await form.locator('input[name="phone"]').fill('621 abc');
        await form.locator('input[name="email"]').fill('lena.example.lu');
        await form.getByRole('button', { name: TEXT[language].submitCustomer, exact: true }).click();
        await form.locator('.field-error').nth(2).waitFor();
        const errors = await shownErrors(form);
        assert.equal(errors.length, 3, errors.join(' | '));
        for (const name of ['familyName', 'phone', 'email']) {
          const input = form.locator(`input[name="${name}"]`);
          assert.equal(await input.getAttribute('aria-invalid'), 'true', name);
          const described = await input.getAttribute('aria-describedby');
          assert.ok(described && (await page.locator(`[id="${described}"]`).innerText()).trim().length > 0, name);
        }
        const text = await form.innerText();
        assert.doesNotMatch(text, ENGLISH, text);
        await page.screenshot({ path: join(SHOTS, `ecoute-errors-create-customer-${language}.png`), fullPage: true });
      } finally {
        await page.context().close();
      }
    });

    test(`the survey rules form shows four errors at once (${language})`, async () => {
      const page = await open(language, 'cx_manager');
      try {
        await page.goto(`${server.url}/surveys/rules`);
        const form = page.locator('form.rules-form');
        await form.locator('input[data-field="samplingPercent"]').fill('150');
        await form.locator('input[data-field="delayMinutes"]').fill('-5');
        await form.locator('input[data-field="openHours"]').fill('0');
        await form.locator('input[data-field="quietStart"]').fill('25:99');
        await form.locator('button[type="submit"]').click();
        await form.locator('.field-error').nth(3).waitFor();
        const errors = await shownErrors(form);
        assert.equal(errors.length, 4, errors.join(' | '));
        for (const field of ['samplingPercent', 'delayMinutes', 'openHours', 'quietStart']) {
          assert.equal(await form.locator(`input[data-field="${field}"]`).getAttribute('aria-invalid'), 'true', field);
        }
        // the limits, written the reader's way
        assert.ok(errors.some((e) => e.includes('100')), errors.join(' | '));
        const text = await form.innerText();
        assert.doesNotMatch(text, ENGLISH, text);
        await page.screenshot({ path: join(SHOTS, `ecoute-errors-rules-${language}.png`), fullPage: true });
      } finally {
        await page.context().close();
      }
    });
  }

  test('a wrong password is said in German', async () => {
    const page = await open('de');
    try {
      await page.goto(server.url);
      await page.locator('input[name="email"]').fill(demoLogin('advisor').email);
      await page.locator('input[name="password"]').fill('not-the-password');
      await page.locator('form button[type="submit"]').click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.innerText()).trim(), 'E-Mail-Adresse oder Passwort ist falsch.');
    } finally {
      await page.context().close();
    }
  });
});
