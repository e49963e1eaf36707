import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/** Customers, their lines and contact points, sites, teams, users, interactions, telephony and audit. */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('call_centre', 'shop')`))
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration')`),
    )
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('password_hash', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();

  await db.schema
    .createTable('parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual', 'organisation')`))
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('organisation_name', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('preferred_language', 'text', (c) =>
      c.notNull().check(sql`preferred_language in ('fr', 'de', 'en', 'lb')`),
    )
    .addColumn('consent_surveys', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('consent_marketing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parties_search_name').on('parties').column('search_name').execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_number', 'text', (c) => c.notNull().unique())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('segment', 'text', (c) => c.notNull().check(sql`segment in ('residential', 'business')`))
    .addColumn('account_manager_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('accounts_party').on('accounts').column('party_id').execute();

  await db.schema
    .createTable('lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('msisdn', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mobile', 'landline')`))
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'suspended', 'terminated')`))
    .addColumn('activated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lines_account').on('lines').column('account_id').execute();

  await db.schema
    .createTable('contact_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('phone', 'email')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('contact_points_value').on('contact_points').columns(['value', 'kind']).execute();
  await db.schema.createIndex('contact_points_party').on('contact_points').column('party_id').execute();

  await db.schema
    .createTable('reasons')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_fr', 'text', (c) => c.notNull())
    .addColumn('label_de', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('reasons.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('interactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('phone', 'shop', 'email', 'chat', 'app', 'web', 'social')`),
    )
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
    .addColumn('reason_code', 'text', (c) => c.references('reasons.code'))
    .addColumn('started_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms)
    .addColumn('advisor_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('outcome', 'text')
    .addColumn('resolved', 'integer')
    .addColumn('recording_ref', 'text')
    .addColumn('notes', 'text')
    .addColumn('phone', 'text')
    .addColumn('repeat_of', 'text')
    .addColumn('next_contact_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interactions_party_started')
    .on('interactions')
    .columns(['party_id', 'started_at'])
    .execute();
  await db.schema.createIndex('interactions_started').on('interactions').column('started_at').execute();

  await db.schema
    .createTable('calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text')
    .addColumn('advisor_id', 'text', (c) => c.references('users.id'))
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('ringing_at', ms)
    .addColumn('answered_at', ms)
    .addColumn('ended_at', ms)
    .addColumn('interaction_id', 'text', (c) => c.references('interactions.id'))
    .execute();

  await db.schema
    .createTable('webhook_receipts')
    .addColumn('webhook_id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', caps.identityKey.type, caps.identityKey.define)
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text')
    .addColumn('via', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_party').on('audit_log').columns(['party_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log', 'webhook_receipts', 'calls', 'interactions', 'reasons', 'contact_points',
    'lines', 'accounts', 'parties', 'api_tokens', 'sessions', 'users', 'teams', 'sites',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
