/** French texts of the call screen (why the customer may be calling, opt-outs, shortcuts, tab titles): the reference for the other languages. */
export const callscreenFr = {
  why: {
    title: 'Pourquoi il appelle peut-être',
    repeat_one: 'Récidive possible : {{count}} contact en {{days}} jours',
    repeat_other: 'Récidive possible : {{count}} contacts en {{days}} jours',
    openCases_one: '{{count}} dossier ouvert :',
    openCases_other: '{{count}} dossiers ouverts :',
    lastContacts: 'Derniers contacts :',
    contact: '{{date}} · {{channel}} · {{reason}}',
    noReason: 'sans motif',
    resolved: 'résolu',
    unresolved: 'non résolu',
    surveyDetractor: 'Dernière enquête : {{score}}/{{max}}, détracteur',
    nothing: 'Rien d’ouvert et aucun contact récent.',
  },
  optOut: {
    value: 'non — STOP par SMS le {{date}}',
    detail: 'Le {{number}} a répondu « {{keyword}} » par SMS le {{date}} : plus aucune enquête ne lui est envoyée, quel que soit le consentement ci-dessous.',
  },
  shortcuts: {
    title: 'Raccourcis clavier',
    intro: 'Les raccourcis avec une seule touche ne marchent pas pendant la saisie dans un champ.',
    search: 'Aller à la recherche de client',
    answer: 'Prendre l’appel : aller au formulaire du contact',
    save: 'Enregistrer le contact',
    hangUp: 'Raccrocher (appel simulé)',
    help: 'Afficher cette aide',
    close: 'Fermer',
    enter: 'Entrée',
    open: 'Raccourcis clavier',
  },
  title: {
    page: '{{page}} — Écoute',
    login: 'Connexion — Écoute',
  },
  more: 'Plus',
};

export type CallscreenMessages = typeof callscreenFr;
