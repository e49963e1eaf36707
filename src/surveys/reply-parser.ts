/**
 * Reads the SMS a customer sends back to a satisfaction survey ("On a scale of 1 to 10, how
 * satisfied…", optionally "…was your request resolved? yes/no"). Pure function, no I/O.
 *
 * It never guesses: when the reply does not name exactly one score in the scale it returns
 * `unclear` with the reason, and the caller asks once more. The rules, with examples, are in
 * docs/reply-parsing.md.
 */
import { NUMBER_WORDS, type ReplyLanguage } from './number-words.js';

export type { ReplyLanguage } from './number-words.js';

export interface ParseOptions {
  scale: { min: number; max: number };
  /** the survey asked "resolved? yes/no" */
  expectResolved?: boolean;
}

export type UnclearReason = 'out_of_scale' | 'several_scores' | 'decimal' | 'no_score' | 'empty';

export type ReplyParse =
  | { kind: 'answer'; score: number | null; resolved: boolean | null; comment: string | null; language: ReplyLanguage | null }
  | { kind: 'opt_out'; keyword: string }
  | { kind: 'opt_in'; keyword: string }
  | { kind: 'unclear'; reason: UnclearReason; detail: string; comment: string | null };

// ---------------------------------------------------------------------------------------------
// Lexicons (folded: lower case, no accents, ß as ss)

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ...[...set('oui ouais ouai yes yeah yep yup ja jo jep jawohl')].map((w) => [w, true] as const),
  ...[...set('non nan no nope nein nee neen')].map((w) => [w, false] as const),
]);
/** "no problem", "pas de souci": the yes/no word is not an answer when one of these follows. */
const YES_NO_IDIOM = set('problem probleme problemo worries souci soucis stress');

/** Words that introduce a score: "Note : 8", "je mets 7", "ich gebe 9", "I'd give it a 9". */
const INTRO_CORE = set(`note notes score bewertung rating notation mets met mettrais donne donnerais attribue
  gebe gib geben vergebe bewerte give gave rate ginn ginnen gin punkte points`);
/** Words that may stand between an intro word and the score. */
const INTRO_OTHER = set(`je j vous te lui ma mon une un la le de est c serait alors donc bon ich ihnen dir euch
  meine mein eine einen ist ware wurde wuerde also i d you it a an my is would of the so ech iech eng en main
  meng ass geif dann`);

/** After a score: "8 sur 10", "9 von 10", "9 out of 10", "9 vun 10". */
const SCALE_WORDS = set('sur von vun of op aus from');
/** "de 1 à 10", "von 1 bis 10", "from 1 to 10", "vun 1 bis 10". */
const SCALE_FROM = set('de von vun from of entre between zwischen tescht');
/** "sur une échelle de 1 à 10", "auf einer Skala von 1 bis 10", "on a scale of 1 to 10". */
const SCALE_PHRASE = set('sur une echelle auf einer skala on a scale op enger');
const SCALE_TO = set('a bis to et and an');
/** After a score, part of it: "8 points", "9 Punkte", "5 étoiles". */
const POINTS = set('points point pts pt punkte punkten punkt pkt etoile etoiles star stars stern sterne sternen staren');

/** A number followed by one of these is a quantity, a time or a date, not a score. */
const UNITS = set(`sec secs seconde secondes second seconds sekunde sekunden min mins minute minutes minuten
  minutten mn h hr hrs heure heures hour hours stunde stunden std stonn stonnen jour jours day days tag tage tagen
  dag deeg semaine semaines sem week weeks woche wochen woch mois month months monat monate monaten mount ans annee
  annees year years yr yrs jahr jahre jahren joer fois times mal x appel appels call calls anruf anrufe anrufen
  uhr eur euro euros chf usd ct cts cent cents centimes pourcent prozent percent pct go gb mo mb ko kb gig mbit
  mbits mbps gbps km personnes people leute leit sms messages mails emails
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre januar februar marz maerz
  april juni juli august oktober dezember january february march june july october december jan feb fev avr apr
  jun jul aug oct okt nov dec dez abrell`);
