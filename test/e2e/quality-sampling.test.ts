// Browser test of the coach's sampling page (docs/quality.md, "Sampling"): the real server on a fresh
// SQLite database with demo data, through Debian's Chromium. A quality coach picks the month of the
// demo's contacts, sees the team's margin of error change with the size per advisor, sizes for a
// target margin, draws, reads why each contact was drawn, replaces one with a reason, and the page
// holds at 390 px. Screenshots: ecoute-quality-sample.png (and -phone) in ECOUTE_SCREENSHOTS.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, demoLogin, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { loadDemo } from '../../src/demo/index.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

const coach = demoLogin('quality_coach');

describe('quality sampling page (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let month: string;
  const cspViolations: string[][] = [];

  before(async () => {
    site = await startDemoSite('sampling', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 60, seed: 11 });
        // the month with the most ended contacts handled by an advisor
        const contacts = await storage.db.selectFrom('interactions').select('started_at').where('advisor_id', 'is not', null).where('ended_at', 'is not', null).execute();
        const months = new Map<string, number>();
        for (const c of contacts) {
          const m = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit' }).format(new Date(Number(c.started_at))).slice(0, 7);
          months.set(m, (months.get(m) ?? 0) + 1);
        }
        month = [...months].sort((a, b) => b[1] - a[1])[0]![0];
      },
      config: () => ({ worker: false }),
    });
    ({ storage, server, browser } = site);
  });

  after(async () => {
    await site?.close();
  });

  test('a coach sizes, draws, reads why each contact was drawn and replaces one with a reason', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations.push(watchCspViolations(context));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(coach.email);
    await page.getByLabel('Mot de passe').fill(coach.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('banner').getByText(coach.displayName).waitFor();
    await page.goto(`${server.url}/quality/sample`);
    await page.getByRole('heading', { level: 1, name: 'Échantillon à écouter' }).waitFor();
    await page.locator('#sample-period').fill(month);

    const margin = page.locator('#sample-margin');
    await margin.getByText(/Marge d’erreur/).waitFor();
    const at4 = (await margin.textContent())!;
    await page.getByLabel('Contacts par conseiller').fill('1');
    await page.waitForFunction((before) => document.querySelector('#sample-margin')?.textContent !== before && /Marge/.test(document.querySelector('#sample-margin')?.textContent ?? ''), at4);
    const points = (text: string) => Number(/±([\d,]+) points/.exec(text)![1]!.replace(',', '.'));
    assert.ok(points((await margin.textContent())!) > points(at4), 'a smaller sample, a larger margin');
    await page.locator('#sample-target-result').getByText(/Pour ±5(,0)? points/).waitFor();

    await page.getByLabel('Contacts par conseiller').fill('4');
    await page.getByLabel('Graine (facultatif)').fill('e2e-seed');
    await page.getByRole('button', { name: 'Tirer l’échantillon' }).click();
    await page.getByText(/graine e2e-seed/).waitFor();
    const rows = page.locator('table.sample-table tbody tr');
    await rows.first().waitFor();
    assert.match((await rows.first().textContent())!, /Strate .+ contacts sur \d+/);
    await page.screenshot({ path: join(SHOTS, 'ecoute-quality-sample.png'), fullPage: true, animations: 'disabled' });

    const before = await rows.count();
    await rows.first().getByRole('button', { name: 'Remplacer' }).click();
    await page.getByLabel('Motif').selectOption('other');
    assert.equal(await page.getByRole('button', { name: 'Remplacer par le contact suivant de la strate' }).isDisabled(), true, 'other needs a note');
    await page.getByLabel('Précision').fill('appel de test');
    await page.getByRole('button', { name: 'Remplacer par le contact suivant de la strate' }).click();
    await page.getByText(/Remplacé : Autre/).or(page.getByRole('alert')).first().waitFor();
    if (await page.getByText(/Remplacé : Autre/).count()) {
      await page.getByText('Remplace un contact tiré').waitFor();
      assert.equal(await rows.count(), before + 1);
    } else {
      // every contact of that stratum is already in the sample: the refusal is worded, nothing changed
      assert.match((await page.getByRole('alert').first().textContent())!, /Il ne reste aucun autre contact de cette strate/);
      assert.equal(await rows.count(), before);
    }

    await page.setViewportSize(PHONE);
    // measured once the page has laid itself out at the new width (the header refits its links on resize)
    await page.waitForFunction(() => document.documentElement.scrollWidth - document.documentElement.clientWidth <= 1, null, { timeout: 3000 }).catch(() => undefined);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow})`);
    await page.screenshot({ path: join(SHOTS, 'ecoute-quality-sample-phone.png'), fullPage: true, animations: 'disabled' });
    await context.close();
    assert.deepEqual(cspViolations.flat(), []);
  });
});
