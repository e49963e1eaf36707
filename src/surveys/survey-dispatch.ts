import type { Insertable, Kysely } from 'kysely';
import { normalizePhone } from '../shared/phone.js';
import type { Coalescer } from '../jobs/coalesce.js';
import { enqueue, enqueueMany } from '../jobs/outbox.js';
import type { JobResult } from '../jobs/worker.js';
import { countSent, FACT_COLUMNS } from '../nps/survey-facts.js';
import { newId } from '../shared/ids.js';
import type { Database, Language, SurveyTable } from '../storage/schema.js';
import { applyParkedReceipts, updateMessages } from './sms-receipts.js';
import { getVersion, surveyMessage, type SurveyVersion } from './survey-definitions.js';
import { activeRules, decide, isQuiet, nextSendTime, type DecisionInput } from './survey-rules.js';
import { SmsSubmitError, type SmsGateway, type SubmitResult } from '../sms/gateway.js';

const DONE: JobResult = { done: true };
/** Rows per multi-row statement and values per IN list: well under both engines' parameter limits. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` on each chunk of `keys` (IN lists) and concatenates the rows. */
async function inChunks<K, R>(keys: K[], query: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const parts = [];
  for (const chunk of chunks(unique)) parts.push(await query(chunk));
  return parts.flat();
}

type NumberChoice = DecisionInput['number'];

/** The mobile number a survey about each contact goes to, or why there is none (by contact, in order). */
async function surveyNumbers(
  db: Kysely<Database>,
  contacts: { party_id: string; phone: string | null }[],
  skipLandlines: boolean,
): Promise<NumberChoice[]> {
  const chosen: (NumberChoice | undefined)[] = contacts.map(({ phone }) => {
    if (!phone) return undefined;
    const parsed = normalizePhone(phone);
    if (parsed.ok && parsed.kind === 'mobile') return { msisdn: parsed.e164 };
    if (parsed.ok && parsed.kind === 'landline' && skipLandlines) return { missing: 'landline' };
    return undefined;
  });
  const open = contacts.filter((_, i) => chosen[i] === undefined).map((c) => c.party_id);
  // The party's first active mobile line, else its first mobile phone contact point (primary first).
  const lineOf = new Map<string, string>();
  const lines = await inChunks(open, (parties) =>
    db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['accounts.party_id', 'lines.msisdn'])
      .where('accounts.party_id', 'in', parties)
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .orderBy('lines.activated_at')
      .execute(),
  );
  for (const line of lines) if (!lineOf.has(line.party_id)) lineOf.set(line.party_id, line.msisdn);
  const pointOf = new Map<string, string | null>();
  const points = await inChunks(
    open.filter((party) => !lineOf.has(party)),
    (parties) =>
      db.selectFrom('contact_points').select(['party_id', 'value']).where('party_id', 'in', parties).where('kind', '=', 'phone').orderBy('is_primary', 'desc').execute(),
  );
  for (const point of points) {
    if (pointOf.get(point.party_id)) continue;
    const parsed = normalizePhone(point.value);
    pointOf.set(point.party_id, parsed.ok && parsed.kind === 'mobile' ? parsed.e164 : null);
  }
  return contacts.map((contact, i): NumberChoice => {
    const given = chosen[i];
    if (given) return given;
    const number = lineOf.get(contact.party_id) ?? pointOf.get(contact.party_id);
    return number ? { msisdn: number } : { missing: 'no_mobile' };
  });
}

/**
 * Handler of `interaction.ended`, for a batch of contacts: decides whether each contact gets a
 * survey and stores the decision with its reason; a survey to send becomes a `survey.send` job at
 * its send time. At most one decision per contact, so at most one survey. The same outcome as one
 * contact after the other, with a handful of queries for the whole batch and the decisions,
 * surveys and jobs written in one transaction. One result per id, in order.
 */
