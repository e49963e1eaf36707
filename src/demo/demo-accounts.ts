import type { Kysely } from 'kysely';
import type { Database } from '../storage/schema.js';
import { DEMO_LOGINS } from './logins.js';

const DEMO_EMAILS = DEMO_LOGINS.map((l) => l.email);

/**
 * The demo staff accounts have a published password (`ecoute-demo`, shown on the login page in demo
 * mode). A database made by `ecoute serve --demo` and then served without `--demo` must not keep them
 * usable: they are deactivated (their sessions end with it, an inactive account's session is refused)
 * and the number deactivated is returned, for the start-up message. Nothing else is changed.
 */
export async function retireDemoAccounts(db: Kysely<Database>): Promise<number> {
  const result = await db.updateTable('users').set({ active: 0 }).where('email', 'in', DEMO_EMAILS).where('active', '=', 1).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Demo mode again on such a database: its demo accounts work again. */
export async function restoreDemoAccounts(db: Kysely<Database>): Promise<void> {
  await db.updateTable('users').set({ active: 1 }).where('email', 'in', DEMO_EMAILS).where('active', '=', 0).execute();
}
