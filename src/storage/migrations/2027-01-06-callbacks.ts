import { sql, type Kysely } from 'kysely';

/**
 * Callbacks (src/callbacks, docs/self-service.md, "Callbacks"): a customer asks in the app to be
 * called back at a half-hour slot of the opening hours. Each is a case of kind `callback` (its state,
 * team, assignee, deadline and timeline in `cases` and `case_events`); this row holds what the team
 * needs to call: the number, the slot and what the customer wants to talk about, and how it ended.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('callbacks')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    // the number to call: one of the customer's lines
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('slot_start', ms, (c) => c.notNull())
    .addColumn('slot_end', ms, (c) => c.notNull())
    // what the customer wrote they want to talk about; null: nothing said
    .addColumn('topic', 'text')
    .addColumn('requested_via', 'text', (c) => c.notNull().check(sql`requested_via in ('app')`))
    // null while open
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('reached', 'not_reached', 'cancelled')`))
    // calls made to the customer so far
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done_at', ms)
    .addCheckConstraint('callbacks_slot', sql`slot_start < slot_end`)
    .execute();
  // the requests of a slot (how many a team already has), and a line's callbacks
  await db.schema.createIndex('callbacks_slot').on('callbacks').columns(['slot_start', 'case_id']).execute();
  await db.schema.createIndex('callbacks_line').on('callbacks').column('line_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callbacks').execute();
}
