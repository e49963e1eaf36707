// Browser test of the Pareto board: the real server on a fresh SQLite database with demo data and
// coded causes (complaints recorded through the service, repeat contacts and follow-ups coded as the
// coding would), driven through Debian's Chromium. A CX manager reads the bars and the table (the
// numbers of the API), drills into the top cause (its complaints with their words) and reads its
// control chart; a team lead sees their team's figures only; an advisor sees the recurring causes on a
// customer's card. Screenshots: ecoute-pareto.png (and -lead, -card) in ECOUTE_SCREENSHOTS.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { headerPages, pageLink } from './header-steps.js';
import { coding, saveCodings } from '../../src/analysis/analysis.testkit.js';
import type { Actor } from '../../src/auth/policies.js';
import { createComplaint } from '../../src/complaints/complaint-service.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

const cxManager = demoLogin('cx_manager');
const teamLead = demoLogin('team_lead');
const advisor = demoLogin('advisor');
const DAY = 86_400_000;

describe('Pareto board (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let repeatCustomer: { name: string; number: string };
  const cspViolations: string[][] = [];

  async function signIn(who: { email: string; password: string; displayName: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
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
  const settled = (page: Page) => page.waitForFunction(() => document.querySelector('.pareto-board [aria-busy="true"]') === null);

  before(async () => {
    site = await startDemoSite('pareto', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 60, seed: 11 });
        const users = await storage.db.selectFrom('users').select(['id', 'email', 'team_id', 'role', 'display_name']).execute();
        const lead = users.find((u) => u.email === teamLead.email)!;
        const manager = users.find((u) => u.email === cxManager.email)!;
        const otherTeam = (await storage.db.selectFrom('teams').select('id').where('id', '!=', lead.team_id!).executeTakeFirstOrThrow()).id;
        const parties = await storage.db.selectFrom('parties').select(['id', 'display_name', 'customer_number']).orderBy('customer_number').limit(12).execute();
        const actor: Actor = { kind: 'user', id: manager.id, role: 'cx_manager', displayName: manager.display_name, teamId: null, language: 'fr' };
        const now = Date.now();
        // the top cause: six complaints of the lead's team, over the last months, one customer twice
        for (let i = 0; i < 6; i++) {
          const party = parties[i === 1 ? 0 : i]!;
          const at = now - (i * 30 + 2) * DAY;
          const made = await createComplaint(
            storage.db,
            { partyId: party.id, channel: 'phone', category: 'billing', description: `Frais d’itinérance facturés au Luxembourg (${i + 1})`, teamId: lead.team_id!, receivedAt: at },
            actor,
          );
          await saveCodings(storage.db, [coding(made.id, { party_id: party.id, occurred_at: at, team_id: lead.team_id, channel: 'phone', amount_cents: 2_500 })]);
        }
        repeatCustomer = { name: parties[0]!.display_name, number: parties[0]!.customer_number };
        // another cause on another team's repeat contacts, and detractors on a third
        await saveCodings(storage.db, [
          ...[0, 1, 2].map((i) => coding(`contact-${i}`, { subject_kind: 'contact', cause_code: 'network.coverage', party_id: parties[6 + i]!.id, occurred_at: now - (i + 3) * DAY, team_id: otherTeam })),
          ...[0, 1].map((i) => coding(`followup-${i}`, { subject_kind: 'followup', cause_code: 'devices.defect', party_id: parties[9 + i]!.id, occurred_at: now - (i + 5) * DAY, team_id: otherTeam })),
        ]);
      },
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    await site?.close();
  });

  test('a CX manager reads the bars and the table, drills into the top cause and reads its control chart', async () => {
    const page = await signIn(cxManager);
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Pareto')).click();
    await page.waitForURL('**/pareto');
    await page.getByRole('heading', { level: 1, name: 'Pareto des causes' }).waitFor();
    await settled(page);

    // the bars, in the API's order: the six complaints first, then three contacts, two detractors
    const bars = page.locator('.pareto-bar');
    await bars.first().waitFor();
    assert.deepEqual(await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-cause'))), ['billing.roaming', 'network.coverage', 'devices.defect']);
    const href = await page.getByRole('link', { name: 'Exporter en CSV' }).first().getAttribute('href');
    assert.ok(href?.includes('format=csv'));
    const answer = await (await page.request.get(`${server.url}${href!.replace(/&?format=csv/, '')}`)).json();
    assert.deepEqual(answer.rows.map((r: { total: number }) => r.total), [6, 3, 2]);
    const table = page.locator('table.pareto-table tbody tr');
    assert.deepEqual(
      await table.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelectorAll('td.num')[4]!.textContent!.trim()])),
      [['Frais d’itinérance erronés', '6'], ['Couverture insuffisante', '3'], ['Appareil défectueux', '2']],
    );
    assert.match((await page.locator('table.pareto-table tbody tr').first().textContent())!, /150,00\s€/);
    await page.screenshot({ path: join(SHOTS, 'ecoute-pareto.png'), fullPage: true, animations: 'disabled' });

    // drill into the top cause: its complaints with their words, and its control chart
    await bars.first().click();
    await page.waitForURL('**/pareto?cause=billing.roaming');
    const items = page.locator('section.cause-items');
    await items.getByRole('heading', { name: 'Derrière « Frais d’itinérance erronés »' }).waitFor();
    await items.locator('.cause-item').nth(5).waitFor();
    assert.equal(await items.locator('.cause-item').count(), 6);
    assert.match((await items.locator('.cause-item-text').first().textContent())!, /^Frais d’itinérance facturés au Luxembourg \(1\)$/);
    assert.match((await items.locator('.cause-item strong').first().textContent())!, /^REC-\d{4}-\d{6}$/);
    const control = page.locator('section.cause-control');
    await control.getByRole('img', { name: /Réclamations pour 1 000 clients, Par mois/ }).waitFor();
    await settled(page);
    assert.ok((await control.locator('circle.control-point').count()) >= 6, 'a point per month');
    assert.equal(await control.locator('[data-testid="control-flags"], [data-testid="control-no-flags"]').count(), 1, 'the flagged points said in words, or that there are none');
    await page.screenshot({ path: join(SHOTS, 'ecoute-pareto-cause.png'), fullPage: true, animations: 'disabled' });

    // from the cause to an improvement action: the form comes with the cause chosen (test/e2e/actions.test.ts goes on to its effect)
    await page.getByRole('link', { name: 'Créer une action sur « Frais d’itinérance erronés »' }).click();
    await page.waitForURL('**/actions?cause=billing.roaming');
    const form = page.locator('form.action-form');
    await form.getByRole('heading', { name: 'Nouvelle action d’amélioration' }).waitFor();
    await form.locator('.chip', { hasText: 'Frais d’itinérance erronés' }).waitFor();
    await page.context().close();
  });

  test("a team lead sees their team's figures only", async () => {
    const page = await signIn(teamLead);
    await page.goto(`${server.url}/pareto`);
    await settled(page);
    await page.getByText(/Les chiffres sont ceux de votre équipe/).waitFor();
    assert.deepEqual(await page.locator('.pareto-bar').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-cause'))), ['billing.roaming']);
    await page.screenshot({ path: join(SHOTS, 'ecoute-pareto-lead.png'), fullPage: true, animations: 'disabled' });
    await page.context().close();
  });

  test("an advisor sees a customer's recurring causes on the card, and no Pareto", async () => {
    const page = await signIn(advisor);
    assert.ok(!(await headerPages(page.getByRole('navigation', { name: 'Pages' }))).includes('Pareto'));
    await page.getByLabel('Nom, numéro client ou téléphone').fill(repeatCustomer.number);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('.result-list').getByRole('button', { name: new RegExp(repeatCustomer.name) }).click();
    const block = page.locator('section.customer-recurrences');
    await block.getByText('Frais d’itinérance erronés').waitFor();
    assert.match((await block.textContent())!, /2 fois/);
    await page.screenshot({ path: join(SHOTS, 'ecoute-pareto-card.png'), fullPage: true, animations: 'disabled' });
    assert.deepEqual(cspViolations.flat(), []);
    await page.context().close();
  });
});
