/** The NPS as managers read it: running periods, what a figure is made of, lines per team or site, the compact filters (docs/nps.md, docs/console.md). */
export const npsreadFr = {
  running: "en cours",
  runningTitle: "Période en cours : ses chiffres bougeront encore (contacts à venir, réponses des trois derniers jours).",
  lastComplete: "Dernière période complète",
  runningBeside: "En cours : {{period}}",
  noComplete: "Aucune période complète dans la plage : la période affichée est en cours.",
  legendRunning: "Période en cours (chiffre provisoire)",
  composition: {
    title: "De quoi est fait le chiffre",
    scope: "Période",
    range: "Toute la plage",
    shares: "Promoteurs, passifs et détracteurs ({{period}}, n = {{n}})",
    promoters: "Promoteurs",
    passives: "Passifs",
    detractors: "Détracteurs",
    share: "{{label}} : {{pct}} ({{count}})",
    distribution: "Répartition des notes ({{period}})",
    score: "Note",
    responses: "Réponses",
    scoreBar: "Note {{score}} : {{count}} réponses",
    empty: "Aucune réponse sur cette période.",
  },
  compare: {
    label: "Comparer par",
    none: "Sans comparaison",
    team: "Équipe : une courbe par équipe",
    site: "Site : une courbe par site",
    group: "Groupe",
    failed: "La comparaison n'a pas pu être chargée.",
  },
  filters: {
    item: "{{dimension}} : {{value}}",
    summary: "Filtres",
    none: "aucun filtre",
    more: "Filtres par dimension",
  },
};
export type NpsreadMessages = typeof npsreadFr;
