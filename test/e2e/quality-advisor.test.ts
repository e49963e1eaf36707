// Browser test of the advisor scorecard (docs/quality.md, "Advisor scorecard"): the demo advisor sees
// their own figures, the same as the API's, never a colleague's and no team table; the team lead sees
// the team's table and opens one advisor's scorecard; on a phone the page never scrolls sideways.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AdvisorScorecardView, TeamScorecardView } from '../../src/contract/quality-scorecard.js';
import { loadDemo } from '../../src/demo/index.js';
import { loadDemoQuality } from '../../src/demo/demo-quality.js';
import { loadDemoSurveys } from '../../src/demo/demo-surveys.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { demoLogin, loggedInPage, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

/** A number as the console writes it in English: one decimal. */
const one = (x: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
/** "93.8 (88.4–99.2)": the value with its 95% interval, the dash spaced when a bound is negative. */
const withInterval = (value: string, i: { low: number; high: number } | null) => (i ? `${value} (${one(i.low)}${i.low < 0 || i.high < 0 ? ' – ' : '–'}${one(i.high)})` : value);
const percent = (x: number) => new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x / 100);
const signed = (x: number) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(x);

/** The figure tiles on the page show exactly the API's figures. */
async function assertTiles(page: Page, figures: AdvisorScorecardView['figures']) {
  const tile = (name: string) => page.locator(`[data-figure="${name}"]`);
  const { quality, nps, fcr, repeat } = figures;
  assert.ok(quality.mean !== null && nps.nps !== null && fcr.rate !== null && repeat.rate !== null, `the demo gives the figures: ${JSON.stringify(figures)}`);
  assert.ok((await tile('quality').innerText()).includes(withInterval(one(quality.mean), quality.interval)), await tile('quality').innerText());
  assert.ok((await tile('quality').innerText()).includes(`${quality.evaluations} evaluation`));
  assert.ok((await tile('nps').innerText()).includes(withInterval(signed(nps.nps), nps.interval)), await tile('nps').innerText());
  assert.ok((await tile('nps').innerText()).includes(`${nps.n} response`));
  assert.equal((await tile('nps').innerText()).includes('few responses'), !nps.reliable);
  assert.ok((await tile('fcr').innerText()).includes(withInterval(percent(fcr.rate), fcr.interval)), await tile('fcr').innerText());
  assert.ok((await tile('repeat').innerText()).includes(withInterval(percent(repeat.rate), repeat.interval)), await tile('repeat').innerText());
}

async function assertNoSidewaysScroll(page: Page) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `the page scrolls sideways: ${scroll} > ${client}`);
}

