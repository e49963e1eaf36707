/** Textes français du coaching (docs/quality.md, « Coaching »). */
export const qualityCoachingFr = {
  title: 'Coaching',
  intro: 'Les séances de coaching, les actions convenues avec leur échéance et leur suivi, et la progression du conseiller.',
  empty: 'Aucune séance de coaching.',
  failed: 'Le coaching n’a pas pu être chargé.',
  session: 'Séance du {{date}} avec {{advisor}}, par {{coach}}',
  focus: 'Points travaillés : {{list}}',
  notes: 'Notes',
  actions: 'Actions convenues',
  due: 'pour le {{date}}',
  overdue: 'en retard',
  states: { open: 'À faire', done: 'Faite', dropped: 'Abandonnée' },
  followUp: 'Suivi',
  markDone: 'Marquer faite',
  drop: 'Abandonner',
  reopen: 'Rouvrir',
  coach: 'Coacher ce conseiller',
  opening: {
    title: 'Nouvelle séance avec {{advisor}}',
    lost: 'Sur 90 jours, {{count}} évaluations, note moyenne {{mean}} ; points perdus surtout sur :',
    none: 'Aucune évaluation sur 90 jours.',
    points: '{{points}} points perdus sur {{evaluations}} évaluations',
  },
  form: {
    notes: 'Notes de la séance',
    action: 'Action convenue',
    dueDate: 'Échéance',
    addAction: 'Ajouter une action',
    save: 'Enregistrer la séance',
    saved: 'Séance enregistrée.',
  },
  progress: {
    title: 'Progression',
    month: 'Mois',
    evaluations: 'Évaluations',
    mean: 'Note moyenne',
    pass: 'Réussies',
    actions: '{{done}} actions faites sur {{total}} ({{onTime}} à temps), {{open}} à faire dont {{overdue}} en retard.',
  },
};

export type QualityCoachingMessages = typeof qualityCoachingFr;
