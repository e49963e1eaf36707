import { sql, type Kysely } from 'kysely';

/**
 * Relational NPS studies run by external firms, imported from CSV (src/studies): one row per
 * study, period and segment, with its sample size, its NPS basis and its shares. Shown beside
 * Ecoute's own transactional NPS, never added to it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // double precision on both engines: PostgreSQL's real is 4 bytes and would not give back the shares written.
  const share = 'double precision';
  await db.schema
    .createTable('external_studies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('firm', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('segment', 'text')
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('scale_min', 'integer', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('promoter_min', 'integer', (c) => c.notNull())
    .addColumn('detractor_max', 'integer', (c) => c.notNull())
    .addColumn('promoters', share, (c) => c.notNull())
    .addColumn('passives', share, (c) => c.notNull())
    .addColumn('detractors', share, (c) => c.notNull())
    .addColumn('distribution', 'text')
    .addColumn('method', 'text')
    .addColumn('source_file', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute();
  // Both engines let rows with a null segment share a unique key: the index takes '' for "no segment".
  await sql`
    create unique index external_studies_study
    on external_studies (firm, name, period_start, period_end, coalesce(segment, ''))
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('external_studies').ifExists().execute();
}
