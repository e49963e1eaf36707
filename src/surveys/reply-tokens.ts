/**
 * Splits a normalised reply (reply-normalize.ts) into words (folded), numbers and punctuation, and
 * tells which numbers are quantities, times, dates, references or phone numbers rather than scores.
 */
import { foldText } from '../shared/fold.js';
import { ATTACHED_UNITS, CURRENCY, POINTS, REFERENCE_MARKS, REFERENCE_WORDS, UNITS } from './reply-lexicon.js';

/** Kinds of token. */
export const WORD = 0;
export const NUMBER = 1;
export const PUNCT = 2;

/** Kinds of number token. */
export const INT = 0;
export const DEC = 1;
export const QTY = 2; // quantity, time or amount: "20 minutes", "14h30", "50€"
export const OTHER = 3; // date, phone number, reference, attached to letters ("5G")

export interface Token {
  type: number;
  start: number;
  end: number;
  /** words: folded form; punctuation: the character; numbers: the digits as written */
  text: string;
  kind: number;
  value: number;
  /** "9/10" read in one token: 10; otherwise -1 */
  outOf: number;
  digits: number;
  /** "7-8": joined by a dash to the next number token */
  rangeNext: boolean;
}

const LETTER = /[\p{L}\p{M}]/u;

function isLetterAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7;
  return LETTER.test(s[i]!);
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

function makeToken(type: number, start: number, end: number, text: string): Token {
  return { type, start, end, text, kind: INT, value: 0, outOf: -1, digits: 0, rangeNext: false };
}

function numberToken(s: string, start: number, end: number, kind: number): Token {
  const token = makeToken(NUMBER, start, end, s.slice(start, end));
  token.kind = kind;
  token.digits = end - start;
  token.value = kind === INT ? Number(token.text) : Number.NaN;
  return token;
}

/** Accepted "out of" values: "9/10", "4/5", "18/20", "85/100", and the survey's own maximum. */
export const isOutOf = (value: number, max: number): boolean =>
  value === max || value === 10 || value === 5 || value === 20 || value === 100;

// (plain functions rather than closures: the parser runs hundreds of thousands of times a second)
function groupLength(groups: number[], g: number): number {
  return groups[2 * g + 1]! - groups[2 * g]!;
}

function groupValue(s: string, groups: number[], g: number): number {
  return Number(s.slice(groups[2 * g]!, groups[2 * g + 1]!));
}

const isNotDash = (sep: string): boolean => sep !== '-';

/** Reads a chain of digit groups joined without spaces by . , : / - and classifies it. */
function readNumber(s: string, start: number, max: number, tokens: Token[]): number {
  const n = s.length;
  const groups: number[] = []; // start, end pairs
  const seps: string[] = [];
  let j = start;
  for (;;) {
    const groupStart = j;
    while (j < n && isDigitCode(s.charCodeAt(j))) j++;
    groups.push(groupStart, j);
    const sep = s[j];
    if (
      j + 1 < n &&
      (sep === '.' || sep === ',' || sep === ':' || sep === '/' || sep === '-') &&
      isDigitCode(s.charCodeAt(j + 1))
    ) {
      seps.push(sep);
      j++;
      continue;
    }
    break;
  }
  const count = seps.length + 1;
  const end = j;

  if (count === 1) {
    tokens.push(numberToken(s, start, end, groupLength(groups, 0) <= 3 ? INT : OTHER));
    return end;
  }
  const sep0 = seps[0]!;
  // "9/10", "8/10"
  if (count === 2 && sep0 === '/' && groupLength(groups, 0) <= 3 && groupLength(groups, 1) <= 3 && isOutOf(groupValue(s, groups, 1), max)) {
    const token = numberToken(s, start, groups[1]!, INT);
    token.end = end;
    token.outOf = groupValue(s, groups, 1);
    tokens.push(token);
    return end;
  }
  // "8,5", "8.5", "8,5/10"
  if ((sep0 === '.' || sep0 === ',') && groupLength(groups, 0) <= 3 && groupLength(groups, 1) <= 2) {
    if (count === 2 || (count === 3 && seps[1] === '/' && groupLength(groups, 2) <= 3 && isOutOf(groupValue(s, groups, 2), max))) {
      const token = numberToken(s, start, groups[3]!, DEC);
      token.value = Number(`${s.slice(groups[0]!, groups[1]!)}.${s.slice(groups[2]!, groups[3]!)}`);
      if (count === 3) token.outOf = groupValue(s, groups, 2);
      token.end = end;
      tokens.push(token);
      return end;
    }
  }
  // "7-8": a range, read as two numbers
  if (!seps.some(isNotDash)) {
    let total = 0;
    for (let g = 0; g < count; g++) total += groupLength(groups, g);
    if (total < 6) {
      for (let g = 0; g < count; g++) {
        const token = numberToken(s, groups[2 * g]!, groups[2 * g + 1]!, groupLength(groups, g) <= 3 ? INT : OTHER);
        token.rangeNext = g < count - 1;
        tokens.push(token);
      }
      return end;
    }
  }
  // dates, times, phone numbers, thousands: not scores
  const token = numberToken(s, start, end, OTHER);
  token.digits = 0;
  for (let g = 0; g < count; g++) token.digits += groupLength(groups, g);
  tokens.push(token);
  return end;
}

