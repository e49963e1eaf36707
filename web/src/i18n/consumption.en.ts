import type { ConsumptionMessages } from './consumption.fr.js';

/** English texts of the lines' consumption on the customer's card (docs/self-service.md). */
export const consumptionEn: ConsumptionMessages = {
  title: 'Consumption',
  line: 'Line {{number}}',
  period: 'Period {{start}} to {{end}}',
  updated: 'Last counted {{time}}',
  noUsage: 'No usage in this period.',
  failed: 'The consumption could not be loaded.',
  unlimited: 'unlimited',
  usedOf: '{{used}} of {{allowance}}',
  usedUnlimited: '{{used}}, unlimited',
  usedNotIncluded: '{{used}}, not included in the plan',
  beyond: '{{amount}} beyond',
  outOfBundle: 'Out of bundle: {{amount}}',
  noOutOfBundle: 'Nothing out of bundle',
  planUnknown: 'Plan {{plan}} is not in the catalogue: no allowance known.',
  alertsTitle: 'SMS alerts this period',
  alerts: {
    'data-80': '80% of the data in Luxembourg, {{time}}',
    'data-100': 'All of the data in Luxembourg, {{time}}',
    'fair-use-100': 'EU roaming volume used up, {{time}}',
    'roaming-limit-80': '80% of the spending limit abroad, {{time}}',
    'roaming-limit-100': 'Spending limit reached: data abroad stopped, {{time}}',
    'roaming-eu': 'Welcome abroad ({{country}}), EU rates, {{time}}',
    'roaming-world': 'Welcome abroad ({{country}}), rates outside the EU, {{time}}',
  },
  alertFailed: 'not sent',
  buckets: {
    data_national: 'Data in Luxembourg',
    data_eu: 'Data roaming in the EU/EEA',
    data_world: 'Data outside the EU',
    voice: 'Calls',
    sms: 'SMS',
  },
};
