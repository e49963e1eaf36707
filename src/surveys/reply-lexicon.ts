/**
 * The words the reply parser knows, folded (src/shared/fold.ts: lower case, no accents): yes and
 * no, what introduces a score or a scale, units, references, opt-out and opt-in keywords. The
 * rules that use them are in docs/reply-parsing.md.
 */

/** A set of the space-separated words. */
export const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

export const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ...[...set('oui ouais ouai yes yeah yep yup ja jo jep jawohl')].map((w) => [w, true] as const),
  ...[...set('non nan no nope nein nee neen')].map((w) => [w, false] as const),
]);
/** "no problem", "pas de souci": the yes/no word is not an answer when one of these follows. */
export const YES_NO_IDIOM = set('problem probleme problemo worries souci soucis stress');

/** Words that introduce a score: "Note : 8", "je mets 7", "ich gebe 9", "I'd give it a 9". */
export const INTRO_CORE = set(`note notes score bewertung rating notation mets met mettrais donne donnerais attribue
  gebe gib geben vergebe bewerte give gave rate ginn ginnen gin punkte points`);
/** Words that may stand between an intro word and the score. */
export const INTRO_OTHER = set(`je j vous te lui ma mon une un la le de est c serait alors donc bon ich ihnen dir euch
  meine mein eine einen ist ware wurde wuerde also i d you it a an my is would of the so ech iech eng en main
  meng ass geif dann`);

/** After a score: "8 sur 10", "9 von 10", "9 out of 10", "9 vun 10". */
export const SCALE_WORDS = set('sur von vun of op aus from');
/** "de 1 à 10", "von 1 bis 10", "from 1 to 10", "vun 1 bis 10". */
export const SCALE_FROM = set('de von vun from of entre between zwischen tescht');
/** "sur une échelle de 1 à 10", "auf einer Skala von 1 bis 10", "on a scale of 1 to 10". */
export const SCALE_PHRASE = set('sur une echelle auf einer skala on a scale op enger');
export const SCALE_TO = set('a bis to et and an');
/** After a score, part of it: "8 points", "9 Punkte", "5 étoiles". */
export const POINTS = set('points point pts pt punkte punkten punkt pkt etoile etoiles star stars stern sterne sternen staren');

/** A number followed by one of these is a quantity, a time or a date, not a score. */
export const UNITS = set(`sec secs seconde secondes second seconds sekunde sekunden min mins minute minutes minuten
  minutten mn h hr hrs heure heures hour hours stunde stunden std stonn stonnen jour jours day days tag tage tagen
  dag deeg semaine semaines sem week weeks woche wochen woch mois month months monat monate monaten mount ans annee
  annees year years yr yrs jahr jahre jahren joer fois times mal x appel appels call calls anruf anrufe anrufen
  uhr eur euro euros chf usd ct cts cent cents centimes pourcent prozent percent pct go gb mo mb ko kb gig mbit
  mbits mbps gbps km personnes people leute leit sms messages mails emails
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre januar februar marz maerz
  april juni juli august oktober dezember january february march june july october december jan feb fev avr apr
  jun jul aug oct okt nov dec dez abrell`);
/** Attached to a number ("3j", "10s"), these are units too. */
export const ATTACHED_UNITS = set('j s m e');
export const CURRENCY = set('€ $ £ % ‰ °');
/** A number after one of these is a reference ("dossier 4", "iPhone 8"), not a score. */
export const REFERENCE_WORDS = set('nr num numero nummer ref reference dossier ticket iphone galaxy pixel version');
/** "n°2", "#3". */
export const REFERENCE_MARKS = set('# ° º №');
/** What may directly follow a number word at the start for it to count as a score ("neuf très bien"). */
export const COMMENT_START = set(`tres super top merci bien parfait bravo nickel excellent mais car sehr gut danke toll
  aber weil very good great thanks thank but because well ganz gutt villmools awer ok okay`);
/** Comment pieces made only of these words are dropped ("7 ou 8" has no comment). */
export const FILLER = set('ou or oder et and und an a bis to entre between zwischen tescht voire');

export const STRONG_OPT_OUT: ReadonlyMap<string, string> = new Map([
  ['stop', 'STOP'],
  ['stopp', 'STOPP'],
  ['nosurvey', 'NOSURVEY'],
]);
export const WEAK_OPT_OUT: ReadonlyMap<string, string> = new Map([
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
export const KEYWORD_COMPANIONS = set(`svp stp s il vous plait merci please pls thanks bitte danke wgl w e g gelift wann ech
  sms survey surveys enquete enquetes umfrage umfragen message messages les ces vos tous toutes the these this all
  alles me moi mir mech again encore erneut nouveau plus more mehr`);
/** Punctuation after which a number word ends the reply as its score ("Très bien, neuf"). */
export const SEPARATORS = set(', ; : . ! - – — ( = >');
