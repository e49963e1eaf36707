/**
 * The compiled lexicon: every word pattern of the source lists (src/text/lexicons/) in two tries
 * over folded letters, so that a word is matched in one pass over its characters, without
 * slicing it out of the text. The pattern syntax is described in docs/text-analysis.md:
 *
 *   `facture`    the word exactly           `factur*`   words that start with it (stems)
 *   `*rechnung*` words that contain it (German and Luxembourgish compounds: Handyrechnung)
 *   `kee Netz`   consecutive words (a phrase; each word may be a stem)   `#` any number
 *   `mal@`       only when the text is in the list's language
 *   `excellent:2` a weight (valence, intensifier factor, or how far back a negator reaches)
 *   `!au téléphone` (in a topic list) a phrase that is NOT the topic, though a word of it is
 *
 * Patterns are written as customers write them, accents and case included: they are folded
 * when compiled. Apostrophes and hyphens separate words, as in the text (`l'écoute`, `Wi-Fi`).
 */
import { foldText } from '../shared/fold.js';
import { LANGUAGES, TOPICS, type TextLanguage, type Topic } from './types.js';

/** What a word does to the words around it. */
export const ROLE_NONE = 0;
/** `pas`, `nicht`, `not`, `net`: flips the valence of a word nearby */
export const ROLE_NEGATOR = 1;
/** `très`, `sehr`, `very`, `ganz`: scales the valence of the next word */
export const ROLE_INTENSIFIER = 2;
/** `mais`, `aber`, `but`, `awer`: what follows weighs more */
export const ROLE_CONTRAST = 3;
/** `alors que`, `obwohl`, `even though`, `# minutes`: a complaint as it is, never flipped */
export const ROLE_MARKER = 4;

/**
 * A word of a topic or sentiment list votes for the list's language with this weight, shared
 * among the languages that list it: "Impeccable" is French, "Overpriced" English.
 */
const CONTENT_VOTE = 0.5;

/** How many words back a negator reaches, at most and unless its list says less ("pas du tout content"). */
export const MAX_NEGATION_REACH = 3;

/** Bit mask over LANGUAGES: the languages a meaning applies in. */
const ALL_LANGUAGES = (1 << LANGUAGES.length) - 1;

export const languageBit = (language: TextLanguage): number => 1 << LANGUAGES.indexOf(language);

/** Comma- or line-separated patterns, per language. */
export type LanguageLists = Partial<Record<TextLanguage, string>>;

export interface SentimentLists {
  /** default valence 1, `word:2` for stronger */
  positive: string;
  /** default valence -1, `word:2` for stronger (written positive, stored negative) */
  negative: string;
  /** `word:N` reaches N words back (1 to 3, default 3): `sans:2` is about the next word or two */
  negators: string;
  /** default factor 1.5; below 1 for downtoners (`un peu:0.5`) */
  intensifiers: string;
  contrast: string;
  /** how customers state a broken expectation, negative whatever comes before (default 1) */
  markers: string;
  /** phrases without opinion whose words would read as one ("rien à ajouter", "geht so") */
  neutral: string;
}

export interface LexiconSource {
  topics: Readonly<Record<Topic, LanguageLists>>;
  sentiment: Readonly<Record<TextLanguage, SentimentLists>>;
  /** words that tell the language, `word:2` for a stronger cue */
  languageCues: LanguageLists;
  /** emoji and smileys, space-separated */
  emoji: { positive: string; negative: string };
  /** numbers written as words ("neuf", "zéng"): each is a language cue, shared among its languages,
   *  except those that are articles first */
  numberWords: ReadonlyMap<string, { readonly languages: readonly TextLanguage[]; readonly ambiguous: boolean }>;
}

/** What a matched pattern means. The fields not set by any list stay neutral. */
export interface Meaning {
  /** bit mask over TOPICS */
  topics: number;
  /** a `!` phrase: its words name no topic */
  blocksTopics: boolean;
  valence: number;
  role: number;
  /** intensifier factor */
  boost: number;
  /** how many words back a negator reaches (0 for other words) */
  reach: number;
  /** listed as neutral: no valence, and none of its shorter patterns' either */
  neutral: boolean;
  /** bit mask over LANGUAGES */
  scope: number;
  /** longer patterns win over shorter ones that match the same word */
  rank: number;
}

export interface Term extends Meaning {
  /** the folded pattern and its scope: one term per key */
  readonly key: string;
  /** votes for each of LANGUAGES, or null */
  votes: Float64Array | null;
  /** phrases that begin with this term */
  phrases: Phrase[] | null;
}

export interface Phrase extends Meaning {
  readonly key: string;
  /** the term id of each word, the first included */
  readonly wordIds: readonly number[];
}

