import { foldText } from '../shared/fold.js';
import { analyseText } from '../text/index.js';
import { type Cause, UNKNOWN_CAUSE } from './cause-tree.js';

/**
 * Causes suggested for a complaint, a follow-up or a contact from what it says (docs/improvement.md,
 * "Suggestions"): the topics its text names (the comment analysis of src/text), its contact reasons
 * or category, and words of a cause's labels found in the text (the strongest sign: a label's word is
 * particular to its cause, a topic is shared by several). Offered to the person who codes,
 * best first, with why; never applied without them.
 */
export interface CauseEvidence {
  /** the complaint's description, the follow-up's comment and recorded cause, the contact's notes */
  texts: readonly (string | null | undefined)[];
  /** contact reasons (reasons.code) and the complaint category, if any */
  reasons: readonly string[];
}

export interface CauseSuggestion {
  code: string;
  score: number;
  topics: string[];
  reasons: string[];
  words: string[];
}

/** Words of a label worth matching: folded, five letters or more (no "de", "des", "the"). */
const wordsOf = (text: string) => new Set(foldText(text).split(/[^a-z0-9]+/).filter((w) => w.length >= 5));

/** At most `limit` suggestions among the offered causes, best first (a deeper cause before its parent at equal score). */
export function suggestCauses(causes: readonly Cause[], evidence: CauseEvidence, limit = 5): CauseSuggestion[] {
  const text = evidence.texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '').join('\n');
  const topics = new Set(text ? analyseText(text).topics.map((t) => t.topic as string) : []);
  const words = wordsOf(text);
  const reasons = new Set(evidence.reasons);
  const out: (CauseSuggestion & { depth: number })[] = [];
  for (const cause of causes) {
    if (!cause.active || cause.code === UNKNOWN_CAUSE) continue;
    const matchedTopics = cause.topicCodes.filter((t) => topics.has(t));
    const matchedReasons = [...new Set([...cause.reasonCodes.filter((r) => reasons.has(r)), ...(reasons.has(cause.path[0]!) ? [cause.path[0]!] : [])])];
    const labelWords = new Set([...wordsOf(cause.labels.fr), ...wordsOf(cause.labels.de), ...wordsOf(cause.labels.en)]);
    const matchedWords = [...labelWords].filter((w) => words.has(w));
    const score = 2 * matchedTopics.length + matchedReasons.length + 3 * matchedWords.length;
    if (score > 0) out.push({ code: cause.code, score, topics: matchedTopics, reasons: matchedReasons, words: matchedWords, depth: cause.path.length });
  }
  out.sort((a, b) => b.score - a.score || b.depth - a.depth || a.code.localeCompare(b.code));
  return out.slice(0, limit).map(({ depth: _depth, ...s }) => s);
}
