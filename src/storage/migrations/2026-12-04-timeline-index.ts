import type { Kysely } from 'kysely';

/**
 * A customer's contacts in the timeline's order, (started_at, id), so that the card's latest page
 * reads its rows from the index and stops: without the id the engine sorts every contact of the
 * customer that shares the order's first key, and the cost grows with the customer's history. The
 * new index serves every query the old one (party_id, started_at) did.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('interactions_party_timeline').on('interactions').columns(['party_id', 'started_at', 'id']).execute();
  await db.schema.dropIndex('interactions_party_started').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('interactions_party_started').on('interactions').columns(['party_id', 'started_at']).execute();
  await db.schema.dropIndex('interactions_party_timeline').execute();
}
