import { foldText } from '../shared/fold.js';

/** Letters and digits: what a word is made of, in any script. */
const WORD_CHAR = '[\\p{L}\\p{N}]';
/** Apostrophes as customers type them, compared as one. */
const APOSTROPHES = /[’‘ʼ`´]/g;

function comparable(text: string): string {
  return foldText(text.normalize('NFC')).replace(APOSTROPHES, "'");
}

/** Why a configured hot word cannot be matched, or undefined when it can. */
export function hotWordProblem(word: string): string | undefined {
  const folded = comparable(word).trim();
  if (!/[\p{L}\p{N}]/u.test(folded)) return 'must contain a letter or a digit';
  if (folded.slice(0, -1).includes('*')) return 'may hold * only at its end (any ending)';
  return undefined;
}

/**
 * A matcher of hot words in a comment. Words are compared folded (lower case without accents,
 * src/shared/fold.ts: "Kündigung" matches "kundigung", "RÉSILIER" matches "résilier"), as whole
 * words ("cancel" does not match "cancelled"; "résili*" matches any ending), several-word phrases
 * with any spacing between their words. Answers the configured words the comment names, in the
 * order given, each once.
 */
export function hotWordMatcher(words: readonly string[]): (comment: string) => string[] {
  const patterns = words
    .filter((word) => hotWordProblem(word) === undefined)
    .map((word) => {
      const folded = comparable(word).trim();
      const prefix = folded.endsWith('*');
      const parts = (prefix ? folded.slice(0, -1) : folded).split(/\s+/);
      const body = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
      // the word's first part, which a comment naming it contains: most comments need no regular expression
      return { word, needle: parts[0]!, pattern: new RegExp(`(?<!${WORD_CHAR})${body}${prefix ? `${WORD_CHAR}*` : ''}(?!${WORD_CHAR})`, 'u') };
    });
  return (comment) => {
    const text = comparable(comment);
    const found = new Set<string>();
    for (const { word, needle, pattern } of patterns) if (text.includes(needle) && pattern.test(text)) found.add(word);
    return [...found];
  };
}
