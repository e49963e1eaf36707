import type { Kysely } from 'kysely';
import type { JobResult } from '../jobs/worker.js';
import { countSent, FACT_COLUMNS } from '../nps/survey-facts.js';
import { optedOutNumbers } from '../notifications/opt-out-check.js';
import { submitSending, type OnSubmitted, type SendDeps, type SubmitOutcome } from '../notifications/sms-submission.js';
import { chunks, inChunks } from '../shared/batches.js';
import { newId } from '../shared/ids.js';
import { isQuiet, nextSendTime } from '../shared/quiet-hours.js';
import type { Database, Language } from '../storage/schema.js';
import { getVersion, surveyMessage, type SurveyVersion } from './survey-definitions.js';
import { activeRules } from './survey-rules.js';

const DONE: JobResult = { done: true };

/** The survey a question asks, to mark `sent` when the SMSC acknowledged it, and how long it stays open. */
export interface SurveySent {
  id: string;
  openHours: number;
}

/** What sending survey questions needs (SendDeps whose acknowledgements mark their surveys `sent`). */
export type SurveySendDeps = SendDeps<SurveySent>;

/** Marks surveys `sent` (those still `sending`) at `at`, open for `openHours`, and counts them in the NPS aggregates. */
async function markSent(trx: Kysely<Database>, ids: string[], at: number, openHours: number): Promise<void> {
  for (const part of chunks(ids)) {
    const marked = await trx
      .updateTable('surveys')
      .set({ status: 'sent', sent_at: at, open_until: at + openHours * 3_600_000, last_error: null })
      .where('id', 'in', part)
      .where('status', '=', 'sending')
      .returning(FACT_COLUMNS)
      .execute();
    await countSent(trx, marked);
  }
}

/**
 * Records, with the SMSC's acknowledgements of survey questions, each survey `sent` (recordSubmitted's
 * `onSubmitted`): in the same transaction, so a crash cannot leave a submitted question under a
 * survey still `sending`.
 */
export const markSurveysSent: OnSubmitted<SurveySent> = async (trx, items) => {
  const sent = new Map<string, string[]>();
  for (const { subject, at } of items) {
    if (!subject) continue;
    const key = `${at}:${subject.openHours}`;
    sent.set(key, [...(sent.get(key) ?? []), subject.id]);
  }
  for (const [key, ids] of sent) {
    const [at, openHours] = key.split(':').map(Number) as [number, number];
    await markSent(trx, ids, at, openHours);
  }
};

const versionCache = new WeakMap<Kysely<Database>, Map<string, Promise<SurveyVersion>>>();

/** Survey versions never change once written: read each once per database. */
function cachedVersion(db: Kysely<Database>, id: string): Promise<SurveyVersion> {
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  let version = cache.get(id);
  if (!version) {
    version = getVersion(db, id);
    version.catch(() => cache.delete(id));
    cache.set(id, version);
  }
  return version;
}

/**
 * Handler of `survey.send`, for a batch of surveys: re-checks opt-out and quiet hours at send time,
 * then sends the questions. The same outcome as one survey after the other: a few
 * queries and one transaction to prepare the batch, then every question submitted side by side
 * (the gateway's window and rate cap apply). One result per id, in order.
 */
