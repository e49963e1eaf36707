import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { CUSTOMER_COOKIE, CUSTOMER_COOKIE_PATH, type CustomerActor } from '../auth/customer-sessions.js';
import type { AppDeps } from '../http/context.js';
import { isHttps } from '../http/security-headers.js';
import { myAccount } from './my-account.js';
import { presentMyAccount } from './my-presenters.js';
import type { SignInDeps } from './sign-in.js';
import { SignInThrottle } from './sign-in-throttle.js';

/**
 * What every way of signing in to the customer app does over HTTP once it has checked who the customer
 * is (an SMS code, an e-mail code, a passkey): the session's cookie, for the customer API only, and the
 * account as the answer; and the 429 they all describe.
 */

/** The 429 of a sign-in route: `what` says what was tried too often, and from where. */
export const tooManySignIns = (what: string) => ({
  description: `${what}: problem+json; \`Retry-After\` gives the seconds to wait`,
  headers: { 'Retry-After': { description: 'seconds before the next attempt', schema: { type: 'integer' as const } } },
});

/** Opens the signed-in customer's session: an httpOnly cookie (SameSite Strict, path /api/v1/my), and their account as the answer. */
export async function openCustomerSession(c: Context, deps: AppDeps, signedIn: { token: string; expiresAt: number; customer: CustomerActor }) {
  setCookie(c, CUSTOMER_COOKIE, signedIn.token, { httpOnly: true, sameSite: 'Strict', path: CUSTOMER_COOKIE_PATH, secure: isHttps(c, deps.config), expires: new Date(signedIn.expiresAt) });
  return c.json(presentMyAccount(await myAccount(deps.storage.db, signedIn.customer)), 200);
}

/** What the code sign-ins (SMS, e-mail) need of the server: its database, the throttle whose counters it keeps, the key of the codes' HMAC, the session's length. */
export function signInDepsOf(deps: AppDeps): SignInDeps {
  const { db } = deps.storage;
  return { db, throttle: new SignInThrottle(db), secret: deps.config.privacySecret, sessionHours: deps.config.customerSessionHours };
}
