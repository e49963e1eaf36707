import type { ActorKind } from '../storage/schema.js';
import type { Kysely } from 'kysely';
import { actorColumns, auditCustomerAction, auditCustomerRead } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import type { Channel, Consent, Database, Flag } from '../storage/schema.js';
import { partyOrFail } from './customer-records.js';

export interface ConsentView {
  surveys: boolean;
  marketing: boolean;
  /** newest first */
  history: {
    consent: Consent;
    from: boolean;
    to: boolean;
    channel: Channel;
    changedAt: number;
    changedBy: { kind: ActorKind; id: string; name: string | null };
  }[];
}

const COLUMN = { surveys: 'consent_surveys', marketing: 'consent_marketing' } as const;

/** A customer's consents and every change of them, newest first; a member of staff's read is audited (the customer's own is not a read of someone else's data). */
export async function getConsents(db: Kysely<Database>, partyId: string, actor: Actor | CustomerActor): Promise<ConsentView> {
  const view = await consentView(db, partyId);
  if (actor.kind !== 'customer') await auditCustomerRead(db, actor, partyId, 'consents');
  return view;
}

async function consentView(db: Kysely<Database>, partyId: string): Promise<ConsentView> {
  const party = await partyOrFail(db, partyId);
  const rows = await db
    .selectFrom('consent_changes as c')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'c.actor_id').on('c.actor_kind', '=', 'user'))
    .leftJoin('api_tokens as t', (join) => join.onRef('t.id', '=', 'c.actor_id').on('c.actor_kind', '=', 'token'))
    .select(['c.consent', 'c.old_value', 'c.new_value', 'c.channel', 'c.changed_at', 'c.actor_kind', 'c.actor_id', 'u.display_name', 't.name as token_name'])
    .where('c.party_id', '=', partyId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return {
    surveys: party.consent_surveys === 1,
    marketing: party.consent_marketing === 1,
    history: rows.map((r) => ({
      consent: r.consent, from: r.old_value === 1, to: r.new_value === 1, channel: r.channel, changedAt: Number(r.changed_at),
      changedBy: { kind: r.actor_kind, id: r.actor_id, name: r.display_name ?? r.token_name ?? null },
    })),
  };
}

/**
 * Records the consents the customer gave or withdrew, and how they told us (`channel`): each value
 * that changes writes a history row (who, when, old → new, channel) in the same transaction; a value
 * that stays the same writes nothing. An erased customer's consents cannot be given again (409).
 */
export async function changeConsents(
  db: Kysely<Database>,
  partyId: string,
  change: { surveys?: boolean | undefined; marketing?: boolean | undefined; channel: Channel },
  actor: Actor | CustomerActor,
  now = Date.now(),
): Promise<ConsentView> {
  await db.transaction().execute(async (trx) => {
    const party = await partyOrFail(trx, partyId);
    if (party.erased_at !== null) throw new DomainError(409, 'customer-erased', `Customer ${partyId} was erased: their consents can no longer change`);
    for (const consent of ['surveys', 'marketing'] as const) {
      const wanted = change[consent];
      if (wanted === undefined) continue;
      const old = party[COLUMN[consent]];
      const value: Flag = wanted ? 1 : 0;
      if (old === value) continue;
      await trx.updateTable('parties').set({ [COLUMN[consent]]: value, updated_at: now }).where('id', '=', partyId).execute();
      await trx
        .insertInto('consent_changes')
        .values({ party_id: partyId, consent, old_value: old, new_value: value, channel: change.channel, changed_at: now, ...actorColumns(actor) })
        .execute();
      await auditCustomerAction(trx, actor, partyId, 'consent.change', 'api', now);
    }
  });
  return consentView(db, partyId);
}
