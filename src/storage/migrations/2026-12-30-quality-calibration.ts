import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Calibration sessions (docs/quality.md, "Calibration and agreement"): the contacts several evaluators
 * score blind on one scorecard version, the evaluators (each with a letter: how the others see them),
 * their scores, kept apart from evaluations so that they never count in an advisor's figures, and the
 * reference score the lead sets per contact (null: the median of the evaluators).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('calibration_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scorecard_version_id', 'text', (c) => c.notNull().references('scorecard_versions.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('open', 'revealed')`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('revealed_at', ms)
    .execute();
  await db.schema
    .createTable('calibration_contacts')
    .addColumn('session_id', 'text', (c) => c.notNull().references('calibration_sessions.id'))
    .addColumn('interaction_id', 'text', (c) => c.notNull().references('interactions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('reference_score', 'double precision')
    .addPrimaryKeyConstraint('calibration_contacts_pk', ['session_id', 'interaction_id'])
    .execute();
  await db.schema
    .createTable('calibration_evaluators')
    .addColumn('session_id', 'text', (c) => c.notNull().references('calibration_sessions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('letter', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_evaluators_pk', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('calibration_evaluators_user').on('calibration_evaluators').columns(['user_id']).execute();
  await db.schema
    .createTable('calibration_scores')
    .addColumn('session_id', 'text', (c) => c.notNull().references('calibration_sessions.id'))
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('evaluator_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('critical_failures', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('complete', 'integer', (c) => c.notNull().check(sql`complete in (0, 1)`))
    .addColumn('scored_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('calibration_scores_pk', ['session_id', 'interaction_id', 'evaluator_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calibration_scores', 'calibration_evaluators', 'calibration_contacts', 'calibration_sessions']) await db.schema.dropTable(table).execute();
}
