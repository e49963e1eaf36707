import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { passkey, passkeyCreationOptions, passkeyList, passkeyRegistrationIn, passkeyRequestOptions, passkeySignInIn } from '../contract/passkeys.js';
import { myAccount as myAccountSchema } from '../contract/self-service.js';
import { customerOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { clientAddress, isHttps } from '../http/security-headers.js';
import { passkeyOptionsLimiter, passkeySignInOptions, verifyPasskeySignIn, type PasskeySignInDeps } from './passkey-sign-in.js';
import { presentCreationOptions, presentPasskey, presentPasskeyList, presentRequestOptions } from './passkey-presenters.js';
import { myPasskeys, passkeyRegistrationOptions, registerPasskey, removePasskey } from './passkeys.js';
import { relyingParty } from './relying-party.js';
import { openCustomerSession, tooManySignIns } from './sign-in-http.js';
import { SignInThrottle } from './sign-in-throttle.js';

const tooMany = tooManySignIns('Too many passkey sign-ins started, or failed, from this address or with this passkey');
const unavailable = { description: '`passkeys-unavailable`: the server does not know the address customers open (ECOUTE_PUBLIC_URL)' };

/** The customer app's passkeys (docs/self-service.md, "Passkeys"): making, listing and removing them, and signing in with one. */
export function myPasskeyRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const secret = deps.config.privacySecret;
  const signIn: PasskeySignInDeps = { db, throttle: new SignInThrottle(db), optionsLimiter: passkeyOptionsLimiter(db), sessionHours: deps.config.customerSessionHours };
  const rpOf = (c: Context) => relyingParty(deps.config, { url: c.req.url, https: isHttps(c, deps.config) });

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/passkey/options', tags: ['customer app'],
      summary: 'Start a sign-in with a passkey: the options for navigator.credentials.get() (a discoverable credential, user verification required; nothing typed)',
      responses: { 200: json(passkeyRequestOptions, 'The options and the ceremony they belong to (5 minutes, once)'), 429: tooMany, 503: unavailable },
    }),
    async (c) => {
      const { ceremony, options } = await passkeySignInOptions(signIn, rpOf(c), clientAddress(c, deps.config));
      return c.json(presentRequestOptions(ceremony, options), 200);
    },
  );

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/passkey/verify', tags: ['customer app'],
      summary: 'Check the passkey’s answer and open the customer’s session (an httpOnly cookie for the customer API only)',
      request: { body: { content: { 'application/json': { schema: passkeySignInIn } } } },
      responses: {
        200: json(myAccountSchema, 'Signed in: the customer’s account'),
        400: problemResponses[400],
        401: { description: '`ceremony-expired` (start again), `passkey-unknown` (removed: the browser may forget it), `passkey-refused`, `passkey-line-ended`' },
        429: tooMany,
        503: unavailable,
      },
    }),
    async (c) => {
      const rp = rpOf(c);
      const { ceremony, response } = c.req.valid('json');
      return openCustomerSession(c, deps, await verifyPasskeySignIn(signIn, rp, { ceremony, response, address: clientAddress(c, deps.config) }));
    },
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/passkeys', tags: ['customer app'],
      summary: 'The customer’s passkeys (name, line, made, last used, synced, the one this session used) and whether one may be added now',
      responses: { 200: json(passkeyList, 'The passkeys, newest first'), 401: problemResponses[401] },
    }),
    async (c) => c.json(presentPasskeyList(await myPasskeys(db, customerOf(c))), 200),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/passkeys/registration-options', tags: ['customer app'],
      summary: 'Start adding a passkey for the line signed in with: the options for navigator.credentials.create(); within 10 minutes of signing in',
      responses: {
        200: json(passkeyCreationOptions, 'The options and the ceremony they belong to (5 minutes, once)'),
        401: problemResponses[401],
        403: { description: '`recent-sign-in-required` (`params.minutes`): sign in again first' },
        409: { description: '`too-many-passkeys` (`params.maximum`)' },
        503: unavailable,
      },
    }),
    async (c) => {
      const { ceremony, options } = await passkeyRegistrationOptions(db, customerOf(c), rpOf(c), secret);
      return c.json(presentCreationOptions(ceremony, options), 200);
    },
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/passkeys', tags: ['customer app'],
      summary: 'Check the new passkey’s answer and keep it, with the customer’s name for it',
      request: { body: { content: { 'application/json': { schema: passkeyRegistrationIn } } } },
      responses: {
        201: json(passkey, 'The passkey kept'),
        400: { description: '`invalid-input`, or `passkey-refused`: the answer does not verify (another site, a bad challenge, no user verification)' },
        401: { description: '`not-signed-in`, or `ceremony-expired`: start again' },
        403: { description: '`recent-sign-in-required`' },
        409: { description: '`passkey-already-registered`, `too-many-passkeys`' },
        503: unavailable,
      },
    }),
    async (c) => {
      const kept = await registerPasskey(db, customerOf(c), rpOf(c), secret, c.req.valid('json'));
      return c.json(presentPasskey(kept), 201);
    },
  );

  router.openapi(
    route('customer', {
      method: 'delete', path: '/my/passkeys/{id}', tags: ['customer app'],
      summary: 'Remove one of the customer’s passkeys: it signs nobody in again, and the other sessions it opened end',
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Removed' }, 401: problemResponses[401], 404: { description: 'None of the customer’s passkeys has this id' } },
    }),
    async (c) => {
      await removePasskey(db, customerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return router;
}
