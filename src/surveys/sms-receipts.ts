import type { Kysely } from 'kysely';
import type { DeliveryReceipt } from '../sms/gateway.js';
import type { Database } from '../storage/schema.js';

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
