import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Usage alerts (docs/self-service.md, "Alerts"): a message class of their own, `alert`, which leaves at
 * any hour (the customer needs to know that their data is running out when it runs out, and the
 * roaming tariff when they arrive), and their SMS templates in French, German and English (a
 * Luxembourgish reader gets French): the data allowance at 80% and 100% ({allowance}: the data
 * included, such as 20 GB; {periodEnd}: the last day of the billing period), and the roaming tariff on
 * arrival in a country (Regulation (EU) 2022/612, art. 14), in the EU/EEA ({country}; {allowance}: the
 * fair-use limit) or elsewhere ({country}; {dataPrice}: the price of data there), each with the free
 * emergency number. GSM 03.38 characters only. A migration reads no live code:
 * these texts stay as seeded; editing a template writes a new version.
 */
export const USAGE_TEMPLATES = {
  'usage.data-80': {
    fr: 'Vous avez utilisé 80% de vos données au Luxembourg ({allowance}) pour la période qui se termine le {periodEnd}. Suivez votre consommation dans votre espace client.',
    de: 'Sie haben 80% Ihres Datenvolumens in Luxemburg ({allowance}) für den Zeitraum bis zum {periodEnd} verbraucht. Ihren Verbrauch sehen Sie in Ihrem Kundenkonto.',
    en: 'You have used 80% of your data in Luxembourg ({allowance}) for the period ending {periodEnd}. Follow your usage in your customer account.',
  },
  'usage.data-100': {
    fr: "Vous avez utilisé toutes vos données au Luxembourg ({allowance}) de la période qui se termine le {periodEnd}. Au-delà, la consommation est facturée hors forfait selon votre offre.",
    de: 'Sie haben Ihr gesamtes Datenvolumen in Luxemburg ({allowance}) für den Zeitraum bis zum {periodEnd} verbraucht. Weitere Nutzung wird nach Ihrem Tarif zusätzlich berechnet.',
    en: 'You have used all your data in Luxembourg ({allowance}) for the period ending {periodEnd}. Further use is charged outside your bundle according to your plan.',
  },
  'usage.roaming-eu': {
    fr: "Vous voici à l'étranger ({country}). Votre forfait s'applique comme au Luxembourg: appels, SMS et données aux prix du Luxembourg, données dans la limite de {allowance} par période. Numéro d'urgence gratuit: 112.",
    de: 'Sie sind im Ausland ({country}). Ihr Tarif gilt wie in Luxemburg: Anrufe, SMS und Daten zu Inlandspreisen, Daten bis {allowance} pro Zeitraum. Kostenloser Notruf: 112.',
    en: 'You are abroad ({country}). Your plan works as in Luxembourg: calls, SMS and data at home prices, data up to {allowance} per period. Free emergency number: 112.',
  },
  'usage.roaming-world': {
    fr: "Vous voici à l'étranger ({country}), hors de l'UE. Données: {dataPrice}. Appels et SMS au tarif de cette zone, détails dans votre espace client. Numéro d'urgence gratuit: 112.",
    de: 'Sie sind im Ausland ({country}), außerhalb der EU. Daten: {dataPrice}. Anrufe und SMS zum Tarif dieser Zone, Einzelheiten in Ihrem Kundenkonto. Kostenloser Notruf: 112.',
    en: "You are abroad ({country}), outside the EU. Data: {dataPrice}. Calls and SMS at this zone's rates, details in your customer account. Free emergency number: 112.",
  },
} as const;

const CLASSES_BEFORE = "class in ('survey', 'service', 'regulatory')";
const CLASSES_AFTER = "class in ('survey', 'service', 'regulatory', 'alert')";

export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await changeClasses(db, caps, CLASSES_BEFORE, CLASSES_AFTER);
  const now = Date.now();
  let n = 0;
  // Fixed ids: the same seeded version has the same id in every database.
  const id = () => `01900000-0000-7000-8003-${String(++n).padStart(12, '0')}`;
  const rows = Object.entries(USAGE_TEMPLATES).flatMap(([key, sms]) =>
    Object.entries(sms).map(([language, body]) => ({ id: id(), key, channel: 'sms', language, version: 1, subject: null, body, created_at: now, created_by: null })),
  );
  await db.insertInto('message_templates').values(rows).execute();
}

export async function down(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.deleteFrom('notifications').where('class', '=', 'alert').execute();
  await db.deleteFrom('message_templates').where('key', 'in', Object.keys(USAGE_TEMPLATES)).execute();
  await changeClasses(db, caps, CLASSES_AFTER, CLASSES_BEFORE);
}

/**
 * The classes a notification may have. PostgreSQL changes the constraint; SQLite cannot, so the table
 * is made again from its own definition with the new constraint, its rows copied and its indexes
 * made again (no table refers to notifications).
 */
async function changeClasses(db: Kysely<any>, caps: StorageCapabilities, from: string, to: string): Promise<void> {
  if (caps.engine === 'postgres') {
    await sql`alter table notifications drop constraint notifications_class_check`.execute(db);
    await sql`alter table notifications add constraint notifications_class_check check (${sql.raw(to)})`.execute(db);
    return;
  }
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'notifications'`.execute(db);
  const definition = table.rows[0]!.sql;
  if (!definition.includes(from)) throw new Error(`notifications: the constraint "${from}" was not found in ${definition}`);
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'notifications' and sql is not null`.execute(db);
  await sql.raw(definition.replace(from, to).replace(/^create table "?notifications"?/i, 'create table "notifications_next"')).execute(db);
  await sql`insert into notifications_next select * from notifications`.execute(db);
  await sql`drop table notifications`.execute(db);
  await sql`alter table notifications_next rename to notifications`.execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}
