import { sql, type Kysely } from 'kysely';
import type { Database, Flag } from '../storage/schema.js';

const DAY_MS = 86_400_000;

/**
 * First-contact resolution of one contact, computed rather than declared:
 * - `not_resolved`: the advisor did not record it as resolved (or recorded nothing);
 * - `repeat`: recorded resolved, but the customer came back for the same reason within the window;
 * - `pending`: recorded resolved, no repeat yet, and the window is still open;
 * - `fcr`: recorded resolved and the window closed without a repeat contact.
 */
export type FcrStatus = 'fcr' | 'repeat' | 'pending' | 'not_resolved';

export function fcrStatus(
  contact: { resolved: Flag | null; started_at: number; next_contact_at: number | null },
  windowDays: number,
  now: number,
): FcrStatus {
  if (contact.resolved !== 1) return 'not_resolved';
  if (contact.next_contact_at !== null) return 'repeat';
  return now < contact.started_at + windowDays * DAY_MS ? 'pending' : 'fcr';
}

/**
 * Recomputes the repeat links between contacts: a contact is a repeat of the previous contact of
 * the same customer for the same reason when it starts within the window after it; that previous
 * contact then records when the customer came back (next_contact_at). The computation is order-
 * independent, so contacts imported out of order get the same flags as live ones.
 * With a party id only that customer's contacts are recomputed; without, all of them (bulk loads).
 */
export async function recomputeRepeats(
  db: Kysely<Database>,
  windowDays: number,
  partyId?: string,
): Promise<void> {
  const windowMs = windowDays * DAY_MS;
  const scope = partyId === undefined ? sql`` : sql`and party_id = ${partyId}`;
  await sql`
    with ordered as (
      select id,
        lag(id) over w as prev_id,
        lag(started_at) over w as prev_at,
        lead(started_at) over w as next_at
      from interactions
      where reason_code is not null ${scope}
      window w as (partition by party_id, reason_code order by started_at, id)
    )
    update interactions set
      repeat_of = case when ordered.prev_at is not null and interactions.started_at - ordered.prev_at <= ${windowMs}
                       then ordered.prev_id end,
      next_contact_at = case when ordered.next_at is not null and ordered.next_at - interactions.started_at <= ${windowMs}
                             then ordered.next_at end
    from ordered
    where ordered.id = interactions.id
  `.execute(db);
}
