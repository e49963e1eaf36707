import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Complaints (src/complaints, ISO 10002): what the customer complained about, beside the case that
 * carries its state and history; the editable category taxonomy with its deadlines (business days to
 * acknowledge and to answer: 2 and 10 by default); the contacts linked to a complaint; and the
 * sequence of references per year. The seeded labels are frozen here.
 */
const CATEGORIES: [code: string, fr: string, de: string, en: string][] = [
  ['network', 'Réseau et couverture', 'Netz und Abdeckung', 'Network and coverage'],
  ['billing', 'Facturation', 'Rechnung', 'Billing'],
  ['roaming', 'Itinérance', 'Roaming', 'Roaming'],
  ['contract', 'Contrat', 'Vertrag', 'Contract'],
  ['device', 'Appareil', 'Gerät', 'Device'],
  ['shop', 'Boutique', 'Shop', 'Shop'],
  ['advisor', 'Conseiller', 'Berater', 'Advisor'],
  ['digital', 'Espace client et application', 'Kundenbereich und App', 'Online account and app'],
  ['price', 'Prix et tarifs', 'Preise und Tarife', 'Prices and rates'],
  ['other', 'Autre', 'Sonstiges', 'Other'],
];

export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('complaint_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ack_days', 'integer', (c) => c.notNull().check(sql`ack_days >= 0`))
    .addColumn('answer_days', 'integer', (c) => c.notNull().check(sql`answer_days >= 0`))
    .addColumn('business_ack_days', 'integer')
    .addColumn('business_answer_days', 'integer')
    .execute();
  await db
    .insertInto('complaint_categories')
    .values(CATEGORIES.map(([code, fr, de, en], i) => ({ code, label_fr: fr, label_de: de, label_en: en, active: 1, sort_order: (i + 1) * 10, ack_days: 2, answer_days: 10 })))
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().references('complaint_categories.code'))
    .addColumn('root_cause', 'text')
    .addColumn('segment', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('line_id', 'text', (c) => c.references('lines.id'))
    .addColumn('amount_disputed_cents', 'integer', (c) => c.check(sql`amount_disputed_cents >= 0`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('ack_due_at', ms, (c) => c.notNull())
    .addColumn('answer_due_at', ms, (c) => c.notNull())
    .addColumn('acknowledged_at', ms)
    .addColumn('answered_at', ms)
    .addColumn('outcome', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('mediation_info_sent_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  // reports by period of receipt (and the list's received-from/to filter)
  await db.schema.createIndex('complaints_received').on('complaints').columns(['received_at', 'case_id']).execute();

  await db.schema
    .createTable('complaint_contacts')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('interaction_id', 'text', (c) => c.notNull().references('interactions.id'))
    .addColumn('linked_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_contacts_pk', ['case_id', 'interaction_id'])
    .execute();
  await db.schema.createIndex('complaint_contacts_interaction').on('complaint_contacts').column('interaction_id').execute();

  await db.schema
    .createTable('complaint_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['complaint_sequences', 'complaint_contacts', 'complaints', 'complaint_categories']) await db.schema.dropTable(table).ifExists().execute();
}
