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

/** Words that may come with an opt-out or opt-in keyword ("stop svp", "START SURVEY"). */
export const KEYWORD_COMPANIONS = set(`svp stp s il vous plait merci please pls plz thanks thank thx you bitte danke wgl w e g gelift
  wann ech sms survey surveys enquete enquetes umfrage umfragen message messages les ces vos tous toutes the these this all
  alles me moi mir mech again encore erneut nouveau plus more mehr ok okay`);

/*
 * Opt-out in words (reply-keywords.ts, docs/reply-parsing.md#opt-out-and-opt-in): each word of a
 * clause has the roles below, and a clause asks to stop when its roles make one of the shapes
 * the rules there describe ("arrêtez les SMS", "ne m'envoyez plus de SMS", "keng SMS méi").
 */
export const MSG = 1; // what we send: SMS, messages, surveys
export const STOP = 2; // stop, arrêtez, stopp, aufhören, ophalen
export const STOP_STEM = 4; // hör(t) … auf, hält … op: a stop verb with its particle
export const SEND_MSG = 8; // verbs that are messaging: text, écrire, schreiben
export const SEND = 16; // send, envoyer, schicken: messaging with a message word or no other object
export const CONTACT = 32; // call, appeler, contacter, déranger: a stop request only without a score
export const RECEIVE = 64; // receive, recevoir, erhalten, kréien: with a want
export const WANT = 128; // want, veux, souhaite, möchte, wëll, need
export const VERB_NEG = 256; // ne, pas, not, don't, nicht, net: negate a verb
export const NOUN_NEG = 512; // no, kein, keng, keen, aucun: negate a noun
export const MORE = 1024; // plus, more, anymore, mehr, méi, wieder
export const ENOUGH = 2048; // assez, suffit, enough, genug
export const UNSUBSCRIBE = 4096; // unsubscribe, désinscription, abmelden, ofmellen
export const REMOVE = 8192; // remove, retirez, supprimez, löschen
export const LIST = 16384; // list, liste, Verteiler
export const NUMBER_WORD = 32768; // number, numéro, Nummer
export const ME = 65536; // me, moi, mich, mir, mech
export const FIRST_PERSON = 131072; // je, I, ich, ech: the subject of a complaint ("je n'envoie plus")
export const BLOCK = 262144; // cannot, pourquoi, ai (done): a complaint or a question, not a request
export const FILLER_WORD = 524288; // please, svp, les, vos, de: may stand anywhere
export const AFTER_STOP_OK = 1048576; // it, ça, damit, now: "stop it", "hör auf damit"
export const ASKED = 2097152; // demandé, asked, gebeten: "je vous ai demandé de ne plus…"
export const QUESTION = 4194304; // pourquoi, why, warum: "pourquoi vous ne m'envoyez plus de SMS ?" is a complaint

const roles = new Map<string, number>();
function role(flag: number, words: string): void {
  for (const w of words.split(/\s+/)) if (w) roles.set(w, (roles.get(w) ?? 0) | flag);
}
role(MSG, `zufriedenheitsumfrage zufriedenheitsumfragen kundenumfrage kundenumfragen harcelement harassment belastigung sms smsen smse smss smses texto textos text texts txt txts message messages msg msgs messagen mail mails email emails
  mailen courriel courriels nachricht nachrichten textnachricht textnachrichten kurznachricht kurznachrichten noriicht
  noriichten notification notifications survey surveys enquete enquetes sondage sondages questionnaire questionnaires
  evaluation evaluations umfrage umfragen befragung befragungen emfro emfroen relance relances rappels spam spams
  pub pubs werbung reklamm`);
role(STOP, `arete aretez areter ophale ophal ophaal ophaalt ophalt stop stopp stoppen stoppt stoppe stopper stoppez stopping arret arrete arretez arreter arretes cessez cesser
  cesse quit aufhoren aufhoeren aufhorn ophalen ophaalen opheieren stopall`);
