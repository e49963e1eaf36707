import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from '../sms/encoding.js';
import { DEFAULT_TEXTS } from '../storage/migrations/2026-11-26-surveys.js';
import { testEngines } from '../../test/engines.js';
import { getVersion, listDefinitions, surveyMessage, validateVersion } from './survey-definitions.js';

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

const engines = await testEngines();

describe('the first SMS of the default survey as a fresh install sends it', () => {
  // Each part a sentence of its own: the question's last clause ("STOP: …") gets its full stop before the invitation.
  const expected: Record<string, string> = {
    fr: 'Merci pour votre appel. De 1 à 10, quelle note donnez-vous à notre service client ? Réponse gratuite. STOP: plus de sondage. Un mot ? Ajoutez-le après la note.',
    de: 'Danke für Ihren Anruf. Wie bewerten Sie unseren Kundenservice von 1 bis 10? Antwort kostenlos. STOPP: keine Umfragen mehr. Ein Wort dazu? Nach der Note.',
    en: 'Thank you for calling. From 1 to 10, how would you rate our customer service? Free reply. STOP: no more surveys. A comment? Add it after the score.',
    lb: 'Merci fir Ären Uruff. Vun 1 bis 10, wéi eng Note gitt Dir eisem Clientsservice? Äntwert gratis. STOP: keng Froe méi. E Wuert? No der Note.',
  };
  for (const engine of engines) {
    it(`${engine.name}: fr, de, en and lb, word for word, one GSM-7 SMS each`, { skip: engine.skip }, async () => {
      const storage = await engine.open();
      try {
        const [definition] = await listDefinitions(storage.db);
        const version = await getVersion(storage.db, definition!.currentVersionId!);
        for (const language of ['fr', 'de', 'en', 'lb'] as const) {
          const text = surveyMessage(version, language);
          assert.equal(text, expected[language], language);
          const encoded = encode(text);
          assert.deepEqual([encoded.encoding, encoded.parts.length], ['gsm7', 1], language);
        }
      } finally {
        await storage.close();
      }
    });
  }
});
