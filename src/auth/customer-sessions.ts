import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Language } from '../shared/languages.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, SelfServiceScope } from '../storage/schema.js';
import { hashToken } from './token-hash.js';

/**
 * A customer signed in to the customer app (docs/self-service.md, "Sign-in"). Not a staff actor: it
 * has no role, passes no policy of `policies.ts`, and only the routes declared `customer` let it
 * through, each reading what it reaches from `partyId`, `lineId` and `scope`.
 */
export interface CustomerActor {
  kind: 'customer';
  partyId: string;
  /** the line signed in with */
  lineId: string;
  /** every line of the customer, or the line signed in with */
  scope: SelfServiceScope;
  /** how they proved themselves: an SMS code (a restricted authenticator, NIST SP 800-63B), a passkey or a code by e-mail */
  factor: CustomerFactor;
  language: Language;
  /** the session this request came with: its key (the cookie's hash), when it was opened, the passkey it was opened with */
  session?: { key: string; startedAt: number; passkeyId: string | null };
}

/** How a customer signed in. */
export type CustomerFactor = 'sms' | 'passkey' | 'email';

/** The cookie of a customer's session: apart from the staff's, sent only to the customer API. */
export const CUSTOMER_COOKIE = 'ecoute_customer';
export const CUSTOMER_COOKIE_PATH = '/api/v1/my';

/** Opens a customer session (in the caller's transaction); returns the cookie value, shown once, stored hashed. */
export async function openCustomerSession(
  db: Kysely<Database>,
  session: { partyId: string; lineId: string; scope: SelfServiceScope; factor: CustomerFactor; passkeyId?: string },
  hours: number,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + hours * 3_600_000;
  await db
    .insertInto('customer_sessions')
    .values({
      token_hash: hashToken(token), party_id: session.partyId, line_id: session.lineId, scope: session.scope, factor: session.factor,
      passkey_id: session.passkeyId ?? null, created_at: now, expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

export async function endCustomerSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('customer_sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** The customer of a session, read on every request of the customer app: compiled once. */
const sessionCustomer = reusableQuery((db, v: { tokenHash: string }) =>
  db
    .selectFrom('customer_sessions as s')
    .innerJoin('parties as p', 'p.id', 's.party_id')
    .innerJoin('lines as l', 'l.id', 's.line_id')
    .select(['s.party_id', 's.line_id', 's.scope', 's.factor', 's.passkey_id', 's.created_at', 's.expires_at', 'p.preferred_language', 'p.erased_at', 'l.status'])
    .where('s.token_hash', '=', v.tokenHash),
);

/** Who holds a customer cookie; undefined when the session is unknown or expired, the customer erased or the line ended. */
export async function customerFromSession(db: Kysely<Database>, token: string, now = Date.now()): Promise<CustomerActor | undefined> {
  const tokenHash = hashToken(token);
  const row = await sessionCustomer.first(db, { tokenHash });
  if (!row || Number(row.expires_at) < now || row.erased_at !== null || row.status === 'terminated') return undefined;
  return {
    kind: 'customer', partyId: row.party_id, lineId: row.line_id, scope: row.scope, factor: row.factor, language: row.preferred_language,
    session: { key: tokenHash, startedAt: Number(row.created_at), passkeyId: row.passkey_id },
  };
}