/** Attached to a number ("3j", "10s"), these are units too. */
const ATTACHED_UNITS = set('j s m e');
const CURRENCY = set('€ $ £ % ‰ °');
/** A number after one of these is a reference ("dossier 4", "iPhone 8"), not a score. */
const REFERENCE_WORDS = set('nr num numero nummer ref reference dossier ticket iphone galaxy pixel version');
/** "n°2", "#3". */
const REFERENCE_MARKS = set('# ° º №');
/** What may directly follow a number word at the start for it to count as a score ("neuf très bien"). */
const COMMENT_START = set(`tres super top merci bien parfait bravo nickel excellent mais car sehr gut danke toll
  aber weil very good great thanks thank but because well ganz gutt villmools awer ok okay`);
/** Comment pieces made only of these words are dropped ("7 ou 8" has no comment). */
const FILLER = set('ou or oder et and und an a bis to entre between zwischen tescht voire');

const STRONG_OPT_OUT: ReadonlyMap<string, string> = new Map([
  ['stop', 'STOP'],
  ['stopp', 'STOPP'],
  ['nosurvey', 'NOSURVEY'],
]);
const WEAK_OPT_OUT: ReadonlyMap<string, string> = new Map([
  ['arret', 'ARRET'],
  ['arrete', 'ARRET'],
  ['arretez', 'ARRET'],
  ['arreter', 'ARRET'],
  ['unsubscribe', 'UNSUBSCRIBE'],
  ['desabonner', 'UNSUBSCRIBE'],
  ['desinscrire', 'UNSUBSCRIBE'],
  ['abmelden', 'UNSUBSCRIBE'],
]);
/** Words that may come with an opt-out or opt-in keyword ("stop svp", "START SURVEY"). */
const KEYWORD_COMPANIONS = set(`svp stp s il vous plait merci please pls thanks bitte danke wgl w e g gelift wann ech
  sms survey surveys enquete enquetes umfrage umfragen message messages les ces vos tous toutes the these this all
  alles me moi mir mech again encore erneut nouveau plus more mehr`);

const LANGUAGE_INDEX: Record<ReplyLanguage, number> = { fr: 0, de: 1, en: 2, lb: 3 };
const LANGUAGE_INDEX_LIST: readonly ReplyLanguage[] = ['fr', 'de', 'en', 'lb'];

/** Lexical cues of the reply language: weights for [fr, de, en, lb]. */
const LANGUAGE_CUES: ReadonlyMap<string, readonly [number, number, number, number]> = (() => {
  const cues = new Map<string, [number, number, number, number]>();
  const add = (index: number, weight: number, words: string): void => {
    for (const word of set(words)) {
      const entry = cues.get(word) ?? [0, 0, 0, 0];
      entry[index] = entry[index]! + weight;
      cues.set(word, entry);
    }
  };
  add(0, 1, `oui ouais non merci tres bien bon bonne je j mets met donne donnerais mettrais sur conseiller
    conseillere pas mais le la les du des est c attente rapide reseau toujours parfait nul nulle sympa agreable
    aimable probleme resolu regle avec pour tout vraiment trop encore aucun personne accueil reponse ne bonjour svp
    stp moi mon ma mes vous votre vos qui que au aux il elle jamais depuis lent longue telephone ligne facture rien
    peu note etoiles ai attendu minutes jours souci cordialement envoye rappele appele satisfait catastrophique`);
  add(1, 1, `ja nein danke sehr gut von ich gebe geben nicht aber und der die das dem berater beraterin freundlich
    schnell wartezeit immer noch kein keine netz toll ist fur bitte gelost geloest hallo leider zufrieden bewertung
    punkte punkten auch zu lange hat habe hatte wurde wird meinem gesendet sind es sie wir mich schon warten
    gewartet ahnung nur einen einem viel dank prima klasse stunden tage minuten freundliche grusse`);
  add(2, 1, `yes yeah yep no nope thanks thank you very good great out of i give gave not but and the advisor agent
    friendly fast quick waiting wait still network was is it with for solved resolved please helpful nice bad poor
    slow time my all sent from would rate this that to have had been really hours days minutes regards`);
  add(3, 1, `jo neen villmools ganz gutt vun ech ginn net awer fir frendlech seier nach emmer keen keng ass wor sinn
    mat zefridden moien well netz gemaach geleist huet hunn iech eis bass ze laang gewaart waarden gett gelift wgl dat wat och
    stonnen deeg greiss scheine`);
  add(3, 1, 'nee an');
  add(1, 0.5, 'nee');
  add(2, 0.5, 'an');
  add(3, 0.6, 'merci');
  add(3, 0.5, 'et');
  add(0, 1, 'et');
  for (const [word, entry] of NUMBER_WORDS) {
    for (const language of entry.languages) add(LANGUAGE_INDEX[language], 1, word);
  }
  return cues;
})();

