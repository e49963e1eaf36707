import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Cases (src/cases): follow-ups, complaints and later kinds share one table and one event trail.
 * The queue of a team reads open cases by deadline: partial indexes over open cases only
 * (`closed_at is null`), so their size follows the open work, not the years of closed cases.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.references('parties.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('hot', 'integer', (c) => c.notNull().defaultTo(0).check(sql`hot in (0, 1)`))
    .addColumn('opened_at', ms, (c) => c.notNull())
    .addColumn('due_at', ms)
    .addColumn('paused_at', ms)
    .addColumn('paused_ms', ms, (c) => c.notNull().defaultTo(0))
    .addColumn('closed_at', ms)
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  const open = sql.ref('closed_at');
  await db.schema.createIndex('cases_open_team_due').on('cases').columns(['team_id', 'due_at', 'id']).where(open, 'is', null).execute();
  await db.schema.createIndex('cases_open_assignee_due').on('cases').columns(['assignee_id', 'due_at', 'id']).where(open, 'is', null).execute();
  await db.schema
    .createIndex('cases_open_hot_due')
    .on('cases')
    .columns(['team_id', 'due_at', 'id'])
    .where((eb) => eb.and([eb(open, 'is', null), eb(sql.ref('hot'), '=', sql.lit(1))]))
    .execute();
  await db.schema.createIndex('cases_party').on('cases').columns(['party_id', 'opened_at']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', ms, (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_events').ifExists().execute();
  await db.schema.dropTable('cases').ifExists().execute();
}
