import { LANGUAGES, type Language } from '../shared/languages.js';

export { LANGUAGES };

/** The languages comments are read in: every language of Ecoute's customers. */
export type TextLanguage = Language;

/** The telecom taxonomy of what a comment talks about. */
export type Topic =
  | 'network' // network and coverage
  | 'billing' // billing and charges
  | 'roaming'
  | 'device'
  | 'contract' // contract and number porting
  | 'shop'
  | 'advisor' // advisor attitude
  | 'waiting' // waiting time
  | 'digital' // app and web
  | 'price';

export const TOPICS: readonly Topic[] = [
  'network',
  'billing',
  'roaming',
  'device',
  'contract',
  'shop',
  'advisor',
  'waiting',
  'digital',
  'price',
];

/** UTF-16 offsets into the analysed text: `text.slice(start, end)` is the matched words. */
export interface Span {
  start: number;
  end: number;
}

export interface TopicMatch {
  topic: Topic;
  /** where the topic is named, in order of appearance */
  spans: Span[];
  /** sentiment of the clauses the spans sit in, in [-1, 1] */
  sentiment: number;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface TextAnalysis {
  /** null when the text is too short or gives no clear cue */
  language: TextLanguage | null;
  sentiment: { score: number; label: SentimentLabel };
  /** in the order of TOPICS */
  topics: TopicMatch[];
}

export interface AnalyseOptions {
  /** the customer's language: only breaks a tie between languages */
  languageHint?: TextLanguage;
}
