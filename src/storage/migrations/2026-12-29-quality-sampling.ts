import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The coach's samples of contacts to listen to (docs/quality.md, "Sampling"): one live sample per
 * period and team (`active_key` = period|team, or period|* for every team; emptied when the sample is
 * withdrawn, so a period can be drawn again), with what re-derives it (seed, sizes, the population's
 * size and hash); each advisor's population; and the drawn items with why each was drawn, the
 * replaced ones kept with their reason.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('quality_samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('active_key', 'text', (c) => c.unique())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('per_advisor', 'integer', (c) => c.notNull().check(sql`per_advisor between 1 and 200`))
    .addColumn('oversample', 'integer', (c) => c.notNull().check(sql`oversample between 0 and 50`))
    .addColumn('population_size', 'integer', (c) => c.notNull())
    .addColumn('population_hash', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('drawn_at', ms, (c) => c.notNull())
    .addColumn('withdrawn_at', ms)
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdraw_reason', 'text')
    .execute();
  await db.schema.createIndex('quality_samples_period').on('quality_samples').columns(['period', 'drawn_at']).execute();

  await db.schema
    .createTable('quality_sample_advisors')
    .addColumn('sample_id', 'text', (c) => c.notNull().references('quality_samples.id'))
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('population', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_sample_advisors_pk', ['sample_id', 'advisor_id'])
    .execute();

  await db.schema
    .createTable('quality_sample_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sample_id', 'text', (c) => c.notNull().references('quality_samples.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('interactions.id'))
    .addColumn('advisor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('random', 'detractor-oversample')`))
    .addColumn('stratum', 'text', (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('replaces_item_id', 'text')
    .addColumn('replaced_at', ms)
    .addColumn('replaced_by', 'text')
    .addColumn('replace_reason', 'text', (c) => c.check(sql`replace_reason in ('unusable-recording', 'wrong-advisor', 'other')`))
    .addColumn('replace_note', 'text')
    .execute();
  await db.schema.createIndex('quality_sample_items_sample').on('quality_sample_items').columns(['sample_id', 'advisor_id', 'position']).execute();
  await db.schema.createIndex('quality_sample_items_contact').on('quality_sample_items').columns(['contact_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quality_sample_items').ifExists().execute();
  await db.schema.dropTable('quality_sample_advisors').ifExists().execute();
  await db.schema.dropTable('quality_samples').ifExists().execute();
}
