import type { QualityMessages } from './quality.fr.js';

/** Deutsche Texte der Qualitäts- und Coaching-Seiten (docs/quality.md). */
export const qualityDe: QualityMessages = {
  nav: 'Qualität',
  title: 'Qualität und Coaching',
  intro: 'Zufällig gezogene Kontakte anhören, nach einem Bewertungsbogen bewerten, die Bewerter kalibrieren, coachen und schulen.',
  sectionsLabel: 'Bereiche der Qualität',
  sections: {
    sample: 'Stichprobe',
    evaluations: 'Bewertungen',
    scorecards: 'Bewertungsbögen',
    calibration: 'Kalibrierung',
    coaching: 'Coaching',
    training: 'Schulungen',
    advisor: 'Beraterprofil',
  },
  hints: {
    sample: 'Die anzuhörenden Kontakte des Zeitraums je Berater ziehen und sehen, warum jeder gezogen wurde.',
    evaluations: 'Einen Kontakt anhören und bewerten; eine Bewertung lesen, bestätigen oder anfechten.',
    scorecards: 'Die Bewertungsbögen und ihre Versionen: Entwurf, veröffentlicht, archiviert.',
    calibration: 'Mehrere Bewerter bewerten dieselben Kontakte blind; die Streuung zwischen ihnen und ihre Übereinstimmung.',
    coaching: 'Coaching-Sitzungen, die vereinbarten Maßnahmen und ihre Nachverfolgung.',
    training: 'Der Schulungskatalog, Termine, Teilnahme und überfällige Schulungen.',
    advisor: 'Die Ergebnisse eines Beraters: Qualität, NPS, FCR, Wiederholkontakte, Schulungen, Coaching.',
  },
  none: 'Für Ihre Rolle ist kein Qualitätsbereich geöffnet.',
};
