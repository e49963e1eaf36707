import type { Kysely } from 'kysely';

/**
 * Detractor follow-ups (src/followups, docs/followups.md): the particulars of each follow-up case,
 * one per survey (the unique survey id is what keeps an answer from opening two), and the rules
 * that open, heat and route them, seeded with the defaults (frozen here: later edits go through the API).
 */
export const DEFAULT_FOLLOWUP_RULES_ID = 'default';

/** The seeded hot words per language, as a person writes them (they are compared folded, as whole words). */
const HOT_KEYWORDS = {
  fr: ['résilier', 'résiliation', 'résilie', 'avocat', 'ILR', 'réseaux sociaux', 'médiateur', 'plainte', 'tribunal', "changer d'opérateur"],
  de: ['kündigen', 'Kündigung', 'kündige', 'Anwalt', 'ILR', 'soziale Medien', 'Schlichtung', 'Beschwerde', 'Gericht', 'Anbieter wechseln'],
  en: ['cancel', 'cancellation', 'terminate', 'lawyer', 'ILR', 'social media', 'ombudsman', 'complaint', 'court', 'switch provider'],
  lb: ['kënnegen', 'Kënnegung', 'Affekot', 'ILR', 'sozial Medien', 'Plainte'],
};

export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('followups')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('survey_id', 'text', (c) => c.notNull().unique().references('surveys.id'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('interaction_id', 'text', (c) => c.notNull().references('interactions.id'))
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('hot_reasons', 'text', (c) => c.notNull())
    .addColumn('hot_keywords', 'text', (c) => c.notNull())
    .addColumn('routed_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', ms, (c) => c.notNull())
    .addColumn('deadline_at', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_reached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_attempt_at', ms)
    .addColumn('reached_at', ms)
    .addColumn('resolution', 'text')
    .addColumn('cause', 'text')
    .addColumn('cause_category', 'text')
    .addColumn('action_taken', 'text')
    .addColumn('complaint_id', 'text')
    .addColumn('escalated_at', ms)
    .addColumn('escalated_to', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('followups_opened').on('followups').columns(['opened_at', 'case_id']).execute();

  await db.schema
    .createTable('followup_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('detractor_max', 'integer')
    .addColumn('hot_score_max', 'integer', (c) => c.notNull())
    .addColumn('hot_keywords', 'text', (c) => c.notNull())
    .addColumn('hot_on_repeat', 'integer', (c) => c.notNull())
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    .addColumn('hot_deadline_days', 'integer', (c) => c.notNull())
    .addColumn('unreachable_after', 'integer', (c) => c.notNull())
    .addColumn('routing', 'text', (c) => c.notNull())
    .addColumn('thank_promoters', 'integer', (c) => c.notNull())
    .addColumn('review_url', 'text')
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db
    .insertInto('followup_rules')
    .values({
      id: DEFAULT_FOLLOWUP_RULES_ID, detractor_max: null, hot_score_max: 3, hot_keywords: JSON.stringify(HOT_KEYWORDS), hot_on_repeat: 1,
      deadline_days: 2, hot_deadline_days: 1, unreachable_after: 3, routing: JSON.stringify(['account_manager', 'team_lead', 'site_lead', 'team_queue']),
      thank_promoters: 0, review_url: null, updated_at: Date.now(), updated_by: null,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('followup_rules').ifExists().execute();
  await db.schema.dropTable('followups').ifExists().execute();
}
