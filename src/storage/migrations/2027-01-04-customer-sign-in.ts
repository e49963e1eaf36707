import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The customer's own sign-in (docs/self-service.md, "Sign-in"): one-time codes sent by SMS, customer
 * sessions apart from the staff's, when each line's SIM card or number last changed (a code is not
 * sent for a few days after), and what a line's user sees of its account. An outgoing SMS may carry
 * a secret (a sign-in code) kept apart from its text, which shows a mask: the secret is put in at
 * submission and forgotten once the SMSC has it, so no log, export or screen shows it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  // null: never changed since the line was activated
  await db.schema.alterTable('lines').addColumn('sim_changed_at', ms).execute();
  // what a person signed in with this line sees: 'account' (every line of the customer), 'line' (this
  // line only); null: by the account's segment (residential: account, business: line)
  await db.schema.alterTable('lines').addColumn('self_service', 'text', (c) => c.check(sql`self_service in ('account', 'line')`)).execute();
  await db.schema.alterTable('sms_messages').addColumn('secret', 'text').execute();

  await db.schema
    .createTable('sign_in_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // a keyed hash of the number asked for (ECOUTE_PRIVACY_SECRET): the same for customers and strangers
    .addColumn('number_key', 'text', (c) => c.notNull())
    // the line the code was sent to; null: the number is no active mobile line of a customer (nothing sent)
    .addColumn('line_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    // the code until the worker has queued its SMS (then in sms_messages.secret until submitted)
    .addColumn('pending_code', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    // when it was used to sign in, or superseded by a newer code for the same number
    .addColumn('ended_at', ms)
    .execute();
  await db.schema.createIndex('sign_in_codes_number').on('sign_in_codes').columns(['number_key', 'created_at']).execute();

  await db.schema
    .createTable('customer_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('account', 'line')`))
    .addColumn('factor', 'text', (c) => c.notNull().check(sql`factor in ('sms', 'passkey')`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_sessions_party').on('customer_sessions').column('party_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_sessions').execute();
  await db.schema.dropTable('sign_in_codes').execute();
  await db.schema.alterTable('sms_messages').dropColumn('secret').execute();
  await db.schema.alterTable('lines').dropColumn('self_service').execute();
  await db.schema.alterTable('lines').dropColumn('sim_changed_at').execute();
}
