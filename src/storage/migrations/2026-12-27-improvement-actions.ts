import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Improvement actions (docs/improvement.md, "Improvement actions"): an action is a case of kind
 * `action` (its state, owner and history in cases and case_events); its own row says what it does,
 * its target, its department and owner, when it is due and was done, and the windows its effect is
 * measured over; the causes it addresses (one or more) and the complaints, follow-ups and survey
 * answers linked as evidence; its reference ACT-<year>-<4 digits> from a counter per year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('actions')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('target_text', 'text', (c) => c.notNull())
    .addColumn('target_measure', 'text', (c) => c.notNull().check(sql`target_measure in ('complaint_rate', 'nps', 'repeat_rate')`))
    .addColumn('target_direction', 'text', (c) => c.notNull().check(sql`target_direction in ('decrease', 'increase')`))
    .addColumn('target_value', 'double precision')
    .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('done_at', ms)
    .addColumn('before_weeks', 'integer', (c) => c.notNull().defaultTo(8).check(sql`before_weeks between 1 and 52`))
    .addColumn('after_weeks', 'integer', (c) => c.notNull().defaultTo(8).check(sql`after_weeks between 1 and 52`))
    .addColumn('verified_by_override', 'integer', (c) => c.notNull().defaultTo(0).check(sql`verified_by_override in (0, 1)`))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  // the board's filters: a department's actions, a person's
  await db.schema.createIndex('actions_department').on('actions').columns(['department_code']).execute();
  await db.schema.createIndex('actions_owner').on('actions').columns(['owner_id']).execute();

  await db.schema
    .createTable('action_causes')
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.case_id'))
    .addColumn('cause_code', 'text', (c) => c.notNull().references('causes.code'))
    .addPrimaryKeyConstraint('action_causes_pk', ['action_id', 'cause_code'])
    .execute();
  // the actions on a cause (the Pareto board's link, the filter by cause)
  await db.schema.createIndex('action_causes_cause').on('action_causes').columns(['cause_code', 'action_id']).execute();

  await db.schema
    .createTable('action_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('actions.case_id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('complaint', 'followup', 'response')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('added_at', ms, (c) => c.notNull())
    .addColumn('added_by_kind', 'text', (c) => c.notNull())
    .addColumn('added_by_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('action_evidence_subject', ['action_id', 'subject_kind', 'subject_id'])
    .execute();

  await db.schema
    .createTable('action_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('action_sequences').ifExists().execute();
  await db.schema.dropTable('action_evidence').ifExists().execute();
  await db.schema.dropTable('action_causes').ifExists().execute();
  await db.schema.dropTable('actions').ifExists().execute();
}