export const hasTopicMeaning = (m: Meaning): boolean => m.topics !== 0 || m.blocksTopics;
export const hasSentimentMeaning = (m: Meaning): boolean => m.valence !== 0 || m.role !== ROLE_NONE || m.neutral;

// ---------------------------------------------------------------------------------------------
// Tries

/** Letters of the trie: a-z, 0-9. `ß` is walked as `ss`; other characters end a match. */
const ALPHABET = 36;
const S = 's'.charCodeAt(0) - 97;

function symbolOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return code - 22;
  return -1;
}

/** The accents of a decomposed text (`e` + U+0301): the letter is matched without them. */
const isCombiningMark = (code: number): boolean => code >= 0x300 && code < 0x370;

/** Term ids at each node, in compressed rows: ids[offsets[node]] .. ids[offsets[node + 1]]. */
interface NodeTerms {
  offsets: Int32Array;
  ids: Int32Array;
}

function packNodeTerms(lists: number[][]): NodeTerms {
  const offsets = new Int32Array(lists.length + 1);
  for (let node = 0; node < lists.length; node++) offsets[node + 1] = offsets[node]! + lists[node]!.length;
  return { offsets, ids: Int32Array.from(lists.flat()) };
}

class Trie {
  private next: Int32Array = new Int32Array(ALPHABET * 64).fill(-1);
  private nodeCount = 1;
  /** terms that match when a word passes through the node (stems, compound parts) */
  private passingLists: number[][] = [[]];
  /** terms that match when a word ends at the node */
  private endingLists: number[][] = [[]];
  passing: NodeTerms = packNodeTerms(this.passingLists);
  ending: NodeTerms = packNodeTerms(this.endingLists);

  add(word: string, termId: number, passing: boolean): void {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const symbol = symbolOf(word.charCodeAt(i));
      if (symbol < 0) throw new Error(`lexicon: "${word}" has a character outside a-z 0-9`);
      let child = this.next[node * ALPHABET + symbol]!;
      if (child < 0) child = this.newNode(node * ALPHABET + symbol);
      node = child;
    }
    (passing ? this.passingLists : this.endingLists)[node]!.push(termId);
  }

  private newNode(edge: number): number {
    if ((this.nodeCount + 1) * ALPHABET > this.next.length) {
      const grown = new Int32Array(this.next.length * 2).fill(-1);
      grown.set(this.next);
      this.next = grown;
    }
    const node = this.nodeCount++;
    this.next[edge] = node;
    this.passingLists.push([]);
    this.endingLists.push([]);
    return node;
  }

  freeze(): void {
    this.next = this.next.slice(0, this.nodeCount * ALPHABET);
    this.passing = packNodeTerms(this.passingLists);
    this.ending = packNodeTerms(this.endingLists);
  }

  /** Node reached from `node` by the character `code`, or -1. */
  step(node: number, code: number): number {
    if (code === 0xdf) {
      const first = this.next[node * ALPHABET + S]!;
      return first < 0 ? -1 : this.next[first * ALPHABET + S]!;
    }
    const symbol = symbolOf(code);
    return symbol < 0 ? -1 : this.next[node * ALPHABET + symbol]!;
  }
}

/** Where the matches of a word are written: `add` returns false once the word has enough. */
export interface MatchSink {
  add(termId: number): boolean;
}

