import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { notify } from '../notifications/notify.js';
import { encode } from '../sms/encoding.js';
import { checkDraft, PLACEHOLDERS, placeholdersOf } from '../notifications/templates.js';
import type { Storage } from './database.js';
import { down, up, USAGE_TEMPLATES } from './migrations/2027-01-03-usage-alerts.js';

describe('the templates of the usage alerts', () => {
  for (const [key, texts] of Object.entries(USAGE_TEMPLATES)) {
    it(`${key}: an SMS in fr, de and en, with known placeholders, in GSM 03.38 and one or two parts`, () => {
      const roaming = key.startsWith('usage.roaming');
      assert.deepEqual(Object.keys(texts).sort(), ['de', 'en', 'fr']);
      for (const [language, body] of Object.entries(texts)) {
        assert.doesNotThrow(() => checkDraft({ key, channel: 'sms', language: language as 'fr', body }), `${key} ${language}`);
        assert.deepEqual(placeholdersOf(body).filter((p) => !(p in PLACEHOLDERS)), []);
        const sms = encode(body.replace('{allowance}', '100 GB').replace('{periodEnd}', '31/12/2026').replace('{country}', 'Vereinigte Arabische Emirate').replace('{dataPrice}', '1,99 EUR/MB'));
        assert.equal(sms.encoding, 'gsm7', `${key} ${language}`);
        assert.ok(sms.parts.length <= 2, `${key} ${language}: ${sms.parts.length} parts`);
        if (roaming) assert.match(body, /112/, 'the free emergency number');
      }
    });
  }
});

for (const engine of await testEngines()) {
  describe(`the alert class added to the notifications already there on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('keeps every notification and its uniqueness, and takes the alert class; undone, refuses it again', async () => {
      const db = storage.db;
      const { id: customerId } = await seedCustomer(db, { familyName: 'Migration', phones: ['+352 621 400 001'], emails: [] });
      await notify(db, { class: 'service', templateKey: 'complaint.acknowledged', customerId, channel: 'sms', params: { reference: 'REC-1', receivedDate: Date.now(), dueDate: Date.now() }, refType: 'complaint', refId: 'c1' });
      const rows = () => db.selectFrom('notifications').selectAll().orderBy('id').execute();
      const before = await rows();
      await down(db, storage.capabilities);
      assert.deepEqual(await rows(), before);
      await assert.rejects(
        sql`update notifications set class = 'alert'`.execute(db),
        /CHECK|check/,
      );
      await up(db, storage.capabilities);
      assert.deepEqual(await rows(), before);
      await sql`update notifications set class = 'alert'`.execute(db);
      // the same notification twice is still refused
      await assert.rejects(sql`insert into notifications select * from notifications`.execute(db), /UNIQUE|unique|duplicate/);
    });
  });
}
