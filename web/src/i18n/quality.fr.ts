/** Textes français des pages de qualité et de coaching (docs/quality.md). */
export const qualityFr = {
  nav: 'Qualité',
  title: 'Qualité et coaching',
  intro: 'Écouter des contacts tirés au hasard, les évaluer sur une grille, calibrer les évaluateurs, coacher et former.',
  sectionsLabel: 'Sections de la qualité',
  sections: {
    sample: 'Échantillon',
    evaluations: 'Évaluations',
    scorecards: 'Grilles',
    calibration: 'Calibrage',
    coaching: 'Coaching',
    training: 'Formations',
    advisor: 'Fiche conseiller',
  },
  hints: {
    sample: 'Tirer les contacts à écouter de la période, par conseiller, et voir pourquoi chacun a été tiré.',
    evaluations: 'Écouter un contact et l’évaluer ; lire, accepter ou contester une évaluation.',
    scorecards: 'Les grilles d’évaluation et leurs versions : brouillon, publiée, archivée.',
    calibration: 'Plusieurs évaluateurs notent les mêmes contacts à l’aveugle ; l’écart entre eux et leur accord.',
    coaching: 'Les séances de coaching, les actions convenues et leur suivi.',
    training: 'Le catalogue des formations, les sessions, les présences et les formations en retard.',
    advisor: 'Les résultats d’un conseiller : qualité, NPS, FCR, réitérations, formations, coaching.',
  },
  none: 'Aucune section de la qualité n’est ouverte à votre rôle.',
};

export type QualityMessages = typeof qualityFr;