export function tokenize(s: string, max: number): Token[] {
  const tokens: Token[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      i++;
    } else if (isDigitCode(c)) {
      i = readNumber(s, i, max, tokens);
    } else if (isLetterAt(s, i)) {
      let j = i + 1;
      while (j < n && isLetterAt(s, j)) j++;
      tokens.push(makeToken(WORD, i, j, foldText(s.slice(i, j))));
      i = j;
    } else {
      const size = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      tokens.push(makeToken(PUNCT, i, i + size, s.slice(i, i + size)));
      i += size;
    }
  }
  return tokens;
}

/** Marks quantities ("20 minutes", "50€"), references ("n°2", "iPhone 8") and phone numbers. */
export function classifyNumbers(tokens: Token[], s: string, max: number): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== NUMBER || (t.kind !== INT && t.kind !== DEC)) continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    if (prev) {
      const attached = prev.end === t.start;
      if (prev.type === WORD && (attached || REFERENCE_WORDS.has(prev.text))) t.kind = OTHER;
      else if (prev.type === PUNCT && attached && REFERENCE_MARKS.has(prev.text)) t.kind = OTHER;
      else if (prev.type === PUNCT && (prev.text === '€' || prev.text === '$' || prev.text === '£')) {
        // "€50", "€ 50"; not the 9 of "8,50€ 9"
        const before = tokens[k - 2];
        if (before === undefined || before.type !== NUMBER || before.end !== prev.start) t.kind = QTY;
      }
      if (t.kind === OTHER) continue;
      // "-1": a minus sign right before the digits, not a dash between words or numbers
      const beforeMinus = tokens[k - 2];
      if (t.kind === INT && attached && prev.text === '-' && (beforeMinus === undefined || beforeMinus.end < prev.start)) {
        t.value = -t.value;
        t.text = `-${t.text}`;
      }
    }
    if (next) {
      const attached = next.start === t.end;
      if (next.type === WORD) {
        if (UNITS.has(next.text) || (attached && ATTACHED_UNITS.has(next.text))) t.kind = QTY;
        else if (attached && !POINTS.has(next.text)) t.kind = OTHER;
      } else if (next.type === PUNCT && CURRENCY.has(next.text)) {
        t.kind = QTY;
      }
    }
  }
  // "2-3 jours": the whole range is a quantity
  for (let k = tokens.length - 2; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.rangeNext && (tokens[k + 1]!.kind === QTY || tokens[k + 1]!.kind === OTHER)) t.kind = tokens[k + 1]!.kind;
  }
  // "621 123 456", "+352 26 12 34 56": groups of digits separated by single spaces
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type !== NUMBER || t.kind === DEC || t.kind === QTY || t.text.length !== t.digits) continue;
    const starts = t.digits >= 3 || t.value > max || (t.digits >= 2 && t.text.charCodeAt(0) === 48);
    if (!starts) continue;
    let last = k;
    let digits = t.digits;
    while (last + 1 < tokens.length) {
      const next = tokens[last + 1]!;
      const prev = tokens[last]!;
      if (next.type !== NUMBER || next.text.length !== next.digits || next.start !== prev.end + 1 || s[prev.end] !== ' ') {
        break;
      }
      digits += next.digits;
      last++;
    }
    if (last > k && digits >= 6) {
      for (let m = k; m <= last; m++) tokens[m]!.kind = OTHER;
    }
    k = last;
  }
}
