import type { Kysely } from 'kysely';
import type { Coalescer } from '../jobs/coalesce.js';
import { enqueue } from '../jobs/outbox.js';
import type { JobResult } from '../jobs/worker.js';
import { chunks, inChunks } from '../shared/batches.js';
import { newId } from '../shared/ids.js';
import { SmsSubmitError, type SmsGateway, type SubmitResult } from '../sms/gateway.js';
import type { Database } from '../storage/schema.js';
import { applyParkedReceipts, updateMessages } from './sms-receipts.js';

const DONE: JobResult = { done: true };

/**
 * What the runtime records when the SMSC acknowledged a message (see recordSubmitted), with what
 * the message was sent for (`subject`: the survey a question asks, for instance), which the
 * sender's `onSubmitted` records in the same transaction.
 */
export interface Submitted<S = unknown> {
  messageId: string;
  result: SubmitResult;
  at: number;
  subject?: S;
}

/** What a sender records with the acknowledgements of its messages, in their transaction. */
export type OnSubmitted<S = unknown> = (trx: Kysely<Database>, items: Submitted<S>[]) => Promise<void>;

/** What sending needs: the database, the transport and how acknowledgements are recorded. */
export interface SendDeps<S = unknown> {
  db: Kysely<Database>;
  gateway: SmsGateway;
  /** sender id shown on the customer's phone */
  senderId: string;
  /** key of the keyed hash an erased customer's opt-out is kept as (ECOUTE_PRIVACY_SECRET) */
  numberKey: string;
  /** Groups the recording of acknowledgements into shared transactions (the runtime's); default: one each. */
  submitted?: Coalescer<Submitted<S>>;
  /** What the sender records with each acknowledgement (without `submitted`; the coalescer's own otherwise). */
  onSubmitted?: OnSubmitted<S>;
}

/**
 * What a stored text shows in place of its secret (a sign-in code): the SMS log, the exports and every
 * screen read the text, never the secret, which is put in at submission only (`textToSubmit`).
 */
export const SECRET_MASK = '******';

/** The text the SMSC gets: the stored text with its secret in place of the mask. */
export function textToSubmit(message: { text: string; secret?: string | null }): string {
  return message.secret ? message.text.replace(SECRET_MASK, message.secret) : message.text;
}

/**
 * Queues an SMS (thanks, clarification, confirmations, notifications, sign-in codes) to be sent by the
 * worker; call inside the change's transaction. A `secret` is kept apart from the text, which must show
 * SECRET_MASK where it goes, and is forgotten once the SMSC has the message.
 */
export async function queueSms(
  db: Kysely<Database>,
  message: { msisdn: string; text: string; purpose: string; surveyId: string | null; secret?: string },
  now = Date.now(),
): Promise<string> {
  if (message.secret !== undefined && !message.text.includes(SECRET_MASK)) throw new Error('an SMS with a secret must show its mask');
  const id = newId();
  await db
    .insertInto('sms_messages')
    .values({
      id, survey_id: message.surveyId, direction: 'out', purpose: message.purpose, msisdn: message.msisdn, text: message.text,
      status: 'queued', encoding: null, parts: null, gateway_ids: null, error: null, attempts: 0, created_at: now, updated_at: now,
      secret: message.secret ?? null,
    })
    .execute();
  await enqueue(db, 'sms.send', id, now);
  return id;
}

/**
 * Records SMSC acknowledgements, in one transaction: each message `submitted` with its gateway
 * ids (and any receipt that came first), and what `onSubmitted` records of their subjects (a
 * survey `sent`) — in the same transaction, so a crash cannot leave a submitted question under a
 * survey still `sending`.
 */
export async function recordSubmitted<S>(db: Kysely<Database>, items: Submitted<S>[], onSubmitted?: OnSubmitted<S>): Promise<void> {
  await writeSubmitted(db, items, onSubmitted);
  // A receipt parked while this transaction was open (PostgreSQL, READ COMMITTED) saw no link and
  // was not seen by it: look again now that the links are committed. The receipt side looks for
  // the links after parking, so one of the two always finds the other (handleReceipts).
  const messageOf = new Map(items.flatMap(({ messageId, result }) => result.gatewayIds.map((id) => [id, messageId] as const)));
  const parked = await inChunks([...messageOf.keys()], (ids) => db.selectFrom('sms_early_receipts').select('gateway_id').where('gateway_id', 'in', ids).execute());
  for (const part of chunks(parked)) await applyParkedReceipts(db, part.map((p) => ({ gateway_id: p.gateway_id, message_id: messageOf.get(p.gateway_id)! })));
}

async function writeSubmitted<S>(db: Kysely<Database>, items: Submitted<S>[], onSubmitted?: OnSubmitted<S>): Promise<void> {
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
    if (onSubmitted) await onSubmitted(trx, items);
  });
}

/** How a submit ended: sent, refused for good, or to try again. */
export type SubmitOutcome =
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
export async function submitSending<S>(
  deps: SendDeps<S>,
  message: { id: string; msisdn: string; text: string; secret?: string | null },
  subject?: S,
): Promise<SubmitOutcome> {
  try {
    const result = await deps.gateway.submit({ messageId: message.id, to: message.msisdn, from: deps.senderId, text: textToSubmit(message) });
    // the SMSC has it: the secret is not kept a moment longer
    if (message.secret) await deps.db.updateTable('sms_messages').set({ secret: null }).where('id', '=', message.id).execute();
    const submitted: Submitted<S> = { messageId: message.id, result, at: Date.now(), ...(subject === undefined ? {} : { subject }) };
    if (deps.submitted) await deps.submitted.add(submitted);
    else await recordSubmitted(deps.db, [submitted], deps.onSubmitted);
    return { done: true, sentAt: submitted.at };
  } catch (error) {
    const retryable = !(error instanceof SmsSubmitError) || error.retryable;
    const text = error instanceof Error ? error.message : String(error);
    await deps.db
      .updateTable('sms_messages')
      .set({ status: retryable ? 'queued' : 'failed', error: text.slice(0, 500), updated_at: Date.now(), ...(retryable ? {} : { secret: null }) })
      .where('id', '=', message.id)
      .execute();
    if (!retryable) return { done: true };
    return { done: false, retryAt: 0, error: text };
  }
}

/** Submits one stored message: marks it `sending` (committed before the submit), then submitSending. */
async function submitMessage<S>(deps: SendDeps<S>, messageId: string, now: number): Promise<SubmitOutcome> {
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
export async function sendQueuedSms<S>(deps: SendDeps<S>, messageId: string, now = Date.now()): Promise<JobResult> {
  const result = await submitMessage(deps, messageId, now);
  return result.done ? DONE : { done: false, retryAt: result.retryAt, error: result.error };
}
