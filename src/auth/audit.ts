import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Actor } from './policies.js';

/** Through what a customer record was read. */
export type ReadChannel = 'recognize' | 'search' | 'card' | 'telephony';

/** Writes who read which customer's record, when and through what. Called on every card read. */
export async function auditCustomerRead(
  db: Kysely<Database>,
  actor: Actor | 'system',
  partyId: string,
  via: ReadChannel,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: Date.now(),
      actor_kind: actor === 'system' ? 'system' : actor.kind,
      actor_id: actor === 'system' ? 'system' : actor.id,
      action: 'customer.read',
      party_id: partyId,
      via,
    })
    .execute();
}
