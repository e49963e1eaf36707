/**
 * The language of a survey reply, from lexical cues of the whole reply (yes/no words, number
 * words, score phrases, common words), folded as the tokens are (src/shared/fold.ts).
 */
import { LANGUAGES, type Language } from '../shared/languages.js';
import { NUMBER_WORDS } from './number-words.js';
import { set } from './reply-lexicon.js';
import { WORD, type Token } from './reply-tokens.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** Lexical cues of the reply language: weights in the order of LANGUAGES. */
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
    gewartet ahnung nur einen einem viel dank prima klasse stunden tage minuten freundliche grusse gruße`);
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
    for (const language of entry.languages) add(LANGUAGES.indexOf(language), 1, word);
  }
  return cues;
})();

/** fr, de, en or lb from lexical cues; null when there are none or they are tied. */
export function replyLanguage(s: string, tokens: readonly Token[]): Language | null {
  const scores = [0, 0, 0, 0];
  for (const t of tokens) {
    if (t.type !== WORD) continue;
    const cue = LANGUAGE_CUES.get(t.text);
    if (cue === undefined) continue;
    scores[0]! += cue[0];
    scores[1]! += cue[1];
    scores[2]! += cue[2];
    scores[3]! += cue[3];
  }
  if (NON_ASCII.test(s)) {
    if (s.includes('ë') || s.includes('Ë')) scores[3]! += 2;
    if (/[ßöüÖÜ]/.test(s)) scores[1]! += 1;
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
  return best < 0 || tied ? null : LANGUAGES[best]!;
}
