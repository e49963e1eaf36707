import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * The starting survey texts this migration seeds, in the operator's four languages. {min} and {max}
 * are replaced by the scale. Every text uses only GSM 03.38 characters (no ê, ë, ç or typographic
 * apostrophe) and the first message (question and comment invitation) fits one SMS in each language.
 * A migration reads no live code: these texts stay as they were seeded whatever the surveys module becomes.
 */
export const DEFAULT_TEXTS = {
  fr: {
    question: 'Merci pour votre appel. De {min} à {max}, quelle note donnez-vous à notre service client ? Réponse gratuite. STOP: plus de sondage',
    resolvedQuestion: 'Votre demande a-t-elle été résolue ? Répondez oui ou non avec votre note.',
    commentInvite: 'Un mot ? Ajoutez-le après la note.',
    thanks: 'Merci pour votre réponse ! Elle nous aide à améliorer notre service.',
    clarification: "Nous n'avons pas compris votre réponse. Merci de répondre par un seul chiffre de {min} à {max}.",
    optOutConfirmation: "C'est noté : vous ne recevrez plus nos sondages de satisfaction. START pour les recevoir à nouveau.",
    optInConfirmation: "C'est noté : vous recevrez à nouveau nos sondages de satisfaction.",
  },
  de: {
    question: 'Danke für Ihren Anruf. Wie bewerten Sie unseren Kundenservice von {min} bis {max}? Antwort kostenlos. STOPP: keine Umfragen mehr',
    resolvedQuestion: 'Wurde Ihr Anliegen gelöst? Antworten Sie mit ja oder nein und Ihrer Note.',
    commentInvite: 'Ein Wort dazu? Nach der Note.',
    thanks: 'Vielen Dank für Ihre Antwort! Sie hilft uns, besser zu werden.',
    clarification: 'Wir haben Ihre Antwort nicht verstanden. Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    optOutConfirmation: 'Erledigt: Sie erhalten keine Zufriedenheitsumfragen mehr. START, um sie wieder zu erhalten.',
    optInConfirmation: 'Erledigt: Sie erhalten wieder unsere Zufriedenheitsumfragen.',
  },
  en: {
    question: 'Thank you for calling. From {min} to {max}, how would you rate our customer service? Free reply. STOP: no more surveys',
    resolvedQuestion: 'Was your request resolved? Reply yes or no with your score.',
    commentInvite: 'A comment? Add it after the score.',
    thanks: 'Thank you for your answer! It helps us improve.',
    clarification: 'We did not understand your reply. Please answer with one number from {min} to {max}.',
    optOutConfirmation: 'Done: you will receive no more satisfaction surveys. START to receive them again.',
    optInConfirmation: 'Done: you will receive our satisfaction surveys again.',
  },
  lb: {
    question: 'Merci fir Ären Uruff. Vun {min} bis {max}, wéi eng Note gitt Dir eisem Clientsservice? Äntwert gratis. STOP: keng Froe méi',
    resolvedQuestion: 'Gouf Är Ufro geléist? Äntwert mat jo oder neen an Ärer Note.',
    commentInvite: 'E Wuert? No der Note.',
    thanks: 'Villmools merci fir Är Äntwert!',
    clarification: 'Mir hunn Är Äntwert net verstanen. Äntwert w.e.g. mat enger Zuel vun {min} bis {max}.',
    optOutConfirmation: 'Ass notéiert: Dir kritt keng Froe méi iwwer eise Service. START fir se nees ze kréien.',
    optInConfirmation: 'Ass notéiert: Dir kritt nees eis Froen iwwer eise Service.',
  },
};

const DEFAULT_DEFINITION_ID = '01900000-0000-7000-8000-000000000001';
const DEFAULT_VERSION_ID = '01900000-0000-7000-8000-000000000002';
const DEFAULT_RULES_ID = '01900000-0000-7000-8000-000000000003';

/**
 * SMS surveys: definitions and their immutable versions, the rules of who is asked when, every
 * decision with its reason, the surveys sent, the message log, replies, responses, opt-outs,
 * and the transactional outbox the worker drains.
 */
