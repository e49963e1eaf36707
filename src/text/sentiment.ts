/**
 * Sentiment of a comment from the valence of its words, clause by clause:
 *
 * - an intensifier (`très`, `sehr`, `very`, `ganz`) just before a word scales its valence;
 * - a negator (`pas`, `nicht`, `not`, `net`, `kein`, `ni`) up to three words before a word
 *   (`sans`, `ohne`, `without`: two) flips it, weaker: `pas mal`, `nicht schlecht` and
 *   `kein Problem` come out mildly positive, `pas du tout content` negative. It flips the next
 *   opinion word only. A negator that ends its clause with nothing to flip takes the nearest
 *   word behind it (`ça marche pas`, `funktioniert immer noch nicht`);
 * - a negator that flips nothing is a complaint on its own (`pas de réseau`, `kee Netz`,
 *   `no signal`): it counts as a mild negative, once per clause;
 * - complaint markers (`alors que`, `obwohl`, `even though`, `45 minutes`) count as they are;
 * - after a contrast (`mais`, `aber`, `but`, `awer`) the clauses count more, before it less.
 *
 * The raw sum is squashed into [-1, 1]. Clause scores are kept for the topics' sentiment.
 */
import {
  MAX_NEGATION_REACH,
  ROLE_CONTRAST,
  ROLE_INTENSIFIER,
  ROLE_MARKER,
  ROLE_NEGATOR,
  ROLE_NONE,
} from './lexicon.js';
import type { TokenBuffer } from './tokens.js';
import type { SentimentLabel } from './types.js';

/** Negation keeps part of the strength and flips it (VADER uses 0.74). */
const NEGATION = -0.75;
/** How many words back an intensifier reaches ("très bien", "vraiment au top"). */
const INTENSIFIER_REACH = 2;
/** A clause with a negator that flipped nothing: "toujours pas de réseau". */
const DANGLING_NEGATION = -0.5;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** Squashing: score = raw / sqrt(raw² + SQUASH); one plain word (raw 1) is about 0.58. */
const SQUASH = 2;
/** Scores closer to 0 than this are neutral. */
const NEUTRAL_BAND = 0.1;

/** flags */
const NEGATED = 1;
const NEGATION_USED = 2;

/** Raw sentiment of the text; fills tokens.clauseScore with each clause's squashed score. */
export function scoreSentiment(tokens: TokenBuffer): number {
  const { count, valence, role, clause, flags } = tokens;
  flags.fill(0, 0, count);
  for (let token = 0; token < count; token++) {
    if (valence[token] !== 0 && role[token] !== ROLE_MARKER) applyModifiersBefore(tokens, token);
  }
  for (let token = 0; token < count; token++) {
    if (role[token] === ROLE_NEGATOR && (flags[token]! & NEGATION_USED) === 0) negateWordBehind(tokens, token);
  }

  let total = 0;
  let weight = 1;
  let token = 0;
  for (let c = 0; c < tokens.clauseCount; c++) {
    let raw = 0;
    let dangling = false;
    let contrast = false;
    for (; token < count && clause[token] === c; token++) {
      raw += valence[token]!;
      if (role[token] === ROLE_NEGATOR && (flags[token]! & NEGATION_USED) === 0) dangling = true;
      if (role[token] === ROLE_CONTRAST) contrast = true;
    }
    if (dangling) raw += DANGLING_NEGATION;
    if (contrast) {
      total *= BEFORE_CONTRAST;
      weight = AFTER_CONTRAST;
    }
    total += weight * raw;
    tokens.clauseScore[c] = squash(raw);
  }
  return total;
}

/**
 * Intensifiers and negators before a word with a valence, in its clause, up to the previous
 * opinion word: in "nicht teuer und gute Leistung" the negator is teuer's, not gute's.
 */
function applyModifiersBefore(tokens: TokenBuffer, token: number): void {
  const { valence, role, clause, flags } = tokens;
  let negated = false;
  let boosted = false;
  for (let before = token - 1; before >= 0 && token - before <= MAX_NEGATION_REACH; before--) {
    if (clause[before] !== clause[token]) break;
    if (valence[before] !== 0 && role[before] === ROLE_NONE) break;
    if (role[before] === ROLE_NEGATOR && token - before <= tokens.reach[before]!) {
      negated = true;
      flags[before]! |= NEGATION_USED;
    } else if (role[before] === ROLE_INTENSIFIER && !boosted && token - before <= INTENSIFIER_REACH) {
      valence[token]! *= tokens.boost[before]!;
      boosted = true;
    }
  }
  if (negated) {
    valence[token]! *= NEGATION;
    flags[token]! |= NEGATED;
  }
}

/**
 * A negator that ends its clause (but for intensifiers: "ça marche pas du tout", "geht nicht
 * mehr") flips the nearest word before it. One followed by other words negates those, even
 * without a valence: "mein defektes Handy nicht annehmen" says nothing good about the phone.
 */
function negateWordBehind(tokens: TokenBuffer, negator: number): void {
  const { valence, role, clause, flags } = tokens;
  for (let after = negator + 1; after < tokens.count && clause[after] === clause[negator]; after++) {
    if (role[after] !== ROLE_INTENSIFIER) return;
  }
  for (let before = negator - 1; before >= 0 && negator - before <= tokens.reach[negator]!; before--) {
    if (clause[before] !== clause[negator]) return;
    if (valence[before] !== 0 && role[before] === ROLE_NONE && (flags[before]! & NEGATED) === 0) {
      valence[before]! *= NEGATION;
      flags[before]! |= NEGATED;
      flags[negator]! |= NEGATION_USED;
      return;
    }
  }
}

/** Maps a raw sum of valences into [-1, 1]. */
export function squash(raw: number): number {
  return raw / Math.sqrt(raw * raw + SQUASH);
}

export function labelOf(score: number): SentimentLabel {
  if (score >= NEUTRAL_BAND) return 'positive';
  if (score <= -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}
