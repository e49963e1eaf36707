// Browser test of evaluations (docs/quality.md, "Evaluations"): the demo's quality coach scores a contact
// of the demo advisor with a critical failure, the advisor disputes an item, the team lead decides.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { demoLogin, DESKTOP, loggedInPage, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

describe('evaluations (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const csp: string[][] = [];

  const openAs = (role: string, language: 'fr' | 'en' | 'de', viewport = DESKTOP): Promise<Page> =>
    loggedInPage(browser, server.url, demoLogin(role), { language, viewport, contexts, violations: csp });

  before(async () => {
    site = await startDemoSite('evaluations', {
      load: (db) => loadDemo(db, { customers: 40, seed: 42 }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('the coach scores with a critical failure, the advisor disputes, the team lead decides and the evaluation is locked', async () => {
    const advisor = await storage.db.selectFrom('users').select('id').where('email', '=', demoLogin('advisor').email).executeTakeFirstOrThrow();
    const contact = await storage.db.selectFrom('interactions').select('id').where('advisor_id', '=', advisor.id).orderBy('started_at', 'desc').executeTakeFirstOrThrow();

    // The coach starts an evaluation from the contact's id and scores every criterion.
    const coach = await openAs('quality_coach', 'en');
    await coach.goto(`${server.url}/quality`);
    await coach.getByRole('link', { name: 'Evaluations' }).first().click();
    await coach.getByRole('heading', { level: 1, name: 'Evaluations' }).waitFor();
    await coach.getByLabel('Contact id').fill(contact.id);
    await coach.getByRole('button', { name: 'Start the evaluation' }).click();
    await coach.getByRole('heading', { level: 1, name: /Evaluation of Anne Schmit/ }).waitFor();
    const groups = coach.getByRole('radiogroup');
    const count = await groups.count();
    assert.ok(count >= 10, `the default scorecard has its criteria (${count})`);
    for (let i = 0; i < count; i++) await groups.nth(i).getByRole('radio', { name: 'Yes' }).check();
    await coach.locator('[data-criterion="correct-information"]').getByRole('radio', { name: 'No' }).check();
    // the live score: a critical failure makes it 0 and names the criterion
    await coach.getByText('Critical failure: Gives correct and complete information').waitFor();
    await coach.getByLabel('Note').fill('Quoted last year’s roaming price');
    await coach.getByLabel('Time (mm:ss)').fill('0:42');
    await coach.getByRole('button', { name: 'Add the marker' }).click();
    await coach.getByLabel('Strengths').fill('Warm welcome, clear summary');
    await coach.getByRole('button', { name: 'Submit to the advisor' }).click();
    await coach.getByText(/Evaluation submitted: the advisor may dispute it until/).waitFor();
    assert.equal((await coach.locator('.evaluation-score-value strong').textContent())?.trim(), '0');
    const evaluationUrl = coach.url();
    await coach.screenshot({ path: join(SHOTS, 'quality-evaluation-coach.png'), fullPage: true });

    // The advisor sees it, disputes the critical item with a comment and a proposed answer.
    const own = await openAs('advisor', 'fr');
    await own.goto(evaluationUrl);
    await own.getByRole('heading', { level: 1, name: /Évaluation de Anne Schmit/ }).waitFor();
    await own.getByText('0:42').waitFor();
    await own.getByLabel(/Contester « Donne une information juste et complète »/).check();
    await own.getByLabel('Pourquoi').fill('Le tarif donné est celui du nouveau forfait.');
    await own.getByLabel('Réponse proposée').selectOption('yes');
    await own.getByRole('button', { name: 'Envoyer la contestation' }).click();
    await own.getByText('Contestation envoyée : un second évaluateur la tranchera.').waitFor();

    // The coach who scored it cannot decide; the team lead, a second evaluator, accepts the proposal.
    await coach.reload();
    assert.equal(await coach.getByRole('button', { name: 'Decide and lock' }).count(), 0);
    const lead = await openAs('team_lead', 'de', PHONE);
    await lead.goto(evaluationUrl);
    await lead.getByRole('heading', { level: 1, name: /Bewertung von Anne Schmit/ }).waitFor();
    await lead.locator('[data-criterion="correct-information"]').getByRole('radio', { name: 'Vorschlag annehmen' }).check();
    await lead.getByRole('button', { name: 'Entscheiden und sperren' }).click();
    await lead.getByText('Anfechtung entschieden: die Bewertung ist gesperrt.').waitFor();
    assert.equal((await lead.locator('.evaluation-score-value strong').textContent())?.trim(), '100');
    assert.equal(await lead.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scroll on a phone');
    await lead.screenshot({ path: join(SHOTS, 'quality-evaluation-decided-phone.png'), fullPage: true });

    const stored = await storage.db.selectFrom('evaluations').select(['state', 'score', 'pass']).where('interaction_id', '=', contact.id).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { state: 'decided', score: 100, pass: 1 });
    // a colleague of the advisor's team is not in the demo; another role without reach gets nothing
    const cx = await openAs('cx_manager', 'en');
    assert.equal((await cx.request.get(`${server.url}/api/v1/quality/evaluations/${evaluationUrl.split('/').pop()}`)).status(), 403);
    assert.deepEqual(csp.flat(), []);
  });

  test('the coach makes a new version of the scorecard, edits the draft and publishes it; the version before is archived', async () => {
    const coach = await openAs('quality_coach', 'fr');
    await coach.goto(`${server.url}/quality/scorecards`);
    await coach.getByRole('heading', { level: 1, name: 'Grilles d’évaluation' }).waitFor();
    await coach.getByRole('button', { name: 'Nouvelle version (brouillon)' }).click();
    await coach.getByRole('heading', { level: 2, name: /Version 2/ }).waitFor();
    await coach.getByRole('button', { name: 'Modifier le brouillon' }).click();
    await coach.getByLabel('Seuil de réussite').fill('85');
    await coach.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await coach.getByText('Seuil de réussite: 85').or(coach.getByText(/Seuil de réussite\s*:\s*85/)).first().waitFor();
    await coach.getByRole('button', { name: 'Publier' }).click();
    await coach.getByRole('button', { name: 'Archiver' }).waitFor();
    await coach.screenshot({ path: join(SHOTS, 'quality-scorecards.png'), fullPage: true });
    const versions = await storage.db.selectFrom('scorecard_versions').select(['version', 'state']).orderBy('version').execute();
    assert.deepEqual(versions, [{ version: 1, state: 'archived' }, { version: 2, state: 'published' }]);
  });
});
