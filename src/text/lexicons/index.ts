import type { LexiconSource } from '../lexicon.js';
import { EMOJI, LANGUAGE_CUES } from './languages.js';
import { NUMBER_WORDS } from './number-words.js';
import { SENTIMENT_TERMS } from './sentiment.js';
import { TOPIC_TERMS } from './topics.js';

/** Everything the analyser knows about words, compiled once by `new Lexicon(LEXICON_SOURCE)`. */
export const LEXICON_SOURCE: LexiconSource = {
  topics: TOPIC_TERMS,
  sentiment: SENTIMENT_TERMS,
  languageCues: LANGUAGE_CUES,
  emoji: EMOJI,
  numberWords: NUMBER_WORDS,
};
