import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import { encode } from '../sms/encoding.js';
import type { Storage } from '../storage/database.js';
import { DEFAULT_TEMPLATES } from '../storage/migrations/2026-12-05-notifications.js';
import { notify } from './notify.js';
import { addTemplateVersion, checkDraft, currentTemplate, MAX_SMS_PARTS, PLACEHOLDERS, placeholdersOf, renderTemplate, type TemplateParams } from './templates.js';

const CX: Actor = { kind: 'user', id: 'cx-1', role: 'cx_manager', displayName: 'CX', teamId: null, language: 'fr' };
// Saturday 28 March 2026, 23:30 UTC: already Sunday 29 March in Luxembourg (00:30 CET), the night the clocks go forward.
const RECEIVED = Date.parse('2026-03-28T23:30:00Z');
const ANSWERED = Date.parse('2026-08-14T22:30:00Z'); // 15 August, 00:30 CEST
const PARAMS: TemplateParams = {
  reference: 'REC-2026-004217', customerName: 'Marie Weber', receivedDate: RECEIVED, answerDate: ANSWERED, dueDate: ANSWERED,
  outcome: 'Nous avons rectifié votre facture de mars et remboursé 12,50 EUR.', reviewUrl: 'https://www.example.lu/avis',
};
const refusal = (code: string) => (error: unknown) => error instanceof DomainError && error.status === 422 && error.code === code;
const template = (body: string, channel: 'sms' | 'email' = 'sms', language: 'fr' | 'de' | 'en' | 'lb' = 'fr') =>
  ({ key: 'test.key', version: 1, channel, language, subject: channel === 'email' ? 'Réclamation {reference}' : null, body });

describe('rendering a template', () => {
  it('puts the values in, dates in the message language in Europe/Luxembourg: numeric in an SMS, long in an e-mail', () => {
    const body = 'Reçue le {receivedDate}, réponse le {answerDate}.';
    assert.equal(renderTemplate(template(body), PARAMS).body, 'Reçue le 29/03/2026, réponse le 15/08/2026.');
    assert.equal(renderTemplate(template(body, 'sms', 'de'), PARAMS).body, 'Reçue le 29.03.2026, réponse le 15.08.2026.');
    const email = renderTemplate(template(body, 'email', 'fr'), PARAMS);
    assert.equal(email.body, 'Reçue le 29 mars 2026, réponse le 15 août 2026.');
    assert.equal(email.subject, 'Réclamation REC-2026-004217');
    assert.equal(renderTemplate(template('{answerDate}', 'email', 'de'), PARAMS).body, '15. August 2026');
    assert.equal(renderTemplate(template('{answerDate}', 'email', 'en'), PARAMS).body, '15 August 2026');
  });

  it('refuses a template with an unknown placeholder, a missing value, a date that is not a time', () => {
    assert.throws(() => renderTemplate(template('Bonjour {firstName}'), PARAMS), refusal('template-placeholder-unknown'));
    assert.throws(() => renderTemplate(template('Bonjour {toString}'), PARAMS), refusal('template-placeholder-unknown'));
    assert.throws(() => renderTemplate(template('Réclamation {reference}'), {}), refusal('template-value-missing'));
    assert.throws(() => renderTemplate(template('Le {receivedDate}'), { receivedDate: '29/03/2026' }), refusal('template-value-invalid'));
    // Braces that are no placeholder are text.
    assert.equal(renderTemplate(template('{ } {1}'), {}).body, '{ } {1}');
  });

  it(`refuses an SMS of more than ${MAX_SMS_PARTS} parts, counted by the GSM 03.38 encoder`, () => {
    const long = 'x'.repeat(153 * MAX_SMS_PARTS);
    assert.doesNotThrow(() => renderTemplate(template('{outcome}'), { outcome: long }));
    assert.throws(() => renderTemplate(template('{outcome}'), { outcome: `${long}x` }), refusal('message-too-long'));
    // A Unicode character makes it UCS-2, 67 units a part.
    assert.throws(() => renderTemplate(template('{outcome}'), { outcome: `ê${'x'.repeat(67 * MAX_SMS_PARTS)}` }), refusal('message-too-long'));
  });
});

