/**
 * analyseText: language, sentiment and topics of a short customer comment. Pure and
 * synchronous; it reuses one token buffer across calls (see tokens.ts), which is safe because
 * a call runs to completion before the next one starts.
 */
import { foldText } from '../shared/fold.js';
import { detectLanguage } from './language.js';
import { Lexicon } from './lexicon.js';
import { LEXICON_SOURCE } from './lexicons/index.js';
import { resolveMeanings } from './meaning.js';
import { labelOf, scoreSentiment, squash } from './sentiment.js';
import { scan, TokenBuffer } from './tokens.js';
import { TOPICS, type AnalyseOptions, type Span, type TextAnalysis, type TextLanguage, type Topic, type TopicMatch } from './types.js';

const lexicon = new Lexicon(LEXICON_SOURCE);
const tokens = new TokenBuffer();

const topicBit = (topic: Topic): number => 1 << TOPICS.indexOf(topic);
/**
 * Abroad, "pas d'internet", "kee Netz" or "no signal" is a roaming problem, not one of the
 * network at home: in the train split, 1 comment in 68 about roaming is also about the network.
 */
const ROAMING = topicBit('roaming');
const NETWORK = topicBit('network');

export function analyseText(text: string, options: AnalyseOptions = {}): TextAnalysis {
  const folded = foldText(text);
  scan(folded, lexicon, tokens);
  const language = detectLanguage(text, tokens, lexicon, options.languageHint);
  resolveMeanings(tokens, lexicon, language);
  const score = round(squash(scoreSentiment(tokens)));
  return { language, sentiment: { score, label: labelOf(score) }, topics: collectTopics(score) };
}

/**
 * The language alone, as analyseText finds it: for texts whose meaning is read elsewhere (the
 * SMS replies to a survey, see src/surveys/reply-reader.ts).
 */
export function detectTextLanguage(text: string, hint?: TextLanguage): TextLanguage | null {
  scan(foldText(text), lexicon, tokens);
  return detectLanguage(text, tokens, lexicon, hint);
}

/** The topics named, with their spans and the sentiment of the clauses they sit in. */
function collectTopics(score: number): TopicMatch[] {
  let named = 0;
  for (let token = 0; token < tokens.count; token++) named |= tokens.topics[token]!;
  if (named & ROAMING) named &= ~NETWORK;
  if (named === 0) return [];
  const matches: TopicMatch[] = [];
  for (let t = 0; t < TOPICS.length; t++) {
    const bit = 1 << t;
    if ((named & bit) === 0) continue;
    const spans: Span[] = [];
    let sentiment = 0;
    for (let token = 0; token < tokens.count; token++) {
      if ((tokens.topics[token]! & bit) === 0) continue;
      spans.push({ start: tokens.start[token]!, end: tokens.topicEnd[token]! });
      // a clause without opinion ("j'ai appelé pour ma facture") takes the comment's
      const clauseScore = tokens.clauseScore[tokens.clause[token]!]!;
      sentiment += clauseScore !== 0 ? clauseScore : score;
    }
    matches.push({ topic: TOPICS[t]!, spans, sentiment: round(sentiment / spans.length) });
  }
  return matches;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
