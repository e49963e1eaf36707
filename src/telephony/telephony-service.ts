import type { Kysely } from 'kysely';
import { z } from 'zod';
import { plausibleTime } from '../shared/plausible-time.js';
import { safeText } from '../shared/safe-text.js';
import type { Actor } from '../auth/policies.js';
import type { LiveHub } from '../http/live-hub.js';
import { presentRecognition } from '../customers/customer-presenters.js';
import { findByPhone, recognizeByPhone } from '../customers/customer-service.js';
import { normalizePhone } from '../shared/phone.js';
import { callExternalId, recordInteraction, updateInteractionEnd } from '../interactions/interaction-service.js';
import { DomainError, invalid } from '../shared/errors.js';
import type { Database, Language } from '../storage/schema.js';

export const telephonyEventSchema = z
  .object({
    type: z.enum(['ringing', 'answered', 'ended']),
    callId: safeText(200, { min: 1 }),
    from: safeText(40, { min: 1 }),
    to: safeText(40).optional(),
    advisorId: safeText(64).optional(),
    advisorEmail: safeText(254).optional(),
    at: plausibleTime().optional(),
  })
  .strict();

export type TelephonyEvent = z.infer<typeof telephonyEventSchema>;

export interface TelephonyResult {
  duplicate: boolean;
  callId: string;
  customerId: string | null;
  interactionId: string | null;
}

interface Deps {
  db: Kysely<Database>;
  live: LiveHub;
  fcrWindowDays: number;
}


/**
 * Applies one telephony event. The webhook id is recorded in the same transaction as the
 * effect, so a replayed event changes nothing and a failed one can be retried.
 * Ringing pushes the caller's card to the advisor's console once the transaction has committed.
 */
export async function handleTelephonyEvent(deps: Deps, webhookId: string, event: TelephonyEvent): Promise<TelephonyResult> {
  const phone = normalizePhone(event.from);
  if (!phone.ok) throw invalid('from', phone.reason);
  const at = event.at ? Date.parse(event.at) : Date.now();

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webhook_receipts')
      .values({ webhook_id: webhookId, received_at: Date.now() })
      .onConflict((oc) => oc.column('webhook_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
      const call = await trx.selectFrom('calls').select(['party_id', 'interaction_id']).where('call_id', '=', event.callId).executeTakeFirst();
      return { duplicate: true, advisor: null, partyId: call?.party_id ?? null, interactionId: call?.interaction_id ?? null };
    }
    const advisor = await resolveAdvisor(trx, event);
    const existing = await trx.selectFrom('calls').selectAll().where('call_id', '=', event.callId).executeTakeFirst();
    const partyId = existing?.party_id ?? (await findByPhone(trx, phone.e164))[0]?.partyId ?? null;
    const base = {
      from_number: phone.e164,
      to_number: event.to ?? existing?.to_number ?? null,
      advisor_id: advisor?.id ?? existing?.advisor_id ?? null,
      party_id: partyId,
    };
    if (!existing) {
      await trx
        .insertInto('calls')
        .values({ call_id: event.callId, ...base, state: event.type, ringing_at: null, answered_at: null, ended_at: null, interaction_id: null })
        .execute();
    }
    const stamp =
      event.type === 'ringing' ? { ringing_at: at } : event.type === 'answered' ? { answered_at: at } : { ended_at: at };
    // A late "ringing" after "ended" must not move the call back.
    const order = { ringing: 0, answered: 1, ended: 2 } as const;
    const state = existing && order[existing.state] > order[event.type] ? existing.state : event.type;
    await trx.updateTable('calls').set({ ...base, ...stamp, state }).where('call_id', '=', event.callId).execute();

    let interactionId = existing?.interaction_id ?? null;
    // A customer erased during the call: the call ends without a contact on their record.
    const erased = partyId !== null && (await trx.selectFrom('parties').select('erased_at').where('id', '=', partyId).executeTakeFirst())?.erased_at != null;
    if (event.type === 'ended' && partyId && !erased) {
      const call = await trx.selectFrom('calls').selectAll().where('call_id', '=', event.callId).executeTakeFirstOrThrow();
      const startedAt = call.answered_at ?? call.ringing_at ?? at;
      const recorded = await recordInteraction(
        trx,
        {
          externalId: callExternalId(event.callId),
          partyId,
          channel: 'phone',
          direction: 'inbound',
          startedAt,
          endedAt: at,
          advisorId: call.advisor_id,
          phone: phone.e164,
        },
        deps.fcrWindowDays,
      );
      if (!recorded.created) await updateInteractionEnd(trx, recorded.id, startedAt, at);
      interactionId = recorded.id;
      await trx.updateTable('calls').set({ interaction_id: interactionId }).where('call_id', '=', event.callId).execute();
    }
    return { duplicate: false, advisor, partyId, interactionId };
  });

  if (!outcome.duplicate && outcome.advisor) {
    await pushToConsole(deps, outcome.advisor, event, phone.e164, at, outcome.interactionId);
  }
  return { duplicate: outcome.duplicate, callId: event.callId, customerId: outcome.partyId, interactionId: outcome.interactionId };
}

async function resolveAdvisor(db: Kysely<Database>, event: TelephonyEvent) {
  if (!event.advisorId && !event.advisorEmail) return null;
  let query = db.selectFrom('users').select(['id', 'role', 'display_name', 'team_id', 'language']);
  query = event.advisorId
    ? query.where('id', '=', event.advisorId)
    : query.where('email', '=', event.advisorEmail!.trim().toLowerCase());
  const advisor = await query.executeTakeFirst();
  if (!advisor) {
    throw new DomainError(400, 'invalid-input', `No advisor ${event.advisorId ?? event.advisorEmail} is known to Ecoute`, [
      { field: event.advisorId ? 'advisorId' : 'advisorEmail', reason: 'unknown advisor' },
    ]);
  }
  return advisor;
}

async function pushToConsole(
  deps: Deps,
  advisor: { id: string; role: Actor['role']; display_name: string; team_id: string | null; language: Language },
  event: TelephonyEvent,
  phone: string,
  at: number,
  interactionId: string | null,
): Promise<void> {
  const when = new Date(at).toISOString();
  if (event.type === 'answered') {
    deps.live.publish(advisor.id, { event: 'call-answered', data: { callId: event.callId, at: when } });
    return;
  }
  if (event.type === 'ended') {
    deps.live.publish(advisor.id, { event: 'call-ended', data: { callId: event.callId, at: when, interactionId } });
    return;
  }
  if (deps.live.connections(advisor.id) === 0) return;
  const actor: Actor = {
    kind: 'user',
    id: advisor.id,
    role: advisor.role,
    displayName: advisor.display_name,
    teamId: advisor.team_id,
    language: advisor.language,
  };
  let recognition = null;
  try {
    recognition = await recognizeByPhone(deps.db, phone, { actor, via: 'telephony' }, { language: advisor.language, fcrWindowDays: deps.fcrWindowDays });
  } catch (error) {
    if (!(error instanceof DomainError && error.status === 404)) throw error;
  }
  deps.live.publish(advisor.id, { event: 'incoming-call', data: { callId: event.callId, phone, at: when, recognition: recognition && presentRecognition(recognition) } });
}

