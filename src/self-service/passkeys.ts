import { createHmac } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Kysely } from 'kysely';
import { auditCustomerAction } from '../auth/audit.js';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { MAX_PASSKEYS, type registrationResponse } from '../contract/passkeys.js';
import type { z } from '@hono/zod-openapi';
import { DomainError, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import { CHALLENGE_TTL_MS, keepChallenge, takeChallenge } from './passkey-challenges.js';
import type { RelyingParty } from './relying-party.js';

/** How recent a sign-in must be to add a passkey: a session left open on a shared device cannot add one for someone else. */
export const FRESH_SIGN_IN_MS = 10 * 60_000;
/** The public-key algorithms offered: ES256 (every platform), EdDSA, RS256 (Windows Hello). */
export const PASSKEY_ALGORITHMS = [-7, -8, -257];

/** A passkey as the customer sees it in the app. */
export interface PasskeyView {
  id: string;
  name: string;
  msisdn: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
  /** this session was opened with it */
  current: boolean;
}

export interface PasskeyList {
  items: PasskeyView[];
  maximum: number;
  canAdd: boolean;
  freshUntil: number | null;
}

/**
 * The WebAuthn user handle of a customer's line: a keyed hash of the customer and the line (no
 * personal data, the same on every registration of the line, so an authenticator keeps one passkey
 * per line and replaces it when made again).
 */
export const userHandle = (secret: string, holder: { partyId: string; lineId: string }): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHmac('sha256', secret).update(`passkey-user:${holder.partyId}:${holder.lineId}`).digest());

/** Until when this session may add a passkey; null: it is too old, sign in again. */
function freshUntil(customer: CustomerActor, now: number): number | null {
  const started = customer.session?.startedAt;
  return started !== undefined && now - started < FRESH_SIGN_IN_MS ? started + FRESH_SIGN_IN_MS : null;
}

/** The passkeys a customer reaches: the account holder every passkey of the customer's, a line's user those of their line. */
function reachable(db: Kysely<Database>, customer: CustomerActor) {
  const query = db.selectFrom('passkeys as k').innerJoin('lines as l', 'l.id', 'k.line_id').where('k.party_id', '=', customer.partyId);
  return customer.scope === 'account' ? query : query.where('k.line_id', '=', customer.lineId);
}

const linePasskeys = (db: Kysely<Database>, customer: CustomerActor) =>
  db.selectFrom('passkeys').select(['credential_id', 'transports']).where('party_id', '=', customer.partyId).where('line_id', '=', customer.lineId).execute();

/** The customer's passkeys, newest first, and whether they may add one now. */
export async function myPasskeys(db: Kysely<Database>, customer: CustomerActor, now = Date.now()): Promise<PasskeyList> {
  const rows = await reachable(db, customer)
    .select(['k.id', 'k.name', 'l.msisdn', 'k.line_id', 'k.created_at', 'k.last_used_at', 'k.backed_up'])
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
  const fresh = freshUntil(customer, now);
  const onLine = rows.filter((r) => r.line_id === customer.lineId).length;
  return {
    items: rows.map((r) => ({
      id: r.id, name: r.name, msisdn: r.msisdn, createdAt: Number(r.created_at), lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
      backedUp: r.backed_up === 1, current: r.id === customer.session?.passkeyId,
    })),
    maximum: MAX_PASSKEYS,
    canAdd: fresh !== null && onLine < MAX_PASSKEYS,
    freshUntil: fresh,
  };
}

function mayAdd(customer: CustomerActor, count: number, now: number): void {
  if (freshUntil(customer, now) === null) {
    throw new DomainError(403, 'recent-sign-in-required', `Sign in again to add a passkey: the sign-in must be less than ${FRESH_SIGN_IN_MS / 60_000} minutes old`, [], { minutes: FRESH_SIGN_IN_MS / 60_000 });
  }
  if (count >= MAX_PASSKEYS) {
    throw new DomainError(409, 'too-many-passkeys', `This line holds ${count} passkeys, the most it may: remove one first`, [], { maximum: MAX_PASSKEYS });
  }
}

/**
 * Starts making a passkey for the customer's line (docs/self-service.md, "Passkeys"): the options
 * for `navigator.credentials.create()`, a discoverable credential with user verification, and the
 * ceremony's challenge kept for this customer and line. Only within 10 minutes of signing in (403
 * `recent-sign-in-required`, with `params.minutes`), and while the line holds fewer than 10 (409
 * `too-many-passkeys`).
 */
