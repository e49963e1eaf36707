import { sql, type Kysely } from 'kysely';

/**
 * The customers' devices as the operator's systems know them (src/devices, docs/self-service.md,
 * "Devices"): per line, the handset (make and model as sold, its IMEI), when it was bought, its
 * warranty, the instalment plan that pays for it if any, and its status (active, replaced, reported
 * lost or stolen). Received from those systems by the API or a CSV file, kept by line and IMEI, so a
 * device sent again is updated, never doubled. Make and model are the words of the sale: the device
 * catalogue of the shop (repair, trade-in) will add a nullable reference to its models beside them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    // 15 digits, the last the Luhn check digit
    .addColumn('imei', 'text', (c) => c.notNull())
    .addColumn('make', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    // yyyymmdd (Europe/Luxembourg)
    .addColumn('purchased_on', 'integer', (c) => c.notNull())
    .addColumn('warranty_until', 'integer', (c) => c.notNull())
    // what is left to pay of the instalment plan, incl. VAT in cents, and the day of its last instalment; both null: no plan
    .addColumn('instalment_remaining_cents', ms)
    .addColumn('instalment_last_on', 'integer')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'replaced', 'lost', 'stolen')`))
    .addColumn('imported_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addCheckConstraint('devices_warranty', sql`warranty_until >= purchased_on`)
    .addCheckConstraint('devices_instalments', sql`(instalment_remaining_cents is null) = (instalment_last_on is null)`)
    .execute();
  // a device is known by its line and IMEI: a refurbished handset sold again is another line's device
  await db.schema.createIndex('devices_line_imei').on('devices').columns(['line_id', 'imei']).unique().execute();
  // whose is this IMEI (a handset reported stolen)
  await db.schema.createIndex('devices_imei').on('devices').column('imei').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('devices').execute();
}
