import type { Kysely } from 'kysely';
import { normalizePhone } from '../customers/phone.js';
import { enqueue } from '../jobs/outbox.js';
import type { JobResult } from '../jobs/worker.js';
import { newId } from '../shared/ids.js';
import type { Database, Language } from '../storage/schema.js';
import { applyEarlyReceipts } from './sms-receipts.js';
import { getVersion, surveyMessage } from './survey-definitions.js';
import { activeRules, decide, isQuiet, nextSendTime, type DecisionInput } from './survey-rules.js';
import { SmsSubmitError, type SmsGateway } from '../sms/gateway.js';

const DONE: JobResult = { done: true };

/** The mobile number a survey about this contact goes to, or why there is none. */
async function surveyNumber(
  db: Kysely<Database>,
  partyId: string,
  contactPhone: string | null,
  skipLandlines: boolean,
): Promise<DecisionInput['number']> {
  if (contactPhone) {
    const parsed = normalizePhone(contactPhone);
    if (parsed.ok && parsed.kind === 'mobile') return { msisdn: parsed.e164 };
    if (parsed.ok && parsed.kind === 'landline' && skipLandlines) return { missing: 'landline' };
  }
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select('lines.msisdn')
    .where('accounts.party_id', '=', partyId)
    .where('lines.kind', '=', 'mobile')
    .where('lines.status', '=', 'active')
    .orderBy('lines.activated_at')
    .limit(1)
    .execute();
  if (lines[0]) return { msisdn: lines[0].msisdn };
  const points = await db
    .selectFrom('contact_points')
    .select('value')
    .where('party_id', '=', partyId)
    .where('kind', '=', 'phone')
    .orderBy('is_primary', 'desc')
    .execute();
  const mobile = points.map((p) => normalizePhone(p.value)).find((p) => p.ok && p.kind === 'mobile');
  return mobile && mobile.ok ? { msisdn: mobile.e164 } : { missing: 'no_mobile' };
}

/**
 * Handler of `interaction.ended`: decides whether this contact gets a survey and stores the
 * decision with its reason; a survey to send becomes a `survey.send` job at its send time.
 * At most one decision per contact, so at most one survey.
 */
