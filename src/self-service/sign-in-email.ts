import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openCustomerSession, type CustomerActor } from '../auth/customer-sessions.js';
import { enqueue } from '../jobs/outbox.js';
import { isEmailAddress } from '../shared/email-address.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Language } from '../shared/languages.js';
import { numberHash } from '../shared/number-hash.js';
import type { Database } from '../storage/schema.js';
import { CODE_TTL_MS, MAX_ATTEMPTS, scopeOf, type CodeAsked, type SignInDeps } from './sign-in.js';

/**
 * A one-time code sent by e-mail (docs/self-service.md, "A code by e-mail"): the SMS code's rules for an
 * e-mail address on file. 6 digits, 5 minutes, single use, 5 checks, the same limits (counted on the
 * address given and the client's address), and the same answer for any well-formed address. The code is
 * kept as an HMAC; it travels in the e-mail's secret, never in its stored text.
 */

const codeHash = (secret: string, challenge: string, code: string) => createHmac('sha256', secret).update(`email-sign-in-code:${challenge}:${code}`).digest();

/** The keyed hash an address is counted and found by: the same for a customer's address and anyone's. */
export const emailKey = (secret: string, address: string) => numberHash(secret, `email:${address}`);

/**
 * Whom a code for this address signs in, if anyone: the address must be on file for exactly one customer
 * (a family sharing one address gets nothing: the code could not say which of them), and the session is
 * the account holder's: a residential customer's, or a business's administrator (its line marked
 * `self_service = 'account'`), on an active mobile line. A business's line user signs in by SMS or passkey.
 */
async function emailSignInTarget(db: Kysely<Database>, address: string): Promise<{ partyId: string; lineId: string } | undefined> {
  const parties = await db
    .selectFrom('contact_points as cp')
    .innerJoin('parties as p', 'p.id', 'cp.party_id')
    .select('cp.party_id')
    .distinct()
    .where('cp.value', '=', address)
    .where('cp.kind', '=', 'email')
    .where('p.erased_at', 'is', null)
    .limit(2)
    .execute();
  if (parties.length !== 1) return undefined;
  const partyId = parties[0]!.party_id;
  const lines = await db
    .selectFrom('lines as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .select(['l.id', 'l.self_service', 'a.segment'])
    .where('a.party_id', '=', partyId)
    .where('l.kind', '=', 'mobile')
    .where('l.status', '=', 'active')
    .where('a.status', '=', 'active')
    .orderBy('l.msisdn')
    .execute();
  const holder = lines.find((l) => l.self_service === 'account') ?? lines.find((l) => scopeOf(l) === 'account');
  return holder ? { partyId, lineId: holder.id } : undefined;
}

/**
 * Asks for a sign-in code by e-mail. Whoever asks, for whatever well-formed address, gets the same
 * answer after the same writes (a code row and a job); the job sends the e-mail only when the address
 * is one customer's. A newer code ends the earlier ones of the address. A malformed address is 400
 * `invalid-input` (`invalid-format`), which says nothing of who is a customer.
 */
export async function askEmailCode(deps: SignInDeps, input: { email: string; language: Language; address: string }): Promise<CodeAsked> {
  const email = input.email.trim().toLowerCase();
  if (!isEmailAddress(email)) throw invalid('email', 'is not an e-mail address', 'invalid-format', { format: 'email' });
  const key = emailKey(deps.secret, email);
  await deps.throttle.codeAsked(key, input.address);
  const now = deps.now?.() ?? Date.now();
  const target = await emailSignInTarget(deps.db, email);
  const id = newId();
  // a code for everyone: a stranger's is sent to nobody and matches nothing anyone knows
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('email_sign_in_codes').set({ ended_at: now, pending_code: null, pending_address: null }).where('address_key', '=', key).where('ended_at', 'is', null).execute();
    await trx
      .insertInto('email_sign_in_codes')
      .values({
        id, address_key: key, party_id: target?.partyId ?? null, line_id: target?.lineId ?? null, code_hash: codeHash(deps.secret, id, code).toString('base64url'),
        pending_code: target ? code : null, pending_address: target ? email : null, language: input.language, attempts: 0, created_at: now, expires_at: now + CODE_TTL_MS,
        ended_at: null,
      })
      .execute();
    await enqueue(trx, 'sign-in.email', id, now);
  });
  return { challenge: id, expiresAt: now + CODE_TTL_MS };
}

