/**
 * Text analysis of customer comments (survey verbatims, complaint texts) in French, German,
 * English and Luxembourgish: language, sentiment with negation, and telecom topics with the
 * character spans that name them. Pure, no I/O. See docs/text-analysis.md.
 */
export { analyseText, detectTextLanguage } from './analyse.js';
export { NUMBER_WORDS, type NumberWord } from './lexicons/number-words.js';
export {
  LANGUAGES,
  TOPICS,
  type AnalyseOptions,
  type SentimentLabel,
  type Span,
  type TextAnalysis,
  type TextLanguage,
  type Topic,
  type TopicMatch,
} from './types.js';
