import { sql, type Kysely } from 'kysely';
import { actorColumns, auditCustomerAction, type CommandLineActor } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { deleteBlobsNow, eraseAttachmentsOf } from '../complaints/attachment-blobs.js';
import { eraseEvaluationTextsOf } from './evaluation-erasure.js';
import { eraseRecordingsOf } from './recording-erasure.js';
import { eraseNotifications } from '../notifications/notification-records.js';
import { numberHash } from '../shared/number-hash.js';
import type { Database } from '../storage/schema.js';
import { customerNumbers, optOutsOf, partyOrFail, repliesOf, sharedNumbers, smsOf, surveyIds } from './customer-records.js';

/** What an erased number, account number or name becomes. */
export const ERASED = 'erased';
/** The name an erased customer's card shows. */
export const ERASED_NAME = '(erased)';

export interface Erasure {
  partyId: string;
  erasedAt: number;
  /** rows changed or removed, per table */
  counts: Record<string, number>;
}

export interface ErasureRequest {
  /** why (a ticket number, "customer's request of 2026-12-01"): written to the erasure record; no personal data */
  reason: string;
  actor: Actor | CommandLineActor;
  via: 'api' | 'cli';
}

const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]) =>
  (Array.isArray(result) ? result : [result]).reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);

/**
 * Erases a customer's personal data (GDPR art. 17), all or nothing, in one transaction: names,
 * numbers, e-mails, contact notes, survey comments, SMS texts go; what the figures are made of
 * stays (the party's id and language, accounts' segments, every contact's time, channel, reason,
 * team, advisor, resolution and repeat link, every survey's snapshot and score), so every NPS, FCR
 * and contact figure is the same before and after, and so is a rebuild of the aggregates. An
 * opted-out number stays opted out as its keyed hash. Refuses an unknown id (404), a customer
 * already erased (409) and a missing reason (400), changing nothing.
 *
 * The files attached to their complaints go with their rows: the transaction writes the jobs that
 * delete their bytes (they go if and only if the erasure commits), and with `blobs` they are deleted
 * at once after the commit.
 */
