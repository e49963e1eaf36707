import { emailCodeIn } from '../contract/passkeys.js';
import { myAccount as myAccountSchema, signInCodeAsked, signInVerifyIn } from '../contract/self-service.js';
import { json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { clientAddress } from '../http/security-headers.js';
import { askEmailCode, verifyEmailCode } from './sign-in-email.js';
import { openCustomerSession, signInDepsOf, tooManySignIns } from './sign-in-http.js';

const tooMany = tooManySignIns('Too many codes asked, or wrong codes given, for this e-mail address or from this client address');

/** The customer app's sign-in by a code sent by e-mail (docs/self-service.md, "A code by e-mail"): the SMS code's rules for an address. */
export function myEmailSignInRoutes(deps: AppDeps) {
  const router = newRouter();
  const signIn = signInDepsOf(deps);

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/email-code', tags: ['customer app'],
      summary: 'Ask for a sign-in code by e-mail (the same answer whether the address is a customer’s or not)',
      request: { body: { content: { 'application/json': { schema: emailCodeIn } } } },
      responses: { 202: json(signInCodeAsked, 'A code was asked for; it arrives by e-mail if the address is one customer’s'), 400: problemResponses[400], 429: tooMany },
    }),
    async (c) => {
      const { email, language } = c.req.valid('json');
      const asked = await askEmailCode(signIn, { email, language: language ?? 'fr', address: clientAddress(c, deps.config) });
      return c.json({ challenge: asked.challenge, expiresAt: new Date(asked.expiresAt).toISOString() }, 202);
    },
  );

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/email-code/verify', tags: ['customer app'],
      summary: 'Check the code sent by e-mail and open the account holder’s session (an httpOnly cookie for the customer API only)',
      request: { body: { content: { 'application/json': { schema: signInVerifyIn } } } },
      responses: {
        200: json(myAccountSchema, 'Signed in: the customer’s account'),
        400: problemResponses[400],
        401: { description: '`bad-code` (with `params.attemptsLeft`) or `code-expired` (expired, used, tried too often: ask for a new one)' },
        429: tooMany,
      },
    }),
    async (c) => {
      const { challenge, code } = c.req.valid('json');
      return openCustomerSession(c, deps, await verifyEmailCode(signIn, { challenge, code, address: clientAddress(c, deps.config) }));
    },
  );

  return router;
}
