import type { QualityTrainingMessages } from './quality-training.fr.js';

export const qualityTrainingDe: QualityTrainingMessages = {
  title: 'Schulungen',
  intro: 'Der Schulungskatalog, die Sitzungen und wer sie besucht hat, Pflichtschulungen und Rückstände, und die Kennzahlen vorher und nachher.',
  failed: 'Die Schulungen konnten nicht geladen werden.',
  cancel: 'Abbrechen',
  saved: 'Gespeichert.',
  catalogue: {
    title: 'Katalog', empty: 'Keine Schulung im Katalog.', code: 'Code', name: 'Titel', kind: 'Art', audiences: 'Für', duration: 'Dauer', sessions: 'Sitzungen',
    sessionsValue: '{{planned}} geplant, {{held}} gehalten', completed: 'Abgeschlossen von', minutes: '{{count}} Min.', archive: 'Archivieren', restore: 'Wiederherstellen',
    showArchived: 'Archivierte Schulungen zeigen', archived: 'archiviert', open: 'Sitzungen und Kennzahlen', add: 'Schulung hinzufügen', description: 'Beschreibung', create: 'In den Katalog aufnehmen',
  },
  kinds: { product: 'Produkt', process: 'Prozess', soft_skills: 'Soft Skills' },
  audiences: { call_centre: 'Callcenter', shop: 'Shops', account_management: 'Kundenbetreuung' },
  sessions: {
    title: 'Sitzungen von „{{training}}“', allTitle: 'Sitzungen', empty: 'Keine Sitzung.', when: 'Wann', place: 'Ort', trainer: 'Trainer', capacity: 'Plätze', enrolled: 'Angemeldet',
    cancelled: 'abgesagt', open: 'Öffnen', plan: 'Sitzung planen', startsAt: 'Beginn', endsAt: 'Ende', submit: 'Planen', unlimited: 'unbegrenzt',
  },
  session: {
    title: 'Sitzung vom {{date}} — {{training}}', back: '← Alle Sitzungen', attendees: 'Teilnehmende', none: 'Niemand ist angemeldet.', person: 'Person', status: 'Status',
    completedAt: 'Abgeschlossen am', add: 'Anmelden', choose: 'Person wählen', enrol: 'Anmelden', remove: 'Entfernen', cancel: 'Sitzung absagen', cancelled: 'Diese Sitzung ist abgesagt.', statusOf: 'Status von {{name}}',
  },
  statuses: { enrolled: 'angemeldet', attended: 'anwesend', completed: 'abgeschlossen', absent: 'abwesend' },
  required: { title: 'Pflichtschulungen', empty: 'Keine Schulung ist Pflicht.', role: 'Rolle', siteKind: 'Standort', anySite: 'alle Standorte', dueDate: 'Frist', add: 'Zur Pflicht machen', training: 'Schulung', remove: 'Nicht mehr verlangen' },
  siteKinds: { any: 'alle Standorte', call_centre: 'Callcenter', shop: 'Shop' },
  roles: { advisor: 'Berater', team_lead: 'Teamleitung', quality_coach: 'Qualitätscoach', cx_manager: 'CX-Manager', admin: 'Administrator', dpo: 'DSB', integration: 'System' },
  compliance: { title: 'Wer muss was absolvieren', filter: 'Zeigen', all: 'alle', empty: 'Nichts anzuzeigen.', person: 'Person', team: 'Team', training: 'Schulung', due: 'Fällig bis', status: 'Stand', export: 'Als CSV exportieren' },
  complianceStatuses: { done: 'erledigt', due: 'offen', overdue: 'überfällig' },
  effect: {
    title: 'Vorher und nachher „{{training}}“', window: 'Tage auf jeder Seite', show: 'Zeigen', people: '{{count}} Personen haben sie abgeschlossen; bei {{running}} laufen die Tage „nachher“ noch.',
    measure: 'Kennzahl', before: 'Vorher', after: 'Nachher', change: 'Differenz (95-%-KI)', quality: 'Qualitätsnote', nps: 'NPS', fcr: 'Erstlösungsquote', repeat: 'Wiederholte Kontakte',
    significant: 'signifikant', noData: '—',
    forbidden: 'Diese Kennzahlen werden Ihnen nur zusammengefasst über mindestens 5 Personen gezeigt, oder für die Berater in Ihrer Reichweite.',
    note: 'Vorher: die Tage vor der Sitzung jeder Person; nachher: die Tage nach ihrem Abschluss. Kein kontrolliertes Experiment: lesen Sie das Intervall jeder Differenz.',
  },
};