role(STOP_STEM, 'hou hor hore horen hort hoer hoere hoeren hoert halt haalt hal hall hale heiert heier');
role(SEND_MSG, `mecrire mecrivez angeschrieben anzuschreiben text texting txt sms smsen message messaging msg spam spamming spammer spammez ecrire ecrivez ecris
  ecrivent schreiben schreibt schreib schreibe anschreiben zuschreiben zuspammen schreiwen schreift schreiw mailen emailer`);
role(SEND, `menvoyer menvoyez menvoie send sending envoyer envoyez envoie envoies envoyiez renvoyer renvoyez schicken schickt schick schicke
  zuschicken zusenden senden sendet verschicken schecken scheckt scheck schecke zouschecken forward`);
role(CONTACT, `recontacte recontactee recontacter recontactez befragt befragen interroger interrogez angerufen belastigt gestort kontaktiert call calling ring ringing phone phoning contact contacting contacted bother bothering harass harassing
  disturb disturbing pester appeler appelez appelle rappeler rappelez rappelle contacter contactez contacte contactee
  contactes deranger derangez derange harceler harcelez harcele importuner importunez solliciter sollicitez sollicite
  relancer relancez relance anrufen ruft anruf anzurufen kontaktieren kontaktiert kontaktiere belastigen belastigt
  storen stort nerven nervt nerve uruffen rufft kontakteieren kontakteiert steieren steiert nerft`);
role(RECEIVE, `repondre participer answer respond participate reply teilnehmen antworten mitmachen aentweren matmaachen receive receiving get getting recevoir erhalten bekommen kriegen empfangen kreien kreie kritt`);
role(WANT, `refuse refuser weigere decline gar lust envie loscht bock jveux jveu veu repondrai participerai want wanna wish need veux veut voulons voudrais souhaite souhaitons souhaiterais desire besoin will willst
  wollen mochte mochten wunsche brauche brauchen well wellt weilt wollt`);
role(VERB_NEG, 'refuse refuser weigere decline ne n pas not dont doesnt wont shouldnt never nicht nie niemals net ni jamais nimmer didnt');
role(NOUN_NEG, 'no kein keine keinen keiner keines keinerlei keng keen kee aucun aucune none nothing rien nichts naischt');
role(MORE, 'weitere weiteren weiteres plus more anymore longer further again mehr wieder mei weider encore');
role(ENOUGH, 'marre schluss fini assez suffit enough genug genuch basta');
role(UNSUBSCRIBE, `unsubscribe unsubcribe unsuscribe unsubscribed unsub optout desinscription desinscrire desinscrivez
  desinscris desincription desinscrit desabonner desabonnez desabonnement desabonne abmelden abmeldung abmelde
  abbestellen abbestellung austragen ofmellen ofmelden ofmeldung nosurvey`);
role(REMOVE, `remove delete erase retirer retirez retire supprimer supprimez supprime enlever enlevez enleve effacer
  effacez efface rayer rayez loschen loscht entfernen entfernt streichen streicht laschen lascht ewechhuelen`);
role(LIST, 'list lists liste listes fichier fichiers verteiler verteilerliste mailing lescht database base');
role(NUMBER_WORD, 'number numero nummer num');
role(ME, 'me m moi mich mir mech mer us nous uns eis myself');
role(FIRST_PERSON, 'je j i ich ech');
role(BLOCK, `cannot cant unable couldn peux peut pouvons peuvent arrive arrivons parviens parvient marche fonctionne
  marchent kann konnte konnt geet geht funktioniert works work working cant couldnt didnt ai avez avons ont have has had did didn hat habe hab habt haben hast hutt huet hunn hues`);
role(FILLER_WORD, `are arer non nein nee neen svp stp s il vous plait merci please pls plz thanks thank thx you bitte danke wgl w e g gelift ok okay
  de des d du la le les l vos votre vostre ces ce cette cet ca cela tous toutes tout toute the your these those this
  that any all of from to a an aux au vun von vom den der die das dem ihre ihren eure euren ihr ihnen euch iech dir
  dier du ar aren mat mit with avec and et und an ou or oder just simply juste simplement einfach mal doch endlich
  jetzt now maintenant elo sofort direkt immediately immediatement enfin svpl sil vp so alors donc also dann en y
  part pour for fir moi mer dech sie vous tu`);
