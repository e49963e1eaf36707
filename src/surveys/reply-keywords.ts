/**
 * Opt-out and opt-in: the keywords (STOP, START) and opt-out requests the way people write them
 * ("plus de SMS svp", "Ne m'envoyez plus de messages", "keng SMS méi", "Hören Sie auf"). The rules,
 * with examples, are in docs/reply-parsing.md#opt-out-and-opt-in.
 */
import {
  AFTER_MESSAGE_OK,
  AFTER_STOP_OK,
  ASKED,
  BEFORE_STOP,
  BLOCK,
  CONTACT,
  ENOUGH,
  FILLER_WORD,
  FIRST_PERSON,
  KEYWORD_COMPANIONS,
  LEAVE_ALONE,
  LIST,
  ME,
  MORE,
  MSG,
  NOUN_NEG,
  NUMBER_WORD,
  OPT_OUT_ROLES,
  optOutKeyword,
  QUESTION,
  RECEIVE,
  REMOVE,
  SEND,
  SEND_MSG,
  set,
  STOP,
  STOP_STEM,
  STRONG_OPT_OUT,
  UNSUBSCRIBE,
  VERB_NEG,
  WANT,
  WHOLE_MESSAGE_OPT_OUT,
} from './reply-lexicon.js';
import { PUNCT, WORD, type Token } from './reply-tokens.js';
import type { ReplyParse } from './reply-types.js';

/** The keyword of opt-outs asked in a sentence rather than with a keyword ("plus de SMS svp"). */
export const REQUEST = 'REQUEST';

/** START, alone or with polite words: opt back in. */
export function optIn(tokens: Token[]): ReplyParse | null {
  let first = true;
  for (const t of tokens) {
    if (t.type === PUNCT) continue;
    if (t.type !== WORD) return null;
    if (first ? t.text !== 'start' : !KEYWORD_COMPANIONS.has(t.text)) return null;
    first = false;
  }
  return first ? null : { kind: 'opt_in', keyword: 'START' };
}

/** Punctuation inside a clause: apostrophes and hyphens join words ("m'envoyez", "opt-out", "retirez-moi"). */
const JOINERS = new Set(["'", '-', '"', '&', '*', '_', '+']);
/** Words that end a clause as punctuation does: "9 mais plus de SMS svp". */
const CONTRAST = set('mais but aber awer however cependant sondern');
/** Subjects: a send verb right after one is a statement ("vous n'envoyez jamais de SMS"), not a request. */
const SUBJECTS = set('je j i ich ech vous you tu du ihr sie dir on we nous wir they ils elles il elle er es hien si');
/** May stand between a subject and its verb: "je ne vous envoie plus", "you don't text". */
const BETWEEN_SUBJECT_AND_VERB = set('ne n y en do does did dont doesnt didnt not never no plus more mir me m mer mech mich');
/** After a particle-less negation: "arrêtez pas" (don't stop), "hört nicht auf". */
const NEGATES_NEXT = set('pas not nicht net');
/** Wants said with "have": "je n'ai plus envie", "ich habe keine Lust mehr", "ech hu keng Loscht". */
const WANT_NOUNS = set('envie lust loscht bock besoin');
/** Before a last "stop" that is part of a sentence: "needs to stop", "muss aufhören", "will never stop". */
const BEFORE_LAST_STOP = set('it this that es das dat to zu ze must should will would can could needs need has have muss musst soll sollte doit faut');
/** Who has had enough: "j'en ai marre", "I've had enough", "ich habe genug", "ech hunn genuch". */
const HAVING_ENOUGH = set('j en ai i ve have had ich habe hab ech hunn vraiment really echt wirklich');
/** Whole-message opt-outs may come with these ("I'm not interested", "ech sinn net interesséiert"). */
const WHOLE_MESSAGE_EXTRA = set('i m am je suis ich bin ech sinn really vraiment wirklich echt absolument absolutely gar totally at all du tout');

const NOTHING: ReadonlySet<string> = new Set();
const roleOf = (word: string): number => OPT_OUT_ROLES.get(word) ?? 0;

/** Whether the reply (tokenized) could be an opt-out at all: most replies have none of these words. */
function mayOptOut(tokens: Token[]): boolean {
  for (const t of tokens) {
    if (t.type === WORD && (roleOf(t.text) & (STOP | STOP_STEM | UNSUBSCRIBE | MSG | SEND | SEND_MSG | CONTACT | REMOVE | ENOUGH | LIST | NUMBER_WORD | WANT)) !== 0) return true;
    if (t.type === WORD && (t.text === 'leave' || t.text === 'interested' || t.text === 'interesse' || t.text === 'interessi' || t.text === 'cancel' ||
      t.text === 'end' || t.text === 'quit' || t.text === 'revoke' || t.text === 'annuler' || t.text === 'fin' || t.text === 'ende' ||
      t.text === 'opt' || t.text === 'take' || t.text === 'wrong' || t.text === 'mauvais' || t.text === 'mauvaise' || t.text === 'falsche' || t.text === 'duer' || t.text === 'ruhe' || t.text === 'rou' || t.text === 'tranquille' || t.text === 'paix')) return true;
  }
  return false;
}

