/** Le lecteur d’enregistrements des contacts (docs/quality.md, « Recordings »). */
export const recordingsFr = {
  player: 'Enregistrement du contact',
  waveform: 'Forme d’onde de l’enregistrement',
  play: 'Écouter',
  pause: 'Pause',
  back: 'Reculer de 5 secondes',
  forward: 'Avancer de 5 secondes',
  speed: 'Vitesse',
  position: '{{current}} sur {{total}}',
  markers: 'Repères',
  redacted: 'Passage masqué : {{from}} – {{to}}',
  redactedLegend: 'Les passages grisés sont masqués et ne sont plus jamais lus.',
  loading: 'Chargement de l’enregistrement…',
  audited: 'Chaque écoute est inscrite au journal d’audit.',
  listen: 'Écouter l’enregistrement',
  close: 'Fermer le lecteur',
};
export type RecordingsMessages = { [K in keyof typeof recordingsFr]: string };
