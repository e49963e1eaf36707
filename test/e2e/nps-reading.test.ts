// Browser test of the NPS as managers read it: the running period marked as such and the headline on
// the last complete one, the shares and the distribution of the scores under it, one line per team on
// demand, an advisor comparing only their team's sites, and the filters leaving the headline on the
// first screen of a 1024×768 tablet. The real server on a fresh SQLite database with a year of demo
// surveys up to today (so the current month is running). Screenshots: nps-reading*.png in the system
// temporary directory.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { loadDemoSurveys } from '../../src/demo/demo-surveys.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

type Row = Record<string, string | number | boolean | null>;
const SMALL_TABLET = { width: 1024, height: 768 };
const npsText = (nps: number | null) =>
  nps === null ? '—' : new Intl.NumberFormat('fr-LU', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(nps);

describe('NPS as managers read it (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;

  async function signIn(who: { email: string; password: string; displayName: string }, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(who.email);
    await page.getByLabel('Mot de passe').fill(who.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('banner').getByText(who.displayName).waitFor();
    await page.goto(`${server.url}/nps`);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord NPS' }).waitFor();
    await settled(page);
    return page;
  }
  const settled = (page: Page) =>
    page.waitForFunction(() => document.querySelector('.nps-dashboard [aria-busy="true"]') === null && document.querySelector('.nps-trend svg') !== null);
  const api = async (page: Page, query: string): Promise<Row[]> => {
    const response = await page.request.get(`${server.url}/api/v1/nps?${query}`);
    assert.equal(response.status(), 200, query);
    return (await response.json()).rows;
  };
  /** The trend's own query, read from its export link. */
  const trendQuery = async (page: Page) =>
    (await page.locator('section.nps-trend').getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href'))!.split('?')[1]!.replace(/&?format=csv/, '');

  before(async () => {
    site = await startDemoSite('npsread', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 1000, seed: 13 });
        await loadDemoSurveys(storage, { seed: 13 });
      },
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
  });
  after(async () => {
    await site?.close();
  });

  test('the running period is marked, the headline is the last complete one, with its shares and scores; one line per team on demand', async () => {
    const page = await signIn(demoLogin('cx_manager'));
    const rows = (await api(page, await trendQuery(page))).filter((r) => r.basis !== '' && r.nps !== null);
    const running = rows.filter((r) => !r.complete);
    const complete = rows.filter((r) => r.complete);
    assert.ok(running.length === 1 && complete.length >= 10, 'the current month runs, the others are over');
    const headline = complete.at(-1)!;

    const trend = page.locator('section.nps-trend');
    const figure = trend.locator('.latest-figure');
    assert.equal(await figure.getAttribute('data-complete'), 'true');
    await figure.getByText('Dernière période complète').waitFor();
    assert.equal(await figure.locator('.latest-nps strong').textContent(), npsText(headline.nps as number));
    assert.match((await figure.textContent())!, new RegExp(`n = ${headline.n}\\b`));
    const beside = trend.locator('.latest-running');
    await beside.getByText('en cours').first().waitFor();
    assert.equal(await beside.locator('strong').first().textContent(), npsText(running[0]!.nps as number));

    // On the chart: the running point hollow, its segment dashed, and named.
    const chart = trend.locator('.trend-chart svg');
    assert.equal(await chart.locator('circle.chart-point.is-running').count(), 1);
    assert.equal(await chart.locator('line.chart-line.is-running').count(), 1);
    assert.equal(await chart.locator('text.chart-running-label').textContent(), 'en cours');
    // Period names never overlap.
    const boxes = await chart.locator('.chart-grid text[text-anchor="middle"]').evaluateAll((texts) => texts.map((t) => (t as SVGTextElement).getBBox()).map((b) => [b.x, b.x + b.width]));
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i]![0]! > boxes[i - 1]![1]!, `period names ${i - 1} and ${i} overlap`);

    // The shares and the distribution of the scores of the headline's period.
    const composition = trend.locator('.nps-composition');
    await composition.locator('[data-share="promoters"]').getByText(`(${headline.promoters})`).waitFor();
    await composition.locator('[data-share="detractors"]').getByText(`(${headline.detractors})`).waitFor();
    const scores = await composition.locator('.score-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-score'), tr.querySelector('td')!.textContent]));
    assert.deepEqual(scores, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => [String(s), String(headline[`score_${s}`])]));
    await page.screenshot({ path: join(SHOTS, 'nps-reading.png'), animations: 'disabled' });

    // In the table: the running period says so.
    await trend.getByRole('button', { name: 'Voir en tableau' }).click();
    const runningRow = trend.locator('.nps-trend-table tbody tr[data-complete="false"]');
    assert.equal(await runningRow.count(), 1);
    await runningRow.getByText('en cours').waitFor();
    await trend.getByRole('button', { name: 'Voir en tableau' }).click();
    await chart.waitFor();

    // One line per team: as many series as teams with figures, each named in the legend.
    await trend.getByRole('combobox', { name: 'Comparer par' }).selectOption('team');
    await settled(page);
    const byTeam = (await api(page, await trendQuery(page))).filter((r) => r.basis !== '' && r.nps !== null);
    assert.ok(String(await trendQuery(page)).includes('groupBy=team'));
    const teams = [...new Set(byTeam.map((r) => String(r.team_name)))].sort();
    assert.ok(teams.length > 1);
    await page.waitForFunction((n) => document.querySelectorAll('.nps-trend .chart-legend li[data-series]').length === n, teams.length);
    assert.deepEqual((await trend.locator('.chart-legend li[data-series]').allTextContents()).map((t) => t.trim()).sort(), teams);
    assert.equal(await chart.locator('circle.chart-point').count(), byTeam.length, 'one point per team and period');
    await page.screenshot({ path: join(SHOTS, 'nps-reading-teams.png'), animations: 'disabled' });
    await page.context().close();
  });

  test('on a 1024×768 tablet the filters leave the headline and the chart on the first screen', async () => {
    const page = await signIn(demoLogin('cx_manager'), SMALL_TABLET);
    const headline = await page.locator('.nps-trend .latest-figure').boundingBox();
    const chart = await page.locator('.nps-trend .trend-chart').boundingBox();
    assert.ok(headline && headline.y + headline.height <= SMALL_TABLET.height, `headline at ${headline?.y}`);
    assert.ok(chart && chart.y < SMALL_TABLET.height - 100, `chart at ${chart?.y}`);
    // The filters are one click away, their summary names the ones in force.
    const summary = page.locator('form.dashboard-filters details.filter-more > summary');
    await summary.getByText('aucun filtre').waitFor();
    await summary.click();
    await page.getByRole('combobox', { name: 'Canal' }).selectOption({ label: 'Téléphone' });
    await summary.getByText('Canal : Téléphone').waitFor();
    await page.screenshot({ path: join(SHOTS, 'nps-reading-1024.png'), animations: 'disabled' });
    await page.context().close();
  });

  test('an advisor compares their own team’s sites, never named colleagues', async () => {
    const advisor = demoLogin('advisor');
    const page = await signIn(advisor);
    const compare = page.locator('section.nps-trend').getByRole('combobox', { name: 'Comparer par' });
    const offered = await compare.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    assert.deepEqual(offered, ['', 'site'], 'no line per team or per advisor');
    await compare.selectOption('site');
    await settled(page);
    const query = await trendQuery(page);
    const { user: me } = await (await page.request.get(`${server.url}/api/v1/auth/me`)).json();
    const rows = await api(page, query);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => r.advisor === undefined), 'no advisor column');
    // The figures are the team's: the server pinned the team filter.
    const pinned = await api(page, `${query}&team=${me.npsScope.teamId}`);
    assert.deepEqual(rows, pinned);
    const other = await page.request.get(`${server.url}/api/v1/nps?${query.replace('groupBy=site', 'groupBy=advisor')}`);
    const own = (await other.json()).rows as Row[];
    assert.ok(own.every((r) => r.advisor === me.npsScope.advisorId), 'grouped by advisor: their own row only');
    await page.context().close();
  });
});
