import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openCustomerSession, type CustomerActor } from '../auth/customer-sessions.js';
import { enqueue } from '../jobs/outbox.js';
import { DomainError, invalid } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Language } from '../shared/languages.js';
import { numberHash } from '../shared/number-hash.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database, SelfServiceScope } from '../storage/schema.js';
import type { SignInThrottle } from './sign-in-throttle.js';

/** How long a code is valid. */
export const CODE_TTL_MS = 5 * 60_000;
/** Checks of one code before it is spent. */
export const MAX_ATTEMPTS = 5;
/** How long after a line's SIM card or number changed no code is sent to it (a SIM swap must not open the account). */
export const SIM_CHANGE_HOLD_MS = 72 * 3_600_000;

export interface SignInDeps {
  db: Kysely<Database>;
  throttle: SignInThrottle;
  /** the key of the keyed hashes of numbers and codes (ECOUTE_PRIVACY_SECRET) */
  secret: string;
  sessionHours: number;
  now?: () => number;
}

/** What the customer app is told once a code was asked for: the same for any valid mobile number, customer or not. */
export interface CodeAsked {
  challenge: string;
  expiresAt: number;
}

const codeHash = (secret: string, challenge: string, code: string) => createHmac('sha256', secret).update(`sign-in-code:${challenge}:${code}`).digest();

/** The active mobile line of a customer with this number, and what its user sees; undefined for anyone else. */
async function signInLine(db: Kysely<Database>, msisdn: string) {
  return db
    .selectFrom('lines as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .innerJoin('parties as p', 'p.id', 'a.party_id')
    .select(['l.id as lineId', 'l.sim_changed_at', 'l.self_service', 'a.segment', 'p.id as partyId', 'p.preferred_language'])
    .where('l.msisdn', '=', msisdn)
    .where('l.kind', '=', 'mobile')
    .where('l.status', '=', 'active')
    .where('a.status', '=', 'active')
    .where('p.erased_at', 'is', null)
    .executeTakeFirst();
}

/** What a person signed in with a line sees: the line's own setting, else every line for a residential account and the line for a business one. */
export const scopeOf = (line: { self_service: SelfServiceScope | null; segment: 'residential' | 'business' }): SelfServiceScope =>
  line.self_service ?? (line.segment === 'business' ? 'line' : 'account');

/**
 * Asks for a sign-in code for a number (docs/self-service.md, "Sign-in"). Whoever asks, for whatever
 * valid mobile number, gets the same answer after the same writes (a code row and a job): whether the
 * number is a customer's shows nowhere, not in the answer, its time nor the limits. The job sends the
 * code by SMS when the number is an active line of a customer, and not while its SIM change is
 * recent. A newer code ends the earlier ones of the number.
 */
export async function askSignInCode(deps: SignInDeps, input: { msisdn: string; language: Language; address: string }): Promise<CodeAsked> {
  const phone = normalizePhone(input.msisdn);
  if (!phone.ok) throw invalid('msisdn', phone.reason, 'invalid-phone');
  if (phone.kind !== 'mobile') throw invalid('msisdn', 'is not a mobile number: a code is sent by SMS', 'not-a-mobile');
  const numberKey = numberHash(deps.secret, phone.e164);
  await deps.throttle.codeAsked(numberKey, input.address);
  const now = deps.now?.() ?? Date.now();
  const line = await signInLine(deps.db, phone.e164);
  const id = newId();
  // a code for everyone: a stranger's is sent to nobody and matches nothing anyone knows
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sign_in_codes').set({ ended_at: now }).where('number_key', '=', numberKey).where('ended_at', 'is', null).execute();
    await trx
      .insertInto('sign_in_codes')
      .values({
        id, number_key: numberKey, line_id: line?.lineId ?? null, code_hash: codeHash(deps.secret, id, code).toString('base64url'),
        pending_code: line ? code : null, language: input.language, attempts: 0, created_at: now, expires_at: now + CODE_TTL_MS, ended_at: null,
      })
      .execute();
    await enqueue(trx, 'sign-in.code', id, now);
  });
  return { challenge: id, expiresAt: now + CODE_TTL_MS };
}

