import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReply, type ParseOptions, type ReplyParse } from './reply-parser.js';

// Opt-out requests the way people write them (docs/reply-parsing.md#opt-out-and-opt-in), and what
// must stay an answer or a comment: complaints about something else, negations, SMS trouble.

const TEN: ParseOptions = { scale: { min: 1, max: 10 } };
const TEN_RESOLVED: ParseOptions = { scale: { min: 1, max: 10 }, expectResolved: true };

function optsOut(texts: string[]): void {
  for (const text of texts) {
    it(`${JSON.stringify(text)} → opt_out`, () => {
      for (const options of [TEN, TEN_RESOLVED]) assert.equal(parseReply(text, options).kind, 'opt_out', JSON.stringify(parseReply(text, options)));
    });
  }
}

function staysOptedIn(texts: string[]): void {
  for (const text of texts) {
    it(`${JSON.stringify(text)} → not an opt-out`, () => {
      for (const options of [TEN, TEN_RESOLVED]) assert.notEqual(parseReply(text, options).kind, 'opt_out', JSON.stringify(parseReply(text, options)));
    });
  }
}

function answers(cases: [text: string, score: number][]): void {
  for (const [text, score] of cases) {
    it(`${JSON.stringify(text)} → answer ${score}`, () => {
      const parse = parseReply(text, TEN);
      assert.equal(parse.kind, 'answer', JSON.stringify(parse));
      assert.equal((parse as Extract<ReplyParse, { kind: 'answer' }>).score, score);
    });
  }
}

