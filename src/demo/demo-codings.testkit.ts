import type { Kysely } from 'kysely';
import type { CauseCodingTable, Database } from '../storage/schema.js';

/** The root causes coded, as stored, numbers as numbers (PostgreSQL gives some as strings). */
export async function codingRows(db: Kysely<Database>): Promise<CauseCodingTable[]> {
  return (await db.selectFrom('cause_codings').selectAll().execute()).map((k) => ({
    ...k, occurred_at: Number(k.occurred_at), day: Number(k.day), amount_cents: Number(k.amount_cents), refund_cents: Number(k.refund_cents),
    extra_contacts: Number(k.extra_contacts), previous_at: k.previous_at === null ? null : Number(k.previous_at), coded_at: Number(k.coded_at),
  }));
}
