import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The files attached to complaints (docs/complaints.md, "Attachments"): what each is (its name as
 * shown, the type found in its content, size, SHA-256), where its bytes are (a key of the blob store,
 * never a path), who attached it and when, and, for one removed, who removed it, when and why. A
 * removed attachment keeps its row; only an erasure deletes rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('complaint_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.case_id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_at', ms, (c) => c.notNull())
    .addColumn('uploaded_by_kind', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'text', (c) => c.notNull())
    .addColumn('deleted_at', ms)
    .addColumn('deleted_by_kind', 'text')
    .addColumn('deleted_by_id', 'text')
    .addColumn('deletion_reason', 'text')
    .execute();
  // a complaint's attachments in the order they came; the live ones counted against the limit
  await db.schema.createIndex('complaint_attachments_complaint').on('complaint_attachments').columns(['complaint_id', 'uploaded_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_attachments').ifExists().execute();
}
