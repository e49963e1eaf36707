import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Training (docs/quality.md, "Training"): a catalogue of trainings, the sessions where they are given
 * with each attendee's presence and completion, and the trainings a role must have completed by a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('product', 'process', 'soft_skills')`))
    .addColumn('audiences', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('archived_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('starts_at', ms, (c) => c.notNull())
    .addColumn('ends_at', ms, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('trainer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer')
    .addColumn('cancelled_at', ms)
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_sessions_training').on('training_sessions').columns(['training_id', 'starts_at']).execute();
  await db.schema
    .createTable('training_attendance')
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('enrolled', 'attended', 'completed', 'absent')`))
    .addColumn('completed_at', ms)
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('training_attendance_user').on('training_attendance').columns(['user_id', 'status']).execute();
  await db.schema
    .createTable('training_requirements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('site_kind', 'text', (c) => c.notNull().defaultTo('').check(sql`site_kind in ('', 'call_centre', 'shop')`))
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addUniqueConstraint('training_requirements_target', ['training_id', 'role', 'site_kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_requirements').execute();
  await db.schema.dropTable('training_attendance').execute();
  await db.schema.dropTable('training_sessions').execute();
  await db.schema.dropTable('trainings').execute();
}
