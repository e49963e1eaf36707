import type { Kysely } from 'kysely';
import type { JobHandler } from '../jobs/worker.js';
import { queueSms } from '../notifications/sms-submission.js';
import type { Database } from '../storage/schema.js';
import { SIM_CHANGE_HOLD_MS } from './sign-in.js';
import { signInCodeText, simChangedText } from './sign-in-texts.js';

/**
 * The `sign-in.code` handler: sends a code asked for a customer's line by SMS (the code in the message's
 * secret, never its text), or, while the line's SIM change is recent, an SMS that says why no code comes.
 * A stranger's number gets nothing; a code already expired or ended is not sent. Idempotent: the code
 * leaves the row in the transaction that queues its SMS.
 */
export function signInCodeHandler(db: Kysely<Database>, clock: () => number = Date.now): JobHandler {
  return async (codeId) => {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('sign_in_codes as c')
        .innerJoin('lines as l', 'l.id', 'c.line_id')
        .select(['c.pending_code', 'c.language', 'c.expires_at', 'c.ended_at', 'c.created_at', 'l.msisdn', 'l.sim_changed_at'])
        .where('c.id', '=', codeId)
        .where('c.pending_code', 'is not', null)
        .executeTakeFirst();
      if (!row) return;
      await trx.updateTable('sign_in_codes').set({ pending_code: null }).where('id', '=', codeId).execute();
      const now = clock();
      if (row.ended_at !== null || Number(row.expires_at) <= now) return;
      const simChanged = row.sim_changed_at !== null ? Number(row.sim_changed_at) : undefined;
      if (simChanged !== undefined && simChanged > Number(row.created_at) - SIM_CHANGE_HOLD_MS) {
        await queueSms(trx, { msisdn: row.msisdn, text: simChangedText(row.language, simChanged + SIM_CHANGE_HOLD_MS), purpose: 'sign_in_refused', surveyId: null }, now);
        return;
      }
      await queueSms(trx, { msisdn: row.msisdn, text: signInCodeText(row.language), purpose: 'sign_in_code', surveyId: null, secret: row.pending_code! }, now);
    });
    return { done: true };
  };
}
