import type { Language } from '../shared/languages.js';
import { SECRET_MASK } from '../notifications/sms-submission.js';

type Texts = Record<'fr' | 'de' | 'en', { subject: string; text: string }>;

/**
 * The e-mail of a sign-in code, in the reader's language (Luxembourgish readers get French). The code
 * shows as SECRET_MASK: the stored text never holds it.
 */
const CODE: Texts = {
  fr: {
    subject: 'Votre code de connexion',
    text: [
      'Bonjour,',
      '',
      `Votre code de connexion à votre espace client : ${SECRET_MASK}`,
      '',
      'Il est valable 5 minutes. Ne le donnez à personne : nous ne vous le demanderons jamais.',
      'Si vous n’avez pas demandé ce code, ignorez cet e-mail : personne ne peut se connecter sans lui.',
    ].join('\n'),
  },
  de: {
    subject: 'Ihr Anmeldecode',
    text: [
      'Guten Tag,',
      '',
      `Ihr Anmeldecode für Ihr Kundenkonto: ${SECRET_MASK}`,
      '',
      'Er ist 5 Minuten gültig. Geben Sie ihn niemandem weiter: Wir fragen nie danach.',
      'Wenn Sie diesen Code nicht angefordert haben, ignorieren Sie diese E-Mail: Ohne ihn kann sich niemand anmelden.',
    ].join('\n'),
  },
  en: {
    subject: 'Your sign-in code',
    text: [
      'Hello,',
      '',
      `Your sign-in code for your customer account: ${SECRET_MASK}`,
      '',
      'It is valid for 5 minutes. Do not share it: we will never ask you for it.',
      'If you did not ask for this code, ignore this e-mail: nobody can sign in without it.',
    ].join('\n'),
  },
};

export const signInEmail = (language: Language): { subject: string; text: string } => CODE[language === 'lb' ? 'fr' : language];
