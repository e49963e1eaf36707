import type { Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Root causes, apart from categories (docs/improvement.md): a complaint's category says what the
 * customer complained about, its root cause why it happened, owned by a department. The cause tree
 * and the departments are the operator's to edit; a starting set is seeded in French, German and
 * English (frozen here, like every seeded text). `unknown` is the cause coded when none could be
 * found (with a reason).
 */
export const SEEDED_DEPARTMENTS = [
  ['it_billing', 'IT facturation', 'IT-Abrechnung', 'IT billing'],
  ['network', 'Réseau', 'Netz', 'Network'],
  ['shops', 'Boutiques', 'Shops', 'Shops'],
  ['customer_service', 'Service client', 'Kundenservice', 'Customer service'],
  ['process', 'Processus', 'Prozesse', 'Process'],
  ['partner', 'Partenaires', 'Partner', 'Partners'],
  ['devices', 'Terminaux et SAV', 'Geräte und Reparatur', 'Devices and repair'],
] as const;

/** code, parent, department, fr, de, en */
export const SEEDED_CAUSES = [
  ['billing', null, 'it_billing', 'Facturation', 'Abrechnung', 'Billing'],
  ['billing.tariff_not_applied', 'billing', 'it_billing', 'Tarif non appliqué après changement d’offre', 'Tarif nach Tarifwechsel nicht angewendet', 'Tariff not applied after a plan change'],
  ['billing.roaming', 'billing', 'it_billing', 'Frais d’itinérance erronés', 'Falsche Roaming-Gebühren', 'Wrong roaming charges'],
  ['billing.double_charge', 'billing', 'it_billing', 'Double facturation', 'Doppelte Abrechnung', 'Charged twice'],
  ['network', null, 'network', 'Réseau', 'Netz', 'Network'],
  ['network.coverage', 'network', 'network', 'Couverture insuffisante', 'Unzureichende Abdeckung', 'Poor coverage'],
  ['network.outage', 'network', 'network', 'Panne', 'Störung', 'Outage'],
  ['network.fibre_install', 'network', 'partner', 'Raccordement fibre en retard', 'Verspäteter Glasfaseranschluss', 'Late fibre installation'],
  ['service', null, 'customer_service', 'Service', 'Service', 'Service'],
  ['service.wrong_information', 'service', 'customer_service', 'Information erronée donnée au client', 'Falsche Auskunft an den Kunden', 'Wrong information given'],
  ['service.shop_advice', 'service', 'shops', 'Conseil en boutique inadapté', 'Unpassende Beratung im Shop', 'Unsuitable advice in a shop'],
  ['process', null, 'process', 'Processus', 'Prozesse', 'Process'],
  ['process.contract_change', 'process', 'process', 'Changement de contrat mal traité', 'Vertragsänderung falsch bearbeitet', 'Contract change mishandled'],
  ['process.porting', 'process', 'process', 'Portabilité du numéro', 'Rufnummernmitnahme', 'Number porting'],
  ['devices', null, 'devices', 'Terminaux', 'Geräte', 'Devices'],
  ['devices.repair_delay', 'devices', 'devices', 'Réparation trop longue', 'Reparatur dauert zu lange', 'Repair took too long'],
  ['devices.defect', 'devices', 'devices', 'Appareil défectueux', 'Defektes Gerät', 'Faulty device'],
  ['unknown', null, null, 'Cause inconnue', 'Ursache unbekannt', 'Unknown cause'],
] as const;

export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = caps.engine === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('departments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('causes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('parent_code', 'text', (c) => c.references('causes.code'))
    .addColumn('department_code', 'text', (c) => c.references('departments.code'))
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('causes_parent').on('causes').columns(['parent_code']).execute();
  const now = Date.now();
  await db
    .insertInto('departments')
    .values(SEEDED_DEPARTMENTS.map(([code, fr, de, en]) => ({ code, label_fr: fr, label_de: de, label_en: en, active: 1, updated_at: now })))
    .execute();
  // parents first (the foreign key)
  await db
    .insertInto('causes')
    .values(
      SEEDED_CAUSES.map(([code, parent, department, fr, de, en], i) => ({
        code, parent_code: parent, department_code: department, label_fr: fr, label_de: de, label_en: en, active: 1, sort_order: (i + 1) * 10, updated_at: now,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('causes').execute();
  await db.schema.dropTable('departments').execute();
}
