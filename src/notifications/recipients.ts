import type { Kysely } from 'kysely';
import { inChunks } from '../shared/batches.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database } from '../storage/schema.js';

/**
 * The mobile number each party is sent automatic SMS on (surveys, notifications): its first active
 * mobile line (oldest first), else its first phone contact point that is a mobile number (primary
 * first). Parties without one are absent from the map.
 */
export async function partyMobiles(db: Kysely<Database>, partyIds: readonly string[]): Promise<Map<string, string>> {
  const mobile = new Map<string, string>();
  const lines = await inChunks([...partyIds], (parties) =>
    db
      .selectFrom('lines')
      .innerJoin('accounts', 'accounts.id', 'lines.account_id')
      .select(['accounts.party_id', 'lines.msisdn'])
      .where('accounts.party_id', 'in', parties)
      .where('lines.kind', '=', 'mobile')
      .where('lines.status', '=', 'active')
      .orderBy('lines.activated_at')
      .execute(),
  );
  for (const line of lines) if (!mobile.has(line.party_id)) mobile.set(line.party_id, line.msisdn);
  const points = await inChunks(
    partyIds.filter((party) => !mobile.has(party)),
    (parties) =>
      db.selectFrom('contact_points').select(['party_id', 'value']).where('party_id', 'in', parties).where('kind', '=', 'phone').orderBy('is_primary', 'desc').execute(),
  );
  for (const point of points) {
    if (mobile.has(point.party_id)) continue;
    const parsed = normalizePhone(point.value);
    if (parsed.ok && parsed.kind === 'mobile') mobile.set(point.party_id, parsed.e164);
  }
  return mobile;
}

/** The e-mail address a party is written to: its primary e-mail contact point, else its first one. */
export async function partyEmail(db: Kysely<Database>, partyId: string): Promise<string | undefined> {
  const point = await db
    .selectFrom('contact_points')
    .select('value')
    .where('party_id', '=', partyId)
    .where('kind', '=', 'email')
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return point?.value;
}
