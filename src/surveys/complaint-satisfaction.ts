import type { Kysely, Selectable } from 'kysely';
import { recordComplaintFact } from '../complaints/complaint-facts.js';
import type { JobResult } from '../jobs/worker.js';
import { CLASS_RULES } from '../notifications/message-classes.js';
import { optedOutNumbers } from '../notifications/opt-out-check.js';
import { partyMobiles } from '../notifications/recipients.js';
import { queueSms } from '../notifications/sms-submission.js';
import { categoryOf } from '../nps/statistics.js';
import { newId } from '../shared/ids.js';
import { isQuiet, nextSendTime } from '../shared/quiet-hours.js';
import type { ComplaintSurveyTable, Database, Language } from '../storage/schema.js';
import { getVersion, surveyMessage, type SurveyVersion } from './survey-definitions.js';
import { activeRules } from './survey-rules.js';

const DONE: JobResult = { done: true };

/** A complaint survey as stored. */
export type ComplaintSurveyRow = Selectable<ComplaintSurveyTable>;

/** Why a closed complaint's customer was not asked. */
export type ComplaintSurveySkip = 'surveys-off' | 'no-mobile' | 'opted-out' | 'consent-withdrawn' | 'too-late';

/** Hours a complaint survey accepts replies when the survey rules do not say (their `openHours`). */
const DEFAULT_OPEN_HOURS = 72;

/** The current version of the complaint-handling survey (the definition whose purpose is 'complaint'). */
export async function complaintSurveyVersion(db: Kysely<Database>): Promise<SurveyVersion | undefined> {
  const definition = await db.selectFrom('survey_definitions').select('current_version_id').where('purpose', '=', 'complaint').orderBy('created_at').executeTakeFirst();
  return definition?.current_version_id ? getVersion(db, definition.current_version_id) : undefined;
}

/**
 * Handler of `complaint.closed` (its ref: the closing event): asks the complainant, by SMS, how
 * satisfied they are with the handling of their complaint (docs/complaints.md, "After closure").
 * The survey machinery's own rules: the survey rules' quiet hours (the job waits for their end) and
 * open hours, no survey while surveys are switched off, a number's STOP and a customer's withdrawn
 * consent stop it, and a question that could only leave later than the open hours after the closing
 * is not sent. One survey per closing, however
 * often the job runs; a customer who is not asked gets a `skipped` row that says why.
 */
export async function askComplaintSatisfaction(db: Kysely<Database>, eventId: string, options: { numberKey: string; now?: number }): Promise<JobResult> {
  const now = options.now ?? Date.now();
  const event = await db.selectFrom('case_events').select(['case_id', 'to_state', 'at']).where('id', '=', eventId).executeTakeFirst();
  if (!event || event.to_state !== 'closed') return DONE;
  if (await db.selectFrom('complaint_surveys').select('id').where('event_id', '=', eventId).executeTakeFirst()) return DONE;
  const complaint = await db
    .selectFrom('complaints')
    .innerJoin('cases', 'cases.id', 'complaints.case_id')
    .select(['cases.party_id', 'complaints.reference', 'complaints.language'])
    .where('complaints.case_id', '=', event.case_id)
    .executeTakeFirst();
  const version = await complaintSurveyVersion(db);
  if (!complaint?.party_id || !version) return DONE;
  // The survey rules' quiet hours and open hours, as for a contact's survey.
  const rules = await activeRules(db);
  const quiet = rules ?? CLASS_RULES.survey.quietHours;
  if (quiet && isQuiet(now, quiet)) return { done: false, retryAt: nextSendTime(now, quiet), error: 'quiet hours of surveys: postponed' };

  const openHours = rules?.openHours ?? DEFAULT_OPEN_HOURS;
  const msisdn = (await partyMobiles(db, [complaint.party_id])).get(complaint.party_id) ?? null;
  const party = await db.selectFrom('parties').select('consent_surveys').where('id', '=', complaint.party_id).executeTakeFirst();
  let skip: ComplaintSurveySkip | undefined;
  if (rules && !rules.active) skip = 'surveys-off';
  else if (now - Number(event.at) > openHours * 3_600_000) skip = 'too-late';
  else if (party?.consent_surveys !== 1) skip = 'consent-withdrawn';
  else if (!msisdn) skip = 'no-mobile';
  else if ((await optedOutNumbers(db, [msisdn], options.numberKey)).has(msisdn)) skip = 'opted-out';

  const language = complaint.language as Language;
  await db.transaction().execute(async (trx) => {
    const row = {
      id: newId(), case_id: event.case_id, event_id: eventId, party_id: complaint.party_id!, version_id: version.id, msisdn, language,
      closed_at: Number(event.at), scale_min: version.scale.min, scale_max: version.scale.max, promoter_min: version.promoterMin, detractor_max: version.detractorMax,
      score: null, category: null, comment: null, received_at: null, created_at: now, sms_id: null,
    };
    const asking = !skip && msisdn !== null;
    const values = asking
      ? { ...row, status: 'sent' as const, sent_at: now, open_until: now + openHours * 3_600_000, last_error: null }
      : { ...row, status: 'skipped' as const, sent_at: null, open_until: null, last_error: skip ?? 'no-mobile' };
    // The same closing asked twice at once (two workers): one row, one question; the other does nothing.
    const inserted = await trx.insertInto('complaint_surveys').values(values).onConflict((oc) => oc.column('event_id').doNothing()).executeTakeFirst();
    if (!asking || Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return;
    const text = surveyMessage(version, language).replaceAll('{reference}', complaint.reference);
    const smsId = await queueSms(trx, { msisdn: msisdn!, text, purpose: 'complaint_survey', surveyId: null }, now);
    await trx.updateTable('complaint_surveys').set({ sms_id: smsId }).where('id', '=', row.id).execute();
  });
  return DONE;
}

/** The complaint survey a number was asked last, if any was sent to it. */
export function latestComplaintSurvey(db: Kysely<Database>, msisdn: string): Promise<ComplaintSurveyRow | undefined> {
  return db
    .selectFrom('complaint_surveys')
    .selectAll()
    .where('msisdn', '=', msisdn)
    .where('sent_at', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Records the answer to a complaint survey (inside the reply's transaction): its score on the survey's own basis, the comment, and the complaint's fact of the report. */
export async function answerComplaintSurvey(
  trx: Kysely<Database>,
  survey: ComplaintSurveyRow,
  answer: { score: number; comment: string | null; receivedAt: number },
): Promise<void> {
  const category = categoryOf(answer.score, { promoterMin: survey.promoter_min, detractorMax: survey.detractor_max });
  await trx
    .updateTable('complaint_surveys')
    .set({ status: 'answered', score: answer.score, category, comment: answer.comment, received_at: answer.receivedAt })
    .where('id', '=', survey.id)
    .execute();
  // The complaints report counts it, in the same transaction (docs/complaints.md, "Reports").
  await recordComplaintFact(trx, survey.case_id);
}
