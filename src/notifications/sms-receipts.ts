import { sql, type Kysely } from 'kysely';
import type { DeliveryReceipt } from '../sms/gateway.js';
import type { Database } from '../storage/schema.js';

/** A message's new status; `submitted` also sets what the SMSC's acknowledgement told (else kept). */
export interface MessageUpdate {
  id: string;
  status: string;
  error: string | null;
  at: number;
  submitted?: { encoding: string; parts: number; gatewayIds: string[] };
}

/**
 * Updates many messages with one statement per 300 (UPDATE … FROM a VALUES list, the same SQL on
 * both engines) instead of one statement each. Of several updates of one message, the last counts.
 */
export async function updateMessages(db: Kysely<Database>, updates: MessageUpdate[]): Promise<void> {
  const unique = [...new Map(updates.map((u) => [u.id, u])).values()]; // the last update of an id wins
  for (let i = 0; i < unique.length; i += 300) {
    const rows = unique.slice(i, i + 300).map(
      (u) =>
        sql`(${u.id}, ${u.status}, cast(${u.error} as text), cast(${u.at} as bigint), cast(${u.submitted?.encoding ?? null} as text), cast(${u.submitted?.parts ?? null} as integer), cast(${u.submitted ? JSON.stringify(u.submitted.gatewayIds) : null} as text))`,
    );
    await sql`
      with v (id, status, error, updated_at, encoding, parts, gateway_ids) as (values ${sql.join(rows)})
      update sms_messages
      set status = v.status, error = v.error, updated_at = v.updated_at,
          encoding = coalesce(v.encoding, sms_messages.encoding), parts = coalesce(v.parts, sms_messages.parts),
          gateway_ids = coalesce(v.gateway_ids, sms_messages.gateway_ids)
      from v
      where sms_messages.id = v.id`.execute(db);
  }
}

const RECEIPT_STATUS = { delivered: 'delivered', undeliverable: 'undeliverable', expired: 'expired', rejected: 'failed', unknown: null } as const;

/**
 * Applies receipts that arrived before the message's gateway ids were stored; called in the same
 * transaction that stores them.
 */
export async function applyEarlyReceipts(db: Kysely<Database>, messageId: string, gatewayIds: string[]): Promise<void> {
  if (gatewayIds.length === 0) return;
  const early = await db.selectFrom('sms_early_receipts').selectAll().where('gateway_id', 'in', gatewayIds).orderBy('at').execute();
  for (const receipt of early) {
    await db.updateTable('sms_messages').set({ status: receipt.status, error: receipt.error, updated_at: receipt.at }).where('id', '=', messageId).execute();
  }
  if (early.length > 0) await db.deleteFrom('sms_early_receipts').where('gateway_id', 'in', gatewayIds).execute();
}

/** A delivery receipt updates the message it belongs to; unknown ids are ignored (receipts of other systems). */
export async function handleReceipt(db: Kysely<Database>, receipt: DeliveryReceipt): Promise<void> {
  const status = RECEIPT_STATUS[receipt.status];
  if (!status) return;
  const error = receipt.errorCode ? `SMSC error ${receipt.errorCode}` : null;
  const findLink = () => db.selectFrom('sms_gateway_ids').select('message_id').where('gateway_id', '=', receipt.gatewayId).executeTakeFirst();
  const link = await findLink();
  if (link) {
    await db.updateTable('sms_messages').set({ status, error, updated_at: receipt.at }).where('id', '=', link.message_id).execute();
    return;
  }
  // The SMSC can report delivery before its acknowledgement of the submit is stored here: park the
  // receipt, then look again. Whichever side writes second sees the other's row, so none is lost.
  await db
    .insertInto('sms_early_receipts')
    .values({ gateway_id: receipt.gatewayId, status, error, at: receipt.at })
    .onConflict((oc) => oc.column('gateway_id').doUpdateSet({ status, error, at: receipt.at }))
    .execute();
  const late = await findLink();
  if (late) await applyEarlyReceipts(db, late.message_id, [receipt.gatewayId]);
}

/**
 * Many receipts at once (as they stream in from the SMSC), with the effect of handleReceipt on
 * each in turn: one look-up of the messages, one transaction for their updates, and the same
 * park-then-look-again for receipts that arrived before their acknowledgement was stored.
 */
export async function handleReceipts(db: Kysely<Database>, receipts: DeliveryReceipt[]): Promise<void> {
  const known = receipts.flatMap((receipt) => {
    const status = RECEIPT_STATUS[receipt.status];
    return status ? [{ gatewayId: receipt.gatewayId, status, error: receipt.errorCode ? `SMSC error ${receipt.errorCode}` : null, at: receipt.at }] : [];
  });
  if (known.length === 0) return;
  const gatewayIds = [...new Set(known.map((r) => r.gatewayId))];
  const links = new Map(
    (await db.selectFrom('sms_gateway_ids').select(['gateway_id', 'message_id']).where('gateway_id', 'in', gatewayIds).execute()).map((l) => [l.gateway_id, l.message_id]),
  );
  // A message's status is the one of its receipt handled last.
  const last = new Map<string, (typeof known)[number]>();
  for (const receipt of known) {
    const messageId = links.get(receipt.gatewayId);
    if (messageId) last.set(messageId, receipt);
  }
  await updateMessages(db, [...last].map(([id, r]) => ({ id, status: r.status, error: r.error, at: r.at })));
  const early = new Map<string, (typeof known)[number]>();
  for (const receipt of known) if (!links.has(receipt.gatewayId)) early.set(receipt.gatewayId, receipt);
  if (early.size === 0) return;
  await db
    .insertInto('sms_early_receipts')
    .values([...early.values()].map((r) => ({ gateway_id: r.gatewayId, status: r.status, error: r.error, at: r.at })))
    .onConflict((oc) =>
      oc.column('gateway_id').doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), error: eb.ref('excluded.error'), at: eb.ref('excluded.at') })),
    )
    .execute();
  const late = await db.selectFrom('sms_gateway_ids').select(['gateway_id', 'message_id']).where('gateway_id', 'in', [...early.keys()]).execute();
  await applyParkedReceipts(db, late);
}

/** applyEarlyReceipts for many messages (by gateway id), in one transaction: each message takes its latest parked receipt. */
export async function applyParkedReceipts(db: Kysely<Database>, links: { gateway_id: string; message_id: string }[]): Promise<void> {
  if (links.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const messageOf = new Map(links.map((l) => [l.gateway_id, l.message_id]));
    const parked = await trx.selectFrom('sms_early_receipts').selectAll().where('gateway_id', 'in', [...messageOf.keys()]).execute();
    const latest = new Map<string, (typeof parked)[number]>();
    for (const r of parked) {
      const messageId = messageOf.get(r.gateway_id)!;
      const current = latest.get(messageId);
      if (!current || Number(r.at) >= Number(current.at)) latest.set(messageId, r);
    }
    await updateMessages(trx, [...latest].map(([id, r]) => ({ id, status: r.status, error: r.error, at: Number(r.at) })));
    if (parked.length > 0) await trx.deleteFrom('sms_early_receipts').where('gateway_id', 'in', parked.map((r) => r.gateway_id)).execute();
  });
}