/** The words of the reply in clauses, split at punctuation, numbers and "mais"/"but"/"aber"; a few pairs joined. */
function clausesOf(tokens: Token[]): string[][] {
  const clauses: string[][] = [];
  let current: string[] = [];
  for (const t of tokens) {
    if (t.type === WORD && !CONTRAST.has(t.text)) {
      const previous = current[current.length - 1];
      // don't → dont, can't → cant; "no survey" → nosurvey; s'il vous plaît → svp
      if (t.text === 't' && previous !== undefined && previous.endsWith('n')) current[current.length - 1] = `${previous}t`;
      else if ((t.text === 'survey' || t.text === 'surveys') && previous === 'no') current[current.length - 1] = 'nosurvey';
      else if (t.text === 'plait' && current.length >= 3 && current.slice(-3).join(' ') === 's il vous') current.splice(-3, 3, 'svp');
      else current.push(t.text);
    } else if (t.type === PUNCT && JOINERS.has(t.text)) {
      continue;
    } else if (current.length > 0) {
      clauses.push(current);
      current = [];
    }
  }
  if (current.length > 0) clauses.push(current);
  return clauses;
}

const has = (roles: number[], flag: number, from = 0, to = roles.length): boolean => {
  for (let i = from; i < to; i++) if ((roles[i]! & flag) !== 0) return true;
  return false;
};

/** Words from `from` on are all of `flags` roles, or in `extra`. */
function allOf(words: string[], roles: number[], flags: number, extra: ReadonlySet<string>, from = 0, skip = -1): boolean {
  for (let i = from; i < words.length; i++) if (i !== skip && (roles[i]! & flags) === 0 && !extra.has(words[i]!)) return false;
  return true;
}

const NEGATION = VERB_NEG | NOUN_NEG;
const isNegated = (words: string[], roles: number[]): boolean => has(roles, NEGATION) || words.includes('plus');

/** Where the stop verb of a clause is: [verb, end of verb] ("hören Sie auf": the stem and its particle), or null. */
function stopVerb(words: string[], roles: number[]): [number, number] | null {
  for (let i = 0; i < words.length; i++) {
    if ((roles[i]! & STOP) !== 0) return [i, i];
    if ((roles[i]! & STOP_STEM) !== 0) {
      // German "hör(t) … auf", Luxembourgish "hält … op", "héiert … op"
      const end = words.indexOf(words[i]!.startsWith('ho') && words[i] !== 'hou' ? 'auf' : 'op', i + 1);
      if (end > 0) return [i, end];
    }
  }
  return null;
}

/** "stop", "arrêtez les SMS", "stop texting me", "hört auf mir zu schreiben"; null when negated ("je ne veux pas arrêter"). */
function stopRequest(words: string[], roles: number[], at: [number, number], scored: boolean): string | null | 'negated' {
  const [verb, end] = at;
  if (has(roles, VERB_NEG, 0, end) || NEGATES_NEXT.has(words[end + 1] ?? '')) return 'negated';
  for (let i = 0; i < verb; i++) if (!BEFORE_STOP.has(words[i]!) && (roles[i]! & (MSG | ME | WANT)) === 0) return null;
  const keyword = optOutKeyword(words[verb]!);
  const alone = allOf(words, roles, FILLER_WORD | ME | AFTER_STOP_OK, NOTHING, end + 1);
  if (alone && (!scored || STRONG_OPT_OUT.has(words[verb]!))) return keyword;
  const messages = has(roles, MSG | SEND_MSG | UNSUBSCRIBE, end + 1) ||
    (has(roles, SEND | RECEIVE, end + 1) && allOf(words, roles, FILLER_WORD | ME | SEND | RECEIVE | MORE | NEGATION, AFTER_MESSAGE_OK, end + 1));
  if (messages) return keyword;
  // "arrêtez de m'appeler", "stop calling me": about being contacted, an opt-out only without a score
  if (!scored && has(roles, CONTACT | ME, end + 1)) return keyword;
  return null;
}

/** A message word ("SMS") that is the object, not a modifier ("forfait SMS illimité"): only filler and verbs after it. */
function messageObject(words: string[], roles: number[]): boolean {
  for (let i = words.length - 1; i >= 0; i--) {
    if ((roles[i]! & MSG) === 0) continue;
    return allOf(words, roles, FILLER_WORD | ME | NEGATION | MORE | SEND | SEND_MSG | RECEIVE | CONTACT | MSG, AFTER_MESSAGE_OK, i + 1);
  }
  return false;
}

