import type { QualityCoachingMessages } from './quality-coaching.fr.js';

/** English texts of coaching (docs/quality.md, "Coaching"). */
export const qualityCoachingEn: QualityCoachingMessages = {
  title: 'Coaching',
  intro: 'Coaching sessions, the actions agreed with their due dates and follow-up, and the advisor’s progress.',
  empty: 'No coaching session.',
  failed: 'Coaching could not be loaded.',
  session: 'Session of {{date}} with {{advisor}}, by {{coach}}',
  focus: 'Worked on: {{list}}',
  notes: 'Notes',
  actions: 'Actions agreed',
  due: 'by {{date}}',
  overdue: 'overdue',
  states: { open: 'To do', done: 'Done', dropped: 'Dropped' },
  followUp: 'Follow-up',
  markDone: 'Mark done',
  drop: 'Drop',
  reopen: 'Reopen',
  coach: 'Coach this advisor',
  opening: {
    title: 'New session with {{advisor}}',
    lost: 'Over 90 days, {{count}} evaluations, mean score {{mean}}; points lost mostly on:',
    none: 'No evaluation over 90 days.',
    points: '{{points}} points lost over {{evaluations}} evaluations',
  },
  form: {
    notes: 'Session notes',
    action: 'Action agreed',
    dueDate: 'Due date',
    addAction: 'Add an action',
    save: 'Save the session',
    saved: 'Session saved.',
  },
  progress: {
    title: 'Progress',
    month: 'Month',
    evaluations: 'Evaluations',
    mean: 'Mean score',
    pass: 'Passed',
    actions: '{{done}} of {{total}} actions done ({{onTime}} on time), {{open}} to do of which {{overdue}} overdue.',
  },
};
