import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinSurveyParts } from './survey-text.js';

describe("a survey's first SMS from its parts", () => {
  it('makes each part a sentence of its own, leaves parts that end a sentence as they are, and skips empty ones', () => {
    assert.equal(
      joinSurveyParts(['De 1 à 10, quelle note ? Réponse gratuite. STOP: plus de sondage', 'Un mot ? Ajoutez-le après la note.']),
      'De 1 à 10, quelle note ? Réponse gratuite. STOP: plus de sondage. Un mot ? Ajoutez-le après la note.',
    );
    assert.equal(joinSurveyParts(['Wie bewerten Sie uns?', '  ', 'Wurde Ihr Anliegen gelöst? ', 'Ein Wort dazu!']), 'Wie bewerten Sie uns? Wurde Ihr Anliegen gelöst? Ein Wort dazu!');
    assert.equal(joinSurveyParts(['Merci…', 'Un mot']), 'Merci… Un mot', 'the last part is left as written');
    assert.equal(joinSurveyParts(['Only the question']), 'Only the question');
  });
});
