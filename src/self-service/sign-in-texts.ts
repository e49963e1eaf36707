import type { Language } from '../shared/languages.js';
import { SECRET_MASK } from '../notifications/sms-submission.js';

type Texts = Record<'fr' | 'de' | 'en', string>;

/**
 * The SMS of the customer's sign-in, in the reader's language (Luxembourgish readers get French), GSM
 * 03.38 characters only. A code shows as SECRET_MASK: the stored text never holds it.
 */
const CODE: Texts = {
  fr: `Votre code de connexion à votre espace client: ${SECRET_MASK}. Valable 5 minutes. Ne le donnez à personne: nous ne vous le demanderons jamais.`,
  de: `Ihr Anmeldecode für Ihr Kundenkonto: ${SECRET_MASK}. 5 Minuten gültig. Geben Sie ihn niemandem weiter: wir fragen nie danach.`,
  en: `Your sign-in code for your customer account: ${SECRET_MASK}. Valid for 5 minutes. Do not share it: we will never ask you for it.`,
};

const SIM_CHANGED: Texts = {
  fr: "Une connexion à votre espace client a été demandée. Votre carte SIM ou votre numéro a changé récemment: pour votre sécurité, aucun code n'est envoyé par SMS avant le {until}. Connectez-vous avec votre clé d'accès ou passez en boutique.",
  de: 'Eine Anmeldung in Ihrem Kundenkonto wurde angefordert. Ihre SIM-Karte oder Nummer wurde kürzlich geändert: zu Ihrer Sicherheit wird vor dem {until} kein Code per SMS gesendet. Melden Sie sich mit Ihrem Passkey an oder besuchen Sie einen Shop.',
  en: 'A sign-in to your customer account was asked for. Your SIM card or number changed recently: for your safety, no code is sent by SMS before {until}. Sign in with your passkey or visit a shop.',
};

const labelLanguage = (language: Language): keyof Texts => (language === 'lb' ? 'fr' : language);

export const signInCodeText = (language: Language): string => CODE[labelLanguage(language)];

/** The SMS sent instead of a code while the line's SIM change is recent; `until` written as the reader's language writes a date and time. */
export function simChangedText(language: Language, until: number): string {
  const lang = labelLanguage(language);
  const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : `${lang}-LU`, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Luxembourg' }).format(until);
  return SIM_CHANGED[lang].replace('{until}', when);
}
