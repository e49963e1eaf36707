import type { CallbacksMessages } from './callbacks.fr.js';

/** English texts of the callbacks customers ask for in the app, in the cases (docs/self-service.md, "Callbacks"). */
export const callbacksEn: CallbacksMessages = {
  kind: 'Callbacks',
  title: 'Callbacks asked for',
  intro: 'Customers ask in the customer app to be called back in a half-hour slot (Luxembourg time).',
  tabsLabel: 'Callbacks',
  tabs: {
    team: 'My team',
    mine: 'Mine',
  },
  columns: {
    slot: 'Slot',
    customer: 'Customer',
    number: 'Number',
    topic: 'Topic',
    attempts: 'Calls',
    actions: 'Actions',
  },
  noTopic: 'No topic given',
  reached: 'Reached',
  notReached: 'Not reached',
  done: 'Done',
  actionFor: '{{action}}: {{customer}}, {{slot}}',
  recorded: 'Callback of {{customer}}: {{action}}.',
  refresh: 'Refresh',
  more: 'More callbacks',
  empty: 'No callback to make.',
  failed: 'The callbacks could not be loaded.',
  actionFailed: 'The action could not be recorded.',
};
