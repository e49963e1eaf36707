import type { Kysely } from 'kysely';
import type { JobHandler } from '../jobs/worker.js';
import type { EmailTransport } from '../mail/email-transport.js';
import { deliverEmail } from '../notifications/notification-sending.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import { signInEmail } from './sign-in-email-texts.js';

/**
 * The `sign-in.email` handler: sends a code asked for a customer's e-mail address through the e-mail
 * transport of the notifications (ECOUTE_SMTP_URL; the demo's mail catcher), the code in the e-mail's
 * secret, never its stored text. A stranger's address gets nothing; a code already expired or ended is
 * not sent. Idempotent: the code and the address leave the row in the transaction that queues the e-mail,
 * and an e-mail the transport may have is sent again with the same Message-ID.
 */
export function signInEmailHandler(db: Kysely<Database>, mail: { transport: EmailTransport; from: string } | undefined, clock: () => number = Date.now): JobHandler {
  return async (codeId) => {
    const now = clock();
    const emailId = await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('email_sign_in_codes')
        .select(['pending_code', 'pending_address', 'language', 'expires_at', 'ended_at'])
        .where('id', '=', codeId)
        .where('pending_code', 'is not', null)
        .executeTakeFirst();
      if (!row || row.pending_address === null) return undefined;
      await trx.updateTable('email_sign_in_codes').set({ pending_code: null, pending_address: null }).where('id', '=', codeId).execute();
      if (row.ended_at !== null || Number(row.expires_at) <= now) return undefined;
      const id = newId();
      const domain = /@([^>\s]+)>?\s*$/.exec(mail?.from ?? '')?.[1] ?? 'ecoute.invalid';
      const { subject, text } = signInEmail(row.language);
      await trx
        .insertInto('email_messages')
        .values({
          id, to_address: row.pending_address, subject, text, html: null, secret: row.pending_code, status: 'queued', message_id: `<${id}@${domain}>`,
          error: null, attempts: 0, created_at: now, updated_at: now,
        })
        .execute();
      return id;
    });
    return emailId === undefined ? { done: true } : deliverEmail({ db, mail }, emailId);
  };
}