/** "ne m'envoyez plus de SMS", "don't text me", "Schicken Sie mir keine SMS mehr", "net méi schreiwen". */
function negatedSend(words: string[], roles: number[], scored: boolean): boolean {
  if (!isNegated(words, roles) || has(roles, QUESTION) || (has(roles, BLOCK) && !has(roles, ASKED))) return false;
  const verbs = scored ? SEND_MSG | SEND : SEND_MSG | SEND | CONTACT;
  const message = has(roles, MSG);
  for (let v = 0; v < words.length; v++) {
    const role = roles[v]!;
    if ((role & verbs) === 0) continue;
    // "SMS", "text": a verb only with its person ("don't text me"), otherwise the noun ("pas de SMS reçu")
    if ((role & MSG) !== 0 && (roleOf(words[v + 1] ?? '') & ME) === 0) continue;
    // a subject before the verb makes a statement: "vous n'envoyez jamais de SMS", "je n'envoie plus"
    let s = v - 1;
    while (s >= 0 && (BETWEEN_SUBJECT_AND_VERB.has(words[s]!) || (roles[s]! & (NEGATION | MORE | ME)) !== 0)) s--;
    if (s >= 0 && SUBJECTS.has(words[s]!)) continue;
    // …and so does any other word before it: "mon téléphone n'envoie plus de SMS"
    if (s >= 0 && !BEFORE_STOP.has(words[s]!) && (roles[s]! & (FILLER_WORD | ASKED | WANT | MSG)) === 0) continue;
    if ((role & SEND_MSG) !== 0 || message) return true;
    // "ne m'appelez plus", "n'envoyez plus rien": without a message word, nothing else may be said
    if (!scored && allOf(words, roles, FILLER_WORD | ME | NEGATION | MORE | ASKED | WANT, BEFORE_STOP, 0, v)) return true;
  }
  return false;
}

/** "je ne veux plus de SMS", "I don't want these texts", "ich möchte keine SMS mehr erhalten", "ech wëll keng SMS méi". */
function unwanted(words: string[], roles: number[], scored: boolean): boolean {
  const want = roles.findIndex((r) => (r & WANT) !== 0);
  if (want < 0 || !isNegated(words, roles) || has(roles, QUESTION)) return false;
  // "ich habe gar keine SMS bekommen" is a complaint; "je n'ai plus envie de vos SMS" is not
  if (has(roles, BLOCK) && !WANT_NOUNS.has(words[want]!)) return false;
  if (messageObject(words, roles)) return true;
  const verbs = scored ? SEND_MSG : SEND_MSG | SEND | CONTACT | RECEIVE;
  for (let v = want + 1; v < words.length; v++) {
    if ((roles[v]! & verbs) !== 0 && allOf(words, roles, FILLER_WORD | ME | NEGATION | MORE, AFTER_MESSAGE_OK, v + 1)) return true;
  }
  return false;
}

/** "NO MORE SMS", "Plus de SMS svp", "Keine SMS mehr", "keng SMSen méi w.e.g.", "ne plus recevoir de SMS". */
function noMoreMessages(words: string[], roles: number[]): boolean {
  if (!has(roles, MSG) || !(has(roles, NEGATION | ENOUGH) || words.includes('plus'))) return false;
  if (has(roles, RECEIVE | SEND) && !has(roles, MORE | ENOUGH)) return false; // "keine SMS bekommen": maybe a complaint
  // "j'en ai marre de vos SMS", "I've had enough of your texts", "ech hunn genuch vun äre SMSen"
  const extra = has(roles, ENOUGH) ? HAVING_ENOUGH : AFTER_MESSAGE_OK;
  return allOf(words, roles, FILLER_WORD | NEGATION | MORE | ENOUGH | MSG | ME | RECEIVE | SEND | SEND_MSG, extra);
}

/** "Retirez-moi de votre liste", "remove me from your list", "take me off", "Löschen Sie meine Nummer". */
function removeRequest(words: string[], roles: number[], scored: boolean): boolean {
  let at = roles.findIndex((r) => (r & REMOVE) !== 0);
  if (at < 0 && words.includes('take') && (words.includes('off') || words.includes('out'))) at = words.indexOf('take');
  if (at < 0 || has(roles, VERB_NEG, 0, at) || has(roles, QUESTION)) return false;
  for (let i = 0; i < at; i++) if (!BEFORE_STOP.has(words[i]!) && (roles[i]! & ME) === 0) return false;
  return has(roles, LIST | MSG) || (!scored && has(roles, NUMBER_WORD | ME));
}

