import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

const FACTORS_BEFORE = `'sms', 'passkey'`;
const FACTORS_AFTER = `'sms', 'passkey', 'email'`;

/**
 * Passkeys for the customer app (src/self-service, docs/self-service.md, "Passkeys"): the WebAuthn
 * credentials customers register (a public key, its counter and backup state, the customer's name for
 * it), the single-use challenges of the ceremonies that make and use them, and on each customer session
 * the passkey it was opened with. A session's way in may now also be a code sent by e-mail
 * (`2027-01-08-email-sign-in`).
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('user_handle', 'text', (c) => c.notNull())
    // an unsigned 32-bit counter: beyond PostgreSQL's integer
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('device_type', 'text', (c) => c.notNull().check(sql`device_type in ('singleDevice', 'multiDevice')`))
    .addColumn('backed_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aaguid', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('last_used_at', ms)
    .execute();
  // a customer's passkeys, newest first
  await db.schema.createIndex('passkeys_party').on('passkeys').columns(['party_id', 'created_at']).execute();

  await db.schema
    .createTable('passkey_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ceremony', 'text', (c) => c.notNull().check(sql`ceremony in ('registration', 'authentication')`))
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text')
    .addColumn('line_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('used_at', ms)
    .execute();
  // the expired ones are deleted as new ones are made
  await db.schema.createIndex('passkey_challenges_expiry').on('passkey_challenges').column('expires_at').execute();

  await rebuildSessions(db, caps, FACTORS_AFTER, true);
}

export async function down(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.deleteFrom('customer_sessions').where('factor', '=', 'email').execute();
  await rebuildSessions(db, caps, FACTORS_BEFORE, false);
  await db.schema.dropTable('passkey_challenges').execute();
  await db.schema.dropTable('passkeys').execute();
}

/**
 * The customer sessions with the factors given, and with or without the passkey column. PostgreSQL
 * changes the table in place; SQLite cannot alter a check, so the table is rebuilt by its documented
 * procedure (foreign keys off, copy, drop, rename, check, on), outside a transaction as SQLite runs
 * migrations, the copy in one.
 */
async function rebuildSessions(db: Kysely<any>, caps: StorageCapabilities, factors: string, withPasskey: boolean): Promise<void> {
  if (caps.engine === 'postgres') {
    if (withPasskey) await db.schema.alterTable('customer_sessions').addColumn('passkey_id', 'text').execute();
    else await db.schema.alterTable('customer_sessions').dropColumn('passkey_id').execute();
    await sql`alter table customer_sessions drop constraint customer_sessions_factor_check`.execute(db);
    await sql.raw(`alter table customer_sessions add constraint customer_sessions_factor_check check (factor in (${factors}))`).execute(db);
    if (withPasskey) await db.schema.createIndex('customer_sessions_passkey').on('customer_sessions').column('passkey_id').execute();
    return;
  }
  const columns = `token_hash, party_id, line_id, scope, factor, created_at, expires_at${withPasskey ? ', passkey_id' : ''}`;
  const copied = `token_hash, party_id, line_id, scope, factor, created_at, expires_at${withPasskey ? ', null' : ''}`;
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql.raw(`create table customer_sessions_rebuilt (
        token_hash text primary key,
        party_id text not null references parties (id),
        line_id text not null references lines (id),
        scope text not null check (scope in ('account', 'line')),
        factor text not null check (factor in (${factors})),
        created_at bigint not null,
        expires_at bigint not null${withPasskey ? ',\n        passkey_id text' : ''}
      )`).execute(tx);
      await sql.raw(`insert into customer_sessions_rebuilt (${columns}) select ${copied} from customer_sessions`).execute(tx);
      await sql`drop table customer_sessions`.execute(tx);
      await sql`alter table customer_sessions_rebuilt rename to customer_sessions`.execute(tx);
      await tx.schema.createIndex('customer_sessions_party').on('customer_sessions').column('party_id').execute();
      if (withPasskey) await tx.schema.createIndex('customer_sessions_passkey').on('customer_sessions').column('passkey_id').execute();
      const broken = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) throw new Error(`customer_sessions rebuilt with ${broken.rows.length} broken foreign keys`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