describe('opt-out in words', () => {
  describe('French', () => {
    optsOut([
      'désinscription', 'Désinscription svp', 'desinscription svp', 'Désinscrivez-moi', 'Je souhaite me désinscrire', 'Désinscrire',
      'Je me désinscris', 'Je veux me désabonner', 'me désabonner svp', 'Désabonnement', 'Arrêtez de m\'envoyer des SMS',
      'Arrêtez de m\'envoyer des SMS svp', 'arete de menvoyer des sms', 'Arrêté de m\'envoyer vos sms', 'Merci d\'arrêter les SMS',
      'Arrêtez les sms', 'arreter les sondages', 'ARRETEZ', 'Arretez svp', 'svp arrêtez', 'Arrêtez ça', 'Arrêtez avec vos SMS',
      'C\'est bon, arrêtez les SMS', 'J\'en ai marre de vos SMS, arrêtez', 'Veuillez cesser de m\'envoyer des messages', 'Cessez les SMS',
      'Stop aux SMS', 'STOP SMS', 'STOP SMS merci', 'Stop sondage', 'Plus de SMS svp', 'plus de sms', 'Plus de sondages merci',
      'Plus de messages svp merci', 'Pas de SMS merci', 'Pas de sondage', 'Non merci, pas de sondage', 'non merci plus de sms',
      'Plus jamais de SMS', 'Assez de SMS !', 'Ça suffit les SMS', 'Ça suffit', 'Ne m\'envoyez plus de SMS',
      'Ne m\'envoyez plus de messages svp', 'Ne m\'envoyez plus vos questionnaires', 'Merci de ne plus m\'envoyer de SMS',
      'merci de ne plus menvoyer de message', 'Ne plus m\'envoyer de sondage', 'ne plus recevoir de sms svp', 'Ne m\'écrivez plus',
      'N\'envoyez plus rien', 'Merci de ne plus me contacter', 'Ne plus me contacter', 'Ne me contactez plus', 'Je ne veux plus de SMS',
      'jveux plus de sms', 'Non, je ne veux plus de SMS', 'Je ne veux plus recevoir de SMS', 'Je ne souhaite plus recevoir vos SMS',
      'Je ne souhaite plus recevoir de messages de votre part', 'Bonjour, je ne souhaite plus recevoir de SMS de votre part. Cordialement',
      'Je ne désire plus recevoir vos messages', 'Je ne veux plus recevoir ce genre de message',
      'Je ne veux plus recevoir de sondage après chaque appel', 'Je ne veux plus rien recevoir de votre part',
      'Je ne veux plus être contacté', 'Je ne veux plus être dérangé', 'Je ne veux plus être sollicitée par SMS',
      'Je ne veux pas de vos enquêtes', 'Je ne veux pas répondre à vos sondages', 'Je ne répondrai plus à vos sondages',
      'je ne souhaite pas participer', 'Je ne veux pas répondre', 'Vous pouvez arrêter de m\'envoyer ces questionnaires ?',
      'Je vous ai déjà demandé de ne plus m\'envoyer de SMS', 'STOP je ne veux plus de sms', 'Laissez-moi tranquille',
      'Laissez moi tranquille avec vos sms', 'Fichez-moi la paix', 'Pas intéressé', 'Retirez-moi de votre liste',
      'Merci de me retirer de votre liste de diffusion', 'Supprimez mon numéro', 'Supprimez moi de vos listes', 'Arrêtez de m\'appeler',
      'Arrêtez de me harceler', 'Arrêtez de me spammer', 'Arrêtez votre harcèlement', 'Mauvais numéro',
    ]);
  });

  describe('German', () => {
    optsOut([
      'aufhören', 'Aufhören bitte', 'Bitte aufhören', 'Hören Sie auf', 'Hören Sie bitte auf', 'Hör endlich auf!',
      'Hören Sie auf, mir SMS zu schicken', 'Hört auf mit den SMS', 'Hör auf mir zu schreiben', 'Hört bitte auf mir SMS zu senden',
      'Hören Sie auf mich zu belästigen', 'Bitte aufhören mit den Umfragen', 'Keine SMS mehr', 'Keine SMS mehr bitte',
      'Bitte keine SMS mehr', 'Bitte keine weiteren SMS', 'Keine Umfragen mehr', 'Keine Nachrichten mehr bitte',
      'Keine weiteren Nachrichten bitte', 'Bitte keine SMS mehr schicken', 'Nie wieder SMS', 'Genug SMS', 'Schluss mit den SMS',
      'Ich möchte keine SMS mehr erhalten', 'Ich will keine Nachrichten mehr', 'Ich möchte keine SMS mehr bekommen',
      'Ich möchte keine Umfragen mehr bekommen', 'Ich möchte diese SMS nicht mehr', 'Ich möchte nicht mehr an Umfragen teilnehmen',
      'Ich will nicht mehr kontaktiert werden', 'Ich will nicht mehr belästigt werden', 'Ich möchte nicht mehr angeschrieben werden',
      'Schicken Sie mir keine SMS mehr', 'Bitte schicken Sie mir keine Nachrichten mehr', 'Bitte nicht mehr schreiben',
      'Bitte nicht mehr kontaktieren', 'Bitte nicht mehr anrufen', 'Nerven Sie mich nicht', 'Abmelden', 'Bitte abmelden',
      'Abmelden bitte', 'Ich möchte mich abmelden', 'Austragen bitte', 'Abbestellen', 'SMS abbestellen', 'Lassen Sie mich in Ruhe',
      'Kein Interesse', 'Stoppen Sie die SMS', 'Stopp', 'STOPP!', 'Stopp bitte', 'Stopp keine SMS mehr',
      'Bitte entfernen Sie meine Nummer aus dem Verteiler', 'Bitte streichen Sie mich aus Ihrer Liste', 'Löschen Sie meine Nummer',
      'Falsche Nummer',
    ]);
  });

  describe('English', () => {
    optsOut([
      'NO MORE SMS', 'no more sms please', 'No more texts', 'No more surveys', 'No more surveys thanks', 'No more messages from you please',
      'opt out', 'Opt-out', 'OPTOUT', 'opt me out', 'I want to opt out', 'I would like to opt out of these surveys', 'unsubscribe',
      'Unsubscribe me please', 'Please unsubscribe me', "I'd like to unsubscribe", 'How do I unsubscribe?', 'Stop', 'stop it',
      'Please stop', 'STOP ALL', 'stop all messages', 'stop msg', 'Stop these texts please', 'Stop texting me', 'Please stop texting',
      'Please stop sending me messages', 'Stop sending me these surveys', 'Stop messaging me', 'Stop spamming me', 'Quit texting me',
      'Stop bothering me', 'Please stop calling and texting me', 'I already told you to stop texting me',
      'Can you please stop sending me texts', "Don't text me again", 'Dont text me', 'dont send me sms anymore', 'Never text me again',
      'Do not send me any more messages', "Please don't send me surveys anymore", "I don't want these messages anymore",
      'I do not want to receive any more texts', "I don't wish to receive further messages", "I don't want to be contacted",
      'I do not want to participate', 'Do not disturb', 'Remove me from your list', 'Remove me from this list', 'Please remove me',
      'Please remove my number from your list', 'Take me off your list', 'Leave me alone', 'Not interested', "I'm not interested",
      'Enough with the texts', 'Cancel', 'Wrong number',
    ]);
  });

  describe('Luxembourgish, with its spellings (méi/mei, keng/keen, SMSen)', () => {
    optsOut([
      'keng SMS méi', 'Keng SMS méi', 'keng sms mei', 'keen SMS mei', 'Keng SMSen méi w.e.g.', 'Keen SMSen mei wgl', "Keng SMS'en méi",
      'Keng SMSe méi', 'keng sms mei w.e.g', 'Keng Messagë méi w.e.g', 'Keng Ëmfroen méi', 'Wëll keng Ëmfro méi', 'Ech wëll keng SMS méi',
      'Ech well keng sms mei', 'Ech wëll keng SMS méi vun iech', 'Ech wëll keng SMSen méi kréien', 'Ech wëll keng Messagen méi',
      'Ech well keng Noriichten mei kreien', 'Ech wëll net méi kontaktéiert ginn', 'Ech wëll net méi matmaachen',
      'Schéckt mir keng SMS méi', 'Schéckt mer keng Messagen méi', 'Schéckt mer näischt méi', 'Net méi schreiwen w.e.g.',
      'Net méi schécken', 'W.e.g. keng SMS méi schécken', 'Hält op mat de SMSen', 'Hal op mat dene SMSen', 'Hale op mat de Messagen',
      'Haalt op mir ze schreiwen', 'Héiert op mir ze schreiwen', 'hou op', 'Ophalen', 'Ophale w.e.g.', 'W.e.g. ophalen', 'Stop w.e.g.',
      'Stop mat de SMSen', 'Stop a merci', 'Ofmellen', 'Ech wëll mech ofmellen', 'Loosst mech a Rou', 'Lass mech a Rou',
      'Loosst mech a Rou mat äre SMSen', 'Keen Interessi', 'Ech hunn genuch vun äre SMSen', 'Falsch Nummer',
    ]);
  });

  describe('longer sentences, all four languages', () => {
    optsOut([
      'Bonjour, merci de ne plus m\'envoyer ce type de SMS à l\'avenir.',
      'Je ne veux plus recevoir vos enquêtes de satisfaction',
      'Arrêtez de m\'envoyer ces enquêtes à chaque fois que j\'appelle',
      'Vos SMS me dérangent, arrêtez',
      'Stop stop stop les sms',
      'Je refuse de recevoir des sms',
      'Je n\'ai pas le temps pour vos sondages, ne m\'envoyez plus rien',
      'SVP ne m envoyez plus de sms',
      'Merci de m\'enlever de votre liste',
      'arrêt des sms svp',
      'Stop aux sondages par sms svp',
      'STOP merci de ne plus me solliciter',
      'Je ne souhaite pas être recontacté',
      'Please stop with the surveys',
      'No thanks, please don\'t send these anymore',
      'I don\'t want any more of these texts',
      'Stop sending surveys after every call',
      'I\'m tired of these messages, stop',
      'Please take my number off your list',
      'I no longer wish to receive these messages',
      'Unsubscribe from surveys',
      'Bitte keine Umfragen mehr per SMS',
      'Ich möchte nicht mehr befragt werden',
      'Hören Sie endlich auf mir ständig SMS zu schicken',
      'Bitte schicken Sie keine SMS mehr an diese Nummer',
      'Ich will das nicht mehr bekommen',
      'SMS bitte stoppen',
      'Keine weiteren Umfragen bitte',
      'Ech wëll dat net méi kréien',
      'Schéckt mir w.e.g. keng SMSen méi',
      'Ech wëll keng Ëmfroen méi kréien',
      'Keng SMS méi schécken w.e.g.',
      'Ech hätt gär keng SMS méi',
      'Kënnt dir ophalen mir SMSen ze schécken',
      'Je n\'ai plus envie de recevoir vos SMS',
      'Ich habe keine Lust mehr auf diese Umfragen',
      'Keine Lust auf SMS',
    ]);
  });

  describe('with a score: a request about the messages opts out (the opt-out wins)', () => {
    optsOut(['9 mais plus de SMS svp', '8 no more sms please', '10 but please stop texting me', "7, ne m'envoyez plus de SMS",
      '8. STOP', '8 stop', '10 STOP', '5 keng SMS méi', '6 Keine SMS mehr bitte', '9 super, mais ne m\'envoyez plus de sondages',
      '3 unsubscribe']);
  });

  describe('the keyword it is stored with', () => {
    const cases: [string, string][] = [['désinscription', 'UNSUBSCRIBE'], ['opt out', 'UNSUBSCRIBE'], ['Abmelden', 'UNSUBSCRIBE'],
      ['Ofmellen', 'UNSUBSCRIBE'], ['aufhören', 'STOPP'], ['Hören Sie auf', 'STOPP'], ['Ophalen', 'STOPP'], ['Arrêtez les SMS', 'ARRET'],
      ['Stop texting me', 'STOP'], ['NO MORE SMS', 'REQUEST'], ['keng SMS méi', 'REQUEST'], ["Ne m'envoyez plus de SMS", 'REQUEST'],
      ['Leave me alone', 'REQUEST'], ['no survey please', 'NOSURVEY']];
    for (const [text, keyword] of cases) {
      it(`${JSON.stringify(text)} → ${keyword}`, () => assert.deepEqual(parseReply(text, TEN), { kind: 'opt_out', keyword }));
    }
  });
});