function emit(terms: NodeTerms, node: number, sink: MatchSink): boolean {
  const { offsets, ids } = terms;
  for (let k = offsets[node]!; k < offsets[node + 1]!; k++) if (!sink.add(ids[k]!)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The compiled lexicon

export class Lexicon {
  readonly terms: Term[] = [];
  /** the term of `#`: tokens made only of digits */
  readonly numberTerm: number;
  private readonly words = new Trie();
  private readonly parts = new Trie();
  private readonly symbols = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private readonly phraseKeys = new Map<string, Phrase>();
  /** the languages whose topic or sentiment lists name each word */
  private readonly listedIn = new Map<number, Set<TextLanguage>>();

  constructor(source: LexiconSource) {
    this.numberTerm = this.term('#', ALL_LANGUAGES);
    for (const topic of TOPICS) {
      for (const language of LANGUAGES) this.addTopicList(source.topics[topic][language], topic, language);
    }
    for (const language of LANGUAGES) this.addSentimentLists(source.sentiment[language], language);
    for (const language of LANGUAGES) this.addLanguageCues(source.languageCues[language], language);
    this.addContentVotes();
    this.addNumberWordVotes(source.numberWords);
    this.addEmoji(source.emoji.positive, 1);
    this.addEmoji(source.emoji.negative, -1);
    this.words.freeze();
    this.parts.freeze();
  }

  /**
   * Writes the terms that match the word `folded[start, end)` to the sink: word patterns and
   * stems in one walk from its first letter, compound parts in a walk from each letter.
   */
  matchWord(folded: string, start: number, end: number, sink: MatchSink): void {
    let node = 0;
    let i = start;
    for (; i < end && node >= 0; i++) {
      const code = folded.charCodeAt(i);
      if (isCombiningMark(code)) continue;
      node = this.words.step(node, code);
      if (node > 0 && !emit(this.words.passing, node, sink)) return;
    }
    if (node > 0 && i === end && !emit(this.words.ending, node, sink)) return;
    for (let from = start; from < end; from++) {
      node = 0;
      for (let j = from; j < end && node >= 0; j++) {
        const code = folded.charCodeAt(j);
        if (isCombiningMark(code)) continue;
        node = this.parts.step(node, code);
        if (node > 0 && !emit(this.parts.passing, node, sink)) return;
      }
    }
  }

  /** The term of an emoji or smiley at `folded[i]`, and its length, or null. */
  symbolAt(folded: string, i: number): { termId: number; length: number } | null {
    for (let length = 3; length >= 1; length--) {
      const termId = this.symbols.get(folded.slice(i, i + length));
      if (termId !== undefined) return { termId, length };
    }
    return null;
  }

  // --- building -------------------------------------------------------------------------------

  private addTopicList(list: string | undefined, topic: Topic, language: TextLanguage): void {
    const bit = 1 << TOPICS.indexOf(topic);
    for (const entry of parseList(list)) {
      const meaning = this.meaningOf(entry, language);
      if (entry.negated) meaning.blocksTopics = true;
      else meaning.topics |= bit;
    }
  }

  private addSentimentLists(lists: SentimentLists, language: TextLanguage): void {
    for (const entry of parseList(lists.positive)) this.setValence(entry, language, entry.weight ?? 1);
    for (const entry of parseList(lists.negative)) this.setValence(entry, language, -(entry.weight ?? 1));
    for (const entry of parseList(lists.negators)) {
      const reach = entry.weight ?? MAX_NEGATION_REACH;
      if (!Number.isInteger(reach) || reach < 1 || reach > MAX_NEGATION_REACH) {
        throw new Error(`lexicon: negator "${entry.text}" must reach 1 to ${MAX_NEGATION_REACH} words`);
      }
      this.setRole(entry, language, ROLE_NEGATOR, 1);
      this.meaningOf(entry, language).reach = reach;
    }
    for (const entry of parseList(lists.intensifiers)) {
      this.setRole(entry, language, ROLE_INTENSIFIER, entry.weight ?? 1.5);
    }
    for (const entry of parseList(lists.contrast)) this.setRole(entry, language, ROLE_CONTRAST, 1);
    for (const entry of parseList(lists.markers)) {
      this.setValence(entry, language, -(entry.weight ?? 1));
      this.setRole(entry, language, ROLE_MARKER, 1);
    }
    for (const entry of parseList(lists.neutral)) this.meaningOf(entry, language).neutral = true;
  }

  private setValence(entry: Entry, language: TextLanguage, valence: number): void {
    const meaning = this.meaningOf(entry, language);
    if (meaning.valence !== 0 && meaning.valence !== valence) {
      throw new Error(`lexicon: "${entry.text}" has two valences (${meaning.valence}, ${valence})`);
    }
    meaning.valence = valence;
  }

  private setRole(entry: Entry, language: TextLanguage, role: number, boost: number): void {
    const meaning = this.meaningOf(entry, language);
    if (meaning.role !== ROLE_NONE && meaning.role !== role) throw new Error(`lexicon: "${entry.text}" has two roles`);
    if (meaning.role === role && meaning.boost !== boost) throw new Error(`lexicon: "${entry.text}" has two weights`);
    meaning.role = role;
    meaning.boost = boost;
  }

  private addLanguageCues(list: string | undefined, language: TextLanguage): void {
    const index = LANGUAGES.indexOf(language);
    for (const entry of parseList(list)) {
      if (entry.words.length > 1) throw new Error(`lexicon: language cue "${entry.text}" must be one word`);
      const term = this.terms[this.term(entry.words[0]!, ALL_LANGUAGES)]!;
      term.votes ??= new Float64Array(LANGUAGES.length);
      if (term.votes[index] !== 0) throw new Error(`lexicon: language cue "${entry.text}" is listed twice`);
      term.votes[index] = entry.weight ?? 1;
    }
  }

  private addContentVotes(): void {
    for (const [termId, languages] of this.listedIn) {
      const votes = (this.terms[termId]!.votes ??= new Float64Array(LANGUAGES.length));
      for (const language of languages) votes[LANGUAGES.indexOf(language)]! += CONTENT_VOTE / languages.size;
    }
  }

  private addNumberWordVotes(words: LexiconSource['numberWords']): void {
    for (const [word, { languages, ambiguous }] of words) {
      if (ambiguous) continue; // an article first ("un", "ein", "een"): the cue lists weigh it as one
      const votes = (this.terms[this.term(word, ALL_LANGUAGES)]!.votes ??= new Float64Array(LANGUAGES.length));
      for (const language of languages) votes[LANGUAGES.indexOf(language)]! += 1 / languages.length;
    }
  }

  private addEmoji(list: string, valence: number): void {
    for (const symbol of list.split(/\s+/).filter(Boolean)) {
      const termId = this.newTerm(`symbol ${symbol}`, ALL_LANGUAGES, symbol.length * 4);
      this.terms[termId]!.valence = valence;
      this.symbols.set(foldText(symbol), termId);
    }
  }

  /** The term is a word of one of the language's lists: it votes for the language (addContentVotes). */
  private listed(termId: number, language: TextLanguage): void {
    let languages = this.listedIn.get(termId);
    if (!languages) this.listedIn.set(termId, (languages = new Set()));
    languages.add(language);
  }

  /** The term or phrase an entry stands for, created on first use. */
  private meaningOf(entry: Entry, language: TextLanguage): Meaning {
    const scope = entry.scoped ? languageBit(language) : ALL_LANGUAGES;
    if (entry.words.length === 1) {
      const termId = this.term(entry.words[0]!, scope);
      this.listed(termId, language);
      return this.terms[termId]!;
    }
    const key = `${entry.words.join(' ')}@${scope}`;
    let phrase = this.phraseKeys.get(key);
    if (!phrase) {
      const wordIds = entry.words.map((word) => this.term(word, ALL_LANGUAGES));
      const rank = wordIds.reduce((sum, id) => sum + this.terms[id]!.rank, 0);
      phrase = { key, wordIds, ...neutralMeaning(scope, rank) };
      this.phraseKeys.set(key, phrase);
      (this.terms[wordIds[0]!]!.phrases ??= []).push(phrase);
    }
    return phrase;
  }

  /** The id of the term of a one-word pattern in a scope, created (and put in a trie) on first use. */
  private term(pattern: string, scope: number): number {
    const key = `${pattern}@${scope}`;
    const known = this.termIds.get(key);
    if (known !== undefined) return known;
    const stem = pattern.endsWith('*');
    const part = pattern.startsWith('*') && stem;
    const letters = pattern.replace(/^\*|\*$/g, '');
    if (letters.includes('*') || (pattern.startsWith('*') && !stem)) {
      throw new Error(`lexicon: "${pattern}": a star goes at the end, or at both ends`);
    }
    // a whole word outranks a stem or a compound part of the same length
    const rank = letters.length * 4 + (part ? 0 : stem ? 1 : 2);
    const termId = this.newTerm(key, scope, rank);
    if (pattern === '#') return termId;
    if (part) this.parts.add(letters, termId, true);
    else this.words.add(letters, termId, stem);
    return termId;
  }

  private newTerm(key: string, scope: number, rank: number): number {
    const termId = this.terms.length;
    this.terms.push({ key, votes: null, phrases: null, ...neutralMeaning(scope, rank) });
    this.termIds.set(key, termId);
    return termId;
  }
}

function neutralMeaning(scope: number, rank: number): Meaning {
  return {
    topics: 0,
    blocksTopics: false,
    valence: 0,
    role: ROLE_NONE,
    boost: 1,
    reach: 0,
    neutral: false,
    scope,
    rank,
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing the lists

interface Entry {
  text: string;
  /** folded words; `*` kept */
  words: string[];
  weight: number | undefined;
  scoped: boolean;
  negated: boolean;
}

const ENTRY = /^(!?)([^:@!]+?)(?::(\d+(?:\.\d+)?))?(@?)$/;

function parseList(list: string | undefined): Entry[] {
  if (!list) return [];
  return list
    .split(/[,\n]/)
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => {
      const parts = ENTRY.exec(text);
      if (!parts) throw new Error(`lexicon: cannot read "${text}"`);
      const words = foldText(parts[2]!)
        .replace(/ß/g, 'ss')
        .split(/[\s'’/-]+/)
        .filter(Boolean);
      const weight = parts[3] === undefined ? undefined : Number(parts[3]);
      return { text, words, weight, scoped: parts[4] === '@', negated: parts[1] === '!' };
    });
}
