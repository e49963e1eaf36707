import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from '../sms/encoding.js';
import { DEFAULT_TEXTS } from '../storage/migrations/2026-11-26-surveys.js';
import { validateVersion } from './survey-definitions.js';

const fill = (text: string) => text.replaceAll('{min}', '1').replaceAll('{max}', '10');

describe('survey texts seeded by the migrations', () => {
  it('are a valid definition', () => {
    assert.doesNotThrow(() => validateVersion({ scale: { min: 1, max: 10 }, promoterMin: 9, detractorMax: 6, askResolved: true, askComment: true, texts: DEFAULT_TEXTS }));
  });

  for (const [language, texts] of Object.entries(DEFAULT_TEXTS)) {
    it(`${language}: the first message is one GSM-7 SMS, and so is every other text`, () => {
      const first = encode(fill(`${texts.question} ${texts.commentInvite}`));
      assert.deepEqual([first.encoding, first.parts.length], ['gsm7', 1]);
      for (const [key, text] of Object.entries(texts)) {
        const encoded = encode(fill(String(text)));
        assert.deepEqual([key, encoded.encoding, encoded.parts.length], [key, 'gsm7', 1]);
      }
    });
  }
});
