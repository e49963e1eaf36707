import type { Kysely } from 'kysely';

/**
 * Bill-shock protection and fair use (docs/self-service.md, "Alerts"): each line's spending limit on
 * data roaming outside the EU/EEA (by default 50 EUR excluding VAT per billing period, Regulation (EU)
 * 2022/612, art. 15), whether the customer chose to go on past it, and when data roaming was stopped
 * at it in the current period; the SMS of the limit at 80% and at 100% (data stopped) and of the
 * fair-use volume of data in the EU/EEA, and the country each line was last used in (an arrival in
 * another country abroad is told the roaming tariff again), in French, German and English, GSM 03.38 characters only. A
 * migration reads no live code: these texts stay as seeded.
 */
export const ROAMING_LIMIT_TEMPLATES = {
  'usage.roaming-limit-80': {
    fr: "Vous avez atteint 80% de votre limite de dépenses en données à l'étranger hors UE ({limit} HTVA) pour la période qui se termine le {periodEnd}. A la limite, les données à l'étranger sont coupées.",
    de: 'Sie haben 80% Ihres Ausgabenlimits für Daten im Ausland außerhalb der EU ({limit} ohne MwSt.) für den Zeitraum bis zum {periodEnd} erreicht. Beim Limit werden die Daten im Ausland gesperrt.',
    en: 'You have reached 80% of your spending limit for data abroad outside the EU ({limit} excl. VAT) for the period ending {periodEnd}. At the limit, data abroad is stopped.',
  },
  'usage.roaming-limit-100': {
    fr: "Limite de dépenses atteinte ({limit} HTVA): vos données à l'étranger hors UE sont coupées jusqu'au {periodEnd}. Pour continuer, changez votre limite dans votre espace client. Appels et SMS restent possibles. Urgences: 112.",
    de: 'Ausgabenlimit erreicht ({limit} ohne MwSt.): Ihre Daten im Ausland außerhalb der EU sind bis zum {periodEnd} gesperrt. Um fortzufahren, ändern Sie Ihr Limit in Ihrem Kundenkonto. Anrufe und SMS bleiben möglich. Notruf: 112.',
    en: 'Spending limit reached ({limit} excl. VAT): your data abroad outside the EU is stopped until {periodEnd}. To go on, change your limit in your customer account. Calls and SMS still work. Emergency: 112.',
  },
  'usage.fair-use-100': {
    fr: "Vous avez utilisé votre volume de données en itinérance dans l'UE ({allowance}) pour la période qui se termine le {periodEnd}. Au-delà, un supplément de {dataPrice} s'applique.",
    de: 'Sie haben Ihr Datenvolumen für Roaming in der EU ({allowance}) für den Zeitraum bis zum {periodEnd} verbraucht. Darüber hinaus gilt ein Aufpreis von {dataPrice}.',
    en: 'You have used your EU roaming data volume ({allowance}) for the period ending {periodEnd}. Beyond it, a surcharge of {dataPrice} applies.',
  },
} as const;

/** The default limit: 50 EUR excluding VAT, in cents. */
export const DEFAULT_ROAMING_LIMIT_CENTS = 5000;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('lines').addColumn('roaming_limit_cents', 'integer', (c) => c.notNull().defaultTo(DEFAULT_ROAMING_LIMIT_CENTS)).execute();
  // 1: the customer chose to go on past the limit (no stop, no warning)
  await db.schema.alterTable('lines').addColumn('roaming_limit_off', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // the billing period (its start, as usage_counters.period_start) data roaming was stopped in, and when; null: not stopped
  await db.schema.alterTable('lines').addColumn('roaming_stopped_period', 'integer').execute();
  await db.schema.alterTable('lines').addColumn('roaming_stopped_at', 'bigint').execute();
  // the country of the line's latest usage event and its time: an event in another country abroad is an arrival there
  await db.schema.alterTable('lines').addColumn('last_country', 'text').execute();
  await db.schema.alterTable('lines').addColumn('last_country_at', 'bigint').execute();
  const now = Date.now();
  let n = 0;
  // Fixed ids: the same seeded version has the same id in every database.
  const id = () => `01900000-0000-7000-8007-${String(++n).padStart(12, '0')}`;
  const rows = Object.entries(ROAMING_LIMIT_TEMPLATES).flatMap(([key, sms]) =>
    Object.entries(sms).map(([language, body]) => ({ id: id(), key, channel: 'sms', language, version: 1, subject: null, body, created_at: now, created_by: null })),
  );
  await db.insertInto('message_templates').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('notifications').where('template_key', 'in', Object.keys(ROAMING_LIMIT_TEMPLATES)).execute();
  await db.deleteFrom('message_templates').where('key', 'in', Object.keys(ROAMING_LIMIT_TEMPLATES)).execute();
  for (const column of ['last_country_at', 'last_country', 'roaming_stopped_at', 'roaming_stopped_period', 'roaming_limit_off', 'roaming_limit_cents']) await db.schema.alterTable('lines').dropColumn(column).execute();
}
