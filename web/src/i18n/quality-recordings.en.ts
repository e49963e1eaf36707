import type { RecordingsMessages } from './quality-recordings.fr.js';

export const recordingsEn: RecordingsMessages = {
  player: 'Recording of the contact',
  waveform: 'Waveform of the recording',
  play: 'Play',
  pause: 'Pause',
  back: 'Back 5 seconds',
  forward: 'Forward 5 seconds',
  speed: 'Speed',
  position: '{{current}} of {{total}}',
  markers: 'Markers',
  redacted: 'Redacted span: {{from}} – {{to}}',
  redactedLegend: 'Greyed spans are redacted and never played again.',
  loading: 'Loading the recording…',
  audited: 'Every play is written to the audit trail.',
  listen: 'Listen to the recording',
  close: 'Close the player',
};
