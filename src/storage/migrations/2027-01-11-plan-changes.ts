import { sql, type Kysely } from 'kysely';

/**
 * Plan changes within a billing period (src/usage/plan-changes.ts, docs/self-service.md, "Changing
 * plan"): to whom each plan of the catalogue is offered (the segments, the kind of line), and every
 * change of a line's plan, asked by the customer in the app, by staff or by the billing system: who,
 * when, from which plan to which, from which billing period, and where it stands (an upgrade applies at
 * once; a downgrade waits for the next period, cancellable until then; at most one waits per line).
 *
 * And the index the retention of usage events purges by (docs/privacy.md, "Retention"): events older
 * than the retention horizon are found by their time, a slice at a time, not by a walk of the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  // comma-separated segments the plan is sold to (`residential`, `business`); empty: sold to none (a plan kept for the lines that have it)
  await db.schema.alterTable('plans').addColumn('offered_to', 'text', (c) => c.notNull().defaultTo('')).execute();
  // the kind of line the plan is for (`mobile`, `landline`); null: any
  await db.schema.alterTable('plans').addColumn('line_kind', 'text', (c) => c.check(sql`line_kind in ('mobile', 'landline')`)).execute();

  await db.schema
    .createTable('plan_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('from_plan', 'text', (c) => c.notNull())
    .addColumn('to_plan', 'text', (c) => c.notNull())
    // upgrade: the new plan's monthly price is higher or equal, it applies at once; downgrade: from the next period
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('upgrade', 'downgrade')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'applied', 'cancelled')`))
    // the first day (yyyymmdd) of the billing period the new plan applies from
    .addColumn('effective_period', 'integer', (c) => c.notNull())
    .addColumn('requested_at', ms, (c) => c.notNull())
    // who asked: a person (user), a system (token), the customer in the app (customer: their party id)
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('applied_at', ms)
    .addColumn('cancelled_at', ms)
    .addColumn('cancelled_by_kind', 'text')
    .addColumn('cancelled_by_id', 'text')
    .execute();
  await db.schema.createIndex('plan_changes_line').on('plan_changes').columns(['line_id', 'requested_at']).execute();
  // one change waits per line at most
  await db.schema.createIndex('plan_changes_one_pending').on('plan_changes').column('line_id').unique().where(sql.ref('status'), '=', 'pending').execute();

  await db.schema.createIndex('usage_events_occurred').on('usage_events').column('occurred_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('usage_events_occurred').execute();
  await db.schema.dropTable('plan_changes').execute();
  await db.schema.alterTable('plans').dropColumn('line_kind').execute();
  await db.schema.alterTable('plans').dropColumn('offered_to').execute();
}
