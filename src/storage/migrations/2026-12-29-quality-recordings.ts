import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The recordings of contacts (docs/quality.md, "Recordings"): one per contact, its bytes in the blob
 * store (a key, never a path), what it is (format, media type, size, duration, sample rate, channels,
 * SHA-256) and its waveform's peaks computed on the server (JSON); and the spans marked redacted,
 * which are silenced in the stored audio and never played again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interaction_id', 'text', (c) => c.notNull().unique().references('interactions.id'))
    .addColumn('blob_key', 'text', (c) => c.notNull().unique())
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('wav', 'mp3', 'opus')`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes >= 0`))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms >= 0`))
    .addColumn('sample_rate', 'integer', (c) => c.notNull())
    .addColumn('channels', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('peaks', 'text', (c) => c.notNull())
    .addColumn('stored_at', ms, (c) => c.notNull())
    .execute();
  // the retention purge: the oldest first
  await db.schema.createIndex('recordings_stored_at').on('recordings').columns(['stored_at']).execute();
  await db.schema
    .createTable('recording_redactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('recording_id', 'text', (c) => c.notNull().references('recordings.id').onDelete('cascade'))
    .addColumn('start_ms', 'integer', (c) => c.notNull().check(sql`start_ms >= 0`))
    .addColumn('end_ms', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('created_by_kind', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addCheckConstraint('recording_redactions_span', sql`end_ms > start_ms`)
    .execute();
  await db.schema.createIndex('recording_redactions_recording').on('recording_redactions').columns(['recording_id', 'start_ms']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recording_redactions').ifExists().execute();
  await db.schema.dropTable('recordings').ifExists().execute();
}
