import { sql, type Kysely } from 'kysely';

/**
 * Bills (src/billing, docs/self-service.md, "Bills"): the bills the billing system issues, received
 * from it by the API or a CSV file and kept by their bill number, so that a bill sent again changes
 * nothing unless its payment, due date or PDF link changed. Read by staff on the customer's record
 * and by the customer in their app. Days are Europe/Luxembourg calendar days as yyyymmdd integers
 * (written YYYY-MM-DD over the API), times epoch milliseconds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('bills')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    // the billing system's number of the bill: what a bill is known by, and sent again by
    .addColumn('bill_number', 'text', (c) => c.notNull().unique())
    .addColumn('period_start', 'integer', (c) => c.notNull())
    .addColumn('period_end', 'integer', (c) => c.notNull())
    // incl. VAT; negative: a credit note (a bill of its own number, never an edit of the bill it corrects)
    .addColumn('amount_cents', ms, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR').check(sql`currency = 'EUR'`))
    .addColumn('issued_on', 'integer', (c) => c.notNull())
    .addColumn('due_on', 'integer', (c) => c.notNull())
    // null: not paid
    .addColumn('paid_at', ms)
    // an https link to the bill's PDF in the billing system's document store; null: none given
    .addColumn('pdf_url', 'text')
    .addColumn('imported_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addCheckConstraint('bills_period', sql`period_start <= period_end`)
    .addCheckConstraint('bills_due', sql`due_on >= issued_on`)
    .execute();
  await db.schema.createIndex('bills_account_period').on('bills').columns(['account_id', 'period_start']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bills').execute();
}
