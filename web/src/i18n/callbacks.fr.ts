/** Textes français des rappels demandés dans l’espace client, dans les dossiers (docs/self-service.md, « Callbacks »). */
export const callbacksFr = {
  kind: 'Rappels',
  title: 'Rappels demandés',
  intro: 'Les clients demandent dans l’espace client à être rappelés sur un créneau d’une demi-heure (heure de Luxembourg).',
  tabsLabel: 'Rappels',
  tabs: {
    team: 'Mon équipe',
    mine: 'Les miens',
  },
  columns: {
    slot: 'Créneau',
    customer: 'Client',
    number: 'Numéro',
    topic: 'Sujet',
    attempts: 'Appels',
    actions: 'Actions',
  },
  noTopic: 'Aucun sujet indiqué',
  reached: 'Joint',
  notReached: 'Pas joint',
  done: 'Terminé',
  actionFor: '{{action}} : {{customer}}, {{slot}}',
  recorded: 'Rappel de {{customer}} : {{action}}.',
  refresh: 'Actualiser',
  more: 'Plus de rappels',
  empty: 'Aucun rappel à faire.',
  failed: 'Les rappels n’ont pas pu être chargés.',
  actionFailed: 'L’action n’a pas pu être enregistrée.',
};

export type CallbacksMessages = typeof callbacksFr;
