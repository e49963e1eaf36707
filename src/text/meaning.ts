/**
 * What each word means in this text, once its language is known: of the patterns a word
 * matches, the longest one that applies in the language gives its topics, and the longest one
 * with a valence or a role gives its sentiment (so `unfreundlich` is unfriendly, not friendly,
 * and `Preiserhöhung` is both a price and something negative). A phrase decides for its words
 * what it defines: their topics if it names one (or is a `!` phrase), their sentiment if it has
 * a valence or a role (or is neutral). Its first word carries the meaning, its span covers the
 * phrase.
 */
import {
  hasSentimentMeaning,
  hasTopicMeaning,
  languageBit,
  ROLE_CONTRAST,
  ROLE_NONE,
  type Lexicon,
  type Meaning,
  type Phrase,
} from './lexicon.js';
import { MAX_MATCHES, type TokenBuffer } from './tokens.js';
import type { TextLanguage } from './types.js';

/** Without a language, every meaning applies. */
const ANY_LANGUAGE = -1;

export function resolveMeanings(tokens: TokenBuffer, lexicon: Lexicon, language: TextLanguage | null): void {
  const scope = language === null ? ANY_LANGUAGE : languageBit(language);
  for (let token = 0; token < tokens.count; token++) applyWordMeaning(tokens, lexicon, token, scope);
  let token = 0;
  while (token < tokens.count) {
    const phrase = longestPhraseAt(tokens, lexicon, token, scope);
    if (!phrase) {
      token++;
      continue;
    }
    const last = token + phrase.wordIds.length - 1;
    if (hasTopicMeaning(phrase)) {
      setTopics(tokens, token, phrase, tokens.end[last]!);
      for (let inner = token + 1; inner <= last; inner++) setTopics(tokens, inner, null, tokens.end[inner]!);
    }
    if (hasSentimentMeaning(phrase)) {
      setSentiment(tokens, token, phrase);
      for (let inner = token + 1; inner <= last; inner++) setSentiment(tokens, inner, null);
    }
    token = last + 1;
  }
  splitClausesAtContrast(tokens);
}

function applyWordMeaning(tokens: TokenBuffer, lexicon: Lexicon, token: number, scope: number): void {
  let topicTerm: Meaning | null = null;
  let sentimentTerm: Meaning | null = null;
  const base = token * MAX_MATCHES;
  for (let k = 0; k < tokens.matchCount[token]!; k++) {
    const term = lexicon.terms[tokens.matches[base + k]!]!;
    if ((term.scope & scope) === 0) continue;
    if (hasTopicMeaning(term) && (!topicTerm || term.rank > topicTerm.rank)) topicTerm = term;
    if (hasSentimentMeaning(term) && (!sentimentTerm || term.rank > sentimentTerm.rank)) sentimentTerm = term;
  }
  setTopics(tokens, token, topicTerm, tokens.end[token]!);
  setSentiment(tokens, token, sentimentTerm);
}

function setTopics(tokens: TokenBuffer, token: number, meaning: Meaning | null, end: number): void {
  tokens.topics[token] = meaning ? meaning.topics : 0;
  tokens.topicEnd[token] = end;
}

function setSentiment(tokens: TokenBuffer, token: number, meaning: Meaning | null): void {
  tokens.valence[token] = meaning ? meaning.valence : 0;
  tokens.role[token] = meaning ? meaning.role : ROLE_NONE;
  tokens.boost[token] = meaning ? meaning.boost : 1;
  tokens.reach[token] = meaning ? meaning.reach : 0;
}

/** The longest phrase that starts at `token`, within one clause, in the language. */
function longestPhraseAt(tokens: TokenBuffer, lexicon: Lexicon, token: number, scope: number): Phrase | null {
  let best: Phrase | null = null;
  const base = token * MAX_MATCHES;
  for (let k = 0; k < tokens.matchCount[token]!; k++) {
    const phrases = lexicon.terms[tokens.matches[base + k]!]!.phrases;
    if (!phrases) continue;
    for (const phrase of phrases) {
      if ((phrase.scope & scope) === 0) continue;
      if (best && phrase.wordIds.length <= best.wordIds.length) continue;
      if (phraseMatches(tokens, phrase, token)) best = phrase;
    }
  }
  return best;
}

function phraseMatches(tokens: TokenBuffer, phrase: Phrase, first: number): boolean {
  const { wordIds } = phrase;
  if (first + wordIds.length > tokens.count) return false;
  const clause = tokens.clause[first];
  for (let w = 1; w < wordIds.length; w++) {
    const token = first + w;
    if (tokens.clause[token] !== clause || !hasMatch(tokens, token, wordIds[w]!)) return false;
  }
  return true;
}

function hasMatch(tokens: TokenBuffer, token: number, termId: number): boolean {
  const base = token * MAX_MATCHES;
  for (let k = 0; k < tokens.matchCount[token]!; k++) if (tokens.matches[base + k] === termId) return true;
  return false;
}

/** `mais`, `aber`, `but` begin a clause: negation does not reach over them. */
function splitClausesAtContrast(tokens: TokenBuffer): void {
  let shift = 0;
  let previous = -1; // clause of the previous token, before the shift
  for (let token = 0; token < tokens.count; token++) {
    const clause = tokens.clause[token]!;
    if (tokens.role[token] === ROLE_CONTRAST && clause === previous) shift++;
    previous = clause;
    tokens.clause[token] = clause + shift;
  }
  tokens.clauseCount = tokens.count === 0 ? 0 : tokens.clause[tokens.count - 1]! + 1;
}
