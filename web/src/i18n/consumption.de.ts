import type { ConsumptionMessages } from './consumption.fr.js';

/** Deutsche Texte zum Verbrauch der Leitungen auf der Kundenkarte (docs/self-service.md). */
export const consumptionDe: ConsumptionMessages = {
  title: 'Verbrauch',
  line: 'Leitung {{number}}',
  period: 'Zeitraum {{start}} bis {{end}}',
  updated: 'Zuletzt gezählt {{time}}',
  noUsage: 'Kein Verbrauch in diesem Zeitraum.',
  failed: 'Der Verbrauch konnte nicht geladen werden.',
  unlimited: 'unbegrenzt',
  usedOf: '{{used}} von {{allowance}}',
  usedUnlimited: '{{used}}, unbegrenzt',
  usedNotIncluded: '{{used}}, nicht im Tarif enthalten',
  beyond: '{{amount}} darüber',
  outOfBundle: 'Außerhalb des Pakets: {{amount}}',
  noOutOfBundle: 'Nichts außerhalb des Pakets',
  planUnknown: 'Tarif {{plan}} ist nicht im Katalog: kein Kontingent bekannt.',
  alertsTitle: 'SMS-Hinweise in diesem Zeitraum',
  alerts: {
    'data-80': '80 % der Daten in Luxemburg, {{time}}',
    'data-100': 'Alle Daten in Luxemburg, {{time}}',
    'fair-use-100': 'EU-Roamingvolumen aufgebraucht, {{time}}',
    'roaming-limit-80': '80 % des Ausgabenlimits im Ausland, {{time}}',
    'roaming-limit-100': 'Ausgabenlimit erreicht: Daten im Ausland gesperrt, {{time}}',
    'roaming-eu': 'Willkommen im Ausland ({{country}}), EU-Tarif, {{time}}',
    'roaming-world': 'Willkommen im Ausland ({{country}}), Tarif außerhalb der EU, {{time}}',
  },
  alertFailed: 'nicht gesendet',
  buckets: {
    data_national: 'Daten in Luxemburg',
    data_eu: 'Daten-Roaming in der EU/im EWR',
    data_world: 'Daten außerhalb der EU',
    voice: 'Anrufe',
    sms: 'SMS',
  },
};
