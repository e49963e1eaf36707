// Browser test of a complaint's attachments on its case page, at tablet size: an advisor attaches a
// letter, downloads it, is told in their language why an executable renamed .pdf and a file too large
// are refused, and removes an attachment with the reason. A screenshot of the panel goes to
// ECOUTE_SCREENSHOTS (ecoute-attachments-tablet.png).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { createComplaint } from '../../src/complaints/complaint-service.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { seedCustomer, seedTeam } from '../fixtures.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Buffer.from('MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000 this program cannot be run in DOS mode', 'latin1');

describe('complaint attachments (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];
  let email: string;
  let complaintId: string;

  before(async () => {
    site = await startDemoSite('attachments', {
      load: async (db) => {
        const team = await seedTeam(db.db);
        email = `advisor.${team.teamId.slice(-6)}@ecoute.test`;
        const partyId = (await seedCustomer(db.db)).id;
        const advisor = { kind: 'user' as const, id: team.advisorId, role: 'advisor' as const, displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' as const };
        complaintId = (await createComplaint(db.db, { partyId, channel: 'letter', category: 'billing', description: 'Facturé deux fois', receivedAt: Date.now() - 86_400_000 }, advisor)).id;
      },
      config: (dir) => ({ demoMode: false, blobs: { store: 'disk', dir: join(dir, 'blobs') }, attachments: { maxBytes: 64 * 1024, perComplaint: 20 } }),
    });
    ({ storage, server, browser } = site);
    context = await browser.newContext({ viewport: TABLET, hasTouch: true, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg', acceptDownloads: true });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('attach, download, refusals in the reader’s language, removal with its reason', async () => {
    await page.goto(server.url);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('correct horse');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('banner').getByText('Anne Schmit').waitFor();
    await page.goto(`${server.url}/cases/complaint/${complaintId}`);

    const panel = page.getByRole('region', { name: 'Pièces jointes' });
    await panel.getByText('Aucune pièce jointe.').waitFor();
    await panel.getByText('PDF, photo (PNG, JPEG, HEIC), texte ou e-mail (.eml) ; 64 ko au plus, 20 fichiers par réclamation.').waitFor();

    // Attached from the tablet's file picker: the labelled control takes the file.
    await panel.getByLabel('Joindre un fichier').setInputFiles({ name: 'Lettre du 1er décembre.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Lettre du 1er décembre.pdf est joint à la réclamation.').waitFor();
    const link = panel.getByRole('link', { name: 'Télécharger Lettre du 1er décembre.pdf' });
    await link.waitFor();
    await page.getByRole('region', { name: 'Historique du dossier' }).getByText('Pièce jointe ajoutée').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'Lettre du 1er décembre.pdf');
    assert.deepEqual(readFileSync((await download.path())!), PDF);

    // An executable named .pdf: refused by the server for its content, worded in French.
    await panel.getByLabel('Joindre un fichier').setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: EXE });
    await panel.getByRole('alert').getByText(/^facture\.pdf: Ce type de fichier n’est pas accepté : seuls les PDF/).waitFor();
    // Too large: said before anything is sent.
    await panel.getByLabel('Joindre un fichier').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(70 * 1024)]) });
    await panel.getByRole('alert').getByText('scan.pdf dépasse 64 ko, la taille maximale d’une pièce jointe.').waitFor();
    assert.equal(await storage.db.selectFrom('complaint_attachments').select('id').execute().then((r) => r.length), 1, 'nothing stored for either');

    await page.setViewportSize(TABLET);
    await panel.screenshot({ path: join(SHOTS, 'ecoute-attachments-tablet.png'), animations: 'disabled' });

    // In German, the same refusal in German.
    await page.evaluate(() => localStorage.setItem('ecoute.language', 'de'));
    await page.reload();
    const panelDe = page.getByRole('region', { name: 'Anhänge' });
    await panelDe.getByLabel('Datei anhängen').setInputFiles({ name: 'virus.txt', mimeType: 'text/plain', buffer: EXE });
    await panelDe.getByRole('alert').getByText(/^virus\.txt: Dieser Dateityp wird nicht angenommen/).waitFor();
    await page.evaluate(() => localStorage.setItem('ecoute.language', 'fr'));
    await page.reload();

    // Removed with its reason: the record and the timeline keep the trace.
    await panel.getByRole('button', { name: 'Retirer Lettre du 1er décembre.pdf' }).click();
    const form = panel.getByRole('form', { name: 'Retirer Lettre du 1er décembre.pdf' });
    await form.getByRole('button', { name: 'Retirer la pièce jointe' }).click();
    await form.getByText('Ce champ est obligatoire.').waitFor();
    await form.getByLabel('Pourquoi la retirer ?').fill('Lettre d’un autre client');
    await form.getByRole('button', { name: 'Retirer la pièce jointe' }).click();
    await page.getByText('Lettre du 1er décembre.pdf est retiré ; son fichier est effacé.').waitFor();
    await panel.getByText(/^Retirée par Anne Schmit, .* : Lettre d’un autre client$/).waitFor();
    assert.equal(await panel.getByRole('link').count(), 0, 'no download of a removed file');
    await page.getByRole('region', { name: 'Historique du dossier' }).getByText('Pièce jointe retirée').waitFor();
    assert.deepEqual(cspViolations, []);
  });
});
