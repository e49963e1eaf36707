import type { Kysely } from 'kysely';
import type { StorageCapabilities } from '../database.js';

/**
 * The final answer to a complaint made by speaking (on the phone, in a shop): `complaint.answered`
 * gives the date "the written complaint" was received, which such a complaint does not have, and
 * the ILR's mediation needs a prior written complaint to the operator. This one says so: to ask for
 * mediation, first write to the operator, quoting the reference; the dates are those of the spoken
 * complaint and of the answer. Version 1 in French, German and English (frozen here, like every
 * seeded template); the SMS texts use only GSM 03.38 characters.
 */
export const ORAL_ANSWER_TEMPLATES = {
  'complaint.answered-oral': {
    sms: {
      fr:
        "Réclamation {reference}, notre réponse: {outcome} Si elle ne vous satisfait pas, vous pouvez demander une médiation à l'ILR (www.ilr.lu). " +
        "La médiation suppose une réclamation écrite préalable auprès de l'opérateur: écrivez-nous d'abord (lettre ou e-mail) en citant la référence {reference}. " +
        'Elle dure au plus 90 jours. Dates utiles: réclamation orale du {receivedDate}, réponse finale envoyée le {answerDate}.',
      de:
        'Beschwerde {reference}, unsere Antwort: {outcome} Sind Sie damit nicht zufrieden, können Sie beim ILR (www.ilr.lu) eine Schlichtung beantragen. ' +
        'Sie setzt eine vorherige schriftliche Beschwerde beim Betreiber voraus: schreiben Sie uns zuerst (Brief oder E-Mail) mit der Referenz {reference}. ' +
        'Sie dauert höchstens 90 Tage. Für den Antrag: mündliche Beschwerde eingegangen am {receivedDate}, endgültige Antwort versandt am {answerDate}.',
      en:
        'Complaint {reference}, our answer: {outcome} If you are not satisfied, you may ask the ILR (www.ilr.lu) for mediation. ' +
        'Mediation requires a prior written complaint to the operator: first write to us (letter or e-mail) quoting {reference}. ' +
        'It lasts at most 90 days. For your request: spoken complaint received on {receivedDate}, final answer sent on {answerDate}.',
    },
    email: {
      fr: {
        subject: 'Votre réclamation {reference} : notre réponse',
        body:
          'Bonjour,\n\nVoici notre réponse à la réclamation {reference} que vous nous avez présentée le {receivedDate} :\n\n{outcome}\n\n' +
          'Si cette réponse ne vous satisfait pas, vous pouvez demander une médiation à l’Institut Luxembourgeois de Régulation (ILR, www.ilr.lu). ' +
          'La médiation de l’ILR suppose que vous ayez d’abord adressé une réclamation écrite à l’opérateur : votre réclamation nous ayant été faite de vive voix, ' +
          'écrivez-nous d’abord (lettre ou e-mail) en citant la référence {reference}. La médiation dure au plus 90 jours. Dates utiles :\n' +
          '- votre réclamation orale : {receivedDate} ;\n- notre réponse finale : {answerDate}.\n\nVotre service client',
      },
      de: {
        subject: 'Ihre Beschwerde {reference}: unsere Antwort',
        body:
          'Guten Tag,\n\nhier ist unsere Antwort auf Ihre Beschwerde {reference} vom {receivedDate}:\n\n{outcome}\n\n' +
          'Sind Sie mit dieser Antwort nicht zufrieden, können Sie beim Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) eine Schlichtung beantragen. ' +
          'Die Schlichtung des ILR setzt voraus, dass Sie sich zuvor schriftlich beim Betreiber beschwert haben: Da Sie Ihre Beschwerde mündlich vorgebracht haben, ' +
          'schreiben Sie uns zuerst (Brief oder E-Mail) mit der Referenz {reference}. Die Schlichtung dauert höchstens 90 Tage. Für den Antrag:\n' +
          '- Ihre mündliche Beschwerde: {receivedDate};\n- unsere endgültige Antwort: {answerDate}.\n\nIhr Kundenservice',
      },
      en: {
        subject: 'Your complaint {reference}: our answer',
        body:
          'Hello,\n\nHere is our answer to the complaint {reference} you made on {receivedDate}:\n\n{outcome}\n\n' +
          'If this answer does not satisfy you, you may ask the Institut Luxembourgeois de Régulation (ILR, www.ilr.lu) for mediation. ' +
          'ILR mediation requires that you first made a written complaint to the operator: as you made your complaint in person, ' +
          'first write to us (letter or e-mail) quoting {reference}. Mediation lasts at most 90 days. For your request:\n' +
          '- your spoken complaint: {receivedDate};\n- our final answer: {answerDate}.\n\nYour customer service',
      },
    },
  },
} as const;

/** Seeds version 1 of the final answer to a spoken complaint. */
export async function up(db: Kysely<any>, _caps: StorageCapabilities): Promise<void> {
  const now = Date.now();
  let n = 0;
  // Fixed ids: the same seeded version has the same id in every database.
  const id = () => `01900000-0000-7000-8013-${String(++n).padStart(12, '0')}`;
  const rows = Object.entries(ORAL_ANSWER_TEMPLATES).flatMap(([key, texts]) => [
    ...Object.entries(texts.sms).map(([language, body]) => ({ id: id(), key, channel: 'sms', language, version: 1, subject: null, body, created_at: now, created_by: null })),
    ...Object.entries(texts.email).map(([language, { subject, body }]) => ({ id: id(), key, channel: 'email', language, version: 1, subject, body, created_at: now, created_by: null })),
  ]);
  await db.insertInto('message_templates').values(rows).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('message_templates').where('key', 'in', Object.keys(ORAL_ANSWER_TEMPLATES)).where('version', '=', 1).execute();
}
