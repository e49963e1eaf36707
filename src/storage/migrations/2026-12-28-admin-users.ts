import type { Kysely } from 'kysely';

/**
 * The administration of users (src/staff): ending every session of a person (deactivated, password
 * reset, sessions ended) finds them by user, not by a scan of every session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_user').execute();
}