export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('survey_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('current_version_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('survey_definitions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('scale_min', 'integer', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('promoter_min', 'integer', (c) => c.notNull())
    .addColumn('detractor_max', 'integer', (c) => c.notNull())
    .addColumn('ask_resolved', 'integer', (c) => c.notNull())
    .addColumn('ask_comment', 'integer', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('survey_versions_definition_version', ['definition_id', 'version'])
    .execute();

  await db.schema
    .createTable('survey_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('survey_definitions.id'))
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('delay_minutes', 'integer', (c) => c.notNull())
    .addColumn('sampling_percent', 'integer', (c) => c.notNull())
    .addColumn('quarantine_days', 'integer', (c) => c.notNull())
    .addColumn('quiet_start', 'text', (c) => c.notNull())
    .addColumn('quiet_end', 'text', (c) => c.notNull())
    .addColumn('quiet_sundays', 'integer', (c) => c.notNull())
    .addColumn('skip_landlines', 'integer', (c) => c.notNull())
    .addColumn('min_duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('skip_business', 'integer', (c) => c.notNull())
    .addColumn('open_hours', 'integer', (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interaction_id', 'text', (c) => c.notNull().unique().references('interactions.id'))
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('send_after', ms, (c) => c.notNull())
    .addColumn('sent_at', ms)
    .addColumn('open_until', ms)
    .addColumn('clarifications', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('advisor_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('site_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('surveys_msisdn_sent').on('surveys').columns(['msisdn', 'sent_at']).execute();
  await db.schema.createIndex('surveys_party_created').on('surveys').columns(['party_id', 'created_at']).execute();

  await db.schema
    .createTable('survey_decisions')
    .addColumn('interaction_id', 'text', (c) => c.primaryKey().references('interactions.id'))
    .addColumn('decided_at', ms, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('survey', 'skipped')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'text')
    .addColumn('rules_id', 'text')
    .execute();
  await db.schema.createIndex('survey_decisions_decided').on('survey_decisions').column('decided_at').execute();

  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.references('surveys.id'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('out', 'in')`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('parts', 'integer')
    .addColumn('gateway_ids', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sms_messages_created').on('sms_messages').column('created_at').execute();
  await db.schema.createIndex('sms_messages_msisdn').on('sms_messages').columns(['msisdn', 'created_at']).execute();
  await db.schema.createIndex('sms_messages_survey').on('sms_messages').column('survey_id').execute();

  await db.schema
    .createTable('sms_gateway_ids')
    .addColumn('gateway_id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('sms_messages.id'))
    .execute();

  // A receipt can arrive before the submit's acknowledgement is stored: it waits here until it is.
  await db.schema
    .createTable('sms_early_receipts')
    .addColumn('gateway_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.references('surveys.id'))
    .addColumn('msisdn', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('parse', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_replies_survey').on('survey_replies').column('survey_id').execute();
  await db.schema.createIndex('survey_replies_received').on('survey_replies').columns(['outcome', 'received_at']).execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().unique().references('surveys.id'))
    .addColumn('interaction_id', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('scale_min', 'integer', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('promoter_min', 'integer', (c) => c.notNull())
    .addColumn('detractor_max', 'integer', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('resolved', 'integer')
    .addColumn('comment', 'text')
    .addColumn('language', 'text')
    .addColumn('sent_at', ms, (c) => c.notNull())
    .addColumn('received_at', ms, (c) => c.notNull())
    .addColumn('advisor_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('site_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text')
    .addColumn('interaction_started_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_responses_received').on('survey_responses').column('received_at').execute();
  await db.schema.createIndex('survey_responses_party').on('survey_responses').columns(['party_id', 'received_at']).execute();

  await db.schema
    .createTable('opt_outs')
    .addColumn('msisdn', 'text', (c) => c.primaryKey())
    .addColumn('opted_out_at', ms, (c) => c.notNull())
    .addColumn('keyword', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', caps.identityKey.type, caps.identityKey.define)
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('run_after', ms, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', ms)
    .addColumn('last_error', 'text')
    .addColumn('done_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outbox_pending').on('outbox').columns(['done_at', 'run_after']).execute();
  await db.schema.createIndex('outbox_topic_ref').on('outbox').columns(['topic', 'ref_id']).unique().execute();

  // The operator's survey: 1-10, promoters 9-10, detractors 1-6, after phone contacts.
  const now = Date.now();
  await db.insertInto('survey_definitions').values({ id: DEFAULT_DEFINITION_ID, name: 'after-contact', current_version_id: DEFAULT_VERSION_ID, created_at: now }).execute();
  await db
    .insertInto('survey_versions')
    .values({
      id: DEFAULT_VERSION_ID, definition_id: DEFAULT_DEFINITION_ID, version: 1, scale_min: 1, scale_max: 10,
      promoter_min: 9, detractor_max: 6, ask_resolved: 0, ask_comment: 1, texts: JSON.stringify(DEFAULT_TEXTS),
      created_at: now, created_by: null,
    })
    .execute();
  await db
    .insertInto('survey_rules')
    .values({
      id: DEFAULT_RULES_ID, definition_id: DEFAULT_DEFINITION_ID, active: 1, channels: JSON.stringify(['phone']),
      delay_minutes: 15, sampling_percent: 100, quarantine_days: 30, quiet_start: '20:00', quiet_end: '09:00',
      quiet_sundays: 1, skip_landlines: 1, min_duration_seconds: 20, skip_business: 0, open_hours: 72, updated_at: now,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'outbox', 'opt_outs', 'survey_responses', 'survey_replies', 'sms_early_receipts', 'sms_gateway_ids', 'sms_messages',
    'survey_decisions', 'surveys', 'survey_rules', 'survey_versions', 'survey_definitions',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
