import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldForSearch, foldText } from './fold.js';

describe('foldText', () => {
  it('drops accents and case, one unit per unit of the original', () => {
    for (const [text, folded] of [
      ['Très Zéng Fënnef ÀÉÎÕÜ', 'tres zeng fennef aeiou'],
      ['Straße Œuvre Ørsted', 'straße œuvre ørsted'],
      ['İstanbul', 'istanbul'],
      ['Nguyễn Йорк', 'nguyen иорк'],
      ['ok 👍', 'ok 👍'],
    ]) {
      assert.equal(foldText(text!), folded);
      assert.equal(foldText(text!).length, text!.length);
    }
  });
});

describe('foldForSearch', () => {
  it('drops accents and case', () => {
    assert.equal(foldForSearch('  Müller-Schäfer   Élodie '), 'muller-schafer elodie');
  });

  it('reads a decomposed name as its composed form', () => {
    assert.equal(foldForSearch('E\u0301lodie Mu\u0308ller'), 'elodie muller');
  });
});
