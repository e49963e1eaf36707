/** Textes français de la recherche de clients (les autres langues suivent ce modèle). */
export const searchFr = {
  label: 'Nom, numéro client ou téléphone (ou e-mail)',
  placeholder: 'ex. Weber, 621 123 456 ou lea@…',
  tooShort: 'Saisissez au moins {{min}} lettres ou chiffres.',
  more: 'Plus de {{count}} clients trouvés : précisez la recherche (prénom, localité…).',
  phone: 'Téléphone',
  locality: 'Localité',
  customerNumber: 'N° client',
  noPhone: 'pas de téléphone',
} as const;

export type SearchMessages = { [K in keyof typeof searchFr]: string };
