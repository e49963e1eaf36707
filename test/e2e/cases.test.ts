// Browser test of the cases workbench: the real server on a fresh SQLite database with demo data,
// driven through Debian's Chromium. A detractor's hot follow-up is pushed live to the team lead, who
// opens it, calls the customer back, records the outcome and turns it into a complaint; an advisor
// records a complaint from the card and finds it in the queue. Screenshots of the queue and the
// case page at 1440×900, 768×1024 and 390×844 go to ECOUTE_SCREENSHOTS (ecoute-cases-*.png).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, demoLogin, PHONE, SHOTS, SKIP_WITHOUT_CHROMIUM, TABLET, waitForConsoleStream, watchCspViolations } from './browser.js';
import { startDemoSite, type DemoSite } from './demo-site.js';
import { pageLink, openUserMenu } from './header-steps.js';
import { loadDemo } from '../../src/demo/index.js';
import { followupAlertHandler } from '../../src/followups/followup-alerts.js';
import { hotAlertRef } from '../../src/followups/followup-opening.js';
import { answerSurvey } from '../../src/followups/followups.testkit.js';
import { createComplaint } from '../../src/complaints/complaint-service.js';
import type { RunningServer } from '../../src/server/server.js';
import type { Storage } from '../../src/storage/database.js';
import { surveyAlways } from '../fixtures.js';

const lead = demoLogin('team_lead');
const advisor = demoLogin('advisor');
const SIZES = { desktop: DESKTOP, tablet: TABLET, phone: PHONE } as const;

