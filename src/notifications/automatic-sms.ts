import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';

/**
 * The SMS Ecoute sends by itself, never the survey questions: the surveys' replies to a customer's
 * SMS (confirmations, thanks, clarification) and every notification (src/notifications). One cap
 * counts them all per number (`ECOUTE_SMS_AUTO_REPLIES_PER_DAY`).
 */
export const AUTOMATIC_PURPOSES = ['opt_out_confirmation', 'opt_in_confirmation', 'thanks', 'clarification', 'notification'] as const;

export type AutomaticPurpose = (typeof AUTOMATIC_PURPOSES)[number];

/** Automatic SMS to one number in any 24 hours, unless configured (ECOUTE_SMS_AUTO_REPLIES_PER_DAY). */
export const DEFAULT_AUTO_REPLIES_PER_DAY = 3;

/** The window of the cap. */
export const CAP_WINDOW_MS = 86_400_000;

/**
 * Automatic SMS queued for a number since `since` (index sms_messages_msisdn), and when the oldest
 * of them was queued (null when there is none): the cap frees a place 24 hours after it.
 */
export async function automaticSmsSince(db: Kysely<Database>, msisdn: string, since: number): Promise<{ count: number; oldestAt: number | null }> {
  const row = await db
    .selectFrom('sms_messages')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
    .where('msisdn', '=', msisdn)
    .where('created_at', '>', since)
    .where('direction', '=', 'out')
    .where('purpose', 'in', [...AUTOMATIC_PURPOSES])
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldestAt: row?.oldest == null ? null : Number(row.oldest) };
}