export async function decideSurveys(db: Kysely<Database>, interactionIds: string[], now = Date.now()): Promise<JobResult[]> {
  const results = interactionIds.map(() => DONE);
  const order = new Map(interactionIds.map((id, i) => [id, i]));
  const contacts = (
    await inChunks(interactionIds, (ids) =>
      db
        .selectFrom('interactions')
        .innerJoin('parties', 'parties.id', 'interactions.party_id')
        .leftJoin('survey_decisions', 'survey_decisions.interaction_id', 'interactions.id')
        .leftJoin('accounts', 'accounts.id', 'interactions.account_id')
        .select((eb) => [
          'interactions.id', 'interactions.party_id', 'interactions.channel', 'interactions.started_at', 'interactions.ended_at',
          'interactions.phone', 'interactions.advisor_id', 'interactions.team_id', 'interactions.site_id', 'interactions.reason_code',
          'parties.consent_surveys', 'parties.preferred_language', 'survey_decisions.interaction_id as decided', 'accounts.segment',
          eb
            .exists(eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.party_id', '=', 'interactions.party_id').where('accounts.segment', '=', 'business'))
            .as('business'),
        ])
        .where('interactions.id', 'in', ids)
        .execute(),
    )
  )
    .filter((c) => c.decided === null && c.ended_at !== null)
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  if (contacts.length === 0) return results;

  const rules = await activeRules(db);
  const decisions: Insertable<Database['survey_decisions']>[] = [];
  const surveys = new Map<string, Insertable<SurveyTable>>();
  if (!rules) {
    for (const c of contacts) decisions.push({ interaction_id: c.id, decided_at: now, outcome: 'skipped', reason: 'rules_inactive', survey_id: null, rules_id: null });
  } else {
    const numbers = await surveyNumbers(db, contacts, rules.skipLandlines);
    const msisdns = numbers.flatMap((n) => ('msisdn' in n ? [n.msisdn] : []));
    const optedOut = new Set(
      (await inChunks(msisdns, (list) => db.selectFrom('opt_outs').select('msisdn').where('msisdn', 'in', list).execute())).map((o) => o.msisdn),
    );
    // Last survey sent or scheduled to the customer or the number (only the quarantine rule reads it).
    const lastByParty = new Map<string, number>();
    const lastByNumber = new Map<string, number>();
    if (rules.quarantineDays > 0) {
      const byParty = await inChunks(contacts.map((c) => c.party_id), (parties) =>
        db.selectFrom('surveys').select((eb) => ['party_id', eb.fn.max('created_at').as('at')]).where('party_id', 'in', parties).where('status', '!=', 'cancelled').groupBy('party_id').execute(),
      );
      for (const row of byParty) if (row.at != null) lastByParty.set(row.party_id, Number(row.at));
      const byNumber = await inChunks(msisdns, (list) =>
        db.selectFrom('surveys').select((eb) => ['msisdn', eb.fn.max('created_at').as('at')]).where('msisdn', 'in', list).where('status', '!=', 'cancelled').groupBy('msisdn').execute(),
      );
      for (const row of byNumber) if (row.at != null) lastByNumber.set(row.msisdn, Number(row.at));
    }
    let versionId: string | null | undefined;
    for (const [i, contact] of contacts.entries()) {
      const number = numbers[i]!;
      const msisdn = 'msisdn' in number ? number.msisdn : null;
      const lasts = [lastByParty.get(contact.party_id), msisdn ? lastByNumber.get(msisdn) : undefined].filter((at) => at !== undefined);
      const decision = decide({
        interaction: { id: contact.id, channel: contact.channel, startedAt: contact.started_at, endedAt: contact.ended_at! },
        business: Boolean(contact.business),
        consentSurveys: contact.consent_surveys === 1,
        number,
        optedOut: msisdn !== null && optedOut.has(msisdn),
        lastSurveyAt: lasts.length > 0 ? Math.max(...lasts) : null,
        rules,
      });
      const skipped = (reason: string) => decisions.push({ interaction_id: contact.id, decided_at: now, outcome: 'skipped', reason, survey_id: null, rules_id: rules.id });
      if (decision.outcome === 'skipped' || !msisdn) {
        skipped(decision.reason);
        continue;
      }
      versionId ??= (await db.selectFrom('survey_definitions').select('current_version_id').where('id', '=', rules.definitionId).executeTakeFirst())?.current_version_id ?? null;
      if (!versionId) {
        skipped('rules_inactive');
        continue;
      }
      const surveyId = newId();
      decisions.push({ interaction_id: contact.id, decided_at: now, outcome: 'survey', reason: 'eligible', survey_id: surveyId, rules_id: rules.id });
      surveys.set(contact.id, {
        id: surveyId, interaction_id: contact.id, party_id: contact.party_id, version_id: versionId, msisdn, language: contact.preferred_language,
        status: 'scheduled', send_after: decision.sendAfter, sent_at: null, open_until: null, clarifications: 0, advisor_id: contact.advisor_id,
        team_id: contact.team_id, site_id: contact.site_id, channel: contact.channel, reason_code: contact.reason_code,
        segment: contact.segment ?? (contact.business ? 'business' : 'residential'), contact_started_at: contact.started_at, last_error: null, created_at: now,
      });
      // A second contact of this customer in the same batch sees this survey, as it would one by one.
      lastByParty.set(contact.party_id, now);
      lastByNumber.set(msisdn, now);
    }
  }
  await db.transaction().execute(async (trx) => {
    // A decision already stored (by another worker meanwhile) wins: its contact gets no second survey.
    const stored: string[] = [];
    for (const part of chunks(decisions)) {
      const rows = await trx.insertInto('survey_decisions').values(part).onConflict((oc) => oc.column('interaction_id').doNothing()).returning('interaction_id').execute();
      stored.push(...rows.map((r) => r.interaction_id));
    }
    const toCreate = stored.flatMap((id) => (surveys.has(id) ? [surveys.get(id)!] : []));
    for (const part of chunks(toCreate, 200)) await trx.insertInto('surveys').values(part).execute();
    await enqueueMany(trx, toCreate.map((s) => ({ topic: 'survey.send', refId: s.id!, runAfter: s.send_after! })));
  });
  return results;
}

/** What the runtime records when the SMSC acknowledged a survey question (see recordSubmitted). */
export interface Submitted {
  messageId: string;
  result: SubmitResult;
  at: number;
  /** the survey to mark `sent`, and how long it stays open */
  survey?: { id: string; openHours: number };
}

export interface SendDeps {
  db: Kysely<Database>;
  gateway: SmsGateway;
  /** sender id shown on the customer's phone */
  senderId: string;
  /** Groups the recording of acknowledgements into shared transactions (the runtime's); default: one each. */
  submitted?: Coalescer<Submitted>;
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
 * Records SMSC acknowledgements, in one transaction: each message `submitted` with its gateway
 * ids (and any receipt that came first), and its survey `sent` — in the same transaction, so a
 * crash cannot leave a submitted question under a survey still `sending`.
 */
export async function recordSubmitted(db: Kysely<Database>, items: Submitted[]): Promise<void> {
  await writeSubmitted(db, items);
  // A receipt parked while this transaction was open (PostgreSQL, READ COMMITTED) saw no link and
  // was not seen by it: look again now that the links are committed. The receipt side looks for
  // the links after parking, so one of the two always finds the other (handleReceipts).
  const messageOf = new Map(items.flatMap(({ messageId, result }) => result.gatewayIds.map((id) => [id, messageId] as const)));
  const parked = await inChunks([...messageOf.keys()], (ids) => db.selectFrom('sms_early_receipts').select('gateway_id').where('gateway_id', 'in', ids).execute());
  for (const part of chunks(parked)) await applyParkedReceipts(db, part.map((p) => ({ gateway_id: p.gateway_id, message_id: messageOf.get(p.gateway_id)! })));
}

async function writeSubmitted(db: Kysely<Database>, items: Submitted[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const links = items.flatMap(({ messageId, result }) => result.gatewayIds.map((gatewayId) => ({ gateway_id: gatewayId, message_id: messageId })));
    for (const part of chunks(links)) {
      await trx.insertInto('sms_gateway_ids').values(part).onConflict((oc) => oc.column('gateway_id').doNothing()).execute();
    }
    // Receipts that arrived before their acknowledgement was stored (sms_early_receipts, see
    // handleReceipt): each message takes the status of its latest one, as applyEarlyReceipts does.
    const early = await inChunks(links.map((l) => l.gateway_id), (ids) => trx.selectFrom('sms_early_receipts').selectAll().where('gateway_id', 'in', ids).execute());
    const messageOf = new Map(links.map((l) => [l.gateway_id, l.message_id]));
    const receipt = new Map<string, (typeof early)[number]>();
    for (const r of early) {
      const messageId = messageOf.get(r.gateway_id)!;
      const latest = receipt.get(messageId);
      if (!latest || Number(r.at) >= Number(latest.at)) receipt.set(messageId, r);
    }
    await updateMessages(
      trx,
      items.map(({ messageId, result, at }) => {
        const r = receipt.get(messageId);
        const submitted = { encoding: result.encoding, parts: result.parts, gatewayIds: result.gatewayIds };
        return r ? { id: messageId, status: r.status, error: r.error, at: Number(r.at), submitted } : { id: messageId, status: 'submitted', error: null, at, submitted };
      }),
    );
    for (const part of chunks(early.map((r) => r.gateway_id))) await trx.deleteFrom('sms_early_receipts').where('gateway_id', 'in', part).execute();
    const sent = new Map<string, string[]>();
    for (const { survey, at } of items) {
      if (!survey) continue;
      const key = `${at}:${survey.openHours}`;
      sent.set(key, [...(sent.get(key) ?? []), survey.id]);
    }
    for (const [key, ids] of sent) {
      const [at, openHours] = key.split(':').map(Number) as [number, number];
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
  });
}

type SubmitOutcome =
  /** submitted now, or `earlier` by another run */
  | { done: true; sentAt: number; earlier?: true }
  /** refused for good (the message is `failed`), or no such message */
  | { done: true; sentAt?: undefined }
  | { done: false; retryAt: number; error: string };

/**
 * Submits one message already marked `sending` (committed), and records the SMSC's answer. The
 * message id goes to the SMSC as our reference (SMPP: TLV 0x1401), so that a resubmit of a message
 * left `sending` by a process that died is recognised by an SMSC doing duplicate detection
 * (docs/surveys.md, "Nothing lost, nothing twice").
 */
async function submitSending(
  deps: SendDeps,
  message: { id: string; msisdn: string; text: string },
  survey?: { id: string; openHours: number },
): Promise<SubmitOutcome> {
  try {
    const result = await deps.gateway.submit({ messageId: message.id, to: message.msisdn, from: deps.senderId, text: message.text });
    const submitted: Submitted = { messageId: message.id, result, at: Date.now(), ...(survey ? { survey } : {}) };
    if (deps.submitted) await deps.submitted.add(submitted);
    else await recordSubmitted(deps.db, [submitted]);
    return { done: true, sentAt: submitted.at };
  } catch (error) {
    const retryable = !(error instanceof SmsSubmitError) || error.retryable;
    const text = error instanceof Error ? error.message : String(error);
    await deps.db
      .updateTable('sms_messages')
      .set({ status: retryable ? 'queued' : 'failed', error: text.slice(0, 500), updated_at: Date.now() })
      .where('id', '=', message.id)
      .execute();
    if (!retryable) return { done: true };
    return { done: false, retryAt: 0, error: text };
  }
}

/** Submits one stored message: marks it `sending` (committed before the submit), then submitSending. */
async function submitMessage(deps: SendDeps, messageId: string, now: number): Promise<SubmitOutcome> {
  const message = await deps.db.selectFrom('sms_messages').selectAll().where('id', '=', messageId).executeTakeFirst();
  if (!message || message.status === 'failed') return DONE;
  if (!(message.status === 'queued' || message.status === 'sending')) return { done: true, sentAt: Number(message.updated_at), earlier: true };
  await deps.db
    .updateTable('sms_messages')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', messageId)
    .execute();
  return submitSending(deps, message);
}

/** Handler of `sms.send`. */
export async function sendQueuedSms(deps: SendDeps, messageId: string, now = Date.now()): Promise<JobResult> {
  const result = await submitMessage(deps, messageId, now);
  return result.done ? DONE : { done: false, retryAt: result.retryAt, error: result.error };
}

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
export async function sendSurveys(deps: SendDeps, surveyIds: string[], now = Date.now()): Promise<JobResult[]> {
  const { db } = deps;
  const outcomes = new Map<string, Promise<JobResult> | JobResult>();
  const surveys = await inChunks(surveyIds, (ids) =>
    db.selectFrom('surveys').selectAll().where('id', 'in', ids).where('status', 'in', ['scheduled', 'sending']).execute(),
  );
  const optedOut = new Set(
    (await inChunks(surveys.map((s) => s.msisdn), (list) => db.selectFrom('opt_outs').select('msisdn').where('msisdn', 'in', list).execute())).map((o) => o.msisdn),
  );
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
          const marked = await trx
            .updateTable('surveys')
            .set({ status: 'sent', sent_at: at, open_until: at + openHours * 3_600_000, last_error: null })
            .where('id', '=', survey.id)
            .where('status', '=', 'sending')
            .returning(FACT_COLUMNS)
            .execute();
          await countSent(trx, marked);
          return DONE;
        }),
      );
    }
  }
  return Promise.all(surveyIds.map((id) => outcomes.get(id) ?? DONE));
}
