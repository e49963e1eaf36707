import type { CallscreenMessages } from './callscreen.fr.js';

/** English texts of the call screen. */
export const callscreenEn: CallscreenMessages = {
  why: {
    title: 'Why they may be calling',
    repeat_one: 'Possible repeat: {{count}} contact in {{days}} days',
    repeat_other: 'Possible repeat: {{count}} contacts in {{days}} days',
    openCases_one: '{{count}} open case:',
    openCases_other: '{{count}} open cases:',
    lastContacts: 'Last contacts:',
    contact: '{{date}} · {{channel}} · {{reason}}',
    noReason: 'no reason',
    resolved: 'resolved',
    unresolved: 'not resolved',
    surveyDetractor: 'Last survey: {{score}}/{{max}}, detractor',
    nothing: 'Nothing open and no recent contact.',
  },
  optOut: {
    value: 'no — STOP by SMS on {{date}}',
    detail: '{{number}} replied “{{keyword}}” by SMS on {{date}}: no survey is sent to it any more, whatever the consent below says.',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    intro: 'Single-key shortcuts do not work while typing in a field.',
    search: 'Go to the customer search',
    answer: 'Take the call: go to the contact form',
    save: 'Save the contact',
    hangUp: 'Hang up (simulated call)',
    help: 'Show this help',
    close: 'Close',
    enter: 'Enter',
    open: 'Keyboard shortcuts',
  },
  title: {
    page: '{{page}} — Écoute',
    login: 'Sign in — Écoute',
  },
  more: 'More',
};
