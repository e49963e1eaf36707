// The quality loop in the browser (docs/quality.md): the coach draws the month's sample, opens a drawn
// contact of the demo advisor, plays its recording, scores it with a critical failure; the advisor
// disputes an item; the team lead, a second evaluator, decides; and the demo's calibration session
// shows the spread between evaluators with the severe one flagged.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DiskBlobStore } from '../../src/blobs/disk-blob-store.js';
import { loadDemo } from '../../src/demo/index.js';
import { loadDemoQuality } from '../../src/demo/demo-quality.js';
import { syntheticCall } from '../../src/quality/synthetic-audio.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { demoLogin, loggedInPage, SHOTS, SKIP_WITHOUT_CHROMIUM } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';

describe('the quality loop (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let month: string;
  let advisorId: string;
  const contexts: BrowserContext[] = [];
  const csp: string[][] = [];

  const openAs = (role: string, language: 'fr' | 'en' | 'de'): Promise<Page> => loggedInPage(browser, server.url, demoLogin(role), { language, contexts, violations: csp, timeout: 15_000 });

  before(async () => {
    site = await startDemoSite('quality-loop', {
      load: async (db) => {
        await loadDemo(db, { customers: 60, seed: 11 });
        await loadDemoQuality(db, { seed: 11, now: Date.now() });
      },
      config: (dir) => ({ worker: false, blobs: { store: 'disk', dir: join(dir, 'blobs') } }),
      beside: (_db, _config, dir) => ({ server: { blobs: new DiskBlobStore(join(dir, 'blobs')) } }),
      chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
    });
    ({ storage, server, browser } = site);
    advisorId = (await storage.db.selectFrom('users').select('id').where('email', '=', demoLogin('advisor').email).executeTakeFirstOrThrow()).id;
    // the month with most of the demo advisor's contacts
    const months = new Map<string, number>();
    for (const c of await storage.db.selectFrom('interactions').select('started_at').where('advisor_id', '=', advisorId).execute()) {
      const m = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit' }).format(new Date(Number(c.started_at))).slice(0, 7);
      months.set(m, (months.get(m) ?? 0) + 1);
    }
    month = [...months].sort((a, b) => b[1] - a[1])[0]![0];
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await site?.close();
  });

  test('draw, listen, score with a critical failure, dispute, decide; and the calibration spread', async () => {
    // 1. The coach draws the month's sample.
    const coach = await openAs('quality_coach', 'fr');
    await coach.goto(`${server.url}/quality/sample`);
    await coach.getByRole('heading', { level: 1, name: 'Échantillon à écouter' }).waitFor();
    await coach.locator('#sample-period').fill(month);
    await coach.getByLabel('Graine (facultatif)').fill('loop-seed');
    await coach.getByRole('button', { name: 'Tirer l’échantillon' }).click();
    await coach.getByText(/graine loop-seed/).waitFor();
    const drawn = await storage.db.selectFrom('quality_sample_items').select(['id', 'contact_id']).where('advisor_id', '=', advisorId).where('replaced_at', 'is', null).orderBy('position').executeTakeFirstOrThrow();

    // 2. The telephony platform hands over that call's recording (a system with the recordings scope).
    const admin = await openAs('admin', 'en');
    const token = await (await admin.request.post(`${server.url}/api/v1/tokens`, { data: { name: 'telephony', role: 'integration', scopes: ['recordings'] } })).json();
    const handed = await admin.request.post(`${server.url}/api/v1/quality/recordings`, {
      headers: { authorization: `Bearer ${token.token}` },
      multipart: { interactionId: drawn.contact_id, file: { name: 'call.wav', mimeType: 'audio/wav', buffer: Buffer.from(syntheticCall(12, 5)) } },
    });
    assert.equal(handed.status(), 201, await handed.text());

    // 3. From the sample, the coach opens the drawn contact's evaluation and listens.
    const row = coach.locator('table.sample-table tbody tr', { hasText: drawn.contact_id.slice(-8) }).first();
    await row.getByRole('link', { name: 'Évaluer' }).click();
    await coach.getByRole('button', { name: 'Commencer l’évaluation' }).click();
    await coach.getByRole('heading', { level: 1, name: /Évaluation de Anne Schmit/ }).waitFor();
    const audits = async () => Number((await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('via', '=', 'recordings').executeTakeFirstOrThrow()).n);
    const before = await audits();
    await coach.getByRole('button', { name: 'Écouter' }).click();
    await coach.getByRole('button', { name: 'Pause' }).waitFor();
    for (let i = 0; i < 50 && (await audits()) === before; i++) await coach.waitForTimeout(100);
    assert.equal(await audits(), before + 1, 'the play is in the audit trail');
    await coach.getByRole('button', { name: 'Pause' }).click();

    // A card number was read out: the coach silences that span for good (a wrong position first).
    await coach.getByRole('button', { name: 'Masquer un passage…' }).click();
    await coach.getByLabel('De (m:ss)').fill('9:99');
    await coach.getByLabel('À (m:ss)').fill('0:04');
    await coach.getByLabel('Pourquoi').fill('Numéro de carte dicté');
    await coach.getByRole('button', { name: 'Masquer pour de bon' }).click();
    await coach.getByText('Saisissez une position au format m:ss (par exemple 1:05).').waitFor();
    await coach.getByLabel('De (m:ss)').fill('0:02');
    await coach.getByRole('button', { name: 'Masquer pour de bon' }).click();
    await coach.getByText('Passage masqué : 0:02 – 0:04').waitFor();
    const spans = await storage.db.selectFrom('recording_redactions').select(['start_ms', 'end_ms']).execute();
    assert.deepEqual(spans.map((r) => [Number(r.start_ms), Number(r.end_ms)]), [[2000, 4000]]);

    // 4. Scored with a critical failure, submitted.
    const groups = coach.getByRole('radiogroup');
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).getByRole('radio', { name: 'Oui' }).check();
    await coach.locator('[data-criterion="identity-verified"]').getByRole('radio', { name: 'Non' }).check();
    await coach.getByText(/Échec critique : Vérifie l’identité/).first().waitFor();
    await coach.getByRole('button', { name: 'Soumettre au conseiller' }).click();
    await coach.getByText(/Évaluation soumise/).waitFor();
    const evaluationUrl = coach.url();
    const stored = await storage.db.selectFrom('evaluations').select(['score', 'sample_item_id', 'state']).where('interaction_id', '=', drawn.contact_id).where('state', '=', 'submitted').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { score: 0, sample_item_id: drawn.id, state: 'submitted' });
    await coach.screenshot({ path: join(SHOTS, 'quality-loop-evaluation.png'), fullPage: true });

    // 5. The advisor disputes; the team lead decides.
    const advisor = await openAs('advisor', 'fr');
    await advisor.goto(evaluationUrl);
    await advisor.getByLabel(/Contester « Vérifie l’identité/).check();
    await advisor.getByLabel('Pourquoi').fill('Le client a donné sa date de naissance au début.');
    await advisor.getByLabel('Réponse proposée').selectOption('yes');
    await advisor.getByRole('button', { name: 'Envoyer la contestation' }).click();
    await advisor.getByText('Contestation envoyée : un second évaluateur la tranchera.').waitFor();
    const lead = await openAs('team_lead', 'fr');
    await lead.goto(evaluationUrl);
    await lead.locator('[data-criterion="identity-verified"]').getByRole('radio', { name: 'Accepter la proposition' }).check();
    await lead.getByRole('button', { name: 'Trancher et verrouiller' }).click();
    await lead.getByText('Contestation tranchée : l’évaluation est verrouillée.').waitFor();

    // 6. The demo's calibration session shows the spread, its severe evaluator flagged.
    await coach.goto(`${server.url}/quality/calibration`);
    await coach.getByRole('link', { name: 'Calibrage du mois' }).click();
    await coach.getByRole('heading', { level: 2, name: 'Écart par contact' }).waitFor();
    assert.ok((await coach.locator('svg.calibration-dots').count()) >= 2);
    assert.equal(await coach.locator('tr.calibration-flagged').count(), 1);
    assert.deepEqual(csp.flat(), []);
  });
});
