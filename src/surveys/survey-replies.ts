import type { Kysely } from 'kysely';
import { optOutKeys } from '../shared/number-hash.js';
import { normalizePhone } from '../shared/phone.js';
import { categoryOf } from '../nps/statistics.js';
import { countResponse, countUnparsed } from '../nps/survey-facts.js';
import { newId } from '../shared/ids.js';
import type { Database, Flag, Language } from '../storage/schema.js';
import type { InboundSms } from '../sms/gateway.js';
import { analyseText } from '../text/index.js';
import { followUpAnswer } from '../followups/followup-opening.js';
import { answerComplaintSurvey, latestComplaintSurvey } from './complaint-satisfaction.js';
import { parseReply } from './reply-parser.js';
import { getVersion, surveyText, type SurveyTexts } from './survey-definitions.js';
import { automaticSmsSince, CAP_WINDOW_MS, DEFAULT_AUTO_REPLIES_PER_DAY, type AutomaticPurpose } from '../notifications/automatic-sms.js';
import { queueSms } from '../notifications/sms-submission.js';

/** What became of a reply. */
export type ReplyOutcome = 'answer' | 'clarification' | 'unparsed' | 'late' | 'after_answer' | 'opt_out' | 'opt_in' | 'unmatched';

const OPT_SCALE = { min: 0, max: 10 };

export interface InboundOptions {
  /** automatic SMS (confirmations, thanks, clarifications) to one number in any 24 hours at most */
  autoRepliesPerDay?: number;
  /** key of the hash an erased customer's opt-out is kept as: START lifts that one too */
  numberKey?: string;
}

/**
 * An SMS from a customer: matched by number to the survey it was asked last (about a contact, or
 * about a complaint's handling), parsed, and stored whatever it says (the raw text is always kept). STOP/START change the opt-out whatever the
 * survey; a reply that cannot be read gets one clarification SMS, then is kept as unparsed.
 *
 * Nothing here can start a conversation with a machine: an opt-out is confirmed when it changes
 * something (a STOP from a number already opted out gets no new confirmation, a START from a number
 * not opted out none either), and the automatic SMS to one number are capped in any 24 hours
 * (`autoRepliesPerDay`, with the notifications: AUTOMATIC_PURPOSES): a number that answers every SMS
 * (an auto-responder) gets a bounded number.
 */
