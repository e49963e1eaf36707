import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * Usage and consumption (src/usage, docs/self-service.md): the plan catalogue with each plan's
 * allowance and out-of-bundle price per bucket, each account's billing day, the usage events received
 * (kept by their id, so a replay never counts twice) and the counters per line, billing period and
 * bucket that the customer's page and the advisor's card read.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  // Where the engine can, rows live in their primary key's B-tree: one write per event, not two.
  const clustered = caps.clusteredTable ?? sql``;
  await db.schema
    .createTable('plans')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('monthly_price_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('plan_buckets')
    .addColumn('plan_code', 'text', (c) => c.notNull().references('plans.code'))
    .addColumn('bucket', 'text', (c) => c.notNull().check(sql`bucket in ('data_national', 'data_eu', 'data_world', 'voice', 'sms')`))
    // null: unlimited; for EU roaming data, the fair-use limit
    .addColumn('allowance', 'bigint')
    // beyond the allowance, each started block of this many units costs block_price_cents
    .addColumn('block_units', 'bigint', (c) => c.notNull().check(sql`block_units > 0`))
    .addColumn('block_price_cents', 'integer', (c) => c.notNull().check(sql`block_price_cents >= 0`))
    .addPrimaryKeyConstraint('plan_buckets_pk', ['plan_code', 'bucket'])
    .execute();
  // The day of the month each billing period starts on (Europe/Luxembourg), 1 to 28.
  await db.schema.alterTable('accounts').addColumn('billing_day', 'integer', (c) => c.notNull().defaultTo(1)).execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('occurred_at', ms, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('period_start', 'integer', (c) => c.notNull())
    .addColumn('accepted_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_events_pk', ['event_id'])
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('usage_counters')
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('period_start', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('used', 'bigint', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    // the plan's terms when the period's first event arrived: null allowance is unlimited
    .addColumn('allowance', 'bigint')
    .addColumn('block_units', 'bigint', (c) => c.notNull())
    .addColumn('block_price_cents', 'integer', (c) => c.notNull())
    .addColumn('charged_cents', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_counters_pk', ['line_id', 'period_start', 'bucket'])
    .modifyEnd(clustered)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_counters').execute();
  await db.schema.dropTable('usage_events').execute();
  await db.schema.alterTable('accounts').dropColumn('billing_day').execute();
  await db.schema.dropTable('plan_buckets').execute();
  await db.schema.dropTable('plans').execute();
}
