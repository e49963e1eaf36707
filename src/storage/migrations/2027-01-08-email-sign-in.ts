import type { Kysely } from 'kysely';

/**
 * The customer's sign-in by a code sent by e-mail (src/self-service, docs/self-service.md, "A code by
 * e-mail"), the SMS code's rules for an address: the codes asked (a keyed hash of the address, the code
 * as an HMAC), and an outgoing e-mail's secret kept apart from its text, which shows a mask: the secret
 * is put in when the e-mail is handed to the transport and forgotten once it is sent.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema.alterTable('email_messages').addColumn('secret', 'text').execute();
  await db.schema
    .createTable('email_sign_in_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // a keyed hash of the address asked for (ECOUTE_PRIVACY_SECRET): the same for customers and strangers
    .addColumn('address_key', 'text', (c) => c.notNull())
    // the customer and line a sign-in opens; null: the address is no single customer's (nothing sent)
    .addColumn('party_id', 'text')
    .addColumn('line_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    // the code and the address until the worker has queued the e-mail
    .addColumn('pending_code', 'text')
    .addColumn('pending_address', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('ended_at', ms)
    .execute();
  await db.schema.createIndex('email_sign_in_codes_address').on('email_sign_in_codes').columns(['address_key', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_sign_in_codes').execute();
  await db.schema.alterTable('email_messages').dropColumn('secret').execute();
}
