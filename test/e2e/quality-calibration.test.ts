// Browser test of calibration (docs/quality.md, "Calibration and agreement"): the demo's coach opens a
// session for three evaluators, they score blind, the coach reveals it and sees the spread, the
// agreement and the severe evaluator flagged.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/auth/auth-service.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { demoLogin, loggedInPage, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

const KEYS = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'];

describe('calibration (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const openAs = (email: string, password: string, language: 'fr' | 'en' | 'de'): Promise<Page> => loggedInPage(browser, server.url, { email, password }, { language, contexts });

  before(async () => {
    site = await startDemoSite('calibration', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 40, seed: 42 });
        await createUser(storage.db, { email: 'second.coach@ecoute.test', displayName: 'Luc Severe', role: 'quality_coach', teamId: null, siteId: null, password: 'correct horse battery' });
      },
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('the coach opens a session, the evaluators score blind, the reveal shows the spread and flags the severe one', async () => {
    const contacts = (await storage.db.selectFrom('interactions').select('id').where('advisor_id', 'is not', null).orderBy('started_at', 'desc').limit(3).execute()).map((c) => c.id);
    const coach = await openAs(demoLogin('quality_coach').email, demoLogin('quality_coach').password, 'en');
    await coach.goto(`${server.url}/quality/calibration`);
    await coach.getByRole('heading', { level: 1, name: 'Calibration' }).waitFor();
    await coach.getByLabel('Title').fill('December calibration');
    await coach.getByLabel('Contact ids (one per line)').fill(contacts.join('\n'));
    for (const name of [demoLogin('quality_coach').displayName, demoLogin('team_lead').displayName, 'Luc Severe']) await coach.getByRole('checkbox', { name }).check();
    await coach.getByRole('button', { name: 'Open the session' }).click();
    await coach.getByRole('heading', { level: 1, name: 'December calibration' }).waitFor();
    await coach.getByText('Blind: you see only your own scores until the session is revealed.').waitFor();

    // the coach scores the first contact in the page; the others score through the API
    const first = coach.locator(`[data-contact="${contacts[0]}"]`);
    const groups = first.getByRole('radiogroup');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio', { name: 'Yes' }).check();
    await first.getByRole('button', { name: 'Save my score' }).click();
    await coach.getByText('Score saved.').waitFor();
    const sessionId = coach.url().split('/').pop()!;
    const score = async (page: Page, interactionId: string, answers: Record<string, string>) =>
      assert.equal((await page.request.put(`${server.url}/api/v1/quality/calibrations/${sessionId}/scores/${interactionId}`, { data: { answers: KEYS.map((criterion) => ({ criterion, answer: answers[criterion] ?? 'yes' })) } })).status(), 200);
    for (const c of contacts.slice(1)) await score(coach, c, {});
    const lead = await openAs(demoLogin('team_lead').email, demoLogin('team_lead').password, 'fr');
    const severe = await openAs('second.coach@ecoute.test', 'correct horse battery', 'de');
    for (const c of contacts) {
      await score(lead, c, { rephrasing: 'partial', 'proactive-offer': 'na' });
      await score(severe, c, { needs: 'no', resolution: 'no', tone: 'no', summary: 'no' });
    }
    // blind: the lead sees only their own scores
    const blind = await (await lead.request.get(`${server.url}/api/v1/quality/calibrations/${sessionId}`)).json();
    assert.deepEqual([blind.agreement, blind.contacts[0].scores], [null, []]);

    await coach.getByRole('button', { name: 'Reveal the session' }).click();
    await coach.getByRole('heading', { level: 2, name: 'Spread per contact' }).waitFor();
    await coach.getByText(/Krippendorff’s alpha \(scores, interval\)/).waitFor();
    const flaggedRow = coach.locator('tr.calibration-flagged');
    assert.equal(await flaggedRow.count(), 1);
    assert.match((await flaggedRow.textContent()) ?? '', /Luc Severe/);
    assert.equal(await coach.locator('svg.calibration-dots').count(), 3);
    await coach.screenshot({ path: join(SHOTS, 'quality-calibration.png'), fullPage: true });

    // the lead, an evaluator, sees the others by letter only
    await lead.goto(`${server.url}/quality/calibration/${sessionId}`);
    await lead.getByRole('heading', { level: 2, name: 'Écart par contact' }).waitFor();
    assert.equal(await lead.getByText('Luc Severe').count(), 0);
    await lead.getByText('Évaluateur C').first().waitFor();
  });
});
