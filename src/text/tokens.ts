/**
 * Splits a folded text into words (and emoji), groups them in clauses and records the lexicon
 * terms each word matches. Everything lives in typed arrays reused from one text to the next:
 * the analyser runs for every survey response at ingestion, and a few objects per word would
 * cost more than the analysis itself.
 */
import type { Lexicon, MatchSink } from './lexicon.js';

/** A word keeps at most this many matching patterns (in practice two or three). */
export const MAX_MATCHES = 8;

export class TokenBuffer implements MatchSink {
  count = 0;
  clauseCount = 0;
  /** UTF-16 offsets of the word in the text */
  start = new Int32Array(0);
  end = new Int32Array(0);
  clause = new Int32Array(0);
  matchCount = new Uint8Array(0);
  /** term ids, MAX_MATCHES per token */
  matches = new Int32Array(0);

  // What the token means once the language is known and phrases are read (see meaning.ts)
  /** bit mask over TOPICS */
  topics = new Int32Array(0);
  /** end of the span that names the topics: a phrase reaches over the next tokens */
  topicEnd = new Int32Array(0);
  valence = new Float64Array(0);
  role = new Uint8Array(0);
  boost = new Float64Array(0);
  reach = new Uint8Array(0);

  // Sentiment (see sentiment.ts)
  /** NEGATED, NEGATION_USED */
  flags = new Uint8Array(0);
  /** per clause, so sized like the tokens */
  clauseScore = new Float64Array(0);

  constructor(capacity = 128) {
    this.allocate(capacity);
  }

  reset(): void {
    this.count = 0;
    this.clauseCount = 0;
  }

  push(start: number, end: number, clause: number): void {
    if (this.count === this.start.length) this.allocate(this.count * 2);
    const token = this.count++;
    this.start[token] = start;
    this.end[token] = end;
    this.clause[token] = clause;
    this.matchCount[token] = 0;
  }

  /** Adds a matching term to the last token pushed. */
  add(termId: number): boolean {
    const token = this.count - 1;
    const n = this.matchCount[token]!;
    if (n === MAX_MATCHES) return false;
    this.matches[token * MAX_MATCHES + n] = termId;
    this.matchCount[token] = n + 1;
    return true;
  }

  private allocate(capacity: number): void {
    this.start = grow(this.start, capacity);
    this.end = grow(this.end, capacity);
    this.clause = grow(this.clause, capacity);
    this.matchCount = grow(this.matchCount, capacity);
    this.matches = grow(this.matches, capacity * MAX_MATCHES);
    this.topics = grow(this.topics, capacity);
    this.topicEnd = grow(this.topicEnd, capacity);
    this.valence = grow(this.valence, capacity);
    this.role = grow(this.role, capacity);
    this.boost = grow(this.boost, capacity);
    this.reach = grow(this.reach, capacity);
    this.flags = grow(this.flags, capacity);
    this.clauseScore = grow(this.clauseScore, capacity);
  }
}

type NumberArray = Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** A longer array of the same kind, with the old content. */
function grow<T extends NumberArray>(old: T, length: number): T {
  const grown = new (old.constructor as new (length: number) => T)(length);
  grown.set(old);
  return grown;
}

// ---------------------------------------------------------------------------------------------

const WORD_ASCII = new Uint8Array(128);
for (let c = 48; c <= 57; c++) WORD_ASCII[c] = 1;
for (let c = 97; c <= 122; c++) WORD_ASCII[c] = 1;
for (let c = 65; c <= 90; c++) WORD_ASCII[c] = 1;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letters (any script), digits and combining accents; apostrophes and hyphens separate words. */
function isWordChar(folded: string, i: number, c: number): boolean {
  if (c < 128) return WORD_ASCII[c] === 1;
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
  if (c < 0x370) return c >= 0x300; // combining accents of a decomposed text
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return LETTER_OR_DIGIT.test(folded[i]!);
}

/** Punctuation that ends a clause: negation and intensifiers do not reach over it. */
function endsClause(folded: string, i: number, c: number): boolean {
  switch (c) {
    case 0x2e: // .
    case 0x21: // !
    case 0x3f: // ?
    case 0x3b: // ;
    case 0x2c: // ,
    case 0x3a: // :
    case 0x28: // (
    case 0x29: // )
    case 0x0a: // line feed
    case 0x2026: // …
    case 0x2013: // –
    case 0x2014: // —
      return true;
    case 0x2d: // a hyphen between spaces is a dash; inside a word it joins ("Wi-Fi")
      return folded.charCodeAt(i - 1) === 32 || folded.charCodeAt(i + 1) === 32;
    default:
      return false;
  }
}

/** Where an emoji or a smiley may start. */
const mayStartSymbol = (c: number): boolean => c === 0x3a || c === 0x3b || c === 0x3c || c >= 0x2000;

/** Fills `tokens` with the words of `folded` (see foldText) and the terms each matches. */
export function scan(folded: string, lexicon: Lexicon, tokens: TokenBuffer): void {
  tokens.reset();
  const n = folded.length;
  let clause = 0;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (isWordChar(folded, i, c)) {
      let j = i + 1;
      let digitsOnly = c >= 48 && c <= 57;
      for (; j < n; j++) {
        const d = folded.charCodeAt(j);
        if (!isWordChar(folded, j, d)) break;
        digitsOnly &&= d >= 48 && d <= 57;
      }
      tokens.push(i, j, clause);
      if (digitsOnly) tokens.add(lexicon.numberTerm);
      else lexicon.matchWord(folded, i, j, tokens);
      i = j;
      continue;
    }
    if (c !== 32 && mayStartSymbol(c)) {
      const symbol = lexicon.symbolAt(folded, i);
      if (symbol) {
        tokens.push(i, i + symbol.length, clause);
        tokens.add(symbol.termId);
        i += symbol.length;
        continue;
      }
    }
    // a new clause only after a word, so that "!!!" or ", ..." count once
    if (endsClause(folded, i, c) && tokens.count > 0 && tokens.clause[tokens.count - 1] === clause) clause++;
    i++;
  }
  tokens.clauseCount = tokens.count === 0 ? 0 : tokens.clause[tokens.count - 1]! + 1;
}