export async function decideSurvey(db: Kysely<Database>, interactionId: string, now = Date.now()): Promise<JobResult> {
  const existing = await db.selectFrom('survey_decisions').select('interaction_id').where('interaction_id', '=', interactionId).executeTakeFirst();
  if (existing) return DONE;
  const contact = await db
    .selectFrom('interactions')
    .innerJoin('parties', 'parties.id', 'interactions.party_id')
    .select([
      'interactions.id', 'interactions.party_id', 'interactions.channel', 'interactions.started_at', 'interactions.ended_at',
      'interactions.phone', 'interactions.advisor_id', 'interactions.team_id', 'interactions.site_id', 'interactions.reason_code',
      'parties.consent_surveys', 'parties.preferred_language',
    ])
    .where('interactions.id', '=', interactionId)
    .executeTakeFirst();
  if (!contact || contact.ended_at === null) return DONE;
  const rules = await activeRules(db);
  const store = async (trx: Kysely<Database>, outcome: 'survey' | 'skipped', reason: string, surveyId: string | null) =>
    trx
      .insertInto('survey_decisions')
      .values({ interaction_id: interactionId, decided_at: now, outcome, reason, survey_id: surveyId, rules_id: rules?.id ?? null })
      .onConflict((oc) => oc.column('interaction_id').doNothing())
      .executeTakeFirst();
  if (!rules) {
    await store(db, 'skipped', 'rules_inactive', null);
    return DONE;
  }
  const business = await db
    .selectFrom('accounts')
    .select('id')
    .where('party_id', '=', contact.party_id)
    .where('segment', '=', 'business')
    .executeTakeFirst();
  const number = await surveyNumber(db, contact.party_id, contact.phone, rules.skipLandlines);
  const msisdn = 'msisdn' in number ? number.msisdn : null;
  const optedOut = msisdn ? await db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', msisdn).executeTakeFirst() : undefined;
  const last = await db
    .selectFrom('surveys')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where((eb) => eb.or([eb('party_id', '=', contact.party_id), ...(msisdn ? [eb('msisdn', '=', msisdn)] : [])]))
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  const decision = decide({
    interaction: { id: contact.id, channel: contact.channel, startedAt: contact.started_at, endedAt: contact.ended_at },
    business: Boolean(business),
    consentSurveys: contact.consent_surveys === 1,
    number,
    optedOut: Boolean(optedOut),
    lastSurveyAt: last?.at == null ? null : Number(last.at),
    rules,
  });
  if (decision.outcome === 'skipped' || !msisdn) {
    await store(db, 'skipped', decision.reason, null);
    return DONE;
  }
  const definition = await db
    .selectFrom('survey_definitions')
    .select('current_version_id')
    .where('id', '=', rules.definitionId)
    .executeTakeFirst();
  if (!definition?.current_version_id) {
    await store(db, 'skipped', 'rules_inactive', null);
    return DONE;
  }
  await db.transaction().execute(async (trx) => {
    const surveyId = newId();
    const stored = await store(trx, 'survey', 'eligible', surveyId);
    if (Number(stored.numInsertedOrUpdatedRows ?? 0n) === 0) return;
    await trx
      .insertInto('surveys')
      .values({
        id: surveyId,
        interaction_id: contact.id,
        party_id: contact.party_id,
        version_id: definition.current_version_id!,
        msisdn,
        language: contact.preferred_language,
        status: 'scheduled',
        send_after: decision.sendAfter,
        sent_at: null,
        open_until: null,
        clarifications: 0,
        advisor_id: contact.advisor_id,
        team_id: contact.team_id,
        site_id: contact.site_id,
        channel: contact.channel,
        reason_code: contact.reason_code,
        last_error: null,
        created_at: now,
      })
      .execute();
    await enqueue(trx, 'survey.send', surveyId, decision.sendAfter);
  });
  return DONE;
}

export interface SendDeps {
  db: Kysely<Database>;
  gateway: SmsGateway;
  /** sender id shown on the customer's phone */
  senderId: string;
}

/** Queues an SMS (thanks, clarification, confirmations) to be sent by the worker; call inside the change's transaction. */
export async function queueSms(
  db: Kysely<Database>,
  message: { msisdn: string; text: string; purpose: string; surveyId: string | null },
  now = Date.now(),
): Promise<string> {
  const id = newId();
  await db
    .insertInto('sms_messages')
    .values({
      id, survey_id: message.surveyId, direction: 'out', purpose: message.purpose, msisdn: message.msisdn, text: message.text,
      status: 'queued', encoding: null, parts: null, gateway_ids: null, error: null, attempts: 0, created_at: now, updated_at: now,
    })
    .execute();
  await enqueue(db, 'sms.send', id, now);
  return id;
}

/**
 * Submits one stored message and records the SMSC's answer. A message left in `sending` by a
 * process that died is submitted again (at-least-once, with the same message id as reference).
 */
