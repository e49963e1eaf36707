import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  for (const spelling of ['+352 621 123 456', '00352621123456', '621123456', '621 12 34 56', '(+352) 621-123-456']) {
    it(`reads "${spelling}" as +352621123456`, () => {
      assert.deepEqual(normalizePhone(spelling), { ok: true, e164: '+352621123456', kind: 'mobile' });
    });
  }

  it('reads Luxembourg landlines', () => {
    const parsed = normalizePhone('26 12 34 56');
    assert.equal(parsed.ok, true);
    assert.equal(parsed.ok && parsed.e164, '+35226123456');
    assert.equal(parsed.ok && parsed.kind, 'landline');
  });

  it('keeps foreign numbers with their country code', () => {
    const parsed = normalizePhone('+33 6 12 34 56 78');
    assert.equal(parsed.ok && parsed.e164, '+33612345678');
  });

  it('refuses letters and impossible numbers with a reason', () => {
    const letters = normalizePhone('621-abc');
    assert.equal(letters.ok, false);
    assert.match(!letters.ok ? letters.reason : '', /digits/);
    const short = normalizePhone('12');
    assert.equal(short.ok, false);
    assert.match(!short.ok ? short.reason : '', /not a valid phone number/);
    assert.equal(normalizePhone('  ').ok, false);
  });
});
