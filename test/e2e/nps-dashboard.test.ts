// Browser test of the NPS dashboard: the real server on a fresh SQLite database with demo data, a
// year of demo survey history and the example external studies, driven through Debian's Chromium.
// A CX manager reads the trend and the breakdown (the numbers of the API), filters on a team,
// exports the table as CSV and opens the comments behind a row; a team lead sees their team only.
// Screenshots: nps-dashboard.png (and -tablet, -verbatims, -lead) in the system temporary directory.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, demoLogin, watchCspViolations, ROOT, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink } from './header-steps.js';
import { loadDemoSurveys } from '../../src/demo/demo-surveys.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { importStudies } from '../../src/studies/study-import.js';

const cxManager = demoLogin('cx_manager');
const teamLead = demoLogin('team_lead');
const advisor = demoLogin('advisor');

type Row = Record<string, string | number | boolean | null>;

/** An NPS as the French console writes it: "+18,6", "−3,0" (one decimal, signed). */
const npsText = (nps: number | null) =>
  nps === null ? '—' : new Intl.NumberFormat('fr-LU', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(nps);

describe('NPS dashboard (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  const cspViolations: string[][] = [];

  async function signIn(who: { email: string; password: string; displayName: string }, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg', acceptDownloads: true });
    cspViolations.push(watchCspViolations(context));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(who.email);
    await page.getByLabel('Mot de passe').fill(who.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('banner').getByText(who.displayName).waitFor();
    return page;
  }

  /** The API's answer to the query of an export link (the same query without format=csv), with the page's session. */
  async function rowsBehind(page: Page, link: Locator): Promise<Row[]> {
    const href = await link.getAttribute('href');
    assert.ok(href?.includes('format=csv'), `an export link: ${href}`);
    const response = await page.request.get(`${server.url}${href!.replace(/&?format=csv/, '')}`);
    assert.equal(response.status(), 200);
    return (await response.json()).rows;
  }

  /** Resolves once every panel of the dashboard has its data (none is loading). */
  const settled = (page: Page) => page.waitForFunction(() => document.querySelector('.nps-dashboard [aria-busy="true"]') === null);

  /** The trend shown as a table: [period, n, NPS] per row, in order. */
  async function trendTable(trend: Locator): Promise<string[][]> {
    const toggle = trend.getByRole('button', { name: 'Voir en tableau' });
    if ((await toggle.getAttribute('aria-pressed')) === 'false') await toggle.click();
    const rows = trend.locator('.nps-trend-table tbody tr');
    await rows.first().waitFor();
    const table = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].slice(0, 3).map((cell) => (cell.querySelector('strong') ?? cell).textContent!.trim())),
    );
    await toggle.click();
    await trend.getByRole('img').waitFor();
    return table;
  }

  /** The breakdown on screen: n and NPS per group key. */
  async function breakdownTable(page: Page): Promise<Map<string, { n: string; nps: string }>> {
    const rows = page.locator('.breakdown-table tbody tr');
    await rows.first().waitFor();
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-group')!,
        n: tr.querySelectorAll('td.num')[0]!.textContent!.trim(),
        nps: tr.querySelector('td.nps-value strong')!.textContent!.trim(),
      })),
    );
    return new Map(cells.map(({ key, n, nps }) => [key, { n, nps }]));
  }

  before(async () => {
    site = await startDemoSite('nps', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 1000, seed: 11 });
        await loadDemoSurveys(storage, { seed: 11 });
        await importStudies(storage, { file: join(ROOT, 'docs/examples/external-studies.csv') });
      },
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    await site?.close();
  });

  test('a CX manager reads the trend and the breakdown, filters on a team, exports the table and opens the comments behind a row', async () => {
    const page = await signIn(cxManager);
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'NPS')).click();
    await page.waitForURL('**/nps');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord NPS' }).waitFor();

    // The trend: a chart that says what it is, the same numbers as the API's rows.
    const trend = page.locator('section.nps-trend');
    const chart = trend.getByRole('img', { name: /^NPS par période \(Mois\)/ });
    await chart.waitFor();
    await settled(page);
    // (rows without a basis are contacts that had no survey: no NPS to draw)
    const trendRows = (await rowsBehind(page, trend.getByRole('link', { name: 'Exporter en CSV' }))).filter((r) => r.basis !== '');
    const answered = trendRows.filter((r) => r.nps !== null);
    assert.ok(answered.length >= 10, 'a year of monthly figures');
    assert.equal(await chart.locator('circle.chart-point').count(), answered.length, 'one point per period with a figure');
    assert.equal(await chart.locator('circle.chart-point.is-unreliable').count(), answered.filter((r) => !r.reliable).length, 'unreliable points are hollow');
    assert.ok((await chart.locator('path.chart-band').count()) >= 1, 'the confidence band');
    assert.deepEqual(
      (await trendTable(trend)).map(([, n, nps]) => [n, nps]),
      trendRows.map((r) => [String(r.n), npsText(r.nps as number | null)]),
    );
    // External studies beside the line, never on it: their own markers, named by firm.
    assert.ok((await chart.locator('.chart-study').count()) > 0);
    await trend.locator('.chart-legend').getByText(/^Institut Alzette · Résidentiel/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'nps-dashboard.png'), fullPage: true, animations: 'disabled' });

    // The breakdown by team (latest period): the API's rows, each with its figures; groups with
    // contacts and no survey (no basis, no NPS) are folded under the table until asked for.
    const breakdown = page.locator('section.nps-breakdown');
    const breakdownLink = breakdown.getByRole('link', { name: 'Exporter en CSV' });
    const teamRows = await rowsBehind(page, breakdownLink);
    const byTeam = (rows: Row[]) => new Map(rows.map((r) => [String(r.team), { n: String(r.n), nps: npsText(r.nps as number | null) }]));
    assert.ok(teamRows.filter((r) => r.basis !== '').length > 1, 'several teams');
    assert.deepEqual(await breakdownTable(page), byTeam(teamRows.filter((r) => r.basis !== '')));
    if (teamRows.some((r) => r.basis === '')) {
      const fold = breakdown.locator('button.contacts-only');
      await fold.click();
      assert.deepEqual(await breakdownTable(page), byTeam(teamRows));
      await fold.click();
    }

    // Filter on one team: the address keeps it, the table shows that team only, the trend follows.
    const hotline = teamRows.find((r) => r.team_name === 'Hotline Mobile')!;
    await page.locator('form.dashboard-filters details.filter-more > summary').click();
    await page.getByRole('combobox', { name: 'Équipe' }).selectOption({ label: 'Hotline Mobile' });
    await page.waitForURL(`**/nps?team=${hotline.team}`);
    await settled(page);
    assert.deepEqual([...(await breakdownTable(page)).keys()], [hotline.team]);
    const teamTrend = (await rowsBehind(page, trend.getByRole('link', { name: 'Exporter en CSV' }))).filter((r) => r.basis !== '');
    assert.notDeepEqual(teamTrend.map((r) => r.n), trendRows.map((r) => r.n), 'the trend is the team’s');
    assert.deepEqual(
      (await trendTable(trend)).map(([, n, nps]) => [n, nps]),
      teamTrend.map((r) => [String(r.n), npsText(r.nps as number | null)]),
    );
    // The view comes back from its address.
    await page.reload();
    await settled(page);
    await page.locator('form.dashboard-filters details.filter-more > summary').getByText('Équipe : Hotline Mobile').waitFor();
    await page.locator('form.dashboard-filters details.filter-more > summary').click();
    assert.equal(await page.getByRole('combobox', { name: 'Équipe' }).inputValue(), hotline.team);

    // The whole range, then the CSV of exactly what the table shows.
    await page.getByRole('radio', { name: 'Toute la période' }).check();
    await page.waitForURL(/table=total/);
    await settled(page);
    const shown = await breakdownTable(page);
    const [download] = await Promise.all([page.waitForEvent('download'), breakdownLink.click()]);
    const csv: Row[] = parse(readFileSync((await download.path())!, 'utf8'), { columns: true });
    assert.deepEqual(
      new Map(csv.map((r) => [String(r.team), { n: String(r.n), nps: npsText(r.nps === '' ? null : Number(r.nps)) }])),
      shown,
      'the file has the rows of the table',
    );

    // The comments behind the row, by keyboard: topics highlighted, filtered by category.
    await page.locator('.breakdown-table tbody tr .row-open').first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Commentaires' });
    await dialog.locator('.verbatims-head').getByText(/^Hotline Mobile · /).waitFor();
    const mark = dialog.locator('mark').first();
    await mark.waitFor();
    assert.match((await mark.getAttribute('title')) ?? '', /\S/, 'a highlight names its topic');
    await dialog.getByLabel('Catégorie').selectOption({ label: 'Détracteur' });
    await page.waitForFunction(() => {
      const scores = [...document.querySelectorAll('dialog .verbatim .badge-score')];
      return scores.length > 0 && scores.every((score) => score.classList.contains('badge-score-detractor'));
    });
    await page.screenshot({ path: join(SHOTS, 'nps-dashboard-verbatims.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.setViewportSize(TABLET);
    await page.screenshot({ path: join(SHOTS, 'nps-dashboard-tablet.png'), fullPage: true, animations: 'disabled' });
    await page.context().close();
  });

  test('a team lead sees their own team only, with no team filter', async () => {
    const page = await signIn(teamLead, TABLET);
    const lead = await storage.db
      .selectFrom('users')
      .innerJoin('teams', 'teams.id', 'users.team_id')
      .select(['teams.id', 'teams.name'])
      .where('users.email', '=', teamLead.email)
      .executeTakeFirstOrThrow();
    await page.goto(`${server.url}/nps`);
    const filters = page.locator('form.dashboard-filters');
    await filters.getByText(lead.name).waitFor();
    await filters.getByText('Votre équipe').waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Équipe' }).count(), 0, 'no team filter');

    // The trend is the team's: the same figures as the team asked explicitly.
    const trend = page.locator('section.nps-trend');
    await trend.getByRole('img').waitFor();
    await settled(page);
    const shown = await rowsBehind(page, trend.getByRole('link', { name: 'Exporter en CSV' }));
    const own = await page.request.get(`${server.url}/api/v1/nps?interval=month&team=${lead.id}`);
    assert.deepEqual(shown, (await own.json()).rows);
    assert.deepEqual(
      (await trendTable(trend)).map(([, n, nps]) => [n, nps]),
      shown.filter((r) => r.basis !== '').map((r) => [String(r.n), npsText(r.nps as number | null)]),
    );
    // Broken down by advisor: all of them from the team.
    const advisors = await rowsBehind(page, page.locator('section.nps-breakdown').getByRole('link', { name: 'Exporter en CSV' }));
    const members = new Set(
      (await storage.db.selectFrom('users').select('id').where('team_id', '=', lead.id).execute()).map((u) => u.id),
    );
    assert.ok(advisors.length > 0 && advisors.every((r) => members.has(String(r.advisor))));
    assert.deepEqual([...(await breakdownTable(page)).keys()].sort(), advisors.map((r) => String(r.advisor)).sort());
    await page.screenshot({ path: join(SHOTS, 'nps-dashboard-lead.png'), fullPage: true, animations: 'disabled' });
    await page.context().close();
  });

  test('the dashboard runs under the server\'s Content-Security-Policy: no violation reported', () => {
    assert.deepEqual(cspViolations.flat(), []);
  });

  test("an advisor finds only themselves by advisor, beside their team's total; a CX manager is offered no advisor; a far range is refused on the page", async () => {
    const page = await signIn(advisor, TABLET);
    const me = await storage.db.selectFrom('users').select(['id', 'team_id']).where('email', '=', advisor.email).executeTakeFirstOrThrow();
    await page.goto(`${server.url}/nps`);
    await page.getByText('Vous voyez vos propres chiffres').waitFor();
    await settled(page);
    // The breakdown by advisor: their own row, nobody else's.
    const own = await rowsBehind(page, page.locator('section.nps-breakdown').getByRole('link', { name: 'Exporter en CSV' }));
    assert.deepEqual([...new Set(own.map((r) => r.advisor))], [me.id]);
    assert.deepEqual([...(await breakdownTable(page)).keys()], [me.id]);
    await page.locator('form.dashboard-filters details.filter-more > summary').click();
    const advisorFilter = page.locator('form.dashboard-filters').getByRole('combobox', { name: 'Conseiller' });
    assert.deepEqual(await advisorFilter.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)), ['*', me.id]);
    // The trend: the team's total.
    const trend = await rowsBehind(page, page.locator('section.nps-trend').getByRole('link', { name: 'Exporter en CSV' }));
    const team = await page.request.get(`${server.url}/api/v1/nps?interval=month&team=${me.team_id}`);
    assert.deepEqual(trend, (await team.json()).rows);
    // Thousands of years by day: refused before anything is asked, in the reader's language.
    await page.goto(`${server.url}/nps?from=1000-01-01&to=9999-12-31&interval=day`);
    await page.getByRole('alert').getByText(/Cette plage compte 3.287.182 périodes, plus que les 1.000/).waitFor();
    assert.equal(await page.locator('section.nps-trend').count(), 0);
    await page.context().close();

    const manager = await signIn(cxManager);
    await manager.goto(`${server.url}/nps?by=advisor&advisor=${me.id}`);
    const filters = manager.locator('form.dashboard-filters');
    await filters.getByRole('combobox', { name: 'Ventiler par' }).waitFor();
    await settled(manager);
    const offered = await filters.getByRole('combobox', { name: 'Ventiler par' }).locator('option').allTextContents();
    assert.ok(offered.length > 0 && !offered.includes('Conseiller'), offered.join(', '));
    await filters.locator('details.filter-more > summary').click();
    assert.equal(await filters.getByRole('combobox', { name: 'Conseiller' }).count(), 0, 'no advisor filter');
    assert.equal(await manager.getByRole('alert').count(), 0, 'the address asking for an advisor is not sent to the server');
    await manager.context().close();
  });
});
