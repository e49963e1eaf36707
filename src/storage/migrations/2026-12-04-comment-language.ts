import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A response's comment has one language, in one column: `language` takes the language the comment
 * is written in (as read by src/text, the one the verbatims show), and `text_language`, where that
 * value lived, goes. The language the reply parser read from the whole reply stays in the reply's
 * parse (`survey_replies.parse`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update survey_responses set language = text_language`.execute(db);
  await db.schema.alterTable('survey_responses').dropColumn('text_language').execute();
}

/** Puts the column back with the comment's language; the reply parser's language is not restored. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_responses').addColumn('text_language', 'text').execute();
  await sql`update survey_responses set text_language = language`.execute(db);
}