/** Unsubscribe words: "désinscription", "opt out", "abmelden", "ofmellen"; not "je ne veux pas me désabonner". */
function unsubscribe(words: string[], roles: number[], scored: boolean): string | null {
  let at = roles.findIndex((r) => (r & UNSUBSCRIBE) !== 0);
  if (at < 0) {
    const opt = words.indexOf('opt');
    if (opt >= 0 && (words[opt + 1] === 'out' || words[opt + 2] === 'out')) at = opt;
  }
  if (at < 0 || has(roles, VERB_NEG, 0, at)) return null;
  // "8, je veux me désabonner de l'option internet": with a score, unsubscribing from something else
  if (scored) {
    const from = words.findIndex((w, i) => i > at && (w === 'de' || w === 'd' || w === 'du' || w === 'from' || w === 'von' || w === 'vom' || w === 'vun' || w === 'of'));
    if (from > 0 && !has(roles, MSG | LIST, from) && !allOf(words, roles, FILLER_WORD | ME, AFTER_MESSAGE_OK, from)) return null;
  }
  return words[at] === 'opt' ? 'UNSUBSCRIBE' : optOutKeyword(words[at]!);
}

function clauseOptOut(words: string[], scored: boolean): string | null {
  const roles = words.map(roleOf);
  const stop = stopVerb(words, roles);
  if (stop !== null) {
    const request = stopRequest(words, roles, stop, scored);
    if (request === 'negated') return null; // "je ne veux pas arrêter les SMS", "don't stop sending"
    if (request !== null) return request;
  }
  const keyword = unsubscribe(words, roles, scored);
  if (keyword !== null) return keyword;
  if (stop !== null) return null;
  if (removeRequest(words, roles, scored) || negatedSend(words, roles, scored) || unwanted(words, roles, scored) || noMoreMessages(words, roles)) {
    return REQUEST;
  }
  return null;
}

/** "leave me alone", "laissez-moi tranquille", "Kein Interesse", "Ça suffit": the whole reply. */
function wholeReply(clauses: string[][]): boolean {
  for (const words of clauses) {
    for (const [first, second] of LEAVE_ALONE) {
      const at = words.findIndex((w) => first.has(w));
      if (at >= 0 && words.slice(at + 1, at + 5).some((w) => second.has(w))) return true;
    }
  }
  const words = clauses.flat();
  for (const phrase of WHOLE_MESSAGE_OPT_OUT) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (!phrase.every((w, k) => words[i + k] === w)) continue;
      const rest = [...words.slice(0, i), ...words.slice(i + phrase.length)];
      if (rest.every((w) => WHOLE_MESSAGE_EXTRA.has(w) || (roleOf(w) & (FILLER_WORD | ME | FIRST_PERSON | VERB_NEG)) !== 0)) return true;
    }
  }
  return false;
}

/**
 * An opt-out request, or null. `scored`: the reply also names a score (or numbers read as one), so
 * stop words about something else ("7 arrêtez de me rappeler si tard") are a comment, and only a
 * request about the messages themselves (or a bare STOP) opts out.
 */
export function optOut(tokens: Token[], scored: boolean): ReplyParse | null {
  if (!mayOptOut(tokens)) return null;
  const clauses = clausesOf(tokens);
  if (clauses.length === 0) return null;
  // The official keyword first, without a score: "STOP", "Stop the music on hold", "STOPP bitte"
  const first = tokens.find((t) => t.type !== PUNCT);
  if (!scored && first?.type === WORD && clauses[0]![0] === first.text && STRONG_OPT_OUT.has(first.text) && !NEGATES_NEXT.has(clauses[0]![1] ?? '')) {
    return { kind: 'opt_out', keyword: optOutKeyword(first.text) };
  }
  for (const words of clauses) {
    const keyword = clauseOptOut(words, scored);
    if (keyword !== null) return { kind: 'opt_out', keyword };
  }
  // The official keyword last, after a line break as often as not: "Merci\nSTOP", "8 gutt STOP";
  // not "the hold music needs to stop"
  const last = clauses[clauses.length - 1]!;
  const lastWord = last[last.length - 1]!;
  if (STRONG_OPT_OUT.has(lastWord) && tokens.findLast((t) => t.type !== PUNCT)?.type === WORD) {
    const before = last[last.length - 2] ?? '';
    if (!BEFORE_LAST_STOP.has(before) && (roleOf(before) & VERB_NEG) === 0) return { kind: 'opt_out', keyword: optOutKeyword(lastWord) };
  }
  if (!scored && wholeReply(clauses)) return { kind: 'opt_out', keyword: REQUEST };
  return null;
}
