import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Coding root causes (docs/improvement.md, "Coding a cause"): one row per coded complaint, detractor
 * follow-up or repeat contact, with what the analysis counts it by (its day, segment, channel, team,
 * site, plan) and what it cost, and the daily aggregates per cause kept from those rows in the
 * transaction of every coding. A cause lists the contact reasons and comment topics that match it
 * (the NPS of an action's effect, and suggestions). A complaint records the amount refunded with its
 * answer.
 */

/** contact reasons and comment topics of each seeded cause (frozen here, like every seeded text) */
export const SEEDED_CAUSE_MATCHES: [code: string, reasons: string[], topics: string[]][] = [
  ['billing', ['billing'], ['billing', 'price']],
  ['billing.tariff_not_applied', ['billing', 'contract'], ['billing', 'contract', 'price']],
  ['billing.roaming', ['roaming'], ['roaming']],
  ['billing.double_charge', ['billing'], ['billing']],
  ['network', ['network', 'internet'], ['network']],
  ['network.coverage', ['network'], ['network']],
  ['network.outage', ['network', 'internet', 'tv'], ['network']],
  ['network.fibre_install', ['internet'], ['network', 'waiting']],
  ['service', [], ['advisor', 'waiting']],
  ['service.wrong_information', [], ['advisor']],
  ['service.shop_advice', [], ['shop']],
  ['process', ['contract', 'account'], ['contract']],
  ['process.contract_change', ['contract'], ['contract']],
  ['process.porting', ['porting'], []],
  ['devices', ['device', 'repair'], ['device']],
  ['devices.repair_delay', ['repair'], ['device', 'waiting']],
  ['devices.defect', ['device'], ['device']],
];

export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema.alterTable('causes').addColumn('reason_codes', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('causes').addColumn('topic_codes', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  for (const [code, reasons, topics] of SEEDED_CAUSE_MATCHES) {
    await db.updateTable('causes').set({ reason_codes: JSON.stringify(reasons), topic_codes: JSON.stringify(topics) }).where('code', '=', code).execute();
  }
  await db.schema.alterTable('complaints').addColumn('refund_cents', 'integer').execute();

  await db.schema
    .createTable('cause_codings')
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('complaint', 'followup', 'contact')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('cause_code', 'text', (c) => c.notNull().references('causes.code'))
    .addColumn('unknown_reason', 'text')
    .addColumn('party_id', 'text')
    .addColumn('occurred_at', ms, (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('segment', 'text')
    .addColumn('channel', 'text')
    .addColumn('team_id', 'text')
    .addColumn('site_id', 'text')
    .addColumn('plan', 'text')
    .addColumn('amount_cents', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('refund_cents', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('extra_contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('previous_at', ms)
    .addColumn('suggested', 'text')
    .addColumn('coded_at', ms, (c) => c.notNull())
    .addColumn('coded_by_kind', 'text', (c) => c.notNull())
    .addColumn('coded_by_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cause_codings_pk', ['subject_kind', 'subject_id'])
    .execute();
  // recurrence: a customer's codings of one cause in time order; the rows of a cause in a period
  await db.schema.createIndex('cause_codings_party').on('cause_codings').columns(['party_id', 'cause_code', 'occurred_at']).execute();
  await db.schema.createIndex('cause_codings_cause_day').on('cause_codings').columns(['cause_code', 'day']).execute();
  await db.schema.createIndex('cause_codings_day').on('cause_codings').columns(['day', 'subject_kind']).execute();

  await db.schema
    .createTable('cause_counts')
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('cause_code', 'text', (c) => c.notNull())
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('dim_key', 'text', (c) => c.notNull())
    .addColumn('coded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recurrences', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_cents', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('refund_cents', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('extra_contacts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('cause_counts_pk', ['dim', 'dim_key', 'day', 'cause_code', 'subject_kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cause_counts').execute();
  await db.schema.dropTable('cause_codings').execute();
  await db.schema.alterTable('complaints').dropColumn('refund_cents').execute();
  await db.schema.alterTable('causes').dropColumn('topic_codes').execute();
  await db.schema.alterTable('causes').dropColumn('reason_codes').execute();
}