export async function passkeyRegistrationOptions(
  db: Kysely<Database>,
  customer: CustomerActor,
  rp: RelyingParty,
  secret: string,
  now = Date.now(),
): Promise<{ ceremony: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await linePasskeys(db, customer);
  mayAdd(customer, existing.length, now);
  const line = await db.selectFrom('lines').select('msisdn').where('id', '=', customer.lineId).executeTakeFirstOrThrow();
  const party = await db.selectFrom('parties').select('display_name').where('id', '=', customer.partyId).executeTakeFirstOrThrow();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    // what the authenticator lists the passkey by, on the customer's own device
    userName: line.msisdn,
    userDisplayName: party.display_name,
    userID: userHandle(secret, customer),
    timeout: CHALLENGE_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((k) => ({ id: k.credential_id, transports: k.transports === '' ? [] : k.transports.split(' ') })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
  });
  const ceremony = await keepChallenge(db, 'registration', options.challenge, customer, now);
  return { ceremony, options };
}

/** An answer of the browser that does not prove a passkey of this site made with this challenge: nothing is kept. */
const notVerified = () => new DomainError(400, 'passkey-refused', 'The passkey could not be verified (wrong site, challenge or signature, or no user verification): nothing was kept');

/**
 * Verifies the browser's answer and keeps the passkey (its public key, counter, backup state, the
 * customer's name for it), for the line the customer signed in with. The challenge is taken first
 * (once: 401 `ceremony-expired` after); an answer that does not verify is 400 `passkey-refused`; a
 * credential Ecoute holds already is 409 `passkey-already-registered`. Audited as `passkey.add`.
 */
export async function registerPasskey(
  db: Kysely<Database>,
  customer: CustomerActor,
  rp: RelyingParty,
  secret: string,
  input: { ceremony: string; name: string; response: z.infer<typeof registrationResponse> },
  now = Date.now(),
): Promise<PasskeyView> {
  const expectedChallenge = await takeChallenge(db, input.ceremony, 'registration', customer, now);
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      // its shape checked by the contract; what it proves, by the library
      response: input.response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: PASSKEY_ALGORITHMS,
    });
  } catch {
    throw notVerified();
  }
  if (!verification.verified) throw notVerified();
  const info = verification.registrationInfo;
  const name = input.name.trim();
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('passkeys').select('id').where('credential_id', '=', info.credential.id).executeTakeFirst();
    if (taken) throw new DomainError(409, 'passkey-already-registered', 'This passkey is registered already');
    mayAdd(customer, (await linePasskeys(trx, customer)).length, now);
    const id = newId();
    await trx
      .insertInto('passkeys')
      .values({
        id, party_id: customer.partyId, line_id: customer.lineId, credential_id: info.credential.id,
        public_key: Buffer.from(info.credential.publicKey).toString('base64url'), user_handle: Buffer.from(userHandle(secret, customer)).toString('base64url'),
        counter: info.credential.counter, transports: (info.credential.transports ?? []).join(' '), device_type: info.credentialDeviceType,
        backed_up: info.credentialBackedUp ? 1 : 0, aaguid: info.aaguid, name, created_at: now, last_used_at: null,
      })
      .execute();
    await auditCustomerAction(trx, customer, customer.partyId, 'passkey.add', 'api', now);
    const line = await trx.selectFrom('lines').select('msisdn').where('id', '=', customer.lineId).executeTakeFirstOrThrow();
    return { id, name, msisdn: line.msisdn, createdAt: now, lastUsedAt: null, backedUp: info.credentialBackedUp, current: false };
  });
}

/**
 * Removes one of the customer's passkeys: it signs nobody in again, and the sessions it opened end
 * (all but this one). Another customer's passkey, or another line's for a line's user, is 404, as if
 * it did not exist. Audited as `passkey.remove`.
 */
export async function removePasskey(db: Kysely<Database>, customer: CustomerActor, id: string, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await reachable(trx, customer).select('k.id').where('k.id', '=', id).executeTakeFirst();
    if (!found) throw notFound('None of your passkeys has this id');
    await trx.deleteFrom('passkeys').where('id', '=', id).execute();
    let sessions = trx.deleteFrom('customer_sessions').where('passkey_id', '=', id);
    if (customer.session) sessions = sessions.where('token_hash', '!=', customer.session.key);
    await sessions.execute();
    await auditCustomerAction(trx, customer, customer.partyId, 'passkey.remove', 'api', now);
  });
}
