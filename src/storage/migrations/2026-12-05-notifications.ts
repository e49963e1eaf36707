import { sql, type Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * The starting message templates this migration seeds (version 1 of each), in French, German and
 * English; a Luxembourgish reader gets French. Placeholders: {reference} (the case reference the
 * customer quotes), {receivedDate} (when the written complaint was received), {answerDate} (when the
 * final answer was sent), {dueDate} (when an answer is due), {outcome} (the answer as written for the
 * customer), {reviewUrl}. The SMS texts use only GSM 03.38 characters (no ê, ô, û, ç or typographic
 * apostrophe). A migration reads no live code: these texts stay as they were seeded whatever the
 * notifications module becomes; editing a template writes a new version.
 */
export const DEFAULT_TEMPLATES = {
  'complaint.acknowledged': {
    sms: {
      fr: 'Votre réclamation {reference} du {receivedDate} est bien enregistrée. Nous vous répondrons au plus tard le {dueDate}. Merci de citer cette référence si vous nous contactez.',
      de: 'Ihre Beschwerde {reference} vom {receivedDate} ist bei uns eingegangen. Wir antworten Ihnen spätestens am {dueDate}. Bitte nennen Sie diese Referenz, wenn Sie uns kontaktieren.',
      en: 'We have received your complaint {reference} of {receivedDate}. We will answer by {dueDate} at the latest. Please quote this reference when you contact us.',
    },
    email: {
      fr: {
        subject: 'Votre réclamation {reference} : accusé de réception',
        body: 'Bonjour,\n\nNous avons bien reçu votre réclamation le {receivedDate} et l’avons enregistrée sous la référence {reference}.\n\nNous l’examinons et vous répondrons au plus tard le {dueDate}. Merci de rappeler cette référence dans vos échanges avec nous.\n\nVotre service client',
      },
      de: {
        subject: 'Ihre Beschwerde {reference}: Eingangsbestätigung',
        body: 'Guten Tag,\n\nwir haben Ihre Beschwerde am {receivedDate} erhalten und unter der Referenz {reference} erfasst.\n\nWir prüfen sie und antworten Ihnen spätestens am {dueDate}. Bitte geben Sie diese Referenz an, wenn Sie uns schreiben.\n\nIhr Kundenservice',
      },
      en: {
        subject: 'Your complaint {reference}: acknowledgement',
        body: 'Hello,\n\nWe received your complaint on {receivedDate} and recorded it under the reference {reference}.\n\nWe are looking into it and will answer by {dueDate} at the latest. Please quote this reference whenever you contact us.\n\nYour customer service',
      },
    },
  },
  'complaint.answered': {
    sms: {
      fr: "Réclamation {reference}, notre réponse: {outcome} Si elle ne vous satisfait pas, vous pouvez demander une médiation à l'ILR (www.ilr.lu). La médiation suppose une réclamation écrite préalable auprès de l'opérateur et dure au plus 90 jours. Dates utiles: réclamation écrite enregistrée le {receivedDate}, réponse finale envoyée le {answerDate}.",
      de: 'Beschwerde {reference}, unsere Antwort: {outcome} Sind Sie damit nicht zufrieden, können Sie beim ILR (www.ilr.lu) eine Schlichtung beantragen. Sie setzt eine vorherige schriftliche Beschwerde beim Betreiber voraus und dauert höchstens 90 Tage. Für den Antrag: schriftliche Beschwerde eingegangen am {receivedDate}, endgültige Antwort versandt am {answerDate}.',
      en: 'Complaint {reference}, our answer: {outcome} If you are not satisfied, you may ask the ILR (www.ilr.lu) for mediation. Mediation requires a prior written complaint to the operator and lasts at most 90 days. For your request: written complaint received on {receivedDate}, final answer sent on {answerDate}.',
    },
    email: {
      fr: {
        subject: 'Votre réclamation {reference} : notre réponse',
        body:
          'Bonjour,\n\nVoici notre réponse à votre réclamation {reference} :\n\n{outcome}\n\n' +
          'Si cette réponse ne vous satisfait pas, vous pouvez demander une médiation à l’Institut Luxembourgeois de Régulation (ILR, www.ilr.lu). ' +
          'La médiation de l’ILR suppose que vous ayez d’abord adressé une réclamation écrite à l’opérateur ; elle dure au plus 90 jours. Votre demande à l’ILR indiquera :\n' +
          '- la date à laquelle nous avons reçu votre réclamation écrite : {receivedDate} ;\n- la date de notre réponse finale : {answerDate}.\n\nVotre service client',
      },
      de: {
        subject: 'Ihre Beschwerde {reference}: unsere Antwort',
        body:
          'Guten Tag,\n\nhier ist unsere Antwort auf Ihre Beschwerde {reference}:\n\n{outcome}\n\n' +
          'Sind Sie mit dieser Antwort nicht zufrieden, können Sie beim Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) eine Schlichtung beantragen. ' +
          'Die Schlichtung des ILR setzt voraus, dass Sie sich zuvor schriftlich beim Betreiber beschwert haben; sie dauert höchstens 90 Tage. Geben Sie in Ihrem Antrag an:\n' +
          '- das Datum, an dem wir Ihre schriftliche Beschwerde erhalten haben: {receivedDate};\n- das Datum unserer endgültigen Antwort: {answerDate}.\n\nIhr Kundenservice',
      },
      en: {
        subject: 'Your complaint {reference}: our answer',
        body:
          'Hello,\n\nHere is our answer to your complaint {reference}:\n\n{outcome}\n\n' +
          'If this answer does not satisfy you, you may ask the Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) for mediation. ' +
          'ILR mediation requires that you first made a written complaint to the operator; it lasts at most 90 days. Your request to the ILR will state:\n' +
          '- the date we received your written complaint: {receivedDate};\n- the date of our final answer: {answerDate}.\n\nYour customer service',
      },
    },
  },
  'complaint.eight-weeks': {
    sms: {
      fr: "Votre réclamation {reference}, enregistrée le {receivedDate}, n'a pas encore trouvé de solution. Vous pouvez dès maintenant demander une médiation à l'ILR (www.ilr.lu), sans attendre notre réponse. La médiation suppose une réclamation écrite préalable auprès de l'opérateur et dure au plus 90 jours. Nous poursuivons le traitement de votre demande.",
      de: 'Ihre Beschwerde {reference} vom {receivedDate} ist noch nicht gelöst. Sie können schon jetzt beim ILR (www.ilr.lu) eine Schlichtung beantragen, ohne unsere Antwort abzuwarten. Sie setzt eine vorherige schriftliche Beschwerde beim Betreiber voraus und dauert höchstens 90 Tage. Wir bearbeiten Ihre Beschwerde weiter.',
      en: 'Your complaint {reference} of {receivedDate} is not resolved yet. You may ask the ILR (www.ilr.lu) for mediation now, without waiting for our answer. Mediation requires a prior written complaint to the operator and lasts at most 90 days. We keep working on your complaint.',
    },
    email: {
      fr: {
        subject: 'Votre réclamation {reference} : votre droit à la médiation',
        body:
          'Bonjour,\n\nVotre réclamation {reference}, reçue le {receivedDate}, n’a pas encore trouvé de solution. Nous continuons à la traiter.\n\n' +
          'Sans attendre notre réponse finale, vous pouvez dès maintenant demander une médiation à l’Institut Luxembourgeois de Régulation (ILR, www.ilr.lu). ' +
          'La médiation de l’ILR suppose une réclamation écrite préalable auprès de l’opérateur ; elle dure au plus 90 jours. ' +
          'Votre demande indiquera la date à laquelle nous avons reçu votre réclamation écrite : {receivedDate}.\n\nVotre service client',
      },
      de: {
        subject: 'Ihre Beschwerde {reference}: Ihr Recht auf Schlichtung',
        body:
          'Guten Tag,\n\nIhre Beschwerde {reference}, eingegangen am {receivedDate}, ist noch nicht gelöst. Wir bearbeiten sie weiter.\n\n' +
          'Ohne unsere endgültige Antwort abzuwarten, können Sie schon jetzt beim Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) eine Schlichtung beantragen. ' +
          'Die Schlichtung des ILR setzt eine vorherige schriftliche Beschwerde beim Betreiber voraus; sie dauert höchstens 90 Tage. ' +
          'Geben Sie in Ihrem Antrag das Datum an, an dem wir Ihre schriftliche Beschwerde erhalten haben: {receivedDate}.\n\nIhr Kundenservice',
      },
      en: {
        subject: 'Your complaint {reference}: your right to mediation',
        body:
          'Hello,\n\nYour complaint {reference}, received on {receivedDate}, is not resolved yet. We keep working on it.\n\n' +
          'Without waiting for our final answer, you may now ask the Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) for mediation. ' +
          'ILR mediation requires a prior written complaint to the operator; it lasts at most 90 days. ' +
          'Your request will state the date we received your written complaint: {receivedDate}.\n\nYour customer service',
      },
    },
  },
  'followup.thanks': {
    sms: {
      fr: 'Merci pour votre réponse et votre confiance ! Votre avis encourage toute notre équipe du service client.',
      de: 'Danke für Ihre Antwort und Ihr Vertrauen! Ihre Meinung motiviert unser ganzes Kundenservice-Team.',
      en: 'Thank you for your answer and your trust! Your feedback means a lot to our whole customer service team.',
    },
    email: {
      fr: { subject: 'Merci pour votre confiance', body: 'Bonjour,\n\nMerci pour votre réponse et votre confiance ! Votre avis encourage toute notre équipe du service client.\n\nVotre service client' },
      de: { subject: 'Danke für Ihr Vertrauen', body: 'Guten Tag,\n\ndanke für Ihre Antwort und Ihr Vertrauen! Ihre Meinung motiviert unser ganzes Kundenservice-Team.\n\nIhr Kundenservice' },
      en: { subject: 'Thank you for your trust', body: 'Hello,\n\nThank you for your answer and your trust! Your feedback means a lot to our whole customer service team.\n\nYour customer service' },
    },
  },
  'followup.review-request': {
    sms: {
      fr: 'Merci pour votre excellente note ! Auriez-vous une minute pour partager votre avis ? {reviewUrl}',
      de: 'Danke für Ihre sehr gute Bewertung! Hätten Sie eine Minute, um Ihre Meinung zu teilen? {reviewUrl}',
      en: 'Thank you for your excellent score! Would you take a minute to share your opinion? {reviewUrl}',
    },
    email: {
      fr: { subject: 'Votre avis compte', body: 'Bonjour,\n\nMerci pour votre excellente note ! Auriez-vous une minute pour partager votre avis ?\n\n{reviewUrl}\n\nVotre service client' },
      de: { subject: 'Ihre Meinung zählt', body: 'Guten Tag,\n\ndanke für Ihre sehr gute Bewertung! Hätten Sie eine Minute, um Ihre Meinung zu teilen?\n\n{reviewUrl}\n\nIhr Kundenservice' },
      en: { subject: 'Your opinion counts', body: 'Hello,\n\nThank you for your excellent score! Would you take a minute to share your opinion?\n\n{reviewUrl}\n\nYour customer service' },
    },
  },
} as const;

/**
 * Outgoing messages (src/notifications): versioned templates per key, channel and language, the
 * notifications rendered from them (one per thing they are about, template and occasion) and the
 * e-mails sent.
 */
export async function up(db: Kysely<any>, _caps: StorageCapabilities): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('message_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('message_templates_version', ['key', 'channel', 'language', 'version'])
    .execute();

  await db.schema
    .createTable('email_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed')`))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('class', 'text', (c) => c.notNull().check(sql`class in ('survey', 'service', 'regulatory')`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('template_id', 'text', (c) => c.notNull().references('message_templates.id'))
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('ref_type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'waiting_quiet_hours', 'waiting_cap', 'released', 'failed')`))
    .addColumn('reason', 'text')
    .addColumn('next_attempt_at', ms)
    .addColumn('sms_id', 'text', (c) => c.references('sms_messages.id'))
    .addColumn('email_id', 'text', (c) => c.references('email_messages.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .addColumn('released_at', ms)
    // A job run twice, or the same event handled again, finds the notification it wrote: none is sent twice.
    .addUniqueConstraint('notifications_once', ['ref_type', 'ref_id', 'template_key', 'occasion'])
    .execute();
  await db.schema.createIndex('notifications_party').on('notifications').columns(['party_id', 'created_at']).execute();

  const now = Date.now();
  let n = 0;
  // Fixed ids: the same seeded version has the same id in every database.
  const id = () => `01900000-0000-7000-8002-${String(++n).padStart(12, '0')}`;
  const rows = Object.entries(DEFAULT_TEMPLATES).flatMap(([key, texts]) => [
    ...Object.entries(texts.sms).map(([language, body]) => ({ id: id(), key, channel: 'sms', language, version: 1, subject: null, body, created_at: now, created_by: null })),
    ...Object.entries(texts.email).map(([language, { subject, body }]) => ({ id: id(), key, channel: 'email', language, version: 1, subject, body, created_at: now, created_by: null })),
  ]);
  await db.insertInto('message_templates').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').ifExists().execute();
  await db.schema.dropTable('email_messages').ifExists().execute();
  await db.schema.dropTable('message_templates').ifExists().execute();
}
