import type { QualityCoachingMessages } from './quality-coaching.fr.js';

/** Deutsche Texte des Coachings (docs/quality.md, "Coaching"). */
export const qualityCoachingDe: QualityCoachingMessages = {
  title: 'Coaching',
  intro: 'Coaching-Sitzungen, die vereinbarten Maßnahmen mit Frist und Nachverfolgung und der Fortschritt des Beraters.',
  empty: 'Keine Coaching-Sitzung.',
  failed: 'Das Coaching konnte nicht geladen werden.',
  session: 'Sitzung vom {{date}} mit {{advisor}}, durch {{coach}}',
  focus: 'Bearbeitet: {{list}}',
  notes: 'Notizen',
  actions: 'Vereinbarte Maßnahmen',
  due: 'bis {{date}}',
  overdue: 'überfällig',
  states: { open: 'Offen', done: 'Erledigt', dropped: 'Verworfen' },
  followUp: 'Nachverfolgung',
  markDone: 'Als erledigt markieren',
  drop: 'Verwerfen',
  reopen: 'Wieder öffnen',
  coach: 'Diesen Berater coachen',
  opening: {
    title: 'Neue Sitzung mit {{advisor}}',
    lost: 'In 90 Tagen {{count}} Bewertungen, Durchschnittsnote {{mean}}; Punkte vor allem verloren bei:',
    none: 'Keine Bewertung in 90 Tagen.',
    points: '{{points}} Punkte verloren in {{evaluations}} Bewertungen',
  },
  form: {
    notes: 'Notizen der Sitzung',
    action: 'Vereinbarte Maßnahme',
    dueDate: 'Frist',
    addAction: 'Maßnahme hinzufügen',
    save: 'Sitzung speichern',
    saved: 'Sitzung gespeichert.',
  },
  progress: {
    title: 'Fortschritt',
    month: 'Monat',
    evaluations: 'Bewertungen',
    mean: 'Durchschnittsnote',
    pass: 'Bestanden',
    actions: '{{done}} von {{total}} Maßnahmen erledigt ({{onTime}} fristgerecht), {{open}} offen, davon {{overdue}} überfällig.',
  },
};
