import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDraft, MAX_SMS_PARTS, renderTemplate } from '../notifications/templates.js';
import { encode } from '../sms/encoding.js';
import { ORAL_ANSWER_TEMPLATES } from '../storage/migrations/2026-12-06-oral-complaint-answers.js';
import { OUTCOME_TEXTS } from './complaint-messages.js';

const PARAMS = { reference: 'REC-2026-004217', receivedDate: Date.UTC(2026, 2, 2, 9), answerDate: Date.UTC(2026, 2, 12, 9) };
const LANGUAGES = ['de', 'en', 'fr'] as const;

describe("the texts of a complaint's final answer", () => {
  it(`the spoken complaint's answer: fr, de, en by SMS (GSM 03.38, at most ${MAX_SMS_PARTS} parts with the longest outcome) and e-mail; the ILR, the prior written complaint, 90 days, both dates`, () => {
    const { sms, email } = ORAL_ANSWER_TEMPLATES['complaint.answered-oral'];
    assert.deepEqual([Object.keys(sms).sort(), Object.keys(email).sort()], [[...LANGUAGES], [...LANGUAGES]]);
    for (const language of LANGUAGES) {
      const longest = Object.values(OUTCOME_TEXTS).map((t) => t[language]).sort((a, b) => b.length - a.length)[0]!;
      const key = 'complaint.answered-oral';
      assert.doesNotThrow(() => checkDraft({ key, channel: 'sms', language, body: sms[language] }));
      assert.doesNotThrow(() => checkDraft({ key, channel: 'email', language, ...email[language] }));
      const rendered = renderTemplate({ key, version: 1, channel: 'sms', language, subject: null, body: sms[language] }, { ...PARAMS, outcome: longest }).body;
      const encoded = encode(rendered);
      assert.equal(encoded.encoding, 'gsm7', `${language}: ${rendered}`);
      assert.ok(encoded.parts.length <= MAX_SMS_PARTS, `${language}: ${encoded.parts.length} parts`);
      for (const text of [sms[language], email[language].body]) {
        assert.match(text, /ILR/);
        assert.match(text, /90/);
        assert.match(text, /écrite|schriftlich|written/);
        assert.ok(['{reference}', '{outcome}', '{receivedDate}', '{answerDate}'].every((p) => text.includes(p)), text);
      }
    }
  });

  it('every outcome sentence is in the GSM alphabet, so the SMS stays at 153 characters a part', () => {
    for (const texts of Object.values(OUTCOME_TEXTS)) for (const text of Object.values(texts)) assert.equal(encode(text).encoding, 'gsm7', text);
  });
});
