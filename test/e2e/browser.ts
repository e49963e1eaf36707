// What the browser tests share: Debian's Chromium and how it is started, screen sizes, where
// screenshots go, a build of the console that is never stale, and signed telephony events.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DEMO_TELEPHONY_SECRET } from '../../src/config.js';
import { DEMO_LOGINS } from '../../src/demo/index.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server.js';
import { signTelephonyEvent } from '../../src/telephony/signature.js';

export const CHROMIUM = process.env.ECOUTE_CHROMIUM ?? '/usr/bin/chromium';
/** As the machine's own probe starts it: no sandbox as root, and no background network calls. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ROOT = new URL('../../', import.meta.url).pathname;
export const SHOTS = process.env.ECOUTE_SCREENSHOTS ?? tmpdir();
export const DESKTOP = { width: 1440, height: 900 };
export const TABLET = { width: 768, height: 1024 };
export const PHONE = { width: 390, height: 844 };
/** Why a browser suite is skipped here, or false when Chromium is there. */
export const SKIP_WITHOUT_CHROMIUM = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;

/** The server serves dist/web: it is built once before a run (scripts/test.mjs), and here again only if stale. */
export { ensureConsoleBuilt } from '../../scripts/console-build.mjs';

/** The demo login of a role. */
export function demoLogin(role: string) {
  const found = DEMO_LOGINS.find((l) => l.role === role);
  assert.ok(found, `the demo has a ${role} login`);
  return found;
}

/** Sends a signed telephony event to the server at `baseUrl`, as the phone system would. */
export function sendTelephonyEvent(baseUrl: string, body: Record<string, unknown>): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${baseUrl}/api/v1/telephony/events`, {
    method: 'POST',
    headers: signTelephonyEvent(DEMO_TELEPHONY_SECRET, `evt_${randomUUID()}`, raw),
    body: raw,
  });
}

/**
 * The Content-Security-Policy violations the browser reports on the pages of `context` (as console
 * errors), filled as they happen: the console must run under the server's policy without any.
 */
export function watchCspViolations(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

/** Resolves once the user's console has opened its live event stream. */
export async function waitForConsoleStream(server: RunningServer, userId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (server.live.connections(userId) === 0) {
    if (Date.now() > deadline) throw new Error('the console never opened its event stream');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A page in a context of its own (Luxembourg locale and time zone, the console in `language`), logged
 * in as `login` through the API; the context is added to `contexts` for the suite to close, and the
 * Content-Security-Policy violations it reports to `violations`.
 */
export async function loggedInPage(
  browser: Browser,
  baseUrl: string,
  login: { email: string; password: string },
  options: { language: 'fr' | 'en' | 'de'; viewport?: { width: number; height: number }; contexts: BrowserContext[]; violations?: string[][]; timeout?: number },
): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
  options.contexts.push(context);
  options.violations?.push(watchCspViolations(context));
  await context.addInitScript((l) => localStorage.setItem('ecoute.language', l), options.language);
  const page = await context.newPage();
  page.setDefaultTimeout(options.timeout ?? 10_000);
  const answer = await page.request.post(`${baseUrl}/api/v1/auth/login`, { data: { email: login.email, password: login.password } });
  assert.equal(answer.status(), 200, await answer.text());
  return page;
}

