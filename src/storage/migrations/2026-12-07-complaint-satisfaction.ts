import type { Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * The satisfaction survey about the handling of a complaint (docs/complaints.md, "After closure"): a
 * survey definition of its own (`purpose` 'complaint', the contact survey's being 'contact'), with
 * its own versions and basis, and the surveys it asks in a table of their own, so that no figure of
 * the contact NPS can ever count them. Version 1 in French, German, English and Luxembourgish
 * (frozen here, like every seeded text): {reference} stands for the complaint's reference.
 */
export const COMPLAINT_SURVEY_TEXTS = {
  fr: {
    question: 'Votre réclamation {reference} est close. De {min} à {max}, quelle note donnez-vous à son traitement ? Réponse gratuite. STOP: plus de sondage',
    commentInvite: 'Un mot ? Ajoutez-le après la note.',
    thanks: 'Merci pour votre réponse ! Elle nous aide à mieux traiter les réclamations.',
    clarification: "Nous n'avons pas compris votre réponse. Merci de répondre par un seul chiffre de {min} à {max}.",
    optOutConfirmation: "C'est noté : vous ne recevrez plus nos sondages de satisfaction. START pour les recevoir à nouveau.",
    optInConfirmation: "C'est noté : vous recevrez à nouveau nos sondages de satisfaction.",
  },
  de: {
    question: 'Ihre Beschwerde {reference} ist abgeschlossen. Wie bewerten Sie ihre Bearbeitung von {min} bis {max}? Antwort kostenlos. STOPP: keine Umfragen mehr',
    commentInvite: 'Ein Wort dazu? Nach der Note.',
    thanks: 'Vielen Dank für Ihre Antwort! Sie hilft uns, Beschwerden besser zu bearbeiten.',
    clarification: 'Wir haben Ihre Antwort nicht verstanden. Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    optOutConfirmation: 'Erledigt: Sie erhalten keine Zufriedenheitsumfragen mehr. START, um sie wieder zu erhalten.',
    optInConfirmation: 'Erledigt: Sie erhalten wieder unsere Zufriedenheitsumfragen.',
  },
  en: {
    question: 'Your complaint {reference} is closed. From {min} to {max}, how would you rate the way we handled it? Free reply. STOP: no more surveys',
    commentInvite: 'A comment? Add it after the score.',
    thanks: 'Thank you for your answer! It helps us handle complaints better.',
    clarification: 'We did not understand your reply. Please answer with one number from {min} to {max}.',
    optOutConfirmation: 'Done: you will receive no more satisfaction surveys. START to receive them again.',
    optInConfirmation: 'Done: you will receive our satisfaction surveys again.',
  },
  lb: {
    question: 'Är Reklamatioun {reference} ass ofgeschloss. Vun {min} bis {max}, wéi eng Note gitt Dir hirer Behandlung? Äntwert gratis. STOP: keng Froe méi',
    commentInvite: 'E Wuert? No der Note.',
    thanks: 'Villmools merci fir Är Äntwert!',
    clarification: 'Mir hunn Är Äntwert net verstanen. Äntwert w.e.g. mat enger Zuel vun {min} bis {max}.',
    optOutConfirmation: 'Ass notéiert: Dir kritt keng Froe méi iwwer eise Service. START fir se nees ze kréien.',
    optInConfirmation: 'Ass notéiert: Dir kritt nees eis Froen iwwer eise Service.',
  },
};

const SATISFACTION_COUNTS = ['satisfaction_answered', 'satisfaction_promoters', 'satisfaction_detractors'];

export const COMPLAINT_DEFINITION_ID = '01900000-0000-7000-8000-000000000011';
const COMPLAINT_VERSION_ID = '01900000-0000-7000-8000-000000000012';

export async function up(db: Kysely<any>, caps: StorageCapabilities): Promise<void> {
  const ms = caps.engine === 'postgres' ? 'bigint' : 'integer';
  await db.schema.alterTable('survey_definitions').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('contact')).execute();
  await db.schema
    .createTable('complaint_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // the event that closed the complaint: one survey per closing, however often its job runs
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('party_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull().references('survey_versions.id'))
    .addColumn('msisdn', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sms_id', 'text')
    .addColumn('closed_at', ms, (c) => c.notNull())
    .addColumn('sent_at', ms)
    .addColumn('open_until', ms)
    .addColumn('clarifications', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scale_min', 'integer', (c) => c.notNull())
    .addColumn('scale_max', 'integer', (c) => c.notNull())
    .addColumn('promoter_min', 'integer', (c) => c.notNull())
    .addColumn('detractor_max', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('category', 'text')
    .addColumn('comment', 'text')
    .addColumn('received_at', ms)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_surveys_msisdn').on('complaint_surveys').columns(['msisdn', 'sent_at']).execute();
  await db.schema.createIndex('complaint_surveys_case').on('complaint_surveys').columns(['case_id']).execute();
  await db.schema.createIndex('complaint_surveys_party').on('complaint_surveys').columns(['party_id']).execute();
  await db.schema.createIndex('complaint_surveys_received').on('complaint_surveys').columns(['received_at']).execute();
  await db.schema.alterTable('survey_replies').addColumn('complaint_survey_id', 'text').execute();
  // The complaints report counts the answers by the category each complaint's last answer is in.
  await db.schema.alterTable('complaint_facts').addColumn('satisfaction', 'text').execute();
  for (const column of SATISFACTION_COUNTS) await db.schema.alterTable('complaint_counts').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // The operator's complaint-handling survey: 1-10 on the operator's basis (promoters 9-10, detractors 1-6).
  const now = Date.now();
  await db.insertInto('survey_definitions').values({ id: COMPLAINT_DEFINITION_ID, name: 'after-complaint', purpose: 'complaint', current_version_id: COMPLAINT_VERSION_ID, created_at: now }).execute();
  await db
    .insertInto('survey_versions')
    .values({
      id: COMPLAINT_VERSION_ID, definition_id: COMPLAINT_DEFINITION_ID, version: 1, scale_min: 1, scale_max: 10,
      promoter_min: 9, detractor_max: 6, ask_resolved: 0, ask_comment: 1, texts: JSON.stringify(COMPLAINT_SURVEY_TEXTS),
      created_at: now, created_by: null,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of SATISFACTION_COUNTS) await db.schema.alterTable('complaint_counts').dropColumn(column).execute();
  await db.schema.alterTable('complaint_facts').dropColumn('satisfaction').execute();
  await db.schema.alterTable('survey_replies').dropColumn('complaint_survey_id').execute();
  await db.schema.dropTable('complaint_surveys').execute();
  await db.deleteFrom('survey_versions').where('definition_id', '=', COMPLAINT_DEFINITION_ID).execute();
  await db.deleteFrom('survey_definitions').where('id', '=', COMPLAINT_DEFINITION_ID).execute();
  await db.schema.alterTable('survey_definitions').dropColumn('purpose').execute();
}