describe('cases workbench (browser)', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let site: DemoSite;
  let storage: Storage;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[] = [];

  /** The page at each size, whole, without animations; back to the desktop size after. */
  async function shots(p: Page, name: string) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await p.setViewportSize(viewport);
      await p.screenshot({ path: join(SHOTS, `ecoute-cases-${name}-${size}.png`), fullPage: true, animations: 'disabled' });
    }
    await p.setViewportSize(DESKTOP);
  }

  async function signIn(p: Page, who: { email: string; password: string; displayName: string }) {
    await p.goto(server.url);
    await p.getByLabel('Adresse e-mail').fill(who.email);
    await p.getByLabel('Mot de passe').fill(who.password);
    await p.getByRole('button', { name: 'Se connecter' }).click();
    await p.getByRole('banner').getByText(who.displayName).waitFor();
  }

  const userId = async (email: string) => (await storage.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  before(async () => {
    site = await startDemoSite('cases', {
      load: async (storage) => {
        await loadDemo(storage, { customers: 40, seed: 11 });
        await surveyAlways(storage.db);
      },
    });
    ({ storage, server, browser } = site);
    context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    cspViolations = watchCspViolations(context);
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });

  after(async () => {
    await context?.close();
    await site?.close();
  });

  test('a hot follow-up reaches the team lead live; the lead calls back, records the outcome and turns it into a complaint', async () => {
    await signIn(page, lead);
    await (await pageLink(page.getByRole('navigation', { name: 'Pages' }), 'Suivi')).click();
    await page.getByRole('heading', { level: 1, name: 'Suivi des réclamations et des rappels' }).waitFor();
    await waitForConsoleStream(server, await userId(lead.email));

    // A customer of the lead's team answers 2 with a churn word: the follow-up opens in the answer's
    // transaction and its alert is pushed to the lead's console, as the worker does.
    const answer = await answerSurvey(storage.db, await userId(advisor.email), '2 troisième appel, toujours pas de réseau, je vais résilier');
    const followup = await storage.db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').select(['cases.id', 'cases.version', 'cases.assignee_id']).where('followups.survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
    assert.equal(followup.assignee_id, await userId(lead.email), 'routed to the lead of the team that took the contact');
    const customer = await storage.db.selectFrom('parties').select(['display_name', 'customer_number']).where('id', '=', answer.partyId).executeTakeFirstOrThrow();
    // The job the answer's transaction queued, run as the worker runs it.
    const job = await storage.db.selectFrom('outbox').select(['id', 'ref_id']).where('topic', '=', 'followup.hot').where('ref_id', '=', hotAlertRef(followup.id, Number(followup.version))).executeTakeFirstOrThrow();
    await followupAlertHandler(storage.db, server.live)(job.ref_id, { id: Number(job.id), topic: 'followup.hot', refId: job.ref_id, attempts: 1 });

    const alert = page.locator('.hot-alert');
    await alert.getByText(/Rappel urgent : note 2 · note très basse, mot d’alerte · «\srésilier\s» · à traiter avant le/).waitFor();
    // Screen readers hear it.
    await page.getByTestId('call-announcement').filter({ hasText: /^Rappel urgent : note 2/ }).waitFor({ state: 'attached' });

    // The queue reloaded: the follow-up is there, hot, with its deadline in words.
    const row = page.locator('.queue-table tbody tr', { hasText: customer.display_name });
    await row.waitFor();
    await row.getByText('Urgent').waitFor();
    await row.getByText('À appeler').waitFor();
    assert.match((await row.locator('.deadline').textContent()) ?? '', /^(À venir|Aujourd’hui|En retard)\s*\d/);
    assert.equal(await row.getByRole('checkbox').count(), 1, 'a team lead may tick it for a bulk assignment');
    await page.getByRole('link', { name: 'Exporter en CSV' }).waitFor();
    await shots(page, 'queue');

    // The alert opens the case: the answer, the actions of its state, the customer's history.
    await alert.getByRole('link', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rappel d’un détracteur' }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/cases/followup/${followup.id}`);
    await page.getByRole('region', { name: 'Réponse à l’enquête' }).getByText('troisième appel, toujours pas de réseau, je vais résilier', { exact: true }).waitFor();
    const side = page.getByRole('complementary', { name: 'Le client et son historique' });
    await side.getByRole('heading', { level: 2, name: customer.display_name }).waitFor();
    await side.getByRole('heading', { name: 'Historique des contacts' }).waitFor();
    assert.equal(await page.locator('.hot-alert').count(), 0, 'the alert is dismissed once opened');
    await shots(page, 'case');

    // A first call that does not reach the customer.
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Enregistrer un appel' }).click();
    let form = actions.locator('form.case-action-form');
    await form.getByRole('radio', { name: 'Client non joint' }).check();
    await form.getByRole('button', { name: 'Enregistrer un appel' }).click();
    await page.getByText('C’est fait : « Enregistrer un appel » est enregistré.').waitFor();
    await page.locator('.case-badges').getByText('En cours').waitFor();

    // Closing now is refused by the server: worded in French, where the action is.
    await actions.getByRole('button', { name: 'Clore' }).click();
    form = actions.locator('form.case-action-form');
    await form.getByText(/Le client n’a pas encore été joint/).waitFor();
    await form.getByRole('button', { name: 'Clore' }).click();
    await form.getByRole('alert').getByText('Le client n’a pas été joint : enregistrez l’appel qui le joint, ou 3 tentatives sans réponse pour clore comme injoignable (1 jusqu’ici).').waitFor();

    // "Call the customer" opens their card on the console, ready for an outgoing call, with the way back.
    await page.getByRole('button', { name: 'Appeler le client' }).click();
    await page.getByRole('heading', { level: 2, name: customer.display_name }).waitFor();
    const logForm = page.locator('section.log-contact');
    assert.equal(await logForm.getByRole('radio', { name: 'Téléphone' }).isChecked(), true);
    assert.equal(await logForm.getByRole('radio', { name: 'sortant' }).isChecked(), true);
    await page.locator('.customer-cases').getByRole('link', { name: 'Rappel · note 2' }).waitFor();
    await page.getByRole('link', { name: 'Revenir au dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rappel d’un détracteur' }).waitFor();

    // Reached this time; the outcome, and the follow-up becomes a complaint.
    await actions.getByRole('button', { name: 'Enregistrer un appel' }).click();
    form = actions.locator('form.case-action-form');
    await form.getByRole('radio', { name: 'Client joint' }).check();
    await form.getByLabel('Note (facultative)').fill('Rappelé à 14 h, client joint');
    await form.getByRole('button', { name: 'Enregistrer un appel' }).click();
    await page.getByText('C’est fait : « Enregistrer un appel » est enregistré.').waitFor();
    await actions.getByRole('button', { name: 'Clore' }).click();
    form = actions.locator('form.case-action-form');
    // The cause is required once the customer was reached: said before anything is sent.
    await form.getByRole('button', { name: 'Clore' }).click();
    await form.getByText('Ce champ est obligatoire.').waitFor();
    await form.getByLabel(/Cause selon le client/).fill('Pas de réseau à la maison depuis trois semaines');
    await form.getByLabel('Ce qui a été fait').fill('Ticket réseau ouvert, geste commercial proposé');
    await form.getByRole('checkbox', { name: 'Devient une réclamation' }).check();
    await form.getByLabel('Catégorie (obligatoire)', { exact: true }).selectOption('network');
    await form.getByLabel('Montant contesté (€)').fill('12,50');
    await actions.screenshot({ path: join(SHOTS, 'ecoute-cases-close-form-desktop.png'), animations: 'disabled' });
    await form.getByRole('button', { name: 'Clore' }).click();
    await page.getByText('Rappel clos : la réclamation est créée.').waitFor();
    await page.locator('.case-badges').getByText('Close').waitFor();

    const timeline = page.getByRole('region', { name: 'Historique du dossier' });
    await timeline.getByText('Clôture').waitFor();
    await timeline.getByText('Rappelé à 14 h, client joint').waitFor();
    assert.equal(await timeline.locator('.case-event-attempt').count(), 2);

    const closed = await storage.db.selectFrom('followups').innerJoin('cases', 'cases.id', 'followups.case_id').select(['cases.state', 'followups.resolution', 'followups.complaint_id', 'followups.attempts']).where('followups.case_id', '=', followup.id).executeTakeFirstOrThrow();
    assert.deepEqual([closed.state, closed.resolution, closed.attempts], ['closed', 'reached', 2]);
    const complaint = await storage.db.selectFrom('complaints').select(['reference', 'amount_disputed_cents', 'category']).where('case_id', '=', closed.complaint_id!).executeTakeFirstOrThrow();
    assert.deepEqual([complaint.amount_disputed_cents, complaint.category], [1250, 'network']);

    // The complaint it became opens from the follow-up.
    await page.locator('.case-facts').getByRole('link', { name: 'Ouvrir la réclamation' }).click();
    await page.getByRole('heading', { level: 1, name: `Réclamation ${complaint.reference}` }).waitFor();
    await page.getByText('12,50 €').waitFor();
    await shots(page, 'complaint');

    // Its lifecycle from its page: acknowledged, answered with its outcome, closed.
    const complaintActions = page.getByRole('region', { name: 'Actions' });
    const act = async (action: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) => {
      await complaintActions.getByRole('button', { name: action }).click();
      const actionForm = complaintActions.locator('form.case-action-form');
      await fill?.(actionForm);
      await actionForm.getByRole('button', { name: action }).click();
      await page.getByText(`C’est fait : « ${action} » est enregistré.`).waitFor();
    };
    await act('Accuser réception');
    await page.locator('.case-badges').getByText('Accusé de réception').waitFor();
    await complaintActions.getByRole('button', { name: 'Répondre' }).click();
    await complaintActions.locator('form.case-action-form').getByRole('button', { name: 'Répondre' }).click();
    await complaintActions.locator('form.case-action-form').getByText('Ce champ est obligatoire.').waitFor();
    await complaintActions.getByRole('button', { name: 'Répondre' }).first().click();
    await act('Répondre', async (f) => {
      await f.getByLabel(/Issue de la réclamation/).selectOption('partially_upheld');
      await f.getByLabel('Constat de l’enquête').fill('Antenne en panne à Esch');
    });
    // Closing needs the root cause from the tree: refused in the form without it, then chosen.
    await complaintActions.getByRole('button', { name: 'Clore' }).click();
    await complaintActions.locator('form.case-action-form').getByRole('button', { name: 'Clore' }).click();
    await complaintActions.locator('form.case-action-form').getByText('Ce champ est obligatoire.').waitFor();
    await complaintActions.getByRole('button', { name: 'Clore' }).first().click();
    await act('Clore', async (f) => {
      await f.getByLabel(/^Cause racine/).selectOption('network.outage');
    });
    await page.locator('.case-badges').getByText('Close').waitFor();
    await page.getByRole('region', { name: 'Historique du dossier' }).getByText('Issue de la réclamation : Partiellement fondée').waitFor();
    const done = await storage.db.selectFrom('complaints').innerJoin('cases', 'cases.id', 'complaints.case_id').select(['cases.state', 'complaints.outcome', 'complaints.root_cause']).where('complaints.reference', '=', complaint.reference).executeTakeFirstOrThrow();
    assert.deepEqual([done.state, done.outcome, done.root_cause], ['closed', 'partially_upheld', 'Antenne en panne à Esch']);
    assert.deepEqual(cspViolations, []);
  });

  test('an advisor records a written complaint from the card and finds it in the queue with its reference and deadline', async () => {
    const advisorContext = await browser.newContext({ viewport: TABLET, locale: 'fr-LU', timezoneId: 'Europe/Luxembourg' });
    const violations = watchCspViolations(advisorContext);
    const p = await advisorContext.newPage();
    p.setDefaultTimeout(10_000);
    try {
      await signIn(p, advisor);
      const someone = await storage.db.selectFrom('parties').select(['id', 'display_name', 'customer_number']).where('kind', '=', 'individual').orderBy('customer_number').limit(1).executeTakeFirstOrThrow();
      await p.getByLabel('Nom, numéro client ou téléphone').fill(someone.customer_number);
      await p.locator('.result', { hasText: someone.display_name }).first().click();
      await p.getByRole('heading', { level: 2, name: someone.display_name }).waitFor();

      const panel = p.locator('.customer-cases');
      await panel.getByRole('button', { name: 'Réclamation' }).click();
      const intake = panel.locator('form.complaint-intake');
      // Nothing chosen: every missing field is named, nothing is sent.
      await intake.getByRole('button', { name: 'Enregistrer la réclamation' }).click();
      await intake.getByText('Vérifiez les champs signalés.').waitFor();
      assert.equal(await intake.getByText('Ce champ est obligatoire.').count(), 3);
      await intake.getByLabel('Canal').selectOption('letter');
      await intake.getByLabel('Reçue le').waitFor();
      await intake.getByLabel('Catégorie').selectOption('billing');
      await intake.getByLabel('Réclamation dans les mots du client').fill('Facturé deux fois pour le mois de novembre.');
      await intake.getByLabel('Montant contesté (€)').fill('douze');
      await intake.getByRole('button', { name: 'Enregistrer la réclamation' }).click();
      await intake.getByText('Indiquez un montant en euros, par exemple 12,50.').waitFor();
      await intake.getByLabel('Montant contesté (€)').fill('39,90');
      await intake.getByRole('button', { name: 'Enregistrer la réclamation' }).click();
      const created = panel.getByText(/^Réclamation REC-\d{4}-\d{6} enregistrée : accusé de réception avant le /);
      await created.waitFor();
      const reference = /REC-\d{4}-\d{6}/.exec((await created.textContent()) ?? '')![0];
      await panel.getByRole('link', { name: reference }).waitFor();
      await p.screenshot({ path: join(SHOTS, 'ecoute-cases-advisor-card-tablet.png'), fullPage: true, animations: 'disabled' });

      const stored = await storage.db.selectFrom('complaints').select(['channel', 'amount_disputed_cents', 'received_at']).where('reference', '=', reference).executeTakeFirstOrThrow();
      assert.deepEqual([stored.channel, stored.amount_disputed_cents], ['letter', 3990]);

      // The queue of the advisor's team shows it: reference, customer, state, deadline in words.
      await (await pageLink(p.getByRole('navigation', { name: 'Pages' }), 'Suivi')).click();
      await p.getByRole('navigation', { name: 'Type de dossier' }).getByRole('link', { name: 'Réclamations' }).click();
      await p.getByRole('link', { name: 'Mon équipe' }).click();
      const row = p.locator('.queue-table tbody tr', { hasText: reference });
      await row.waitFor();
      await row.getByText(someone.display_name).waitFor();
      await row.getByText('Reçue').waitFor();
      assert.match((await row.locator('.deadline').textContent()) ?? '', /^(À venir|Aujourd’hui|En retard)\s*\d/);
      assert.equal(await row.getByRole('checkbox').count(), 0, 'advisors do not assign in bulk');
      await p.setViewportSize(PHONE);
      await p.screenshot({ path: join(SHOTS, 'ecoute-cases-advisor-queue-phone.png'), fullPage: true, animations: 'disabled' });

      // The same queue in German: every word of the workbench is translated.
      await openUserMenu(p);
      await p.getByLabel('Langue').selectOption('de');
      await p.keyboard.press('Escape');
      await p.getByRole('heading', { level: 2, name: 'Beschwerden · Mein Team' }).waitFor();
      await row.getByText('Eingegangen').waitFor();
      assert.match((await row.locator('.deadline').textContent()) ?? '', /^(Anstehend|Heute fällig|Überfällig)\s*\d/);
      await p.screenshot({ path: join(SHOTS, 'ecoute-cases-advisor-queue-de-phone.png'), fullPage: true, animations: 'disabled' });
      assert.deepEqual(violations, []);
    } finally {
      await advisorContext.close();
    }
  });
  test('a team lead transfers a complaint to the billing back office: chosen by name, with the reason; it leaves the queue of the team', async () => {
    const leadRow = await storage.db.selectFrom('users').select(['id', 'team_id']).where('email', '=', lead.email).executeTakeFirstOrThrow();
    const party = await storage.db.selectFrom('parties').select('id').where('kind', '=', 'individual').orderBy('customer_number', 'desc').limit(1).executeTakeFirstOrThrow();
    const actor = { kind: 'user' as const, id: leadRow.id, role: 'team_lead' as const, displayName: lead.displayName, teamId: leadRow.team_id, language: 'fr' as const };
    const { id, reference } = await createComplaint(storage.db, { partyId: party.id, channel: 'phone', category: 'billing', description: 'Facture de roaming contestée' }, actor);
    const target = await storage.db.selectFrom('teams').select(['id', 'name']).where('id', '!=', leadRow.team_id!).orderBy('name').limit(1).executeTakeFirstOrThrow();

    // still signed in as the team lead (the first test)
    await page.goto(`${server.url}/cases/complaint/${id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await page.getByRole('button', { name: 'Transférer' }).first().click();
    const form = page.locator('form.case-action-form');
    await form.getByRole('button', { name: 'Transférer' }).click();
    assert.ok((await form.getByText('Ce champ est obligatoire.').count()) >= 1, 'the team and the reason are named');
    await form.getByLabel('Équipe').selectOption({ label: target.name });
    await form.getByLabel(/Motif/).fill('Litige de facturation : back office');
    await form.getByRole('button', { name: 'Transférer' }).click();
    await page.getByRole('navigation', { name: 'Type de dossier' }).waitFor();
    const moved = await storage.db.selectFrom('cases').select(['team_id', 'assignee_id']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(moved, { team_id: target.id, assignee_id: null });
    const event = await storage.db.selectFrom('case_events').select(['action', 'reason']).where('case_id', '=', id).orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    assert.deepEqual(event, { action: 'transfer', reason: 'Litige de facturation : back office' });
    assert.deepEqual(cspViolations, []);
  });
});
