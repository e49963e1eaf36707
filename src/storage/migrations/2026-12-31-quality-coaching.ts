import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Coaching (docs/quality.md, "Coaching"): a session between a coach (or team lead) and an advisor, the
 * criteria it works on, the evaluations and cases (follow-ups, complaints) it is about, and the actions
 * agreed, each with its due day and its follow-up until done or dropped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('coaching_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('coach_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('held_at', ms, (c) => c.notNull())
    .addColumn('focus', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('evaluation_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('case_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coaching_sessions_advisor').on('coaching_sessions').columns(['advisor_id', 'held_at']).execute();
  await db.schema
    .createTable('coaching_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('coaching_sessions.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'done', 'dropped')`))
    .addColumn('follow_up', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('done_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coaching_actions_session').on('coaching_actions').columns(['session_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coaching_actions').execute();
  await db.schema.dropTable('coaching_sessions').execute();
}