/** A refusal of a code: the same for a stranger's challenge and a customer's (the SMS code's codes). */
const refused = (code: 'bad-code' | 'code-expired', attemptsLeft?: number) =>
  code === 'bad-code'
    ? new DomainError(401, 'bad-code', `The code is wrong: ${attemptsLeft ?? 0} attempt(s) left`, [], { attemptsLeft: attemptsLeft ?? 0 })
    : new DomainError(401, 'code-expired', 'The code has expired, was used or was tried too often: ask for a new code');

/**
 * Checks an e-mail code and opens the account holder's session (factor `email`). Single use, valid 5
 * minutes, 5 checks; wrong codes count against the e-mail address and the client's address; compared
 * in constant time. Refused as well when the line or the customer ended since the code was asked.
 */
export async function verifyEmailCode(
  deps: SignInDeps,
  input: { challenge: string; code: string; address: string },
): Promise<{ token: string; expiresAt: number; customer: CustomerActor }> {
  const now = deps.now?.() ?? Date.now();
  const row = await deps.db.selectFrom('email_sign_in_codes').select(['address_key']).where('id', '=', input.challenge).executeTakeFirst();
  if (!row) throw refused('code-expired');
  await deps.throttle.checkAllowed(row.address_key, input.address);
  const spent = await deps.db
    .updateTable('email_sign_in_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', input.challenge)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', MAX_ATTEMPTS)
    .returning(['attempts', 'code_hash', 'party_id', 'line_id', 'language'])
    .executeTakeFirst();
  if (!spent) throw refused('code-expired');
  const matches = timingSafeEqual(codeHash(deps.secret, input.challenge, input.code), Buffer.from(spent.code_hash, 'base64url'));
  if (!matches || spent.line_id === null || spent.party_id === null) {
    await deps.throttle.failed(row.address_key, input.address);
    if (spent.attempts >= MAX_ATTEMPTS) await deps.db.updateTable('email_sign_in_codes').set({ ended_at: now, pending_code: null, pending_address: null }).where('id', '=', input.challenge).execute();
    throw refused('bad-code', MAX_ATTEMPTS - spent.attempts);
  }
  const line = await deps.db
    .selectFrom('lines as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .innerJoin('parties as p', 'p.id', 'a.party_id')
    .select(['l.id', 'l.status', 'l.self_service', 'a.segment', 'a.status as accountStatus', 'p.id as partyId', 'p.erased_at'])
    .where('l.id', '=', spent.line_id)
    .executeTakeFirst();
  if (!line || line.status !== 'active' || line.accountStatus !== 'active' || line.erased_at !== null || line.partyId !== spent.party_id) {
    await deps.db.updateTable('email_sign_in_codes').set({ ended_at: now }).where('id', '=', input.challenge).execute();
    throw refused('code-expired');
  }
  const scope = scopeOf(line);
  return deps.db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('email_sign_in_codes')
      .set({ ended_at: now, pending_code: null, pending_address: null })
      .where('id', '=', input.challenge)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) throw refused('code-expired');
    const session = await openCustomerSession(trx, { partyId: line.partyId, lineId: line.id, scope, factor: 'email' }, deps.sessionHours, now);
    const customer: CustomerActor = { kind: 'customer', partyId: line.partyId, lineId: line.id, scope, factor: 'email', language: spent.language };
    return { ...session, customer };
  });
}