// ---------------------------------------------------------------------------------------------
// Normalisation

const NON_ASCII = /[^\x00-\x7f]/;
const KEYCAP = /([0-9])\uFE0F?\u20E3/g;
const KEYCAP_TEN = /\u{1F51F}/gu;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFE0E\uFE0F]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u02BC`]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/g;
const FULL_WIDTH = /[\uFF01-\uFF5E]/g;
const SPACES = /\s+/g;
const SIGNATURE_HINT =
  /--|sent |envoy|von meinem|gesendet|get outlook|cordialement|bien à vous|bien a vous|gr(?:ü|ue|u)(?:ß|ss)|regards|mfg|gr[ée]iss/i;
const SIGNATURE_DELIMITER = /\r?\n[ \t]*--[ \t]*(?:\r?\n[\s\S]*)?$/;
const SIGNATURE_DEVICE =
  /(?:^|\s)(?:envoy[ée] (?:de|depuis) (?:mon|ma)|sent from my|sent with|von meinem|gesendet (?:von|mit)|get outlook for)\s[^\n]{0,40}$/i;
const SIGNATURE_CLOSING =
  /(?:^|[\s,.;!])(?:bien cordialement|cordialement|bien [àa] vous|mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en|(?:freundliche|viele|liebe|beste) gr(?:ü|ue|u)(?:ß|ss)e|mfg|best regards|kind regards|regards|sch[ée]ine gr[ée]iss|gr[ée]iss)(?![\p{L}])[^\d]{0,60}$/iu;

const toHalfWidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/** Smart quotes, invisible characters, keycap emoji, full-width forms, signatures, spacing. */
function normalizeText(text: string): string {
  let s = text;
  if (NON_ASCII.test(s)) {
    s = s
      .replace(KEYCAP, '$1')
      .replace(KEYCAP_TEN, '10')
      .replace(INVISIBLE, '')
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .replace(FULL_WIDTH, toHalfWidth)
      .normalize('NFC');
  }
  if (SIGNATURE_HINT.test(s)) {
    s = s.replace(SIGNATURE_DELIMITER, '').replace(SIGNATURE_DEVICE, '').replace(SIGNATURE_CLOSING, '');
  }
  return s.replace(SPACES, ' ').trim();
}

const MARKS = /\p{M}/gu;

/** Lower case, without accents, ß as ss: the form the lexicons are written in. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(/ß/g, 'ss');
}

// ---------------------------------------------------------------------------------------------
// Tokens

const WORD = 0;
const NUMBER = 1;
const PUNCT = 2;

/** Kinds of number token. */
const INT = 0;
const DEC = 1;
const QTY = 2; // quantity, time or amount: "20 minutes", "14h30", "50€"
const OTHER = 3; // date, phone number, reference, attached to letters ("5G")

interface Token {
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
const isOutOf = (value: number, max: number): boolean =>
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

function tokenize(s: string, max: number): Token[] {
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
      tokens.push(makeToken(WORD, i, j, foldWord(s.slice(i, j))));
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
function classifyNumbers(tokens: Token[], s: string, max: number): void {
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

// ---------------------------------------------------------------------------------------------
// Parsing

interface Candidate {
  first: number;
  last: number;
  value: number;
  decimal: boolean;
  outOf: number;
  /** the number as written ("8,5", "sept") */
  raw: string;
}

const unclear = (reason: UnclearReason, detail: string, comment: string | null): ReplyParse => ({
  kind: 'unclear',
  reason,
  detail,
  comment,
});

export function parseReply(text: string, options: ParseOptions): ReplyParse {
  const { min, max } = options.scale;
  const s = normalizeText(text);
  if (s === '') return unclear('empty', 'the reply is empty', null);
  const tokens = tokenize(s, max);
  classifyNumbers(tokens, s, max);

  const keyword = optKeyword(tokens);
  if (keyword !== null) return keyword;

  const parser = new ReplyReader(s, tokens, min, max);
  return parser.read(options.expectResolved === true);
}

/** STOP / ARRÊT / STOPP / NOSURVEY (opt-out) and START (opt-in). */
function optKeyword(tokens: Token[]): ReplyParse | null {
  const words: string[] = [];
  let hasNumber = false;
  let lastIsWord = false;
  for (const t of tokens) {
    if (t.type === WORD) {
      const previous = words[words.length - 1];
      if (t.text === 'survey' && previous === 'no') words[words.length - 1] = 'nosurvey';
      else words.push(t.text);
      lastIsWord = true;
    } else if (t.type === NUMBER) {
      hasNumber = true;
      lastIsWord = false;
    }
  }
  if (words.length === 0) return null;
  const first = words[0]!;
  const strong = STRONG_OPT_OUT.get(first);
  if (strong !== undefined) return { kind: 'opt_out', keyword: strong };
  const lastStrong = STRONG_OPT_OUT.get(words[words.length - 1]!);
  if (lastStrong !== undefined && lastIsWord) return { kind: 'opt_out', keyword: lastStrong };
  if (hasNumber) return null;
  let found: string | null = null;
  for (const word of words) {
    const keyword = STRONG_OPT_OUT.get(word) ?? WEAK_OPT_OUT.get(word);
    if (keyword !== undefined) found ??= keyword;
    else if (!KEYWORD_COMPANIONS.has(word)) {
      found = null;
      break;
    }
  }
  if (found !== null) return { kind: 'opt_out', keyword: found };
  if (first !== 'start') return null;
  for (let i = 1; i < words.length; i++) if (!KEYWORD_COMPANIONS.has(words[i]!)) return null;
  return { kind: 'opt_in', keyword: 'START' };
}

const SEPARATORS = set(', ; : . ! - – — ( = >');
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

class ReplyReader {
  private readonly consumed: boolean[];
  private readonly lead: number;

  constructor(
    private readonly s: string,
    private readonly tokens: Token[],
    private readonly min: number,
    private readonly max: number,
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
    return { kind: 'answer', score, resolved, comment: this.comment(), language: this.language() };
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

  /** fr, de, en or lb from lexical cues; null when there are none or they are tied. */
  private language(): ReplyLanguage | null {
    const scores = [0, 0, 0, 0];
    for (const t of this.tokens) {
      if (t.type !== WORD) continue;
      const cue = LANGUAGE_CUES.get(t.text);
      if (cue === undefined) continue;
      scores[0]! += cue[0];
      scores[1]! += cue[1];
      scores[2]! += cue[2];
      scores[3]! += cue[3];
    }
    if (NON_ASCII.test(this.s)) {
      if (this.s.includes('ë') || this.s.includes('Ë')) scores[3]! += 2;
      if (/[ßöüÖÜ]/.test(this.s)) scores[1]! += 1;
    }
    let best = -1;
    let bestScore = 0;
    let tied = false;
    for (let i = 0; i < 4; i++) {
      const score = scores[i]!;
      if (score > bestScore) {
        best = i;
        bestScore = score;
        tied = false;
      } else if (score === bestScore && score > 0) {
        tied = true;
      }
    }
    return best < 0 || tied ? null : LANGUAGE_INDEX_LIST[best]!;
  }
}

