/**
 * The language of a comment, from lexical cues: each cue word (src/text/lexicons/languages.ts)
 * votes for its languages, each word of a topic or sentiment list weakly for its list's, and a
 * few letters vote too (`ë` for Luxembourgish, `ß` `ö` `ü` for German, `è` `à` `ç` for French). Luxembourgish is told from German by its own function words
 * (`ech`, `net`, `ass`, `mat`, `dat`, `awer`, `fir`, `keen`, `wéi`, `ze`…) and spellings
 * (`gutt`, `zefridden`).
 */
import type { Lexicon } from './lexicon.js';
import { MAX_MATCHES, type TokenBuffer } from './tokens.js';
import { LANGUAGES, type TextLanguage } from './types.js';

/** Below this much evidence (one word that belongs to a single language) the text has no language. */
const MIN_EVIDENCE = 0.5;
/** Two languages closer than this are tied: the hint decides, or there is no language. */
const TIE_MARGIN = 0.5;

const FR = 0;
const DE = 1;
const LB = 3;

const scores = new Float64Array(LANGUAGES.length);

/** The language the text is written in, or null when too short or unclear. */
export function detectLanguage(
  text: string,
  tokens: TokenBuffer,
  lexicon: Lexicon,
  hint: TextLanguage | undefined,
): TextLanguage | null {
  scores.fill(0);
  for (let token = 0; token < tokens.count; token++) {
    const base = token * MAX_MATCHES;
    for (let k = 0; k < tokens.matchCount[token]!; k++) {
      const votes = lexicon.terms[tokens.matches[base + k]!]!.votes;
      if (votes) for (let l = 0; l < votes.length; l++) scores[l]! += votes[l]!;
    }
  }
  addLetterCues(text);

  let best = 0;
  for (let l = 1; l < scores.length; l++) if (scores[l]! > scores[best]!) best = l;
  if (scores[best]! < MIN_EVIDENCE) return null;
  let tied = false;
  for (let l = 0; l < scores.length; l++) if (l !== best && scores[best]! - scores[l]! < TIE_MARGIN) tied = true;
  if (!tied) return LANGUAGES[best]!;
  if (hint !== undefined && scores[best]! - scores[LANGUAGES.indexOf(hint)]! < TIE_MARGIN) return hint;
  return null;
}

function addLetterCues(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c === 0xdf) {
      scores[DE]! += 1.5; // ß
      continue;
    }
    if (c === 0x153 || c === 0x152) {
      scores[FR]! += 1; // œ
      continue;
    }
    switch (c | 0x20) {
      // (c | 0x20 is the lower case of a Latin-1 capital)
      case 0xeb: // ë
        scores[LB]! += 1.5;
        break;
      case 0xe4: // ä
        scores[DE]! += 0.5;
        scores[LB]! += 0.5;
        break;
      case 0xf6: // ö
      case 0xfc: // ü
        scores[DE]! += 1;
        break;
      case 0xe9: // é
        scores[FR]! += 0.5;
        scores[LB]! += 0.25;
        break;
      case 0xe8: // è (Luxembourgish comments borrow French words: "Conseillère")
      case 0xe0: // à
      case 0xe7: // ç
        scores[FR]! += 0.5;
        break;
      case 0xea: // ê
      case 0xe2: // â
      case 0xf4: // ô
      case 0xee: // î
      case 0xfb: // û
      case 0xf9: // ù
        scores[FR]! += 1;
        break;
    }
  }
}
