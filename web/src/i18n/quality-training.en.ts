import type { QualityTrainingMessages } from './quality-training.fr.js';

export const qualityTrainingEn: QualityTrainingMessages = {
  title: 'Training',
  intro: 'The catalogue of trainings, their sessions and who followed them, required trainings and who is late, and the figures before and after.',
  failed: 'The trainings could not be loaded.',
  cancel: 'Cancel',
  saved: 'Saved.',
  catalogue: {
    title: 'Catalogue', empty: 'No training in the catalogue.', code: 'Code', name: 'Title', kind: 'Kind', audiences: 'For', duration: 'Duration', sessions: 'Sessions',
    sessionsValue: '{{planned}} planned, {{held}} held', completed: 'Completed by', minutes: '{{count}} min', archive: 'Archive', restore: 'Restore',
    showArchived: 'Show archived trainings', archived: 'archived', open: 'Sessions and figures', add: 'Add a training', description: 'Description', create: 'Add to the catalogue',
  },
  kinds: { product: 'Product', process: 'Process', soft_skills: 'Soft skills' },
  audiences: { call_centre: 'call centre', shop: 'shops', account_management: 'account management' },
  sessions: {
    title: 'Sessions of “{{training}}”', allTitle: 'Sessions', empty: 'No session.', when: 'When', place: 'Place', trainer: 'Trainer', capacity: 'Places', enrolled: 'Enrolled',
    cancelled: 'cancelled', open: 'Open', plan: 'Plan a session', startsAt: 'Start', endsAt: 'End', submit: 'Plan', unlimited: 'no limit',
  },
  session: {
    title: 'Session of {{date}} — {{training}}', back: '← All sessions', attendees: 'Attendees', none: 'Nobody is enrolled.', person: 'Person', status: 'Status',
    completedAt: 'Completed on', add: 'Enrol', choose: 'Choose a person', enrol: 'Enrol', remove: 'Remove', cancel: 'Cancel the session', cancelled: 'This session is cancelled.', statusOf: 'Status of {{name}}',
  },
  statuses: { enrolled: 'enrolled', attended: 'attended', completed: 'completed', absent: 'absent' },
  required: { title: 'Required trainings', empty: 'No training is required.', role: 'Role', siteKind: 'Site', anySite: 'any site', dueDate: 'Due', add: 'Require', training: 'Training', remove: 'No longer require' },
  siteKinds: { any: 'any site', call_centre: 'call centre', shop: 'shop' },
  roles: { advisor: 'advisor', team_lead: 'team lead', quality_coach: 'quality coach', cx_manager: 'CX manager', admin: 'administrator', dpo: 'DPO', integration: 'system' },
  compliance: { title: 'Who must follow what', filter: 'Show', all: 'all', empty: 'Nothing to show.', person: 'Person', team: 'Team', training: 'Training', due: 'Due by', status: 'Status', export: 'Export as CSV' },
  complianceStatuses: { done: 'done', due: 'due', overdue: 'overdue' },
  effect: {
    title: 'Before and after “{{training}}”', window: 'Days on each side', show: 'Show', people: '{{count}} people completed it; {{running}} still have days “after” to come.',
    measure: 'Measure', before: 'Before', after: 'After', change: 'Change (95% CI)', quality: 'Quality score', nps: 'NPS', fcr: 'First-contact resolution', repeat: 'Repeat contacts',
    significant: 'significant', noData: '—',
    forbidden: 'These figures are shown to you only pooled over at least 5 people, or for the advisors within your reach.',
    note: 'Before: the days before each person’s session; after: those following their completion. This is not a controlled experiment: read the interval of each change.',
  },
};
