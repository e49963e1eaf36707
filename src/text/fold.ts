/**
 * Folding: lower case without accents, the form the lexicons are compared in. Unlike a plain
 * `normalize('NFD')`, the folded text has exactly one UTF-16 unit per unit of the original, so an
 * offset in the folded text is the same offset in the customer's text (spans highlight the
 * original words, accents and case kept). `ß` stays `ß`: the lexicon reads it as `ss`.
 */

const NON_ASCII = /[^\x00-\x7f]/;
/** Latin-1 Supplement, Latin Extended-A and -B: where the accented letters of fr/de/lb live. */
const LATIN_ACCENTED = /[\u00c0-\u024f]/g;
const MARKS = /\p{M}/gu;

/** Base letter of every character in LATIN_ACCENTED, lower case (`É` → `e`, `ë` → `e`). */
const BASE_LETTER: readonly string[] = buildBaseLetters();

function buildBaseLetters(): string[] {
  const table: string[] = [];
  for (let code = 0xc0; code <= 0x24f; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    const base = lower.normalize('NFD').replace(MARKS, '');
    // letters without a one-unit base (ß, æ, œ, ø) and two-unit lower cases stay as they are
    table[code - 0xc0] = base.length === 1 ? base : lower.length === 1 ? lower : String.fromCharCode(code);
  }
  return table;
}

const baseLetter = (char: string): string => BASE_LETTER[char.charCodeAt(0) - 0xc0]!;

/** Lower case, per unit: for the rare characters whose lower case is longer (`İ`). */
function lowerPerUnit(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const lower = text[i]!.toLowerCase();
    out += lower.length === 1 ? lower : text[i]!;
  }
  return out;
}

/** Lower case without accents, the same length as `text`. */
export function foldText(text: string): string {
  let folded = text.toLowerCase();
  if (folded.length !== text.length) folded = lowerPerUnit(text);
  return NON_ASCII.test(folded) ? folded.replace(LATIN_ACCENTED, baseLetter) : folded;
}