export async function handleInboundSms(
  db: Kysely<Database>,
  sms: InboundSms,
  options: InboundOptions = {},
): Promise<{ outcome: ReplyOutcome; surveyId: string | null }> {
  const cap = options.autoRepliesPerDay ?? DEFAULT_AUTO_REPLIES_PER_DAY;
  const { numberKey } = options;
  const phone = normalizePhone(sms.from);
  const msisdn = phone.ok ? phone.e164 : sms.from;
  const now = sms.receivedAt;
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sms_messages')
      .values({
        id: newId(), survey_id: null, direction: 'in', purpose: 'reply', msisdn, text: sms.text, status: 'received',
        encoding: null, parts: null, gateway_ids: null, error: null, attempts: 0, created_at: now, updated_at: now,
      })
      .execute();
    const contact = await trx
      .selectFrom('surveys')
      .selectAll()
      .where('msisdn', '=', msisdn)
      .where('sent_at', 'is not', null)
      .orderBy('sent_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    // The survey the number was asked last: about a contact, or about a complaint's handling.
    const complaintAsked = await latestComplaintSurvey(trx, msisdn);
    const aboutComplaint = complaintAsked !== undefined && (contact === undefined || Number(complaintAsked.sent_at) > Number(contact.sent_at));
    const survey = aboutComplaint ? undefined : contact;
    const complaintSurvey = aboutComplaint ? complaintAsked : undefined;
    const asked = survey ?? complaintSurvey;
    const version = asked ? await getVersion(trx, asked.version_id) : undefined;
    const language = (asked?.language ?? (await partyLanguage(trx, msisdn))) as Language;
    const parse = parseReply(sms.text, {
      scale: version?.scale ?? OPT_SCALE,
      expectResolved: version?.askResolved ?? false,
      languageHint: language,
    });
    const record = async (outcome: ReplyOutcome) => {
      await trx
        .insertInto('survey_replies')
        .values({
          id: newId(), survey_id: survey?.id ?? null, complaint_survey_id: complaintSurvey?.id ?? null, msisdn, text: sms.text, received_at: now, outcome,
          parse: JSON.stringify(parse),
        })
        .execute();
      return { outcome, surveyId: survey?.id ?? null };
    };
    const reply = async (key: keyof SurveyTexts, purpose: Exclude<AutomaticPurpose, 'notification'>) => {
      if ((await automaticSmsSince(trx, msisdn, now - CAP_WINDOW_MS)).count >= cap) return;
      const text = version ? surveyText(version, language, key) : await defaultText(trx, language, key);
      if (text) await queueSms(trx, { msisdn, text, purpose, surveyId: survey?.id ?? null }, now);
    };

    if (parse.kind === 'opt_out') {
      const inserted = await trx
        .insertInto('opt_outs')
        .values({ msisdn, opted_out_at: now, keyword: parse.keyword })
        .onConflict((oc) => oc.column('msisdn').doNothing())
        .executeTakeFirst();
      await trx
        .updateTable('surveys')
        .set({ status: 'cancelled', last_error: 'the number opted out' })
        .where('msisdn', '=', msisdn)
        .where('status', '=', 'scheduled')
        .execute();
      // Confirmed once: a STOP from a number already opted out changes nothing and gets no SMS.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) await reply('optOutConfirmation', 'opt_out_confirmation');
      return record('opt_out');
    }
    if (parse.kind === 'opt_in') {
      const deleted = await trx.deleteFrom('opt_outs').where('msisdn', 'in', numberKey ? optOutKeys(numberKey, [msisdn]) : [msisdn]).executeTakeFirst();
      if (Number(deleted.numDeletedRows) > 0) await reply('optInConfirmation', 'opt_in_confirmation');
      return record('opt_in');
    }
    if (!asked || !version) return record('unmatched');
    if (asked.status === 'answered' || asked.status === 'unparsed') return record('after_answer');
    if (asked.open_until !== null && now > asked.open_until) return record('late');
    const table = complaintSurvey ? 'complaint_surveys' : 'surveys';

    if (parse.kind === 'answer' && parse.score !== null && complaintSurvey) {
      // About a complaint's handling: its own survey and basis, never a contact's response (docs/complaints.md).
      await answerComplaintSurvey(trx, complaintSurvey, { score: parse.score, comment: parse.comment, receivedAt: now });
      await reply('thanks', 'thanks');
      return record('answer');
    }
    if (parse.kind === 'answer' && parse.score !== null && survey) {
      const resolved = parse.resolved === null ? null : ((parse.resolved ? 1 : 0) as Flag);
      const analysis = parse.comment ? analyseText(parse.comment, { languageHint: survey.language }) : null;
      const responseId = newId();
      await trx
        .insertInto('survey_responses')
        .values({
          id: responseId,
          survey_id: survey.id,
          interaction_id: survey.interaction_id,
          party_id: survey.party_id,
          version_id: survey.version_id,
          score: parse.score,
          scale_min: version.scale.min,
          scale_max: version.scale.max,
          promoter_min: version.promoterMin,
          detractor_max: version.detractorMax,
          category: categoryOf(parse.score, version),
          resolved,
          comment: parse.comment,
          language: analysis?.language ?? null,
          sent_at: survey.sent_at!,
          received_at: now,
          advisor_id: survey.advisor_id,
          team_id: survey.team_id,
          site_id: survey.site_id,
          channel: survey.channel,
          reason_code: survey.reason_code,
          interaction_started_at: survey.contact_started_at,
          sentiment: analysis?.sentiment.score ?? null,
          topics: analysis ? JSON.stringify(analysis.topics) : null,
        })
        .execute();
      await countResponse(trx, survey, { score: parse.score, resolved, topics: analysis?.topics ?? [] });
      // A detractor's answer opens its follow-up in this transaction: both are stored, or neither (docs/followups.md).
      await followUpAnswer(trx, {
        surveyId: survey.id, responseId, interactionId: survey.interaction_id, partyId: survey.party_id, score: parse.score,
        detractorMax: version.detractorMax, promoterMin: version.promoterMin, comment: parse.comment, receivedAt: now, teamId: survey.team_id, siteId: survey.site_id,
      });
      await trx.updateTable('surveys').set({ status: 'answered' }).where('id', '=', survey.id).execute();
      await reply('thanks', 'thanks');
      return record('answer');
    }
    if (asked.clarifications === 0) {
      await trx.updateTable(table).set({ clarifications: 1 }).where('id', '=', asked.id).execute();
      await reply('clarification', 'clarification');
      return record('clarification');
    }
    await trx.updateTable(table).set({ status: 'unparsed' }).where('id', '=', asked.id).execute();
    if (survey) await countUnparsed(trx, survey);
    return record('unparsed');
  });
}

async function partyLanguage(db: Kysely<Database>, msisdn: string): Promise<Language> {
  const owner = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .innerJoin('parties', 'parties.id', 'accounts.party_id')
    .select('parties.preferred_language')
    .where('lines.msisdn', '=', msisdn)
    .executeTakeFirst();
  return owner?.preferred_language ?? 'fr';
}

/** Texts of the current version of the first definition, for messages outside any survey (opt-out with no survey). */
async function defaultText(db: Kysely<Database>, language: Language, key: keyof SurveyTexts): Promise<string | null> {
  const definition = await db.selectFrom('survey_definitions').select('current_version_id').where('purpose', '=', 'contact').orderBy('created_at').executeTakeFirst();
  if (!definition?.current_version_id) return null;
  return surveyText(await getVersion(db, definition.current_version_id), language, key);
}