/** A refusal of a code: the same for a stranger's challenge and a customer's. */
const refused = (code: 'bad-code' | 'code-expired', attemptsLeft?: number) =>
  code === 'bad-code'
    ? new DomainError(401, 'bad-code', `The code is wrong${attemptsLeft === undefined ? '' : `: ${attemptsLeft} attempt(s) left`}`, [], { attemptsLeft: attemptsLeft ?? 0 })
    : new DomainError(401, 'code-expired', 'The code has expired, was used or was tried too often: ask for a new code');

/**
 * Checks a code and opens the customer's session. Single use, valid 5 minutes, 5 checks; wrong codes
 * count against the number and the address; compared in constant time. A code is refused as well
 * when the line's SIM card or number changed since it was asked, or the line or customer ended.
 */
export async function verifySignInCode(
  deps: SignInDeps,
  input: { challenge: string; code: string; address: string },
): Promise<{ token: string; expiresAt: number; customer: CustomerActor }> {
  const now = deps.now?.() ?? Date.now();
  const row = await deps.db.selectFrom('sign_in_codes').select(['number_key']).where('id', '=', input.challenge).executeTakeFirst();
  if (!row) throw refused('code-expired');
  await deps.throttle.checkAllowed(row.number_key, input.address);
  // one check spent, atomically: two checks at once never get more than the attempts
  const spent = await deps.db
    .updateTable('sign_in_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', input.challenge)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', MAX_ATTEMPTS)
    .returning(['attempts', 'code_hash', 'line_id', 'created_at', 'language'])
    .executeTakeFirst();
  if (!spent) throw refused('code-expired');
  const matches = timingSafeEqual(codeHash(deps.secret, input.challenge, input.code), Buffer.from(spent.code_hash, 'base64url'));
  if (!matches || spent.line_id === null) {
    await deps.throttle.failed(row.number_key, input.address);
    if (spent.attempts >= MAX_ATTEMPTS) await deps.db.updateTable('sign_in_codes').set({ ended_at: now }).where('id', '=', input.challenge).execute();
    throw refused('bad-code', MAX_ATTEMPTS - spent.attempts);
  }
  const line = await deps.db
    .selectFrom('lines as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .innerJoin('parties as p', 'p.id', 'a.party_id')
    .select(['l.id', 'l.status', 'l.sim_changed_at', 'l.self_service', 'a.segment', 'a.status as accountStatus', 'p.id as partyId', 'p.erased_at'])
    .where('l.id', '=', spent.line_id)
    .executeTakeFirst();
  const usable = line && line.status === 'active' && line.accountStatus === 'active' && line.erased_at === null;
  const simChanged = line?.sim_changed_at != null && Number(line.sim_changed_at) > Number(spent.created_at) - SIM_CHANGE_HOLD_MS;
  if (!usable || simChanged) {
    await deps.db.updateTable('sign_in_codes').set({ ended_at: now }).where('id', '=', input.challenge).execute();
    throw refused('code-expired');
  }
  const scope = scopeOf(line);
  return deps.db.transaction().execute(async (trx) => {
    // single use: of two checks of the right code at once, one signs in
    const ended = await trx.updateTable('sign_in_codes').set({ ended_at: now, pending_code: null }).where('id', '=', input.challenge).where('ended_at', 'is', null).executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) throw refused('code-expired');
    const session = await openCustomerSession(trx, { partyId: line.partyId, lineId: line.id, scope, factor: 'sms' }, deps.sessionHours, now);
    const customer: CustomerActor = { kind: 'customer', partyId: line.partyId, lineId: line.id, scope, factor: 'sms', language: spent.language };
    return { ...session, customer };
  });
}
