import type { Kysely } from 'kysely';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';

/** How long a ceremony's challenge is valid. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export type Ceremony = 'registration' | 'authentication';

/** Whose registration a challenge is for: the customer and the line signed in with. */
export interface ChallengeHolder {
  partyId: string;
  lineId: string;
}

/** A ceremony whose challenge is unknown, expired, already used, of another kind or another customer: start again. */
export const ceremonyExpired = () =>
  new DomainError(401, 'ceremony-expired', 'This passkey request has expired or was already used: start again');

/**
 * Keeps the challenge of a new ceremony (made random by the WebAuthn library, 32 bytes), valid 5
 * minutes, for one verification; the expired challenges of anyone go at the same time.
 */
export async function keepChallenge(db: Kysely<Database>, ceremony: Ceremony, challenge: string, holder: ChallengeHolder | null, now: number): Promise<string> {
  const id = newId();
  await db.deleteFrom('passkey_challenges').where('expires_at', '<=', now).execute();
  await db
    .insertInto('passkey_challenges')
    .values({ id, ceremony, challenge, party_id: holder?.partyId ?? null, line_id: holder?.lineId ?? null, created_at: now, expires_at: now + CHALLENGE_TTL_MS, used_at: null })
    .execute();
  return id;
}

/**
 * Takes a ceremony's challenge for its one verification, atomically: of two verifications of the same
 * ceremony, one gets it. A registration's challenge is its customer's and line's only. Taken even when
 * the verification then fails: a challenge is never tried twice. 401 `ceremony-expired` otherwise.
 */
export async function takeChallenge(db: Kysely<Database>, id: string, ceremony: Ceremony, holder: ChallengeHolder | null, now: number): Promise<string> {
  let query = db
    .updateTable('passkey_challenges')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('ceremony', '=', ceremony)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now);
  query = holder ? query.where('party_id', '=', holder.partyId).where('line_id', '=', holder.lineId) : query.where('party_id', 'is', null);
  const taken = await query.returning('challenge').executeTakeFirst();
  if (!taken) throw ceremonyExpired();
  return taken.challenge;
}
