import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScaleOption } from '../cli/parse-reply.js';
import { runEcoute, spawnEcoute } from '../cli/cli.testkit.js';
import { UsageError } from '../cli/context.js';
import { parseReply, type ParseOptions, type ReplyParse, type UnclearReason } from './reply-parser.js';

// Every case asserts the whole parse. Rules and examples: docs/reply-parsing.md.

const TEN_RESOLVED: ParseOptions = { scale: { min: 1, max: 10 }, expectResolved: true };
const TEN: ParseOptions = { scale: { min: 1, max: 10 } };
const ZERO_TEN: ParseOptions = { scale: { min: 0, max: 10 }, expectResolved: true };
const FIVE: ParseOptions = { scale: { min: 1, max: 5 } };
const HUNDRED: ParseOptions = { scale: { min: 0, max: 100 } };

const NO_SCORE = 'no score found';
const NO_SCORE_NUMBERS = 'no score found (the numbers read as quantities, times, dates or references)';

type Language = 'fr' | 'de' | 'en' | 'lb' | null;

const answer = (score: number | null, resolved: boolean | null, comment: string | null, language: Language): ReplyParse => ({
  kind: 'answer',
  score,
  resolved,
  comment,
  language,
});
const unclear = (reason: UnclearReason, detail: string, comment: string | null): ReplyParse => ({
  kind: 'unclear',
  reason,
  detail,
  comment,
});
const optOut = (keyword: string): ReplyParse => ({ kind: 'opt_out', keyword });
const optIn = (keyword: string): ReplyParse => ({ kind: 'opt_in', keyword });