async function submitMessage(deps: SendDeps, messageId: string, now: number): Promise<JobResult & { sentAt?: number }> {
  const message = await deps.db.selectFrom('sms_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!message || !(message.status === 'queued' || message.status === 'sending')) return DONE;
  await deps.db
    .updateTable('sms_messages')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', messageId)
    .execute();
  try {
    const result = await deps.gateway.submit({ messageId, to: message.msisdn, from: deps.senderId, text: message.text });
    const at = Date.now();
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('sms_messages')
        .set({ status: 'submitted', encoding: result.encoding, parts: result.parts, gateway_ids: JSON.stringify(result.gatewayIds), error: null, updated_at: at })
        .where('id', '=', messageId)
        .execute();
      if (result.gatewayIds.length > 0) {
        await trx
          .insertInto('sms_gateway_ids')
          .values(result.gatewayIds.map((gatewayId) => ({ gateway_id: gatewayId, message_id: messageId })))
          .onConflict((oc) => oc.column('gateway_id').doNothing())
          .execute();
        await applyEarlyReceipts(trx, messageId, result.gatewayIds);
      }
    });
    return { done: true, sentAt: at };
  } catch (error) {
    const retryable = !(error instanceof SmsSubmitError) || error.retryable;
    const text = error instanceof Error ? error.message : String(error);
    await deps.db
      .updateTable('sms_messages')
      .set({ status: retryable ? 'queued' : 'failed', error: text.slice(0, 500), updated_at: Date.now() })
      .where('id', '=', messageId)
      .execute();
    if (!retryable) return { done: true };
    return { done: false, retryAt: 0, error: text };
  }
}

/** Handler of `sms.send`. */
export async function sendQueuedSms(deps: SendDeps, messageId: string, now = Date.now()): Promise<JobResult> {
  const result = await submitMessage(deps, messageId, now);
  return result.done ? DONE : { done: false, retryAt: result.retryAt, error: result.error };
}

/** Handler of `survey.send`: re-checks opt-out and quiet hours at send time, then sends the question. */
export async function sendSurvey(deps: SendDeps, surveyId: string, now = Date.now()): Promise<JobResult> {
  const survey = await deps.db.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirst();
  if (!survey || !(survey.status === 'scheduled' || survey.status === 'sending')) return DONE;
  const optedOut = await deps.db.selectFrom('opt_outs').select('msisdn').where('msisdn', '=', survey.msisdn).executeTakeFirst();
  if (optedOut) {
    await deps.db.updateTable('surveys').set({ status: 'cancelled', last_error: 'the number opted out before sending' }).where('id', '=', surveyId).execute();
    return DONE;
  }
  const rules = await activeRules(deps.db);
  if (survey.status === 'scheduled' && rules && isQuiet(now, rules)) {
    return { done: false, retryAt: nextSendTime(now, rules), error: 'quiet hours: postponed' };
  }
  let message = await deps.db
    .selectFrom('sms_messages')
    .select(['id'])
    .where('survey_id', '=', surveyId)
    .where('purpose', '=', 'survey')
    .executeTakeFirst();
  if (!message) {
    const version = await getVersion(deps.db, survey.version_id);
    const text = surveyMessage(version, survey.language as Language);
    message = await deps.db.transaction().execute(async (trx) => {
      const id = newId();
      await trx
        .insertInto('sms_messages')
        .values({
          id, survey_id: surveyId, direction: 'out', purpose: 'survey', msisdn: survey.msisdn, text, status: 'queued',
          encoding: null, parts: null, gateway_ids: null, error: null, attempts: 0, created_at: now, updated_at: now,
        })
        .execute();
      await trx.updateTable('surveys').set({ status: 'sending' }).where('id', '=', surveyId).execute();
      return { id };
    });
  }
  const result = await submitMessage(deps, message.id, now);
  if (result.done && result.sentAt !== undefined) {
    const openHours = rules?.openHours ?? 72;
    await deps.db
      .updateTable('surveys')
      .set({ status: 'sent', sent_at: result.sentAt, open_until: result.sentAt + openHours * 3_600_000, last_error: null })
      .where('id', '=', surveyId)
      .execute();
    return DONE;
  }
  if (result.done) {
    const failed = await deps.db.selectFrom('sms_messages').select('error').where('id', '=', message.id).executeTakeFirst();
    await deps.db.updateTable('surveys').set({ status: 'failed', last_error: failed?.error ?? 'refused by the SMSC' }).where('id', '=', surveyId).execute();
    return DONE;
  }
  await deps.db.updateTable('surveys').set({ last_error: result.error.slice(0, 500) }).where('id', '=', surveyId).execute();
  return { done: false, retryAt: result.retryAt, error: result.error };
}
