import type { Kysely } from 'kysely';
import type { Channel, Database, Direction } from '../storage/schema.js';
import { DomainError } from '../shared/errors.js';
import { callExternalId, recordContactDetails, recordInteraction } from './interaction-service.js';

/** A contact as an advisor or a system logs it through the API. */
export interface LoggedContact {
  customerId: string;
  channel: Channel;
  direction: Direction;
  reasonCode?: string | undefined;
  /** ISO 8601; default: when the call was answered or rang, else now */
  startedAt?: string | undefined;
  endedAt?: string | undefined;
  outcome?: string | undefined;
  resolved?: boolean | undefined;
  notes?: string | undefined;
  recordingRef?: string | undefined;
  externalId?: string | undefined;
  /** telephony call id: the contact of that call is completed rather than duplicated */
  callId?: string | undefined;
  advisorId: string | null;
}

/**
 * Logs a contact in one transaction. With a call id, completes the contact the telephony
 * platform already reported for that call, or records it with the call's times and number
 * and links the call to it.
 */
export async function logContact(db: Kysely<Database>, input: LoggedContact, fcrWindowDays: number): Promise<{ id: string; created: boolean }> {
  const externalId = input.callId ? callExternalId(input.callId) : input.externalId;
  return db.transaction().execute(async (trx) => {
    if (input.callId) {
      const existing = await trx.selectFrom('interactions').select('id').where('external_id', '=', externalId!).executeTakeFirst();
      if (existing) {
        await recordContactDetails(trx, existing.id, input, fcrWindowDays);
        return { id: existing.id, created: false };
      }
    }
    if (!input.callId && externalId) {
      // A system's external id names one contact: sent again, it must be the same customer's on the same channel.
      const existing = await trx.selectFrom('interactions').select(['party_id', 'channel']).where('external_id', '=', externalId).executeTakeFirst();
      if (existing && (existing.party_id !== input.customerId || existing.channel !== input.channel)) {
        const what = existing.party_id !== input.customerId ? 'another customer' : `another channel (${existing.channel})`;
        throw new DomainError(409, 'external-id-conflict', `externalId ${externalId} already records a contact of ${what}. Nothing was stored; send a new externalId for a new contact.`, [
          { field: 'externalId', reason: `already used for a contact of ${what}` },
        ]);
      }
    }
    const call = input.callId
      ? await trx.selectFrom('calls').selectAll().where('call_id', '=', input.callId).executeTakeFirst()
      : undefined;
    const now = Date.now();
    const startedAt = input.startedAt ? Date.parse(input.startedAt) : (call?.answered_at ?? call?.ringing_at ?? now);
    const recorded = await recordInteraction(
      trx,
      {
        externalId,
        partyId: input.customerId,
        channel: input.channel,
        direction: input.direction,
        reasonCode: input.reasonCode,
        startedAt,
        endedAt: input.endedAt ? Date.parse(input.endedAt) : (call?.ended_at ?? null),
        advisorId: input.advisorId,
        outcome: input.outcome,
        resolved: input.resolved,
        notes: input.notes,
        recordingRef: input.recordingRef,
        phone: call?.from_number ?? null,
      },
      fcrWindowDays,
    );
    if (call && recorded.created) {
      await trx.updateTable('calls').set({ interaction_id: recorded.id }).where('call_id', '=', call.call_id).execute();
    }
    return recorded;
  });
}