role(QUESTION, 'pourquoi why warum wieso weshalb firwat wisou');
role(AFTER_STOP_OK, 'it ca cela this that damit das et dat now maintenant jetzt elo');
role(ASKED, 'demande asked ask told dit gesagt gebeten gefrot gesot');
/** The roles of each folded word (0: none). */
export const OPT_OUT_ROLES: ReadonlyMap<string, number> = roles;

/** May stand before a stop verb in a request: "merci d'arrêter", "can you please stop", "je veux me désinscrire". */
export const BEFORE_STOP = set(`i je j ich ech you vous tu du sie dir ihr can could would will pouvez pourriez pourrais
  peux pouvez konnen konnten kennt keint kenns kanns gelift do does veuillez surtout bitte please pls merci svp stp de d to zu ze just
  juste einfach mal doch endlich enfin now maintenant jetzt elo so alors donc then dann already deja schon scho bereits
  asked ask told demande dit gesagt gebeten gefrot gesot want veux voudrais souhaite will mochte well wellt need il
  faut faudrait must muss musst mussen mussten sollt sollen sollten soll and et und an ok okay oh hey all me m moi
  mich mir mech mer myself se s en ihr`);
/** Canonical keyword of an opt-out word (the opt-out list shows it): STOP, STOPP, ARRET, UNSUBSCRIBE, NOSURVEY. */
export function optOutKeyword(word: string): string {
  if (word === 'nosurvey') return 'NOSURVEY';
  if (word === 'stop' || word === 'stopping' || word === 'quit' || word === 'stopall') return 'STOP';
  if (word.startsWith('stop') || word.startsWith('auf') || word.startsWith('h') || word.startsWith('op')) return 'STOPP';
  if (word.startsWith('arret') || word.startsWith('cess')) return 'ARRET';
  return 'UNSUBSCRIBE';
}
/** The official keywords: alone in a clause they opt out even next to a score ("8. STOP"). */
export const STRONG_OPT_OUT = set('stop stopp nosurvey');
/** Whole-message opt-outs (no score, nothing else than filler words): "Cancel", "Ça suffit", "Kein Interesse". */
export const WHOLE_MESSAGE_OPT_OUT: ReadonlyArray<readonly string[]> = [
  'cancel', 'end', 'quit', 'revoke', 'annuler', 'fin', 'ende', 'enough', 'assez', 'suffit', 'ca suffit', 'genug', 'genuch',
  'basta', 'not interested', 'no interest', 'pas interesse', 'pas interessee', 'pas interesses', 'plus interesse',
  'kein interesse', 'keen interessi', 'keen interesse', 'kee interessi', 'spam', 'et geet duer', 'ass genuch',
  'wrong number', 'mauvais numero', 'faux numero', 'falsche nummer', 'falsch nummer', 'wrong person', 'mauvaise personne',
].map((p) => p.split(' '));
/** Anywhere in an unscored reply: "leave me alone", "laissez-moi tranquille", "lassen Sie mich in Ruhe", "loosst mech a Rou". */
export const LEAVE_ALONE: ReadonlyArray<readonly [ReadonlySet<string>, ReadonlySet<string>]> = [
  [set('leave'), set('alone')],
  [set('laissez laisse laisser fichez fiche foutez foutre'), set('tranquille tranquilles paix')],
  [set('lass lasst lassen looss loosst loossen'), set('ruhe rou')],
];
/** After a message word, what may follow it when it is the object ("plus de SMS de votre part", not "forfait SMS illimité"). */
export const AFTER_MESSAGE_OK = set(`publicitaires publicitaire promotionnels promotionnelles marketing promotional
  automatiques automatic automatischen werbe apres chaque each every after nach jedem jeder jeden all no appel appels
  call calls anruf anrufen contact contacts kontakt uruff keier fois time times mal part me moi mir mich mech mer
  please thanks merci bitte svp etre be being werden ginn gin satisfaction zufriedenheit zefriddenheet per par via by`);
/** Punctuation after which a number word ends the reply as its score ("Très bien, neuf"). */
export const SEPARATORS = set(', ; : . ! - – — ( = >');
