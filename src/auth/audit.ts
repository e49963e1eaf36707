import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import type { Actor } from './policies.js';

/** Through what a customer's data was read: their card (and its ways in), or their survey comments. */
export type ReadChannel = 'recognize' | 'search' | 'card' | 'telephony' | 'verbatims';

/** Writes who read which customer's record, when and through what. Called on every card read. */
export async function auditCustomerRead(db: Kysely<Database>, actor: Actor | 'system', partyId: string, via: ReadChannel): Promise<void> {
  await auditCustomerReads(db, actor, [partyId], via);
}

/** The same for a page that shows several customers' data (comments behind an NPS figure): a row per customer. */
export async function auditCustomerReads(db: Kysely<Database>, actor: Actor | 'system', partyIds: readonly string[], via: ReadChannel): Promise<void> {
  if (partyIds.length === 0) return;
  const at = Date.now();
  const actorKind = actor === 'system' ? 'system' : actor.kind;
  const actorId = actor === 'system' ? 'system' : actor.id;
  await db
    .insertInto('audit_log')
    .values(partyIds.map((partyId) => ({ at, actor_kind: actorKind, actor_id: actorId, action: 'customer.read', party_id: partyId, via })))
    .execute();
}
