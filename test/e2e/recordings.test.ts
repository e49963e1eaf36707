// Browser test of the recording player: the real server on a fresh SQLite database with demo data and
// the demo's recordings, driven through Debian's Chromium. The demo advisor opens a customer's card,
// presses "Listen" on a contact with a recording: the waveform is drawn from the server's peaks
// without the audio; play (one audit row) streams the audio by byte ranges; a seek moves the position.
// Screenshots at 1440×900 and 390×844 go to ECOUTE_SCREENSHOTS (ecoute-recording-*.png).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, demoLogin, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { DiskBlobStore } from '../../src/blobs/disk-blob-store.js';
import { loadDemo } from '../../src/demo/index.js';
import { loadDemoRecordings } from '../../src/demo/demo-recordings.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';

const advisor = demoLogin('advisor');

describe('recording player (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];
  let customerNumber: string;
  let interactionId: string;

  before(async () => {
    site = await startDemoSite('recordings', {
      load: async (db, dir) => {
        await loadDemo(db, { customers: 40, seed: 7 });
        assert.ok((await loadDemoRecordings(db.db, new DiskBlobStore(join(dir, 'blobs')))) >= 6, 'the demo gives the advisor recordings');
      },
      config: (dir) => ({ blobs: { store: 'disk', dir: join(dir, 'blobs') } }),
      beside: (_db, _config, dir) => ({ server: { blobs: new DiskBlobStore(join(dir, 'blobs')) } }),
      chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
    });
    ({ storage, server, browser } = site);
    // a recorded contact that is the newest of its customer's (first on the card's timeline)
    const recorded = await storage.db
      .selectFrom('recordings')
      .innerJoin('interactions', 'interactions.id', 'recordings.interaction_id')
      .innerJoin('parties', 'parties.id', 'interactions.party_id')
      .select(['interactions.id', 'interactions.party_id', 'interactions.started_at', 'parties.customer_number'])
      .execute();
    for (const r of recorded) {
      const newest = await storage.db.selectFrom('interactions').select('id').where('party_id', '=', r.party_id).orderBy('started_at', 'desc').orderBy('id', 'desc').limit(5).execute();
      if (newest.some((n) => n.id === r.id)) {
        customerNumber = r.customer_number;
        interactionId = r.id;
        break;
      }
    }
    assert.ok(interactionId, 'a recorded contact among its customer’s last five');
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { email: advisor.email, password: advisor.password } });
    assert.equal(login.status(), 200, await login.text());
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('the advisor listens to a contact: waveform without the audio, play audited, the audio streamed by ranges, a seek moves it', async () => {
    const audioRequests: { range: string | undefined; status: number }[] = [];
    page.on('response', (response) => {
      if (/\/api\/v1\/quality\/recordings\/[^/]+\/audio/.test(response.url())) {
        audioRequests.push({ range: response.request().headers()['range'], status: response.status() });
      }
    });
    const auditsBefore = (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'recordings').execute()).length;

    await page.goto(server.url);
    await page.getByLabel('Nom, numéro client ou téléphone (ou e-mail)').fill(customerNumber);
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.locator('.result-list .result').first().click();
    const item = page.locator(`li[data-interaction-id="${interactionId}"]`);
    await item.getByRole('button', { name: 'Écouter l’enregistrement' }).click();
    const player = item.getByRole('region', { name: 'Enregistrement du contact' });
    await player.waitFor();
    await player.locator('.recording-wave canvas').first().waitFor({ state: 'attached' });
    assert.equal(audioRequests.length, 0, 'the waveform is drawn without fetching the audio');
    await page.screenshot({ path: join(SHOTS, 'ecoute-recording-player-desktop.png'), animations: 'disabled' });

    await player.getByRole('button', { name: 'Écouter', exact: true }).click();
    await player.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    const slider = player.getByRole('slider', { name: 'Forme d’onde de l’enregistrement' });
    const position = async () => Number(await slider.getAttribute('aria-valuenow'));
    const until = async (check: (s: number) => boolean, what: string) => {
      for (let i = 0; i < 100 && !check(await position()); i++) await page.waitForTimeout(100);
      assert.ok(check(await position()), `${what}: at ${await position()} s`);
    };
    await until((s) => s >= 1, 'it plays');
    // seek: +5 s with the button, then back 5 s with the keyboard on the waveform (the demo's calls
    // last 8 s or more, spoken by espeak-ng or generated)
    await player.getByRole('button', { name: 'Avancer de 5 secondes' }).click();
    await until((s) => s >= 6, 'the seek moved it forward');
    await player.getByRole('button', { name: 'Pause', exact: true }).click();
    const paused = await position();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await until((s) => s <= paused - 4, 'the keyboard moved it back');

    assert.ok(audioRequests.length >= 1, 'the audio was requested');
    assert.ok(audioRequests.every((r) => r.range?.startsWith('bytes=')), `every audio request used Range: ${JSON.stringify(audioRequests)}`);
    assert.ok(audioRequests.some((r) => r.status === 206), 'answered with 206 Partial Content');
    const auditsAfter = (await storage.db.selectFrom('audit_log').select('id').where('via', '=', 'recordings').execute()).length;
    assert.equal(auditsAfter, auditsBefore + 1, 'one play, one audit row, however many ranges');

    await page.setViewportSize(PHONE);
    await player.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'ecoute-recording-player-phone.png'), animations: 'disabled' });
    await page.setViewportSize(DESKTOP);
    assert.deepEqual(cspViolations, []);
  });
});
