import type { RecordingsMessages } from './quality-recordings.fr.js';

export const recordingsDe: RecordingsMessages = {
  player: 'Aufnahme des Kontakts',
  waveform: 'Wellenform der Aufnahme',
  play: 'Abspielen',
  pause: 'Pause',
  back: '5 Sekunden zurück',
  forward: '5 Sekunden vor',
  speed: 'Geschwindigkeit',
  position: '{{current}} von {{total}}',
  markers: 'Markierungen',
  redacted: 'Geschwärzter Abschnitt: {{from}} – {{to}}',
  redactedLegend: 'Grau hinterlegte Abschnitte sind geschwärzt und werden nie wieder abgespielt.',
  loading: 'Aufnahme wird geladen…',
  audited: 'Jede Wiedergabe wird im Audit-Protokoll festgehalten.',
  listen: 'Aufnahme anhören',
  close: 'Player schließen',
};
