import type { SurveyTexts } from './survey-definitions.js';

/**
 * The starting survey texts, in the operator's four languages. {min} and {max} are replaced by the
 * scale. Every text stays within one GSM-7 SMS where the language allows it.
 */
export const DEFAULT_TEXTS: Record<'fr' | 'de' | 'en' | 'lb', SurveyTexts> = {
  fr: {
    question: 'Merci pour votre contact avec notre service client. De {min} à {max}, quelle note lui donnez-vous ? Répondez par SMS (gratuit). STOP pour ne plus recevoir nos enquêtes.',
    resolvedQuestion: 'Votre demande a-t-elle été résolue ? Répondez oui ou non avec votre note.',
    commentInvite: 'Un commentaire ? Ajoutez-le après la note.',
    thanks: 'Merci pour votre réponse ! Elle nous aide à améliorer notre service.',
    clarification: 'Nous n’avons pas compris votre réponse. Merci de répondre par un seul chiffre de {min} à {max}.',
    optOutConfirmation: 'C’est noté : vous ne recevrez plus nos enquêtes de satisfaction. START pour les recevoir à nouveau.',
    optInConfirmation: 'C’est noté : vous recevrez à nouveau nos enquêtes de satisfaction.',
  },
  de: {
    question: 'Danke für Ihren Kontakt mit unserem Kundenservice. Wie bewerten Sie ihn von {min} bis {max}? Antworten Sie per SMS (kostenlos). STOPP: keine Umfragen mehr.',
    resolvedQuestion: 'Wurde Ihr Anliegen gelöst? Antworten Sie mit ja oder nein und Ihrer Note.',
    commentInvite: 'Ein Kommentar? Schreiben Sie ihn nach der Note.',
    thanks: 'Vielen Dank für Ihre Antwort! Sie hilft uns, besser zu werden.',
    clarification: 'Wir haben Ihre Antwort nicht verstanden. Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    optOutConfirmation: 'Erledigt: Sie erhalten keine Zufriedenheitsumfragen mehr. START, um sie wieder zu erhalten.',
    optInConfirmation: 'Erledigt: Sie erhalten wieder unsere Zufriedenheitsumfragen.',
  },
  en: {
    question: 'Thank you for contacting our customer service. From {min} to {max}, how would you rate it? Reply by SMS (free). STOP to receive no more surveys.',
    resolvedQuestion: 'Was your request resolved? Reply yes or no with your score.',
    commentInvite: 'Any comment? Add it after the score.',
    thanks: 'Thank you for your answer! It helps us improve.',
    clarification: 'We did not understand your reply. Please answer with one number from {min} to {max}.',
    optOutConfirmation: 'Done: you will receive no more satisfaction surveys. START to receive them again.',
    optInConfirmation: 'Done: you will receive our satisfaction surveys again.',
  },
  lb: {
    question: 'Merci fir Äre Kontakt mat eisem Clientsservice. Vun {min} bis {max}, wéi eng Note gitt Dir him? Äntwert per SMS (gratis). STOP: keng Ëmfroe méi.',
    resolvedQuestion: 'Gouf Är Ufro geléist? Äntwert mat jo oder neen an Ärer Note.',
    commentInvite: 'E Kommentar? Schreift en no der Note.',
    thanks: 'Villmools merci fir Är Äntwert!',
    clarification: 'Mir hunn Är Äntwert net verstanen. Äntwert w.e.g. mat enger Zuel vun {min} bis {max}.',
    optOutConfirmation: 'Ass notéiert: Dir kritt keng Zefriddenheetsëmfroe méi. START fir se erëm ze kréien.',
    optInConfirmation: 'Ass notéiert: Dir kritt erëm eis Zefriddenheetsëmfroen.',
  },
};
