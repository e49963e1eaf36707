import type { QualityMessages } from './quality.fr.js';

/** English texts of the quality and coaching pages (docs/quality.md). */
export const qualityEn: QualityMessages = {
  nav: 'Quality',
  title: 'Quality and coaching',
  intro: 'Listen to contacts drawn at random, evaluate them on a scorecard, calibrate the evaluators, coach and train.',
  sectionsLabel: 'Quality sections',
  sections: {
    sample: 'Sample',
    evaluations: 'Evaluations',
    scorecards: 'Scorecards',
    calibration: 'Calibration',
    coaching: 'Coaching',
    training: 'Training',
    advisor: 'Advisor scorecard',
  },
  hints: {
    sample: 'Draw the period’s contacts to listen to, per advisor, and see why each one was drawn.',
    evaluations: 'Listen to a contact and evaluate it; read, acknowledge or dispute an evaluation.',
    scorecards: 'The evaluation forms and their versions: draft, published, archived.',
    calibration: 'Several evaluators score the same contacts blind; the spread between them and their agreement.',
    coaching: 'Coaching sessions, the actions agreed and their follow-up.',
    training: 'The catalogue of trainings, sessions, attendance and overdue trainings.',
    advisor: 'An advisor’s results: quality, NPS, FCR, repeat contacts, trainings, coaching.',
  },
  none: 'No quality section is open to your role.',
};