describe('the templates seeded by the migration', () => {
  for (const [key, texts] of Object.entries(DEFAULT_TEMPLATES)) {
    it(`${key}: an SMS and an e-mail in fr, de and en, with known placeholders; each SMS in GSM 03.38 and at most ${MAX_SMS_PARTS} parts`, () => {
      assert.deepEqual(Object.keys(texts.sms).sort(), ['de', 'en', 'fr']);
      assert.deepEqual(Object.keys(texts.email).sort(), ['de', 'en', 'fr']);
      for (const [language, body] of Object.entries(texts.sms)) {
        assert.doesNotThrow(() => checkDraft({ key, channel: 'sms', language: language as 'fr', body }), `${key} sms ${language}`);
        const sms = encode(renderTemplate({ ...template(body, 'sms', language as 'fr'), key }, PARAMS).body);
        assert.equal(sms.encoding, 'gsm7', `${key} sms ${language}`);
        assert.ok(sms.parts.length <= 4, `${key} sms ${language}: ${sms.parts.length} parts`);
      }
      for (const [language, { subject, body }] of Object.entries(texts.email)) {
        assert.doesNotThrow(() => checkDraft({ key, channel: 'email', language: language as 'fr', subject, body }), `${key} email ${language}`);
        assert.deepEqual(placeholdersOf(body).filter((p) => !(p in PLACEHOLDERS)), []);
      }
    });
  }

  it('answered and eight-weeks messages name the ILR mediation, its prior written complaint and its 90 days, with the dates it needs', () => {
    for (const key of ['complaint.answered', 'complaint.eight-weeks'] as const) {
      for (const text of [...Object.values(DEFAULT_TEMPLATES[key].sms), ...Object.values(DEFAULT_TEMPLATES[key].email).map((e) => e.body)]) {
        assert.match(text, /ILR/);
        assert.match(text, /90/);
        assert.match(text, /écrite|schriftlich|written/);
        assert.ok(text.includes('{receivedDate}'), text);
      }
    }
    for (const text of [...Object.values(DEFAULT_TEMPLATES['complaint.answered'].sms), ...Object.values(DEFAULT_TEMPLATES['complaint.answered'].email).map((e) => e.body)]) {
      assert.ok(text.includes('{answerDate}') && text.includes('{outcome}'), text);
    }
  });
});

describe('a template author', () => {
  it('is told what is wrong: the key, a placeholder, the subject of an e-mail, a character outside the GSM alphabet', () => {
    const bad = (draft: Parameters<typeof checkDraft>[0], pattern: RegExp) =>
      assert.throws(() => checkDraft(draft), (e: unknown) => e instanceof DomainError && e.status === 400 && pattern.test(e.message));
    bad({ key: 'Complaint', channel: 'sms', language: 'fr', body: 'x' }, /key must be lower-case words joined by dots/);
    bad({ key: 'complaint.x', channel: 'sms', language: 'fr', body: 'Bonjour {prenom}' }, /\{prenom\}, which is not a placeholder/);
    bad({ key: 'complaint.x', channel: 'email', language: 'fr', body: 'x' }, /subject is required/);
    bad({ key: 'complaint.x', channel: 'sms', language: 'fr', subject: 'x', body: 'x' }, /for e-mails only/);
    bad({ key: 'complaint.x', channel: 'sms', language: 'fr', body: 'Votre réclamation a été reçue' }, /outside the GSM alphabet \(ç\)/);
  });
});

for (const engine of await testEngines()) {
  describe(`template versions on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(async () => {
      await storage?.close();
    });

    it('editing writes a new version; the old one stays as it was and each message records the version it used', async () => {
      const { db } = storage;
      const customer = await seedCustomer(db);
      const v1 = (await currentTemplate(db, 'complaint.acknowledged', 'sms', 'fr'))!;
      assert.equal(v1.version, 1);
      const first = await notify(db, { class: 'service', templateKey: 'complaint.acknowledged', customerId: customer.id, channel: 'sms', params: PARAMS, refType: 'complaint', refId: 'c-1' });

      const v2 = await addTemplateVersion(db, { key: 'complaint.acknowledged', channel: 'sms', language: 'fr', body: 'Reclamation {reference} enregistree le {receivedDate}.' }, CX);
      assert.deepEqual([v2.version, v2.created_by], [2, 'cx-1']);
      const second = await notify(db, { class: 'service', templateKey: 'complaint.acknowledged', customerId: customer.id, channel: 'sms', params: PARAMS, refType: 'complaint', refId: 'c-2' });

      const rows = await db.selectFrom('notifications').select(['id', 'template_key', 'template_version', 'template_id', 'body']).where('id', 'in', [first.id, second.id]).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      assert.deepEqual([byId.get(first.id)!.template_version, byId.get(first.id)!.template_id], [1, v1.id]);
      assert.match(byId.get(first.id)!.body, /^Votre réclamation REC-2026-004217 du 29\/03\/2026/);
      assert.deepEqual([byId.get(second.id)!.template_version, byId.get(second.id)!.template_id], [2, v2.id]);
      assert.equal(byId.get(second.id)!.body, 'Reclamation REC-2026-004217 enregistree le 29/03/2026.');
      const stored = await db.selectFrom('message_templates').selectAll().where('id', '=', v1.id).executeTakeFirstOrThrow();
      assert.equal(stored.body, DEFAULT_TEMPLATES['complaint.acknowledged'].sms.fr, 'version 1 is unchanged');
      // The other languages still use their version 1.
      assert.equal((await currentTemplate(db, 'complaint.acknowledged', 'sms', 'de'))!.version, 1);
    });

    it('a Luxembourgish reader gets the French version, and a template without a French one the English', async () => {
      const { db } = storage;
      assert.equal((await currentTemplate(db, 'complaint.answered', 'email', 'lb'))!.language, 'fr');
      await addTemplateVersion(db, { key: 'followup.callback', channel: 'sms', language: 'en', body: 'We tried to call you about {reference}.' }, CX);
      assert.equal((await currentTemplate(db, 'followup.callback', 'sms', 'de'))!.language, 'en');
      assert.equal(await currentTemplate(db, 'followup.callback', 'email', 'de'), undefined);
    });
  });
}
