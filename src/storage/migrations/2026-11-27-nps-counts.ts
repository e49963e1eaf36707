import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/** Score columns s0 … s10: every scale Ecoute accepts (0-10, 1-10) fits in them. */
export const SCORE_COLUMNS = Array.from({ length: 11 }, (_, i) => `s${i}`);

/**
 * NPS aggregates kept up to date as surveys are sent and answered (src/nps/counts-batch.ts):
 * counts per score per contact day (per month for pairs of dimensions) per dimension key, so a dashboard reads periods × groups rows,
 * never the responses. Surveys get the two facts they lacked for that: the account segment and the
 * contact's start (its day is the day a survey figure belongs to). Responses get the analysis of
 * their comment (language, sentiment, topics with their spans).
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  // Where the engine can, rows live in their primary key's B-tree: one write per change, not two.
  const clustered = caps.clusteredTable ?? sql``;
  await db.schema.alterTable('surveys').addColumn('segment', 'text').execute();
  await db.schema.alterTable('surveys').addColumn('contact_started_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await sql`
    update surveys set
      contact_started_at = (select i.started_at from interactions i where i.id = surveys.interaction_id),
      segment = coalesce(
        (select a.segment from interactions i join accounts a on a.id = i.account_id where i.id = surveys.interaction_id),
        case when exists (select 1 from accounts a where a.party_id = surveys.party_id and a.segment = 'business') then 'business' else 'residential' end
      )
  `.execute(db);

  await db.schema.alterTable('survey_responses').addColumn('text_language', 'text').execute();
  await db.schema.alterTable('survey_responses').addColumn('sentiment', 'real').execute();
  await db.schema.alterTable('survey_responses').addColumn('topics', 'text').execute();
  // Verbatims are listed by contact time, newest first. Figures no longer scan responses by
  // reception time (the aggregates replace that), so that index goes.
  await db.schema.createIndex('survey_responses_contact').on('survey_responses').columns(['interaction_started_at', 'id']).execute();
  await db.schema.dropIndex('survey_responses_received').execute();

  let counts = db.schema
    .createTable('nps_counts')
    .addColumn('dims', 'text', (c) => c.notNull())
    .addColumn('key1', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('key2', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unparsed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_yes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_no', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of SCORE_COLUMNS) counts = counts.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  await counts.addPrimaryKeyConstraint('nps_counts_pk', ['dims', 'key1', 'day', 'key2', 'basis']).modifyEnd(clustered).execute();

  let topics = db.schema
    .createTable('topic_counts')
    .addColumn('dims', 'text', (c) => c.notNull())
    .addColumn('key1', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('negative', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of SCORE_COLUMNS) topics = topics.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
  await topics.addPrimaryKeyConstraint('topic_counts_pk', ['dims', 'key1', 'day', 'topic', 'basis']).modifyEnd(clustered).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('topic_counts').ifExists().execute();
  await db.schema.dropTable('nps_counts').ifExists().execute();
}
