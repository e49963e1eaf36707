import type { SearchMessages } from './search.fr.js';

/** Deutsche Texte der Kundensuche. */
export const searchDe: SearchMessages = {
  label: 'Name, Kundennummer oder Telefon (oder E-Mail)',
  placeholder: 'z. B. Weber, 621 123 456 oder lea@…',
  tooShort: 'Geben Sie mindestens {{min}} Buchstaben oder Ziffern ein.',
  more: 'Mehr als {{count}} Kunden gefunden: Suche verfeinern (Vorname, Ort…).',
  phone: 'Telefon',
  locality: 'Ort',
  customerNumber: 'Kundennr.',
  noPhone: 'kein Telefon',
};
