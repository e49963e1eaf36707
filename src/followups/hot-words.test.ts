import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { heatOf, type FollowupRules } from './followup-rules.js';
import { hotWordMatcher, hotWordProblem } from './hot-words.js';

const RULES: FollowupRules = {
  detractorMax: null,
  hotScoreMax: 3,
  hotKeywords: {
    fr: ['résilier', 'résiliation', 'avocat', 'ILR', 'réseaux sociaux', "changer d'opérateur"],
    de: ['kündigen', 'Kündigung', 'Anwalt'],
    en: ['cancel', 'lawyer', 'social media'],
    lb: ['kënnegen', 'Affekot'],
  },
  hotOnRepeat: true,
  deadlineDays: 2,
  hotDeadlineDays: 1,
  unreachableAfter: 3,
  routing: ['account_manager', 'team_lead', 'site_lead'],
  thankPromoters: false,
  reviewUrl: null,
  updatedAt: 0,
  updatedBy: null,
};

describe('hot words', () => {
  const words = Object.values(RULES.hotKeywords).flat();
  const match = hotWordMatcher(words);

  it('match folded: without accents, in any case, ß and umlauts as customers type them', () => {
    assert.deepEqual(match('Je vais RESILIER mon abonnement'), ['résilier']);
    assert.deepEqual(match('Ich werde kundigen, Kündigung folgt'), ['kündigen', 'Kündigung']);
    assert.deepEqual(match("Ech wäert KENNEGEN an den Affekot uruffen"), ['kënnegen', 'Affekot']);
    assert.deepEqual(match("plainte à l'ilr"), ['ILR']);
  });

  it('match whole words only: no word inside another', () => {
    assert.deepEqual(match('the call was cancelled twice'), []);
    assert.deepEqual(match('Ihr Anwaltsbüro'), []);
    assert.deepEqual(match('facilr'), []);
    assert.deepEqual(match('I will cancel.'), ['cancel']);
  });

  it('match phrases with any spacing and either apostrophe', () => {
    assert.deepEqual(match('je le dirai sur les réseaux\n  sociaux'), ['réseaux sociaux']);
    assert.deepEqual(match('je vais changer d’opérateur'), ["changer d'opérateur"]);
    assert.deepEqual(match('social   media will hear of it'), ['social media']);
  });

  it('match any ending after a trailing *', () => {
    const prefix = hotWordMatcher(['résili*']);
    assert.deepEqual(prefix('résiliation immédiate'), ['résili*']);
    assert.deepEqual(prefix('je résilie'), ['résili*']);
    assert.deepEqual(prefix('irrésilié'), []);
  });

  it('name the words that cannot be matched', () => {
    assert.equal(hotWordProblem('!!'), 'must contain a letter or a digit');
    assert.equal(hotWordProblem('ré*sil'), 'may hold * only at its end (any ending)');
    assert.equal(hotWordProblem('ILR'), undefined);
  });
});

describe('heat of an answer', () => {
  it('is hot for a score at or below the threshold, a hot word, a repeat contact; each reason named', () => {
    assert.deepEqual(heatOf({ score: 3, comment: null, repeat: false }, RULES), { reasons: ['score'], keywords: [] });
    assert.deepEqual(heatOf({ score: 4, comment: 'Je vais résilier', repeat: false }, RULES), { reasons: ['keyword'], keywords: ['résilier'] });
    assert.deepEqual(heatOf({ score: 5, comment: 'lent', repeat: true }, RULES), { reasons: ['repeat'], keywords: [] });
    assert.deepEqual(heatOf({ score: 1, comment: 'my lawyer will call', repeat: true }, RULES), { reasons: ['score', 'keyword', 'repeat'], keywords: ['lawyer'] });
    assert.deepEqual(heatOf({ score: 6, comment: 'trop cher', repeat: false }, RULES), { reasons: [], keywords: [] });
  });

  it('leaves a repeat contact cold when the rules say so', () => {
    assert.deepEqual(heatOf({ score: 5, comment: null, repeat: true }, { ...RULES, hotOnRepeat: false }).reasons, []);
  });
});
