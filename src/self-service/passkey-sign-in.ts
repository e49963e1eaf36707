import { createHash } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { addressKey } from '../auth/login-throttle.js';
import { openCustomerSession, type CustomerActor } from '../auth/customer-sessions.js';
import { KyselyRateLimiter } from '../auth/rate-limit-store.js';
import { hashToken } from '../auth/token-hash.js';
import type { authenticationResponse } from '../contract/passkeys.js';
import { DomainError, RateLimited } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { CHALLENGE_TTL_MS, keepChallenge, takeChallenge } from './passkey-challenges.js';
import type { RelyingParty } from './relying-party.js';
import { scopeOf } from './sign-in.js';
import type { SignInThrottle } from './sign-in-throttle.js';

/** Sign-in ceremonies one address may start in an hour: a person retries a few times; a script filling the table is stopped. */
export const PASSKEY_OPTIONS_PER_ADDRESS = { points: 60, windowSeconds: 3600 };

export interface PasskeySignInDeps {
  db: Kysely<Database>;
  /** the SMS code's throttle: a failed passkey counts as a wrong code, against the passkey and the address */
  throttle: SignInThrottle;
  /** ceremonies started per address */
  optionsLimiter: KyselyRateLimiter;
  sessionHours: number;
  now?: () => number;
}

/** The limiter of the ceremonies an address starts, its counters in the database beside the codes'. */
export const passkeyOptionsLimiter = (db: Kysely<Database>) =>
  new KyselyRateLimiter(db, { keyPrefix: 'passkey-options-from', points: PASSKEY_OPTIONS_PER_ADDRESS.points, duration: PASSKEY_OPTIONS_PER_ADDRESS.windowSeconds });

/**
 * Starts a sign-in with a passkey (docs/self-service.md, "Passkeys"): a discoverable credential, so no
 * number is typed and no credential is listed (the options say nothing of any customer), with user
 * verification required; the ceremony's challenge is kept 5 minutes for one verification.
 */
export async function passkeySignInOptions(
  deps: PasskeySignInDeps,
  rp: RelyingParty,
  address: string,
): Promise<{ ceremony: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const counted = await deps.optionsLimiter.penalty(`address:${addressKey(address)}`);
  if (counted.consumedPoints > PASSKEY_OPTIONS_PER_ADDRESS.points) {
    const seconds = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
    throw new RateLimited(seconds, `Too many passkey sign-ins started from this address: try again in ${seconds} s`);
  }
  const now = deps.now?.() ?? Date.now();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required', timeout: CHALLENGE_TTL_MS });
  const ceremony = await keepChallenge(deps.db, 'authentication', options.challenge, null, now);
  return { ceremony, options };
}

/** A passkey whose answer does not verify (another site, a bad signature, no user verification, its counter gone back). */
const refused = () => new DomainError(401, 'passkey-refused', 'The passkey could not be verified: try again, or sign in with a code');

/** The throttle's key of a credential: its id hashed (an id is up to 1,023 bytes). */
const credentialKey = (credentialId: string) => `passkey:${createHash('sha256').update(credentialId).digest('base64url')}`;

/**
 * Verifies a passkey's answer and opens the customer's session on the line the passkey was made with
 * (its scope as a sign-in by SMS with that line gives). The challenge is taken first, once (401
 * `ceremony-expired` after); a passkey Ecoute does not hold (removed) is 401 `passkey-unknown`, so the
 * app can tell the browser to forget it; one that does not verify is 401 `passkey-refused`, and so is
 * a counter that went back (the passkey may have been copied). Each failure counts as a wrong code does,
 * against the passkey and the address (429 `too-many-attempts` past the limits). A line's SIM change
 * does not stop it: that rule is for SMS, which a SIM swap hijacks, and a passkey is not in the SIM.
 * The counter and backup state are kept, and the passkey's last use.
 */
export async function verifyPasskeySignIn(
  deps: PasskeySignInDeps,
  rp: RelyingParty,
  input: { ceremony: string; response: z.infer<typeof authenticationResponse>; address: string },
): Promise<{ token: string; expiresAt: number; customer: CustomerActor }> {
  const { db, throttle } = deps;
  const now = deps.now?.() ?? Date.now();
  const key = credentialKey(input.response.id);
  await throttle.checkAllowed(key, input.address);
  const expectedChallenge = await takeChallenge(db, input.ceremony, 'authentication', null, now);
  const passkey = await db
    .selectFrom('passkeys as k')
    .innerJoin('lines as l', 'l.id', 'k.line_id')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .innerJoin('parties as p', 'p.id', 'k.party_id')
    .select([
      'k.id', 'k.party_id', 'k.line_id', 'k.credential_id', 'k.public_key', 'k.user_handle', 'k.counter', 'k.transports',
      'l.status as lineStatus', 'l.self_service', 'a.segment', 'a.status as accountStatus', 'p.erased_at', 'p.preferred_language',
    ])
    .where('k.credential_id', '=', input.response.id)
    .executeTakeFirst();
  if (!passkey) {
    await throttle.failed(key, input.address);
    throw new DomainError(401, 'passkey-unknown', 'This passkey is not registered (it was removed): sign in with a code, then add a passkey again');
  }
  const counter = Number(passkey.counter);
  const handle = input.response.response.userHandle;
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    // a discoverable credential answers with the user handle it was made for: it must be this passkey's
    if (handle !== undefined && handle !== passkey.user_handle) throw new Error('user handle of another passkey');
    verification = await verifyAuthenticationResponse({
      // its shape checked by the contract; what it proves, by the library
      response: input.response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: {
        id: passkey.credential_id, publicKey: new Uint8Array(Buffer.from(passkey.public_key, 'base64url')), counter,
        transports: passkey.transports === '' ? [] : passkey.transports.split(' '),
      },
      requireUserVerification: true,
    });
    if (!verification.verified) throw new Error('not verified');
  } catch {
    await throttle.failed(key, input.address);
    throw refused();
  }
  if (passkey.lineStatus !== 'active' || passkey.accountStatus !== 'active' || passkey.erased_at !== null) {
    throw new DomainError(401, 'passkey-line-ended', 'The line this passkey signs in with is no longer active: sign in with a code on an active line');
  }
  const info = verification.authenticationInfo;
  const scope = scopeOf(passkey);
  return db.transaction().execute(async (trx) => {
    // the counter moves forward once: of two sign-ins with the same answer, one passes
    const kept = await trx
      .updateTable('passkeys')
      .set({ counter: info.newCounter, backed_up: info.credentialBackedUp ? 1 : 0, device_type: info.credentialDeviceType, last_used_at: now })
      .where('id', '=', passkey.id)
      .where('counter', '=', counter)
      .executeTakeFirst();
    if (Number(kept.numUpdatedRows) !== 1) throw refused();
    const session = await openCustomerSession(trx, { partyId: passkey.party_id, lineId: passkey.line_id, scope, factor: 'passkey', passkeyId: passkey.id }, deps.sessionHours, now);
    const customer: CustomerActor = {
      kind: 'customer', partyId: passkey.party_id, lineId: passkey.line_id, scope, factor: 'passkey', language: passkey.preferred_language,
      session: { key: hashToken(session.token), startedAt: now, passkeyId: passkey.id },
    };
    return { ...session, customer };
  });
}