export async function eraseCustomer(db: Kysely<Database>, partyId: string, request: ErasureRequest, numberKey: string, blobs?: BlobStore): Promise<Erasure> {
  const reason = request.reason.trim();
  if (reason === '') throw invalid('reason', 'is required: say why the data is erased (a ticket or request reference), without personal data', 'required');
  if (reason.length > 500) throw invalid('reason', 'must be at most 500 characters', 'too-long', { maximum: 500 });
  let blobKeys: string[] = [];
  const erasure = await db.transaction().execute(async (trx) => {
    const party = await partyOrFail(trx, partyId);
    if (party.erased_at !== null) {
      throw new DomainError(409, 'already-erased', `Customer ${partyId} was already erased on ${new Date(Number(party.erased_at)).toISOString()}`);
    }
    const now = Date.now();
    const counts: Record<string, number> = {};
    const numbers = await customerNumbers(trx, partyId);
    const shared = await sharedNumbers(trx, partyId, numbers);
    const own = numbers.filter((n) => !shared.has(n));
    const surveys = await surveyIds(trx, partyId);

    // An opted-out number of theirs alone stays opted out, as its keyed hash.
    const optOuts = await optOutsOf(trx, own, numberKey).selectAll().where('msisdn', 'not like', 'hmac:%').execute();
    for (const o of optOuts) {
      await trx
        .insertInto('opt_outs')
        .values({ msisdn: numberHash(numberKey, o.msisdn), opted_out_at: o.opted_out_at, keyword: o.keyword })
        .onConflict((oc) => oc.column('msisdn').doNothing())
        .execute();
      await trx.deleteFrom('opt_outs').where('msisdn', '=', o.msisdn).execute();
    }
    counts.opt_outs = optOuts.length;

    const smsIds = (await smsOf(trx, surveys, own).select('id').execute()).map((r) => r.id);
    counts.sms_messages = 0;
    for (let i = 0; i < smsIds.length; i += 500) {
      const part = smsIds.slice(i, i + 500);
      await trx.updateTable('sms_messages').set({ status: 'failed', error: 'customer erased' }).where('id', 'in', part).where('status', '=', 'queued').execute();
      counts.sms_messages += changed(await trx.updateTable('sms_messages').set({ text: '', msisdn: ERASED, updated_at: now }).where('id', 'in', part).execute());
    }
    Object.assign(counts, await eraseNotifications(trx, partyId, now, ERASED));
    const replyIds = (await repliesOf(trx, surveys, own).select('id').execute()).map((r) => r.id);
    counts.survey_replies = 0;
    for (let i = 0; i < replyIds.length; i += 500) {
      const part = replyIds.slice(i, i + 500);
      counts.survey_replies += changed(
        await trx.updateTable('survey_replies').set({ text: '', msisdn: ERASED, parse: '{"erased":true}' }).where('id', 'in', part).execute(),
      );
    }
    counts.survey_responses = changed(await trx.updateTable('survey_responses').set({ comment: null }).where('party_id', '=', partyId).execute());
    // A survey not sent yet is not sent at all; a sent one keeps its snapshot (the NPS is made of it).
    await trx.updateTable('surveys').set({ status: 'cancelled', last_error: 'customer erased' }).where('party_id', '=', partyId).where('status', '=', 'scheduled').execute();
    counts.surveys = changed(await trx.updateTable('surveys').set({ msisdn: ERASED }).where('party_id', '=', partyId).execute());
    // A complaint survey keeps its score and dates (the complaints' figures); the number and the comment go.
    counts.complaint_surveys = changed(await trx.updateTable('complaint_surveys').set({ msisdn: ERASED, comment: null }).where('party_id', '=', partyId).execute());
    counts.calls = changed(await trx.updateTable('calls').set({ from_number: ERASED, to_number: null }).where('party_id', '=', partyId).execute());
    counts.interactions = changed(
      await trx.updateTable('interactions').set({ notes: null, outcome: null, phone: null, recording_ref: null }).where('party_id', '=', partyId).execute(),
    );
    // the sign-in codes e-mailed to their addresses, theirs alone (no notification ties these e-mails to the customer): address and text go
    const addresses = trx.selectFrom('contact_points').select('value').where('party_id', '=', partyId).where('kind', '=', 'email')
      .where('value', 'not in', trx.selectFrom('contact_points').select('value').where('kind', '=', 'email').where('party_id', '!=', partyId));
    await trx.updateTable('email_messages').set({ status: 'failed', error: 'customer erased' }).where('to_address', 'in', addresses).where('status', 'in', ['queued', 'sending']).execute();
    counts.sign_in_emails = changed(await trx.updateTable('email_messages').set({ to_address: '', subject: '', text: '', secret: null, updated_at: now }).where('to_address', 'in', addresses).execute());
    counts.contact_points = changed(await trx.deleteFrom('contact_points').where('party_id', '=', partyId).execute());
    // their passkeys go (nobody signs in as them again), and their sign-in codes by e-mail, with the address one waits to go to
    counts.passkeys = changed(await trx.deleteFrom('passkeys').where('party_id', '=', partyId).execute());
    await trx.deleteFrom('passkey_challenges').where('party_id', '=', partyId).execute();
    await trx.deleteFrom('email_sign_in_codes').where('party_id', '=', partyId).execute();
    // the name's search words go with the name: an erased customer is found by no search
    counts.party_search_terms = changed(await trx.deleteFrom('party_search_terms').where('party_id', '=', partyId).execute());
    // Complaints and other cases keep their dates, states, categories and outcomes (the figures); the
    // customer's words go: the description, the rejection reason, every reason and comment, what edits changed,
    // the files attached (their rows, their bytes, their names on the events) and the outcome a follow-up's close recorded.
    const cases = trx.selectFrom('cases').select('id').where('party_id', '=', partyId);
    const attachments = await eraseAttachmentsOf(trx, partyId, now);
    counts.complaint_attachments = attachments.rows;
    blobKeys = attachments.blobKeys;
    // the recordings of their contacts: rows now, bytes once the erasure commits
    const recordings = await eraseRecordingsOf(trx, partyId, now);
    counts.recordings = recordings.rows;
    blobKeys = [...blobKeys, ...recordings.blobKeys];
    // evaluations of their contacts keep their scores (the advisor's figures), not what was written about the contact
    counts.evaluations = (await eraseEvaluationTextsOf(trx, partyId)).evaluations;
    counts.complaints = changed(await trx.updateTable('complaints').set({ description: '', rejection_reason: null }).where('case_id', 'in', cases).execute());
    // a follow-up keeps its score, dates, resolution and cause category; the cause and what was done, in the customer's words, go
    counts.followups = changed(await trx.updateTable('followups').set({ cause: null, action_taken: null }).where('case_id', 'in', cases).execute());
    // a callback keeps its slot, calls and outcome; the topic the customer wrote goes
    counts.callbacks = changed(await trx.updateTable('callbacks').set({ topic: null }).where('case_id', 'in', cases).where('topic', 'is not', null).execute());
    // a coded root cause stays (the figures); why it is unknown, in words that may tell of the customer, goes
    counts.cause_codings = changed(await trx.updateTable('cause_codings').set({ unknown_reason: null }).where('party_id', '=', partyId).where('unknown_reason', 'is not', null).execute());
    const followupCases = trx.selectFrom('followups').select('case_id').where('case_id', 'in', cases);
    counts.case_events = changed(
      await trx
        .updateTable('case_events')
        .set((eb) => ({
          reason: null,
          data: eb
            .case()
            .when('action', 'in', ['edit', 'attach', 'remove-attachment'])
            .then(null)
            .when(eb.and([eb('action', '=', 'close'), eb('case_id', 'in', followupCases)]))
            .then(null)
            .else(eb.ref('data'))
            .end(),
        }))
        .where('case_id', 'in', cases)
        .execute(),
    );
    const accounts = trx.selectFrom('accounts').select('id').where('party_id', '=', partyId);
    // Where and when their lines were used is location data: the events go; the counters of each period stay (figures).
    // Their bills stay as they are (accounting records, kept 10 years: docs/privacy.md), tied to the account by its id.
    counts.usage_events = changed(await trx.deleteFrom('usage_events').where('line_id', 'in', trx.selectFrom('lines').select('id').where('account_id', 'in', accounts)).execute());
    // their devices go (a handset's IMEI is an identifier of its holder); the changes of their plans stay: plan codes, periods and ids, as figures
    counts.devices = changed(await trx.deleteFrom('devices').where('line_id', 'in', trx.selectFrom('lines').select('id').where('account_id', 'in', accounts)).execute());
    counts.lines = changed(
      await trx
        .updateTable('lines')
        .set({ msisdn: sql<string>`${`${ERASED}:`} || id`, status: 'terminated' })
        .where('account_id', 'in', accounts)
        .execute(),
    );
    counts.accounts = changed(
      await trx.updateTable('accounts').set({ account_number: sql<string>`${`${ERASED}:`} || id`, status: 'closed' }).where('party_id', '=', partyId).execute(),
    );
    counts.parties = changed(
      await trx
        .updateTable('parties')
        .set({
          customer_number: `${ERASED}:${partyId}`, given_name: null, family_name: null, organisation_name: null, display_name: ERASED_NAME, search_name: '', locality: null,
          consent_surveys: 0, consent_marketing: 0, updated_at: now, erased_at: now,
        })
        .where('id', '=', partyId)
        .execute(),
    );
    const actor = request.actor;
    await trx
      .insertInto('erasures')
      .values({
        id: newId(), party_id: partyId, erased_at: now, reason, counts: JSON.stringify(counts),
        ...actorColumns(actor),
      })
      .execute();
    await auditCustomerAction(trx, actor, partyId, 'customer.erase', request.via, now);
    return { partyId, erasedAt: now, counts };
  });
  if (blobs) await deleteBlobsNow(blobs, blobKeys);
  return erasure;
}