export async function sendSurveys(deps: SurveySendDeps, surveyIds: string[], now = Date.now()): Promise<JobResult[]> {
  const { db } = deps;
  const outcomes = new Map<string, Promise<JobResult> | JobResult>();
  const surveys = await inChunks(surveyIds, (ids) =>
    db.selectFrom('surveys').selectAll().where('id', 'in', ids).where('status', 'in', ['scheduled', 'sending']).execute(),
  );
  const optedOut = await optedOutNumbers(db, surveys.map((s) => s.msisdn), deps.numberKey);
  const cancelled = surveys.filter((s) => optedOut.has(s.msisdn)).map((s) => s.id);
  for (const part of chunks(cancelled)) {
    await db.updateTable('surveys').set({ status: 'cancelled', last_error: 'the number opted out before sending' }).where('id', 'in', part).execute();
  }
  const rules = surveys.length > cancelled.length ? await activeRules(db) : undefined;
  const openHours = rules?.openHours ?? 72;
  const due = surveys.filter((s) => {
    if (optedOut.has(s.msisdn)) return false;
    if (s.status === 'scheduled' && rules && isQuiet(now, rules)) {
      outcomes.set(s.id, { done: false, retryAt: nextSendTime(now, rules), error: 'quiet hours: postponed' });
      return false;
    }
    return true;
  });

  const messages = new Map(
    (
      await inChunks(due.map((s) => s.id), (ids) =>
        db.selectFrom('sms_messages').select(['id', 'survey_id', 'msisdn', 'text', 'status', 'error', 'updated_at']).where('survey_id', 'in', ids).where('purpose', '=', 'survey').execute(),
      )
    ).map((m) => [m.survey_id!, m]),
  );
  const fresh = due.filter((s) => !messages.has(s.id));
  const again = due.filter((s) => ['queued', 'sending'].includes(messages.get(s.id)?.status ?? ''));
  const created: { id: string; survey_id: string; msisdn: string; text: string }[] = [];
  for (const survey of fresh) {
    const text = surveyMessage(await cachedVersion(db, survey.version_id), survey.language as Language);
    created.push({ id: newId(), survey_id: survey.id, msisdn: survey.msisdn, text });
  }
  // Every message to submit is `sending` (and its survey too) before anything leaves: a message found
  // `sending` later is one whose submit may have reached the SMSC.
  if (created.length > 0 || again.length > 0) {
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(created, 200)) {
        await trx
          .insertInto('sms_messages')
          .values(
            part.map((m) => ({
              ...m, direction: 'out' as const, purpose: 'survey', status: 'sending', encoding: null, parts: null, gateway_ids: null, error: null, attempts: 1,
              created_at: now, updated_at: now,
            })),
          )
          .execute();
        await trx.updateTable('surveys').set({ status: 'sending' }).where('id', 'in', part.map((m) => m.survey_id)).execute();
      }
      for (const part of chunks(again.map((s) => messages.get(s.id)!.id))) {
        await trx
          .updateTable('sms_messages')
          .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
          .where('id', 'in', part)
          .execute();
      }
    });
  }

  const finish = async (surveyId: string, messageId: string, result: SubmitOutcome): Promise<JobResult> => {
    if (result.done && result.sentAt !== undefined) return DONE;
    if (result.done) {
      const failed = await db.selectFrom('sms_messages').select('error').where('id', '=', messageId).executeTakeFirst();
      await db.updateTable('surveys').set({ status: 'failed', last_error: failed?.error ?? 'refused by the SMSC' }).where('id', '=', surveyId).execute();
      return DONE;
    }
    await db.updateTable('surveys').set({ last_error: result.error.slice(0, 500) }).where('id', '=', surveyId).execute();
    return { done: false, retryAt: result.retryAt, error: result.error };
  };
  for (const message of created) {
    outcomes.set(message.survey_id, submitSending(deps, message, { id: message.survey_id, openHours }).then((r) => finish(message.survey_id, message.id, r)));
  }
  for (const survey of again) {
    const message = messages.get(survey.id)!;
    outcomes.set(survey.id, submitSending(deps, message, { id: survey.id, openHours }).then((r) => finish(survey.id, message.id, r)));
  }
  for (const survey of due) {
    const message = messages.get(survey.id);
    if (!message || outcomes.has(survey.id)) continue;
    // Submitted (or refused) by an earlier run: the survey follows its message.
    if (message.status === 'failed') {
      outcomes.set(survey.id, finish(survey.id, message.id, { done: true }));
    } else {
      const at = Number(message.updated_at);
      outcomes.set(
        survey.id,
        db.transaction().execute(async (trx) => {
          await markSent(trx, [survey.id], at, openHours);
          return DONE;
        }),
      );
    }
  }
  return Promise.all(surveyIds.map((id) => outcomes.get(id) ?? DONE));
}
