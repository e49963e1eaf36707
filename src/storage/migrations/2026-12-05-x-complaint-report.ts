import { sql, type Kysely } from 'kysely';

/**
 * The complaints report (docs/complaints.md, "Reports"): a fact row per complaint and the monthly
 * aggregates per category, team and channel kept from them in the transaction of every change, so a
 * year of a million complaints is read from a few thousand rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_facts')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ack_business_min', 'integer')
    .addColumn('ack_calendar_min', 'integer')
    .addColumn('ack_on_time', 'integer', (c) => c.notNull())
    .addColumn('answer_business_min', 'integer')
    .addColumn('answer_calendar_min', 'integer')
    .addColumn('answer_on_time', 'integer', (c) => c.notNull())
    .addColumn('answered', 'integer', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('fcr', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .execute();

  // customers at the end of each period of the report: by creation time, and the few erased ones
  await db.schema.createIndex('parties_created').on('parties').column('created_at').execute();
  await db.schema.createIndex('parties_erased').on('parties').columns(['erased_at', 'created_at']).where(sql.ref('erased_at'), 'is not', null).execute();

  const counts = ['received', 'acknowledged', 'ack_on_time', 'answered', 'answer_on_time', 'reopened', 'fcr', 'rejected'];
  let table = db.schema
    .createTable('complaint_counts')
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull());
  for (const column of counts) table = table.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('complaint_counts_pk', ['dimension', 'month', 'value']).execute();

  await db.schema
    .createTable('complaint_durations')
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    // {"<bucket>": n, …}: one row per histogram, so a year is read from a few hundred rows
    .addColumn('histogram', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_durations_pk', ['dimension', 'month', 'value', 'measure'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['complaint_durations', 'complaint_counts', 'complaint_facts']) await db.schema.dropTable(t).ifExists().execute();
  for (const i of ['parties_created', 'parties_erased']) await db.schema.dropIndex(i).ifExists().execute();
}
