import type { CallscreenMessages } from './callscreen.fr.js';

/** German texts of the call screen. */
export const callscreenDe: CallscreenMessages = {
  why: {
    title: 'Warum der Kunde vielleicht anruft',
    repeat_one: 'Möglicher Wiederholungskontakt: {{count}} Kontakt in {{days}} Tagen',
    repeat_other: 'Möglicher Wiederholungskontakt: {{count}} Kontakte in {{days}} Tagen',
    openCases_one: '{{count}} offener Vorgang:',
    openCases_other: '{{count}} offene Vorgänge:',
    lastContacts: 'Letzte Kontakte:',
    contact: '{{date}} · {{channel}} · {{reason}}',
    noReason: 'ohne Anliegen',
    resolved: 'gelöst',
    unresolved: 'nicht gelöst',
    surveyDetractor: 'Letzte Umfrage: {{score}}/{{max}}, Kritiker',
    nothing: 'Nichts offen und kein Kontakt in letzter Zeit.',
  },
  optOut: {
    value: 'nein — STOP per SMS am {{date}}',
    detail: '{{number}} hat am {{date}} per SMS „{{keyword}}“ geantwortet: Es werden keine Umfragen mehr dorthin gesendet, unabhängig von der Einwilligung unten.',
  },
  shortcuts: {
    title: 'Tastenkürzel',
    intro: 'Kürzel mit einer einzelnen Taste wirken nicht während der Eingabe in ein Feld.',
    search: 'Zur Kundensuche',
    answer: 'Anruf annehmen: zum Kontaktformular',
    save: 'Kontakt speichern',
    hangUp: 'Auflegen (simulierter Anruf)',
    help: 'Diese Hilfe anzeigen',
    close: 'Schließen',
    enter: 'Eingabe',
    open: 'Tastenkürzel',
  },
  title: {
    page: '{{page}} — Écoute',
    login: 'Anmelden — Écoute',
  },
  more: 'Mehr',
};
