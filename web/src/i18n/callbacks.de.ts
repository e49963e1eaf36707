import type { CallbacksMessages } from './callbacks.fr.js';

/** Deutsche Texte der Rückrufe, die Kunden in der Kunden-App anfragen, bei den Vorgängen (docs/self-service.md, „Callbacks“). */
export const callbacksDe: CallbacksMessages = {
  kind: 'Rückrufe',
  title: 'Angefragte Rückrufe',
  intro: 'Kunden bitten in der Kunden-App um einen Rückruf in einem halbstündigen Zeitfenster (Luxemburger Zeit).',
  tabsLabel: 'Rückrufe',
  tabs: {
    team: 'Mein Team',
    mine: 'Meine',
  },
  columns: {
    slot: 'Zeitfenster',
    customer: 'Kunde',
    number: 'Nummer',
    topic: 'Thema',
    attempts: 'Anrufe',
    actions: 'Aktionen',
  },
  noTopic: 'Kein Thema angegeben',
  reached: 'Erreicht',
  notReached: 'Nicht erreicht',
  done: 'Erledigt',
  actionFor: '{{action}}: {{customer}}, {{slot}}',
  recorded: 'Rückruf von {{customer}}: {{action}}.',
  refresh: 'Aktualisieren',
  more: 'Weitere Rückrufe',
  empty: 'Kein Rückruf zu erledigen.',
  failed: 'Die Rückrufe konnten nicht geladen werden.',
  actionFailed: 'Die Aktion konnte nicht gespeichert werden.',
};
