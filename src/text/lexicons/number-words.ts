/**
 * Numbers 0-10 written as words in the four languages of Luxembourg survey replies.
 * Keys are folded: lower case, without accents (see src/shared/fold.ts),
 * so "Zéng", "ZENG" and "zeng" are the same key.
 */

import type { Language } from '../../shared/languages.js';

export interface NumberWord {
  value: number;
  /** languages the word belongs to (used as a cue by language detection) */
  languages: readonly Language[];
  /**
   * Also an everyday word (an article: "un", "ein", "een", "one"; "null" as in "null Ahnung"):
   * read as a number only when nothing but punctuation, a yes/no word or "sur dix" follows it.
   */
  ambiguous: boolean;
}

const ENTRIES: [word: string, value: number, languages: Language[], ambiguous?: true][] = [
  // French
  ['zero', 0, ['fr', 'en']],
  ['un', 1, ['fr'], true],
  ['une', 1, ['fr'], true],
  ['deux', 2, ['fr']],
  ['trois', 3, ['fr']],
  ['quatre', 4, ['fr']],
  ['cinq', 5, ['fr']],
  ['six', 6, ['fr', 'en']],
  ['sept', 7, ['fr']],
  ['huit', 8, ['fr']],
  ['neuf', 9, ['fr']],
  ['dix', 10, ['fr']],
  // German
  ['null', 0, ['de', 'lb'], true],
  ['eins', 1, ['de']],
  ['ein', 1, ['de'], true],
  ['eine', 1, ['de'], true],
  ['zwei', 2, ['de']],
  ['zwo', 2, ['de']],
  ['drei', 3, ['de']],
  ['vier', 4, ['de']],
  ['funf', 5, ['de']],
  ['fuenf', 5, ['de']],
  ['sechs', 6, ['de', 'lb']],
  ['sieben', 7, ['de']],
  ['acht', 8, ['de']],
  ['neun', 9, ['de']],
  ['zehn', 10, ['de']],
  // English
  ['one', 1, ['en'], true],
  ['two', 2, ['en']],
  ['three', 3, ['en']],
  ['four', 4, ['en']],
  ['five', 5, ['en']],
  ['seven', 7, ['en']],
  ['eight', 8, ['en']],
  ['nine', 9, ['en']],
  ['ten', 10, ['en']],
  // Luxembourgish (null and sechs are shared with German)
  ['eent', 1, ['lb']],
  ['een', 1, ['lb'], true],
  ['eng', 1, ['lb'], true],
  ['zwee', 2, ['lb']],
  ['zwou', 2, ['lb']],
  ['drai', 3, ['lb']],
  ['veier', 4, ['lb']],
  ['fennef', 5, ['lb']],
  ['siwen', 7, ['lb']],
  ['aacht', 8, ['lb']],
  ['neng', 9, ['lb']],
  ['zeng', 10, ['lb']],
];

export const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = new Map(
  ENTRIES.map(([word, value, languages, ambiguous]) => [word, { value, languages, ambiguous: ambiguous === true }]),
);