function check(options: ParseOptions, cases: [text: string, expected: ReplyParse][]): void {
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected.kind}${'reason' in expected ? ` ${expected.reason}` : ''}`, () => {
      assert.deepEqual(parseReply(text, options), expected);
    });
  }
}

describe('parseReply', () => {
  describe('digits and scale suffixes', () => {
    check(TEN_RESOLVED, [
      ['9', answer(9, null, null, null)],
      [' 9 ', answer(9, null, null, null)],
      ['10', answer(10, null, null, null)],
      ['1', answer(1, null, null, null)],
      ['9/10', answer(9, null, null, null)],
      ['9 / 10', answer(9, null, null, null)],
      ['10/10', answer(10, null, null, null)],
      ['9 sur 10', answer(9, null, null, 'fr')],
      ['9 Sur 10', answer(9, null, null, 'fr')],
      ['9 von 10', answer(9, null, null, 'de')],
      ['9 vun 10', answer(9, null, null, 'lb')],
      ['9 out of 10', answer(9, null, null, 'en')],
      ['9 of 10', answer(9, null, null, 'en')],
      ['4/5', unclear('out_of_scale', '"4/5" is a score out of 5, the scale is 1-10', null)],
      ['10!!!', answer(10, null, null, null)],
      ['10/10 !!!', answer(10, null, null, null)],
      ['9.', answer(9, null, null, null)],
      ['« 8 »', answer(8, null, null, null)],
      ['“8” – top', answer(8, null, 'top', null)],
      ['"9"', answer(9, null, null, null)],
    ]);
  });
  describe('intros', () => {
    check(TEN_RESOLVED, [
      ['note : 8', answer(8, null, null, 'fr')],
      ['Note: 8', answer(8, null, null, 'fr')],
      ['NOTE 8', answer(8, null, null, 'fr')],
      ['ma note est 8', answer(8, null, null, 'fr')],
      ['Je mets 7', answer(7, null, null, 'fr')],
      ["je vous mets 9 pour l'accueil", answer(9, null, "pour l'accueil", 'fr')],
      ['je donne 6', answer(6, null, null, 'fr')],
      ['ich gebe 9', answer(9, null, null, 'de')],
      ['Ich gebe 9 Punkte', answer(9, null, null, 'de')],
      ['Meine Bewertung: 9 von 10', answer(9, null, null, 'de')],
      ['Bewertung 9', answer(9, null, null, 'de')],
      ["I'd give it a 9", answer(9, null, null, 'en')],
      ['I give 8 out of 10', answer(8, null, null, 'en')],
      ['score: 8/10 great', answer(8, null, 'great', 'en')],
      ['Ech ginn eng 9', answer(9, null, null, 'lb')],
      ['ech ginn 7, merci', answer(7, null, 'merci', 'lb')],
      ['5 étoiles', answer(5, null, null, 'fr')],
      ['8 points', answer(8, null, null, null)],
    ]);
  });
  describe('score + comment', () => {
    check(TEN_RESOLVED, [
      ['8 - super conseiller', answer(8, null, 'super conseiller', null)],
      ['8, super conseiller', answer(8, null, 'super conseiller', null)],
      ['8 super conseiller', answer(8, null, 'super conseiller', null)],
      ['8: super conseiller', answer(8, null, 'super conseiller', null)],
      ['Très bien, 9', answer(9, null, 'Très bien', 'fr')],
      ['Super conseiller 9/10', answer(9, null, 'Super conseiller', null)],
      ['9 merci beaucoup !', answer(9, null, 'merci beaucoup !', 'fr')],
      ['10 top 😊', answer(10, null, 'top 😊', null)],
      ['9/10 😊', answer(9, null, '😊', null)],
      ['8 sehr freundlich', answer(8, null, 'sehr freundlich', 'de')],
      ['Sehr freundlicher Berater, 9', answer(9, null, 'Sehr freundlicher Berater', 'de')],
      ['10, very helpful agent', answer(10, null, 'very helpful agent', 'en')],
      ['Great service 9/10', answer(9, null, 'Great service', 'en')],
      ['9 villmools merci', answer(9, null, 'villmools merci', 'lb')],
      ['Ganz gutt, 8', answer(8, null, 'Ganz gutt', 'lb')],
      ['7 mais attente trop longue', answer(7, null, 'mais attente trop longue', 'fr')],
    ]);
  });
  describe('number words', () => {
    check(TEN_RESOLVED, [
      ['neuf', answer(9, null, null, 'fr')],
      ['Neuf', answer(9, null, null, 'fr')],
      ['NEUF', answer(9, null, null, 'fr')],
      ['dix', answer(10, null, null, 'fr')],
      ['Dix !', answer(10, null, null, 'fr')],
      ['sept', answer(7, null, null, 'fr')],
      // "un" is the French one and the Luxembourgish "and": no language without the survey's
      ['un', answer(1, null, null, null)],
      ['Un !', answer(1, null, null, null)],
      ['zéro', unclear('out_of_scale', '0 is outside the scale 1-10', null)],
      ['deux sur dix', answer(2, null, null, 'fr')],
      ['neuf sur dix merci', answer(9, null, 'merci', 'fr')],
      ['Très bien, neuf', answer(9, null, 'Très bien', 'fr')],
      ['neuf, très bien', answer(9, null, 'très bien', 'fr')],
      ['neuf très bien', answer(9, null, 'très bien', 'fr')],
      ['je mets neuf', answer(9, null, null, 'fr')],
      ['neun', answer(9, null, null, 'de')],
      ['zehn', answer(10, null, null, 'de')],
      ['Zehn von zehn', answer(10, null, null, 'de')],
      ['acht', answer(8, null, null, 'de')],
      ['sieben', answer(7, null, null, 'de')],
      ['eins', answer(1, null, null, 'de')],
      ['eine Zehn', answer(10, null, null, 'de')],
      ['fünf', answer(5, null, null, 'de')],
      ['fuenf', answer(5, null, null, 'de')],
      ['nine', answer(9, null, null, 'en')],
      ['ten', answer(10, null, null, 'en')],
      ['Ten out of ten', answer(10, null, null, 'en')],
      ['NINE!', answer(9, null, null, 'en')],
      ['seven, good', answer(7, null, 'good', 'en')],
      ['one', answer(1, null, null, 'en')],
      ['néng', answer(9, null, null, 'lb')],
      ['neng', answer(9, null, null, 'lb')],
      ['zéng', answer(10, null, null, 'lb')],
      ['Zeng', answer(10, null, null, 'lb')],
      ['aacht', answer(8, null, null, 'lb')],
      ['siwen', answer(7, null, null, 'lb')],
      ['dräi', answer(3, null, null, 'lb')],
      ['drai', answer(3, null, null, 'lb')],
      ['véier', answer(4, null, null, 'lb')],
      ['fënnef', answer(5, null, null, 'lb')],
      ['zwee', answer(2, null, null, 'lb')],
      ['eent', answer(1, null, null, 'lb')],
      ['zéng vun zéng', answer(10, null, null, 'lb')],
    ]);
  });
  describe('emoji and full-width', () => {
    check(TEN_RESOLVED, [
      ['9️⃣', answer(9, null, null, null)],
      ['🔟', answer(10, null, null, null)],
      ['8⃣ merci', answer(8, null, 'merci', null)],
      ['９', answer(9, null, null, null)],
      ['１０／１０', answer(10, null, null, null)],
    ]);
  });
  describe('yes/no', () => {
    check(TEN_RESOLVED, [
      ['8 oui', answer(8, true, null, 'fr')],
      ['Oui, 9', answer(9, true, null, 'fr')],
      ['oui 9', answer(9, true, null, 'fr')],
      ['OUI', answer(null, true, null, 'fr')],
      ['oui', answer(null, true, null, 'fr')],
      ['non', answer(null, false, null, 'fr')],
      ['non 3 toujours pas de réseau', answer(3, false, 'toujours pas de réseau', 'fr')],
      ['Non. Toujours pas de réseau. 3', answer(3, false, 'Toujours pas de réseau.', 'fr')],
      ['9 oui merci', answer(9, true, 'merci', 'fr')],
      ['yes 9', answer(9, true, null, 'en')],
      ['9 yes', answer(9, true, null, 'en')],
      ['no, 4', answer(4, false, null, 'en')],
      ['No problem, 9', answer(9, null, 'No problem', 'en')],
      ['ja 8', answer(8, true, null, 'de')],
      ['Ja, neun', answer(9, true, null, 'de')],
      ['nein 2', answer(2, false, null, 'de')],
      ['8 nee', answer(8, false, null, 'lb')],
      ['Nee, 3', answer(3, false, null, 'lb')],
      ['jo 9', answer(9, true, null, 'lb')],
      ['Jo, 9', answer(9, true, null, 'lb')],
      ['neen 2', answer(2, false, null, 'lb')],
      ['Neen, 2 well Netz', answer(2, false, 'well Netz', 'lb')],
      ['ouais 8', answer(8, true, null, 'fr')],
      ['neuf oui', answer(9, true, null, 'fr')],
      ['oui 8 non', answer(8, null, 'oui non', 'fr')],
      ['non merci', answer(null, false, 'merci', 'fr')],
    ]);
  });
  describe('never guess', () => {
    check(TEN_RESOLVED, [
      ['11', unclear('out_of_scale', '11 is outside the scale 1-10', null)],
      ['0', unclear('out_of_scale', '0 is outside the scale 1-10', null)],
      ['15 super', unclear('out_of_scale', '15 is outside the scale 1-10', 'super')],
      ['7 ou 8', unclear('several_scores', 'several different scores: 7, 8', null)],
      ['8 9', unclear('several_scores', 'several different scores: 8, 9', null)],
      ['7-8', unclear('several_scores', 'several different scores: 7, 8', null)],
      ['sept ou huit', unclear('several_scores', 'several different scores: 7, 8', null)],
      ['sieben oder acht', unclear('several_scores', 'several different scores: 7, 8', null)],
      ['8,5', unclear('decimal', '"8,5" is not a whole number', null)],
      ['8.5', unclear('decimal', '"8.5" is not a whole number', null)],
      ['8,5/10', unclear('decimal', '"8,5" is not a whole number', null)],
      ['8/10 vraiment 8', answer(8, null, 'vraiment', 'fr')],
      ['10 10 10', answer(10, null, null, null)],
      ['10/10 10/10', answer(10, null, null, null)],
      ['5/5', unclear('out_of_scale', '"5/5" is a score out of 5, the scale is 1-10', null)],
      ['20/20', unclear('out_of_scale', '"20/20" is a score out of 20, the scale is 1-10', null)],
      ['8/10 et 5/5 pour le conseiller', unclear('several_scores', 'several different scores: 8, 5/5', 'pour le conseiller')],
      ['9 mais franchement 6', unclear('several_scores', 'several different scores: 9, 6', 'mais franchement')],
      ['Attente 45 puis conseiller top 9', unclear('out_of_scale', '45 is outside the scale 1-10', 'Attente puis conseiller top')],
    ]);
  });
  describe('numbers that are not scores', () => {
    check(TEN_RESOLVED, [
      ["9 j'ai attendu 20 minutes", answer(9, null, "j'ai attendu 20 minutes", 'fr')],
      ["j'ai attendu 20 minutes", unclear('no_score', NO_SCORE_NUMBERS, "j'ai attendu 20 minutes")],
      ["20 minutes d'attente", unclear('no_score', NO_SCORE_NUMBERS, "20 minutes d'attente")],
      ['3 jours sans réseau', unclear('no_score', NO_SCORE_NUMBERS, '3 jours sans réseau')],
      ['2-3 jours', unclear('no_score', NO_SCORE_NUMBERS, '2-3 jours')],
      ['50€', unclear('no_score', NO_SCORE_NUMBERS, '50€')],
      ['€50 de trop', unclear('no_score', NO_SCORE_NUMBERS, '€50 de trop')],
      ["j'ai payé 8,50€ 9", answer(9, null, "j'ai payé 8,50€", 'fr')],
      ['appelé à 14h30', unclear('no_score', NO_SCORE_NUMBERS, 'appelé à 14h30')],
      ['9, rappelé à 14h30', answer(9, null, 'rappelé à 14h30', 'fr')],
      ['le 12/03 rien', unclear('no_score', NO_SCORE_NUMBERS, 'le 12/03 rien')],
      ['12/03/2024 9', answer(9, null, '12/03/2024', null)],
      ['rappelez moi au 621 123 456', unclear('no_score', NO_SCORE_NUMBERS, 'rappelez moi au 621 123 456')],
      ['9 rappelez moi au 621 123 456', answer(9, null, 'rappelez moi au 621 123 456', 'fr')],
      ['+352 26 12 34 56', unclear('no_score', NO_SCORE_NUMBERS, '+352 26 12 34 56')],
      ['n°2 top 9', answer(9, null, 'n°2 top', 'fr')],
      ['iPhone 8 plante, 7', answer(7, null, 'iPhone 8 plante', 'fr')],
      ['Dossier 4, 7', answer(7, null, 'Dossier 4', null)],
      ['8 mais 5G nulle', answer(8, null, 'mais 5G nulle', 'fr')],
      ['Client depuis 12 ans, 9', answer(9, null, 'Client depuis 12 ans', 'fr')],
      ['deux fois rappelé', unclear('no_score', NO_SCORE, 'deux fois rappelé')],
      ['9 mais rappelé deux fois', answer(9, null, 'mais rappelé deux fois', 'fr')],
      ['8 mon iphone 12 ne capte pas', answer(8, null, 'mon iphone 12 ne capte pas', 'fr')],
      ['100% satisfait', unclear('no_score', NO_SCORE_NUMBERS, '100% satisfait')],
      ['9 100% satisfait', answer(9, null, '100% satisfait', 'fr')],
    ]);
  });
  describe('question repeated', () => {
    check(TEN_RESOLVED, [
      ['Sur une échelle de 1 à 10, je mets 8', answer(8, null, null, 'fr')],
      ['Vun 1 bis 10 ginn ech 8', answer(8, null, null, 'lb')],
      ['On a scale of 1 to 10, 7', answer(7, null, null, 'en')],
    ]);
  });
  describe('opt-out / opt-in', () => {
    check(TEN_RESOLVED, [
      ['STOP', optOut('STOP')],
      ['stop', optOut('STOP')],
      ['Stop.', optOut('STOP')],
      ['  STOP  ', optOut('STOP')],
      ['stop svp', optOut('STOP')],
      ['STOP SVP', optOut('STOP')],
      ['Stop merci', optOut('STOP')],
      ['ARRET', optOut('ARRET')],
      ['ARRÊT', optOut('ARRET')],
      ['arrêt svp', optOut('ARRET')],
      ['Arrêtez les SMS', optOut('ARRET')],
      ['STOPP', optOut('STOPP')],
      ['Stopp bitte', optOut('STOPP')],
      ['NOSURVEY', optOut('NOSURVEY')],
      ['nosurvey', optOut('NOSURVEY')],
      ['no survey please', optOut('NOSURVEY')],
      ['8. STOP', optOut('STOP')],
      ['STOP je ne veux plus de sms', optOut('STOP')],
      ['START', optIn('START')],
      ['start', optIn('START')],
      ['START SURVEY', optIn('START')],
      ['Start svp', optIn('START')],
      ['Arrêt de la connexion tous les jours 4', answer(4, null, 'Arrêt de la connexion tous les jours', 'fr')],
    ]);
  });
  describe('empty and no score', () => {
    check(TEN_RESOLVED, [
      ['', unclear('empty', 'the reply is empty', null)],
      [' \n\t ', unclear('empty', 'the reply is empty', null)],
      ['...', unclear('no_score', NO_SCORE, null)],
      ['👍', unclear('no_score', NO_SCORE, '👍')],
      ['Merci', unclear('no_score', NO_SCORE, 'Merci')],
      ['Super conseiller', unclear('no_score', NO_SCORE, 'Super conseiller')],
      ['Un conseiller super', unclear('no_score', NO_SCORE, 'Un conseiller super')],
      ['mon téléphone est neuf', unclear('no_score', NO_SCORE, 'mon téléphone est neuf')],
      ['Trois conseillers, pas de solution', unclear('no_score', NO_SCORE, 'Trois conseillers, pas de solution')],
    ]);
  });
  describe('signatures, whitespace, case', () => {
    check(TEN_RESOLVED, [
      ['9\nEnvoyé de mon iPhone', answer(9, null, null, null)],
      ['Super conseiller!\nMerci\n9\n\nEnvoyé de mon iPhone', answer(9, null, 'Super conseiller! Merci', null)],
      ['9 merci\n\n-- \nJean Dupont\n+352 621 123 456', answer(9, null, 'merci', null)],
      ['8 Cordialement, Marie', answer(8, null, null, null)],
      ['10 Mit freundlichen Grüßen Hans Müller', answer(10, null, null, null)],
      ['9\nSent from my iPhone', answer(9, null, null, null)],
      ['   8   \n\n  super  ', answer(8, null, 'super', null)],
      ['8\tsuper\r\nconseiller', answer(8, null, 'super conseiller', null)],
      ['J’ai attendu mais 8', answer(8, null, "J'ai attendu mais", 'fr')],
    ]);
  });
  describe("language: the survey's language decides a tie, never clear evidence", () => {
    // "merci" and "conseiller" are French and Luxembourgish: without a hint the reply has no language
    check({ ...TEN, languageHint: 'fr' }, [
      ['8 super conseiller', answer(8, null, 'super conseiller', 'fr')],
      ['9 merci', answer(9, null, 'merci', 'fr')],
      ['9', answer(9, null, null, null)],
      ['9 danke', answer(9, null, 'danke', 'de')],
    ]);
    check({ ...TEN, languageHint: 'lb' }, [
      ['9 merci', answer(9, null, 'merci', 'lb')],
      ['8 super conseiller', answer(8, null, 'super conseiller', 'lb')],
      ['9 merci beaucoup', answer(9, null, 'merci beaucoup', 'fr')],
    ]);
  });
  describe('scale 0-10', () => {
    check(ZERO_TEN, [
      ['0', answer(0, null, null, null)],
      ['zéro', answer(0, null, null, 'fr')],
      ['Zero', answer(0, null, null, 'fr')],
      ['0/10', answer(0, null, null, null)],
      ['null', answer(0, null, null, 'de')],
      ['Null!', answer(0, null, null, 'de')],
      ['0 nul', answer(0, null, 'nul', 'fr')],
      ['0 sur 10 catastrophique', answer(0, null, 'catastrophique', 'fr')],
      ['null Ahnung', unclear('no_score', NO_SCORE, 'null Ahnung')],
      ['10', answer(10, null, null, null)],
      ['11', unclear('out_of_scale', '11 is outside the scale 0-10', null)],
      ['8', answer(8, null, null, null)],
      ['10 oui', answer(10, true, null, 'fr')],
      ['-1', unclear('out_of_scale', '-1 is outside the scale 0-10', null)],
    ]);
  });
  describe('resolved not asked: yes/no stays in the comment', () => {
    check(TEN, [
      ['8 oui', answer(8, null, 'oui', 'fr')],
      ['oui', unclear('no_score', NO_SCORE, 'oui')],
      ['Oui, 9', answer(9, null, 'Oui', 'fr')],
      ['non 3 toujours pas de réseau', answer(3, null, 'non toujours pas de réseau', 'fr')],
      ['ja 8', answer(8, null, 'ja', 'de')],
      ['9', answer(9, null, null, null)],
    ]);
  });
  describe('scale 1-5', () => {
    check(FIVE, [
      ['4', answer(4, null, null, null)],
      ['4/5', answer(4, null, null, null)],
      ['8', unclear('out_of_scale', '8 is outside the scale 1-5', null)],
      ['8/10', unclear('out_of_scale', '"8/10" is a score out of 10, the scale is 1-5', null)],
      ['quatre sur cinq', answer(4, null, null, 'fr')],
      ['5 étoiles', answer(5, null, null, 'fr')],
      ['six', unclear('out_of_scale', '6 is outside the scale 1-5', null)],
      ['0', unclear('out_of_scale', '0 is outside the scale 1-5', null)],
    ]);
  });
  describe('scale 0-100', () => {
    check(HUNDRED, [
      ['85', answer(85, null, null, null)],
      ['85/100', answer(85, null, null, null)],
      ['100', answer(100, null, null, null)],
      ['0', answer(0, null, null, null)],
      ['101', unclear('out_of_scale', '101 is outside the scale 0-100', null)],
      ['7', answer(7, null, null, null)],
      ['Note 92, super', answer(92, null, 'super', 'fr')],
      ['9/10', unclear('out_of_scale', '"9/10" is a score out of 10, the scale is 0-100', null)],
    ]);
  });
});

describe('parseReply invariants', () => {
  it('never throws, and an answer score is always in the scale', () => {
    const pieces = ['8', '9', '10', '0', '11', ' ', ',', '.', '/', '-', 'oui', 'non', 'sur', 'note', 'neuf', 'un', '€', '%', 'h',
      ':', '😊', '9️⃣', '\n', '--', 'stop', 'ë', '１', '“', 'minutes', 'out', 'of', '#', 'de', 'à', '123', '8,5'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let j = random(10); j > 0; j--) text += pieces[random(pieces.length)]! + (random(2) === 0 ? ' ' : '');
      for (const options of [TEN_RESOLVED, ZERO_TEN, FIVE]) {
        const parsed = parseReply(text, options);
        if (parsed.kind === 'answer' && parsed.score !== null) {
          assert.ok(parsed.score >= options.scale.min && parsed.score <= options.scale.max, `${text} → ${parsed.score}`);
        }
        if ((parsed.kind === 'answer' || parsed.kind === 'unclear') && parsed.comment !== null) {
          assert.equal(parsed.comment, parsed.comment.trim());
          assert.notEqual(parsed.comment, '');
        }
      }
    }
  });

  it('gives the same result for any case and surrounding spaces', () => {
    for (const text of ['Neuf sur dix', 'OUI, 9', 'ich gebe 9 punkte', 'Stop svp']) {
      const expected = parseReply(text, TEN_RESOLVED);
      assert.deepEqual(parseReply(`  ${text.toUpperCase()}\n`, TEN_RESOLVED), expected.kind === 'answer' && expected.comment !== null
        ? { ...expected, comment: expected.comment.toUpperCase() }
        : expected);
    }
  });
});

describe('ecoute parse-reply --scale', () => {
  it('reads MIN-MAX', () => {
    assert.deepEqual(parseScaleOption('1-10'), { min: 1, max: 10 });
    assert.deepEqual(parseScaleOption('0-10'), { min: 0, max: 10 });
    assert.deepEqual(parseScaleOption(' 1 - 5 '), { min: 1, max: 5 });
    assert.deepEqual(parseScaleOption('0-100'), { min: 0, max: 100 });
  });

  it('refuses a reversed, non-numeric or too large scale with a clear message', () => {
    assert.throws(() => parseScaleOption('10-1'), (e: unknown) => e instanceof UsageError && /minimum must be below/.test(e.message));
    assert.throws(() => parseScaleOption('5-5'), (e: unknown) => e instanceof UsageError && /minimum must be below/.test(e.message));
    assert.throws(() => parseScaleOption('a-b'), (e: unknown) => e instanceof UsageError && /MIN-MAX/.test(e.message) && /"a-b"/.test(e.message));
    assert.throws(() => parseScaleOption('10'), (e: unknown) => e instanceof UsageError && /MIN-MAX/.test(e.message));
    assert.throws(() => parseScaleOption('-1-10'), (e: unknown) => e instanceof UsageError);
    assert.throws(() => parseScaleOption('1-1000'), (e: unknown) => e instanceof UsageError && /at most 100/.test(e.message));
  });

  it('prints the parse as JSON', async () => {
    // The real command, in a process of its own: its output and exit code as a shell sees them.
    const run = await spawnEcoute(['parse-reply', 'Oui, 9 super conseiller', '--scale', '1-10', '--resolved']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), answer(9, true, 'super conseiller', 'fr'));
    assert.match(run.stdout, /\n  "kind": "answer",\n/);
  });

  it('exits with 2 on a bad --scale', async () => {
    const run = await runEcoute(['parse-reply', '8', '--scale', '10-1']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /error: --scale minimum must be below its maximum/);
  });
});
