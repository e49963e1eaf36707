/**
 * Folding: lower case without accents, the one form Ecoute compares words in (comment lexicons,
 * survey replies, name search). `foldText` keeps exactly one UTF-16 unit per unit of the original,
 * so an offset in the folded text is the same offset in the customer's text (spans highlight the
 * original words, accents and case kept). `ß` stays `ß`: the comment lexicon reads it as `ss`.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}/gu;

/** Folded unit of every UTF-16 unit, filled on first use (0: not yet computed). */
const FOLDED = new Uint16Array(0x10000);

function foldUnit(code: number): number {
  let folded = FOLDED[code]!;
  if (folded !== 0) return folded;
  if (code >= 0xd800 && code <= 0xdfff) {
    folded = code; // half of an emoji or another astral character: kept as it is
  } else {
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    const base = lower.normalize('NFD').replace(MARKS, '');
    // letters without a one-unit base (ß, æ, œ, ø) and two-unit lower cases (İ has one: i) stay one unit
    const one = base.length === 1 ? base : lower.length === 1 ? lower : char;
    folded = one.charCodeAt(0);
  }
  FOLDED[code] = folded;
  return folded;
}

/** Lower case without accents, the same length as `text`. */
export function foldText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x80 ? text[i]!.toLowerCase() : String.fromCharCode(foldUnit(code));
  }
  return out;
}

/** Folded, composed, without stray accents and extra spaces: the form names are stored and searched in. */
export function foldForSearch(text: string): string {
  const folded = foldText(text.normalize('NFC'));
  return (NON_ASCII.test(folded) ? folded.replace(MARKS, '') : folded).replace(/\s+/g, ' ').trim();
}

/** Letters folded to two (or one) ASCII letters in a search word, as German and French spell them without them. */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'oe' };

/**
 * The words a customer is found by, and a query searches with: folded (case, accents), punctuation
 * ignored (`Hoffmann & Wagener`: hoffmann, wagener), and the German spellings of umlauts made one
 * (`Müller`, `Mueller` and `Muller` all give `muller`: ae → a, oe → o, ue → u, ß → ss). The same
 * function serves both sides, so a word and any prefix of it written either way meet.
 */
export function searchWords(text: string): string[] {
  const words = foldForSearch(text)
    .replace(/[ßæœø]/g, (ch) => LIGATURES[ch]!)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/ae|oe|ue/g, (pair) => pair[0]!)
    .split(' ');
  return words.filter((word) => word !== '');
}

/**
 * What a customer's name is searched by: its distinct search words (one row each in
 * party_search_terms) and the words in their order, joined by spaces (the order of the results).
 */
export function searchIndexOf(name: string): { terms: string[]; name: string } {
  const words = searchWords(name);
  return { terms: [...new Set(words)], name: words.join(' ') };
}
