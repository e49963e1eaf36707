// Browser test of training (docs/quality.md, "Training"): the coach adds a training, plans a session
// that took place, enrols the demo advisor and records their completion, requires the training of
// advisors and sees who is overdue; the advisor sees their own row only; the figures before and after
// show; on a phone the page never scrolls sideways.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { demoLogin, loggedInPage, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

/** A datetime-local value (the browser's local time) a number of days from now at 9:00. */
function localAt(daysFromNow: number, hour: number): string {
  const d = new Date(Date.now() + daysFromNow * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
}

describe('training (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const csp: string[][] = [];
  const openAs = (role: string, viewport?: { width: number; height: number }): Promise<Page> =>
    loggedInPage(browser, server.url, demoLogin(role), { language: 'en', contexts, violations: csp, timeout: 15_000, ...(viewport ? { viewport } : {}) });

  before(async () => {
    site = await startDemoSite('quality-training', {
      load: (db) => loadDemo(db, { customers: 300, seed: 5, now: Date.now() }),
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('the coach builds the catalogue, records a completion, requires the training and sees who is late; the advisor sees their own', async () => {
    const coach = await openAs('quality_coach');
    await coach.goto(`${server.url}/quality/training`);
    await coach.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    await coach.getByText('No training in the catalogue.').waitFor();

    // a training, first with a code already refused by its form
    await coach.getByRole('button', { name: 'Add a training' }).click();
    await coach.getByLabel('Code').fill('with space');
    await coach.getByLabel('Title').fill('Active listening');
    await coach.getByRole('button', { name: 'Add to the catalogue' }).click();
    await coach.locator('#training-code-error').waitFor();
    await coach.getByLabel('Code').fill('LISTEN-1');
    await coach.getByRole('button', { name: 'Add to the catalogue' }).click();
    await coach.locator('tr[data-training="LISTEN-1"]').waitFor();

    // a session three days ago; the demo advisor enrolled, then completed
    await coach.locator('tr[data-training="LISTEN-1"]').getByRole('button', { name: 'Sessions and figures' }).click();
    await coach.getByLabel('Start').fill(localAt(-3, 9));
    await coach.getByLabel('End').fill(localAt(-3, 8));
    await coach.getByLabel('Place', { exact: true }).fill('Gasperich');
    await coach.getByRole('button', { name: 'Plan', exact: true }).click();
    await coach.getByText('The end must come after the start.').waitFor();
    await coach.getByLabel('End').fill(localAt(-3, 12));
    await coach.getByRole('button', { name: 'Plan', exact: true }).click();
    await coach.getByRole('cell', { name: 'Gasperich' }).waitFor();
    await coach.getByRole('button', { name: 'Open' }).click();
    await coach.getByLabel('Choose a person').selectOption({ label: `${demoLogin('advisor').displayName} (Hotline Mobile)` }).catch(async () => {
      const option = coach.locator('#training-enrol-person option', { hasText: demoLogin('advisor').displayName }).first();
      await coach.getByLabel('Choose a person').selectOption((await option.getAttribute('value'))!);
    });
    await coach.getByRole('button', { name: 'Enrol', exact: true }).click();
    const status = coach.getByLabel(`Status of ${demoLogin('advisor').displayName}`);
    await status.waitFor();
    await status.selectOption('completed');
    await coach.locator('tr[data-person] td', { hasText: /\d{4}|\// }).first().waitFor();
    const advisor = await storage.db.selectFrom('users').select('id').where('email', '=', demoLogin('advisor').email).executeTakeFirstOrThrow();
    const attendance = await storage.db.selectFrom('training_attendance').select(['status', 'completed_at']).where('user_id', '=', advisor.id).executeTakeFirstOrThrow();
    assert.equal(attendance.status, 'completed');
    assert.ok(attendance.completed_at !== null);

    // required of advisors, due a month ago: everyone else is late, the demo advisor is done
    await coach.goto(`${server.url}/quality/training`);
    await coach.getByLabel('Training', { exact: true }).selectOption({ label: 'Active listening' });
    await coach.getByLabel('Due', { exact: true }).fill(new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10));
    await coach.getByRole('button', { name: 'Require' }).click();
    await coach.locator('.training-requirements li', { hasText: 'Active listening' }).waitFor();
    const overdue = coach.locator('table.training-compliance-table tbody tr');
    await overdue.first().waitFor();
    const names = await overdue.locator('td:first-child').allInnerTexts();
    assert.ok(names.length > 3 && !names.includes(demoLogin('advisor').displayName), `overdue: ${names.join(', ')}`);
    await coach.locator('#training-compliance-filter').selectOption('done');
    await coach.locator('table.training-compliance-table tbody tr', { hasText: demoLogin('advisor').displayName }).waitFor();
    await coach.screenshot({ path: join(SHOTS, 'quality-training-coach.png'), fullPage: true });

    // the advisor: their own row, no one else's
    const own = await openAs('advisor', PHONE);
    await own.goto(`${server.url}/quality/training`);
    await own.locator('#training-compliance-filter').selectOption('');
    const rows = own.locator('table.training-compliance-table tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await rows.locator('td:first-child').allInnerTexts(), [demoLogin('advisor').displayName]);
    assert.equal(await own.getByRole('button', { name: 'Add a training' }).count(), 0);
    const [scroll, client] = await own.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `the page scrolls sideways: ${scroll} > ${client}`);

    // the coach reads the figures before and after (the days after have only begun)
    await coach.locator('tr[data-training="LISTEN-1"]').getByRole('button', { name: 'Sessions and figures' }).click();
    await coach.getByText(/1 people completed it; 1 still have days/).waitFor();
    assert.equal(await coach.locator('table.training-effect-table tbody tr').count(), 4);
    assert.deepEqual(csp.flat(), []);
  });
});
