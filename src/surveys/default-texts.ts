import type { SurveyTexts } from './survey-definitions.js';

/**
 * The starting survey texts, in the operator's four languages. {min} and {max} are replaced by the
 * scale. Every text uses only GSM 03.38 characters (no ê, ë, ç or typographic apostrophe) and the
 * first message (question and comment invitation) fits one SMS in each language.
 */
export const DEFAULT_TEXTS: Record<'fr' | 'de' | 'en' | 'lb', SurveyTexts> = {
  fr: {
    question: 'Merci pour votre appel. De {min} à {max}, quelle note donnez-vous à notre service client ? Réponse gratuite. STOP: plus de sondage',
    resolvedQuestion: 'Votre demande a-t-elle été résolue ? Répondez oui ou non avec votre note.',
    commentInvite: 'Un mot ? Ajoutez-le après la note.',
    thanks: 'Merci pour votre réponse ! Elle nous aide à améliorer notre service.',
    clarification: "Nous n'avons pas compris votre réponse. Merci de répondre par un seul chiffre de {min} à {max}.",
    optOutConfirmation: "C'est noté : vous ne recevrez plus nos sondages de satisfaction. START pour les recevoir à nouveau.",
    optInConfirmation: "C'est noté : vous recevrez à nouveau nos sondages de satisfaction.",
  },
  de: {
    question: 'Danke für Ihren Anruf. Wie bewerten Sie unseren Kundenservice von {min} bis {max}? Antwort kostenlos. STOPP: keine Umfragen mehr',
    resolvedQuestion: 'Wurde Ihr Anliegen gelöst? Antworten Sie mit ja oder nein und Ihrer Note.',
    commentInvite: 'Ein Wort dazu? Nach der Note.',
    thanks: 'Vielen Dank für Ihre Antwort! Sie hilft uns, besser zu werden.',
    clarification: 'Wir haben Ihre Antwort nicht verstanden. Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    optOutConfirmation: 'Erledigt: Sie erhalten keine Zufriedenheitsumfragen mehr. START, um sie wieder zu erhalten.',
    optInConfirmation: 'Erledigt: Sie erhalten wieder unsere Zufriedenheitsumfragen.',
  },
  en: {
    question: 'Thank you for calling. From {min} to {max}, how would you rate our customer service? Free reply. STOP: no more surveys',
    resolvedQuestion: 'Was your request resolved? Reply yes or no with your score.',
    commentInvite: 'A comment? Add it after the score.',
    thanks: 'Thank you for your answer! It helps us improve.',
    clarification: 'We did not understand your reply. Please answer with one number from {min} to {max}.',
    optOutConfirmation: 'Done: you will receive no more satisfaction surveys. START to receive them again.',
    optInConfirmation: 'Done: you will receive our satisfaction surveys again.',
  },
  lb: {
    question: 'Merci fir Ären Uruff. Vun {min} bis {max}, wéi eng Note gitt Dir eisem Clientsservice? Äntwert gratis. STOP: keng Froe méi',
    resolvedQuestion: 'Gouf Är Ufro geléist? Äntwert mat jo oder neen an Ärer Note.',
    commentInvite: 'E Wuert? No der Note.',
    thanks: 'Villmools merci fir Är Äntwert!',
    clarification: 'Mir hunn Är Äntwert net verstanen. Äntwert w.e.g. mat enger Zuel vun {min} bis {max}.',
    optOutConfirmation: 'Ass notéiert: Dir kritt keng Froe méi iwwer eise Service. START fir se nees ze kréien.',
    optInConfirmation: 'Ass notéiert: Dir kritt nees eis Froen iwwer eise Service.',
  },
};
