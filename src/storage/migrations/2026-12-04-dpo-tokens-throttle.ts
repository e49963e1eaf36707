import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

const ROLES_BEFORE = `'advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'`;
const ROLES_AFTER = `'advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'`;

/**
 * Least privilege and its trail:
 * - API tokens get scopes (space-separated; the tokens that exist get `recognition contacts`, what
 *   systems were documented to do), an optional expiry and the time they were last used;
 * - `rate_limits` holds the login throttle's counters (src/auth/login-throttle.ts), shared by every process;
 * - the users' roles admit `dpo`, the data protection officer;
 * - the audit trail records the phone number read where a read is by number (SMS log, opt-outs,
 *   phone simulator), and is searched by reader and by period.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema.alterTable('api_tokens').addColumn('scopes', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', ms).execute();
  await db.schema.alterTable('api_tokens').addColumn('last_used_at', ms).execute();
  await db.updateTable('api_tokens').set({ scopes: 'recognition contacts' }).execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('expire', ms)
    .execute();
  await db.schema.createIndex('rate_limits_expire').on('rate_limits').column('expire').execute();

  await db.schema.alterTable('audit_log').addColumn('subject', 'text').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'at']).execute();

  await setRoleCheck(db, caps, ROLES_AFTER);
}

export async function down(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  await db.deleteFrom('users').where('role', '=', 'dpo').execute();
  await setRoleCheck(db, caps, ROLES_BEFORE);
  for (const index of ['audit_log_subject', 'audit_log_actor', 'audit_log_at']) await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('audit_log').dropColumn('subject').execute();
  await db.schema.dropTable('rate_limits').execute();
  for (const column of ['last_used_at', 'expires_at', 'scopes']) await db.schema.alterTable('api_tokens').dropColumn(column).execute();
}

/**
 * The roles a user may have. PostgreSQL replaces the check; SQLite cannot alter one, so the users
 * table is rebuilt (its documented procedure: foreign keys off, copy, drop, rename, check, on).
 * SQLite runs migrations outside a transaction, so the pragma takes effect; the copy runs in one.
 */
async function setRoleCheck(db: Kysely<any>, caps: StorageCapabilities, roles: string): Promise<void> {
  if (caps.engine === 'postgres') {
    await sql`alter table users drop constraint users_role_check`.execute(db);
    await sql.raw(`alter table users add constraint users_role_check check (role in (${roles}))`).execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql.raw(`create table users_rebuilt (
        id text primary key,
        email text not null unique,
        display_name text not null,
        role text not null check (role in (${roles})),
        team_id text references teams (id),
        site_id text references sites (id),
        password_hash text,
        language text default 'fr' not null,
        active integer default 1 not null,
        created_at bigint not null
      )`).execute(tx);
      await sql`insert into users_rebuilt (id, email, display_name, role, team_id, site_id, password_hash, language, active, created_at)
        select id, email, display_name, role, team_id, site_id, password_hash, language, active, created_at from users`.execute(tx);
      await sql`drop table users`.execute(tx);
      await sql`alter table users_rebuilt rename to users`.execute(tx);
      const broken = await sql`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length > 0) throw new Error(`users rebuilt with ${broken.rows.length} broken foreign keys`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
