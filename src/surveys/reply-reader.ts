/**
 * Reads a tokenized reply: finds the score candidates (digits, number words, "9/10", "neuf sur
 * dix"), keeps the one score or says why the reply is unclear, the yes/no to "resolved?", and
 * what is left as the comment. The rules, with examples, are in docs/reply-parsing.md.
 */
import type { Language } from '../shared/languages.js';
import { NUMBER_WORDS } from '../text/index.js';
import {
  COMMENT_START,
  FILLER,
  INTRO_CORE,
  INTRO_OTHER,
  POINTS,
  SCALE_FROM,
  SCALE_PHRASE,
  SCALE_TO,
  SCALE_WORDS,
  SEPARATORS,
  UNITS,
  YES_NO,
  YES_NO_IDIOM,
} from './reply-lexicon.js';
import { DEC, INT, isOutOf, NUMBER, PUNCT, WORD, type Token } from './reply-tokens.js';
import { unclear, type ReplyParse } from './reply-types.js';

interface Candidate {
  first: number;
  last: number;
  value: number;
  decimal: boolean;
  outOf: number;
  /** the number as written ("8,5", "sept") */
  raw: string;
}

const LEADING_SEPARATORS = /^[\s,;:.\-–—/|=>)\]]+/;
const TRAILING_SEPARATORS = /[\s,;:\-–—/|=(<[]+$/;
const CONTENT = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** Drops a quote left alone at an edge once the score was taken out ("“8” – top" → "top"). */
function balanceQuotes(piece: string): string {
  let quotes = 0;
  for (let i = 0; i < piece.length; i++) if (piece.charCodeAt(i) === 34) quotes++;
  if (quotes % 2 === 0) return piece;
  if (piece.startsWith('"')) return piece.slice(1).replace(LEADING_SEPARATORS, '');
  if (piece.endsWith('"')) return piece.slice(0, -1).replace(TRAILING_SEPARATORS, '');
  return piece;
}

/** Reads the score, the yes/no, the comment and the language of a tokenized reply. */
export class ReplyReader {
  private readonly consumed: boolean[];
  private readonly lead: number;

  constructor(
    private readonly s: string,
    private readonly tokens: Token[],
    private readonly min: number,
    private readonly max: number,
    /** the reply's language (src/text detectTextLanguage), given with a score */
    private readonly language: Language | null,
  ) {
    this.consumed = new Array<boolean>(tokens.length).fill(false);
    this.lead = this.findLead();
  }

  read(expectResolved: boolean): ReplyParse {
    const candidates = this.findCandidates();
    const { min, max } = this;

    if (candidates.length === 0) {
      const resolved = expectResolved ? this.resolvedAt(-1) : null;
      if (resolved !== null) return this.answer(null, resolved);
      let hasNumber = false;
      for (const t of this.tokens) if (t.type === NUMBER) hasNumber = true;
      return unclear(
        'no_score',
        hasNumber ? 'no score found (the numbers read as quantities, times, dates or references)' : 'no score found',
        this.comment(),
      );
    }

    const first = candidates[0]!;
    const counted: Candidate[] = [first];
    const conflicts: Candidate[] = [];
    for (let c = 1; c < candidates.length; c++) {
      const other = candidates[c]!;
      const inScale = other.outOf >= 0 || (other.value >= min && other.value <= max);
      if (!inScale) continue; // "9, attente 45 puis rappel": part of the comment
      counted.push(other);
      const same = !other.decimal && other.value === first.value && (other.outOf < 0 || other.outOf === (first.outOf < 0 ? max : first.outOf));
      if (!same) conflicts.push(other);
    }

    if (first.decimal) {
      this.consume(counted);
      return unclear('decimal', `"${first.raw}" is not a whole number`, this.comment());
    }
    if (first.outOf >= 0 && first.outOf !== max) {
      this.consume(counted);
      return unclear(
        'out_of_scale',
        `"${this.s.slice(this.tokens[first.first]!.start, this.tokens[first.last]!.end)}" is a score out of ${first.outOf}, the scale is ${min}-${max}`,
        this.comment(),
      );
    }
    if (first.value < min || first.value > max) {
      this.consume(counted);
      return unclear('out_of_scale', `${first.value} is outside the scale ${min}-${max}`, this.comment());
    }
    if (conflicts.length > 0) {
      this.consume(counted);
      const values: string[] = [];
      for (const c of [first, ...conflicts]) {
        const shown = c.decimal ? c.raw : c.outOf >= 0 && c.outOf !== max ? `${c.value}/${c.outOf}` : String(c.value);
        if (!values.includes(shown)) values.push(shown);
      }
      return unclear('several_scores', `several different scores: ${values.join(', ')}`, this.comment());
    }
    this.consume(counted);
    const resolved = expectResolved ? this.resolvedAt(first.last) : null;
    return this.answer(first.value, resolved);
  }

  private answer(score: number | null, resolved: boolean | null): ReplyParse {
    return { kind: 'answer', score, resolved, comment: this.comment(), language: this.language };
  }

  // --- positions

  private nextContent(k: number): number {
    for (let m = k + 1; m < this.tokens.length; m++) if (this.tokens[m]!.type !== PUNCT) return m;
    return -1;
  }

  private isYesNo(k: number): boolean {
    const t = this.tokens[k];
    if (t === undefined || t.type !== WORD || !YES_NO.has(t.text)) return false;
    const next = this.tokens[k + 1];
    return !(next !== undefined && next.type === WORD && YES_NO_IDIOM.has(next.text));
  }

  /** First word or number that is not a yes/no, an intro word or an article. */
  private findLead(): number {
    const tokens = this.tokens;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.type === PUNCT) continue;
      if (t.type === NUMBER) return k;
      const word = NUMBER_WORDS.get(t.text);
      if (word !== undefined) {
        // an article ("un conseiller", "eng 9") is skipped; "un", "un !" is the lead
        const next = this.nextContent(k);
        if (!word.ambiguous || next < 0 || this.isYesNo(next)) return k;
        continue;
      }
      if (this.isYesNo(k) || INTRO_CORE.has(t.text) || INTRO_OTHER.has(t.text)) continue;
      return k;
    }
    return -1;
  }

  /** Start of the intro before k ("Note :", "je vous mets", "I'd give it a"), or -1 when there is none. */
  private introStart(k: number): number {
    let start = -1;
    for (let m = k - 1; m >= 0; m--) {
      const t = this.tokens[m]!;
      if (t.type === PUNCT) continue;
      if (t.type !== WORD) break;
      if (INTRO_CORE.has(t.text)) start = m;
      else if (!INTRO_OTHER.has(t.text)) break;
    }
    if (start < 0) return -1;
    // include the pronouns and articles before the intro verb ("je vous mets", "I'd give")
    for (let m = start - 1; m >= 0; m--) {
      const t = this.tokens[m]!;
      if (t.type === PUNCT) continue;
      if (t.type === WORD && INTRO_OTHER.has(t.text)) start = m;
      else break;
    }
    return start;
  }

  /** A number (digits or word) at k usable as the "10" of "sur 10": its value, else -1. */
  private numberAt(k: number): number {
    const t = this.tokens[k];
    if (t === undefined) return -1;
    if (t.type === NUMBER) return t.kind === INT ? t.value : -1;
    if (t.type === WORD) return NUMBER_WORDS.get(t.text)?.value ?? -1;
    return -1;
  }

  /** "/ 10", "sur 10", "von zehn", "out of ten" starting at k: [outOf, last token], or null. */
  private scaleSuffix(k: number): [number, number] | null {
    const t = this.tokens[k];
    if (t === undefined) return null;
    let at = -1;
    if (t.type === PUNCT && t.text === '/') at = k + 1;
    else if (t.type === WORD && SCALE_WORDS.has(t.text)) at = k + 1;
    else if (t.type === WORD && t.text === 'out' && this.tokens[k + 1]?.text === 'of') at = k + 2;
    if (at < 0) return null;
    const value = this.numberAt(at);
    if (value < 0 || !isOutOf(value, this.max)) return null;
    return [value, at];
  }

  /** "de 1 à 10", "von 1 bis 10", "from 1 to 10" (the question repeated): index of the max, else -1. */
  private scaleMention(k: number): number {
    const { tokens } = this;
    const t = tokens[k]!;
    if (t.kind !== INT || t.value !== this.min || t.outOf >= 0) return -1;
    const before = tokens[k - 1];
    const between = tokens[k + 1];
    const max = tokens[k + 2];
    if (before === undefined || before.type !== WORD || !SCALE_FROM.has(before.text)) return -1;
    if (t.rangeNext) return between !== undefined && between.value === this.max && between.kind === INT ? k + 1 : -1;
    if (between === undefined || !(SCALE_TO.has(between.text) || between.text === '-')) return -1;
    if (max === undefined || max.type !== NUMBER || max.kind !== INT || max.value !== this.max) return -1;
    return k + 2;
  }

  /** Previous word or number, skipping punctuation and "ou"/"oder"/"or" ("sept ou huit"). */
  private previousContent(k: number): number {
    for (let m = k - 1; m >= 0; m--) {
      const t = this.tokens[m]!;
      if (t.type === NUMBER || (t.type === WORD && !FILLER.has(t.text))) return m;
    }
    return -1;
  }

  /** A number or number word follows, maybe after "ou"/"oder"/"or" ("sept ou huit", "sept 8"). */
  private numberFollows(k: number): boolean {
    for (let m = k + 1; m < this.tokens.length; m++) {
      const t = this.tokens[m]!;
      if (t.type === NUMBER) return true;
      if (t.type === WORD) {
        if (FILLER.has(t.text)) continue;
        return NUMBER_WORDS.has(t.text);
      }
    }
    return false;
  }

  private isNotQuantity(k: number): boolean {
    const next = this.tokens[k + 1];
    return !(next !== undefined && next.type === WORD && UNITS.has(next.text));
  }

  private isNumberWordCandidate(k: number, ambiguous: boolean): boolean {
    const tokens = this.tokens;
    const next = tokens[k + 1];
    if (!this.isNotQuantity(k)) return false; // "deux fois"
    if (this.scaleSuffix(k + 1) !== null) return true; // "neuf sur dix"
    if (next !== undefined && next.type === WORD && POINTS.has(next.text)) return true; // "zehn Punkte"
    const nextContent = this.nextContent(k);
    // nothing, punctuation or a yes/no follows ("un !", "neuf, merci", "eins ja")
    const endsHere = nextContent < 0 || this.isYesNo(nextContent) || nextContent !== k + 1;
    if (ambiguous) return endsHere && (k === this.lead || this.introStart(k) >= 0);
    const followOk = endsHere || COMMENT_START.has(tokens[nextContent]!.text) || this.numberFollows(k);
    if (k === this.lead || this.introStart(k) >= 0) return followOk;
    // last word, after a separator: "Très bien, neuf"
    const prev = tokens[k - 1];
    return nextContent < 0 && prev !== undefined && prev.type === PUNCT && SEPARATORS.has(prev.text);
  }

  private findCandidates(): Candidate[] {
    const tokens = this.tokens;
    const candidates: Candidate[] = [];
    let previous: Candidate | null = null;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      let candidate: Candidate | null = null;
      if (t.type === NUMBER) {
        if (t.kind !== INT && t.kind !== DEC) continue;
        const mention = this.scaleMention(k);
        if (mention > 0) {
          let from = k - 1;
          while (from > 0 && tokens[from - 1]!.type === WORD && SCALE_PHRASE.has(tokens[from - 1]!.text)) from--;
          for (let m = from; m <= mention; m++) this.consumed[m] = true;
          k = mention;
          continue;
        }
        const raw = t.outOf >= 0 ? t.text.slice(0, t.text.indexOf('/') < 0 ? undefined : t.text.indexOf('/')) : t.text;
        candidate = { first: k, last: k, value: t.value, decimal: t.kind === DEC, outOf: t.outOf, raw };
      } else if (t.type === WORD) {
        const word = NUMBER_WORDS.get(t.text);
        if (word === undefined) continue;
        const afterCandidate = previous !== null && this.previousContent(k) === previous.last;
        if (!(afterCandidate ? this.isNotQuantity(k) : this.isNumberWordCandidate(k, word.ambiguous))) continue;
        candidate = { first: k, last: k, value: word.value, decimal: false, outOf: -1, raw: this.s.slice(t.start, t.end) };
      } else {
        continue;
      }
      if (candidate.outOf < 0) {
        const suffix = this.scaleSuffix(k + 1);
        if (suffix !== null) [candidate.outOf, candidate.last] = suffix;
      }
      const after = tokens[candidate.last + 1];
      if (after !== undefined && after.type === WORD && POINTS.has(after.text)) candidate.last++;
      candidates.push(candidate);
      previous = candidate;
      k = candidate.last;
    }
    return candidates;
  }

  private consume(candidates: Candidate[]): void {
    for (const c of candidates) {
      for (let m = c.first; m <= c.last; m++) this.consumed[m] = true;
      const intro = this.introStart(c.first);
      if (intro >= 0) for (let m = intro; m < c.first; m++) this.consumed[m] = true;
      // the article of "eine Zehn", "un 8", "eng 9"
      const article = this.tokens[c.first - 1];
      if (article !== undefined && article.type === WORD && NUMBER_WORDS.get(article.text)?.ambiguous) {
        this.consumed[c.first - 1] = true;
      }
    }
  }

  /** yes/no as the first word, or right after the score ("8 oui", "Oui, 9", "non 3 …"). */
  private resolvedAt(scoreLast: number): boolean | null {
    const tokens = this.tokens;
    const atStart = this.nextContent(-1);
    const afterScore = scoreLast >= 0 ? this.nextContent(scoreLast) : -1;
    const found: number[] = [];
    if (atStart >= 0 && !this.consumed[atStart] && this.isYesNo(atStart)) found.push(atStart);
    if (afterScore >= 0 && afterScore !== atStart && this.isYesNo(afterScore)) found.push(afterScore);
    if (found.length === 0) return null;
    const value = YES_NO.get(tokens[found[0]!]!.text)!;
    if (found.length === 2 && YES_NO.get(tokens[found[1]!]!.text) !== value) return null; // "oui 8 non"
    for (const k of found) this.consumed[k] = true;
    return value;
  }

  // --- comment and language

  /** The reply without what was read (score, scale, intro, yes/no), trimmed of separators. */
  private comment(): string | null {
    const { tokens, consumed, s } = this;
    const pieces: string[] = [];
    let k = 0;
    while (k < tokens.length) {
      if (consumed[k]) {
        k++;
        continue;
      }
      const first = k;
      let onlyFiller = true;
      while (k < tokens.length && !consumed[k]) {
        const t = tokens[k]!;
        if (t.type === WORD ? !FILLER.has(t.text) : t.type === NUMBER) onlyFiller = false;
        k++;
      }
      if (onlyFiller && this.hasWord(first, k)) continue;
      const piece = s
        .slice(tokens[first]!.start, tokens[k - 1]!.end)
        .replace(LEADING_SEPARATORS, '')
        .replace(TRAILING_SEPARATORS, '');
      if (piece !== '' && CONTENT.test(piece)) pieces.push(balanceQuotes(piece));
    }
    return pieces.length === 0 ? null : pieces.join(' ');
  }

  private hasWord(from: number, to: number): boolean {
    for (let m = from; m < to; m++) if (this.tokens[m]!.type === WORD) return true;
    return false;
  }
}