describe('not an opt-out', () => {
  describe('a complaint about something else, with a score, is an answer with a comment', () => {
    answers([
      ['7 arrêtez de me rappeler si tard', 7], ['Stop calling me back so late 7', 7], ['6 stop calling me so late', 6],
      ['8 ne me rappelez plus si tard', 8], ['9 mais arrêtez de me rappeler à 8h du matin', 9], ['8 ne m\'appelez plus', 8],
      ['5 arrêtez de changer les forfaits', 5], ['6 arrête de couper ma connexion', 6], ['Stop the price increases! 4', 4],
      ['5 please stop putting me on hold', 5], ['4 the hold music needs to stop', 4], ['7 stop à l\'attente interminable', 7],
      ['8 stop à la musique d\'attente svp', 8], ['2 Hört auf mit den Preiserhöhungen', 2], ['Arrêt de la connexion tous les jours 4', 4],
      ['N\'arrêtez pas les sondages, 10', 10], ['9 plus de réseau depuis hier', 9], ['8 il faudrait plus de SMS dans le forfait', 8],
      ['8 je veux plus de SMS dans mon forfait', 8], ['9 j\'aimerais recevoir moins de SMS', 9], ['10 pas de souci, merci', 10],
      ['8 les SMS de rappel sont pratiques', 8], ['10 merci pour le SMS', 10], ['9 je préfère les SMS aux appels', 9],
      ['8 merci pour les SMS de suivi', 8], ['10 parfait, continuez comme ça', 10], ['6 vous ne m\'avez jamais rappelé', 6],
      ['2 vous ne m\'avez pas envoyé le code', 2], ['Vous n\'envoyez jamais de SMS de confirmation 4', 4],
      ['3 ça fait 3 jours que je ne reçois plus de SMS', 3], ['I can\'t send texts anymore 4', 4], ['10 I can finally send SMS again', 10],
      ['9 ich kann endlich wieder SMS schicken', 9], ['6 le conseiller n\'arrêtait pas de me couper la parole', 6],
    ]);
  });

  describe('negations: not stopping is not an opt-out', () => {
    staysOptedIn(['je ne veux pas arrêter', 'Je ne veux pas arrêter les SMS', "I don't want to stop receiving your surveys", "Don't stop",
      'Surtout n\'arrêtez pas', "I don't want you to stop", 'Ich will nicht aufhören']);
  });

  describe('SMS trouble, questions and other sentences without a score', () => {
    staysOptedIn([
      'Je ne reçois plus mes SMS', 'Je ne reçois plus les SMS de mes contacts', 'Je ne peux plus envoyer de SMS',
      'Je n\'arrive plus à envoyer de SMS', 'Mon téléphone n\'envoie plus de SMS', 'Mes SMS ne partent plus', 'Mes messages ne partent pas',
      'Ich kann keine SMS mehr verschicken', 'Ich bekomme keine SMS mehr', 'Ich habe keine SMS bekommen', 'Ech kann keng SMS méi schécken',
      'Ech kann keng SMSen méi schécken zënter gëschter', 'Ech kréien keng SMS méi', "I can't send texts anymore", 'No SMS received',
      'pas de SMS reçu', 'Je n\'ai pas reçu de SMS de confirmation', 'je n\'ai jamais reçu le SMS de confirmation',
      'I never got the text with the code', 'Vous ne m\'avez pas envoyé le code', 'Pourquoi je ne reçois plus vos SMS ?',
      'Pourquoi vous ne m\'envoyez plus de SMS ?', 'Pourquoi je ne peux plus envoyer de messages ?', 'Le réseau s\'arrête tout le temps',
      'Quand est-ce que le réseau arrête de couper ?', 'Le conseiller m\'a dit d\'arrêter le modem', 'The line keeps dropping, please make it stop',
      'Why did you stop the service?', 'Wann hört das endlich auf?', 'Je ne veux pas que vous arrêtiez mon abonnement', 'Non merci', 'Merci',
      'Je veux plus d\'informations', 'Keine Ahnung', 'Ich habe gar keine SMS bekommen', 'Je refuse de payer ces frais',
    ]);
  });
});
