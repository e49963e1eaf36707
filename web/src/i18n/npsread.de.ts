import type { NpsreadMessages } from './npsread.fr.js';

export const npsreadDe: NpsreadMessages = {
  running: "laufend",
  runningTitle: "Laufender Zeitraum: seine Zahlen ändern sich noch (kommende Kontakte, Antworten der letzten drei Tage).",
  lastComplete: "Letzter abgeschlossener Zeitraum",
  runningBeside: "Laufend: {{period}}",
  noComplete: "Kein abgeschlossener Zeitraum im Bereich: der gezeigte Zeitraum läuft noch.",
  legendRunning: "Laufender Zeitraum (vorläufige Zahl)",
  composition: {
    title: "Woraus die Zahl besteht",
    scope: "Zeitraum",
    range: "Ganzer Bereich",
    shares: "Promotoren, Passive und Kritiker ({{period}}, n = {{n}})",
    promoters: "Promotoren",
    passives: "Passive",
    detractors: "Kritiker",
    share: "{{label}}: {{pct}} ({{count}})",
    distribution: "Verteilung der Noten ({{period}})",
    score: "Note",
    responses: "Antworten",
    scoreBar: "Note {{score}}: {{count}} Antworten",
    empty: "Keine Antwort in diesem Zeitraum.",
  },
  compare: {
    label: "Vergleichen nach",
    none: "Kein Vergleich",
    team: "Team: eine Linie pro Team",
    site: "Standort: eine Linie pro Standort",
    group: "Gruppe",
    failed: "Der Vergleich konnte nicht geladen werden.",
  },
  filters: {
    item: "{{dimension}}: {{value}}",
    summary: "Filter",
    none: "kein Filter",
    more: "Filter nach Dimension",
  },
};