describe('the advisor scorecard (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let advisorId: string;
  let colleagueId: string;
  const contexts: BrowserContext[] = [];
  const csp: string[][] = [];

  const openAs = (role: string, viewport?: { width: number; height: number }): Promise<Page> =>
    loggedInPage(browser, server.url, demoLogin(role), { language: 'en', contexts, violations: csp, timeout: 15_000, ...(viewport ? { viewport } : {}) });

  before(async () => {
    const now = Date.now();
    site = await startDemoSite('quality-advisor', {
      load: async (db) => {
        await loadDemo(db, { customers: 1000, seed: 7, now });
        await loadDemoSurveys(db, { seed: 7, now });
        await loadDemoQuality(db, { seed: 7, now });
      },
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
    const advisor = await storage.db.selectFrom('users').select(['id', 'team_id']).where('email', '=', demoLogin('advisor').email).executeTakeFirstOrThrow();
    advisorId = advisor.id;
    colleagueId = (await storage.db.selectFrom('users').select('id').where('team_id', '=', advisor.team_id).where('role', '=', 'advisor').where('id', '!=', advisor.id).executeTakeFirstOrThrow()).id;
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('the advisor sees their own figures as the API gives them, no team table, and never a colleague’s', async () => {
    const page = await openAs('advisor');
    await page.goto(`${server.url}/quality/advisor`);
    await page.getByRole('heading', { level: 1, name: 'Advisor scorecard' }).waitFor();
    await page.getByRole('heading', { level: 2, name: demoLogin('advisor').displayName }).waitFor();
    await page.locator('[data-figure="quality"]').waitFor();
    const answer = await page.request.get(`${server.url}/api/v1/quality/advisors/${advisorId}/scorecard`);
    assert.equal(answer.status(), 200);
    const card = (await answer.json()) as AdvisorScorecardView;
    await assertTiles(page, card.figures);
    await page.getByText(`From ${new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${card.from}T00:00:00Z`))}`).waitFor();
    assert.equal(await page.locator('.scorecard-team-table').count(), 0, 'an advisor sees no team table');
    assert.equal(await page.getByRole('heading', { name: /Advisors of team/ }).count(), 0);
    await page.getByRole('link', { name: `See the coaching of ${demoLogin('advisor').displayName}` }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'quality-advisor-own.png'), fullPage: true });

    // a colleague's scorecard: not found, here and in the API
    await page.goto(`${server.url}/quality/advisor?advisor=${colleagueId}`);
    await page.getByRole('alert').filter({ hasText: 'No advisor within your reach has this scorecard' }).waitFor();
    assert.equal(await page.locator('[data-figure]').count(), 0);
    assert.equal((await page.request.get(`${server.url}/api/v1/quality/advisors/${colleagueId}/scorecard`)).status(), 404);

    // the days checked before they are asked for
    await page.goto(`${server.url}/quality/advisor`);
    await page.locator('[data-figure="quality"]').waitFor();
    await page.getByLabel('From', { exact: true }).fill('2026-03-10');
    await page.getByLabel('To', { exact: true }).fill('2026-03-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('The start date must come before the end date.').waitFor();
    assert.deepEqual(csp.flat(), []);
  });

  test('the team lead sees the team table with its total and opens one advisor', async () => {
    const page = await openAs('team_lead');
    await page.goto(`${server.url}/quality/advisor`);
    await page.getByRole('heading', { level: 1, name: 'Advisor scorecard' }).waitFor();
    const table = page.getByRole('table', { name: /Advisors of team/ });
    await table.waitFor();
    const lead = await storage.db.selectFrom('users').select('team_id').where('email', '=', demoLogin('team_lead').email).executeTakeFirstOrThrow();
    const team = (await (await page.request.get(`${server.url}/api/v1/quality/teams/${lead.team_id}/scorecard`)).json()) as TeamScorecardView;
    assert.ok(team.advisors.length > 1);
    assert.equal(await table.locator('tbody tr').count(), team.advisors.length);
    const total = await table.locator('tfoot tr').innerText();
    assert.ok(total.includes('Team total') && total.includes(String(team.total.quality.evaluations)), total);
    assert.ok(total.includes(withInterval(one(team.total.quality.mean!), team.total.quality.interval)), total);
    const csv = await page.getByRole('link', { name: 'Export as CSV' }).getAttribute('href');
    assert.ok(csv?.includes('format=csv'));
    const file = await page.request.get(`${server.url}${csv}`);
    assert.equal(file.status(), 200);
    assert.match(await file.text(), /Team total|\(total\)/);
    await page.screenshot({ path: join(SHOTS, 'quality-advisor-team.png'), fullPage: true });

    const name = demoLogin('advisor').displayName;
    await table.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    assert.match(page.url(), new RegExp(`advisor=${advisorId}`));
    await page.locator('[data-figure="quality"]').waitFor();
    const card = (await (await page.request.get(`${server.url}/api/v1/quality/advisors/${advisorId}/scorecard`)).json()) as AdvisorScorecardView;
    await assertTiles(page, card.figures);
    await page.getByRole('link', { name: /Back to team/ }).waitFor();
  });

  test('on a phone 390 px wide the page never scrolls sideways', async () => {
    for (const role of ['advisor', 'team_lead']) {
      const page = await openAs(role, PHONE);
      await page.goto(`${server.url}/quality/advisor`);
      await page.locator('[data-figure="quality"]').waitFor();
      if (role === 'team_lead') await page.getByRole('table', { name: /Advisors of team/ }).waitFor();
      await assertNoSidewaysScroll(page);
      await page.screenshot({ path: join(SHOTS, `quality-advisor-phone-${role}.png`), fullPage: true });
    }
  });
});
