import type { Kysely } from 'kysely';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database } from '../storage/schema.js';
import type { Actor } from './policies.js';

/** Through what a customer's data was read: their card (and its ways in), or their survey comments. */
export type ReadChannel = 'recognize' | 'search' | 'card' | 'telephony' | 'verbatims' | 'consents';

const auditRead = reusableQuery((db, v: { at: number; actorKind: 'user' | 'token' | 'system'; actorId: string; partyId: string; via: ReadChannel }) =>
  db.insertInto('audit_log').values({ at: v.at, actor_kind: v.actorKind, actor_id: v.actorId, action: 'customer.read', party_id: v.partyId, via: v.via }),
);

/** Writes who read which customer's record, when and through what. Called on every card read, so compiled once. */
export async function auditCustomerRead(db: Kysely<Database>, actor: Actor | 'system', partyId: string, via: ReadChannel): Promise<void> {
  const system = actor === 'system';
  await auditRead.run(db, { at: Date.now(), actorKind: system ? 'system' : actor.kind, actorId: system ? 'system' : actor.id, partyId, via });
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

/** What was done to a customer's record, beyond reading it: exported (art. 15), erased (art. 17), a consent changed. */
export type RecordAction = 'customer.export' | 'customer.erase' | 'consent.change';

/** Who acts from the command line: the operating-system account that ran it (`cli:<user>`). */
export type CommandLineActor = { cli: string };

/** Writes who exported, erased or changed a customer's record, when, and through what (`api`, `cli`, `console`). */
export async function auditCustomerAction(
  db: Kysely<Database>,
  actor: Actor | CommandLineActor,
  partyId: string,
  action: RecordAction,
  via: 'api' | 'cli',
  at = Date.now(),
): Promise<void> {
  const [actorKind, actorId] = 'cli' in actor ? (['system', `cli:${actor.cli}`] as const) : ([actor.kind, actor.id] as const);
  await db.insertInto('audit_log').values({ at, actor_kind: actorKind, actor_id: actorId, action, party_id: partyId, via }).execute();
}
