import { z } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { CUSTOMER_COOKIE, CUSTOMER_COOKIE_PATH, endCustomerSession } from '../auth/customer-sessions.js';
import { complaintCategoryChoices, myAccount as myAccountSchema, myComplaintFiled, myComplaintIn, myComplaints as myComplaintsSchema, myContactsPage, signInCodeAsked, signInCodeIn, signInVerifyIn } from '../contract/self-service.js';
import { lineConsumption as lineConsumptionSchema } from '../contract/usage.js';
import { billPage } from '../contract/billing.js';
import { accountBills } from '../billing/bill-queries.js';
import { presentBillPage } from '../billing/bill-presenters.js';
import { DomainError } from '../shared/errors.js';
import { beforeParam, customerOf, json, newRouter, problemResponses, route, type AppDeps } from '../http/context.js';
import { clientAddress } from '../http/security-headers.js';
import { presentConsumption } from '../usage/usage-presenters.js';
import { chooseMyRoamingLimit, myAccount, myConsumption } from './my-account.js';
import { complaintCategories, fileMyComplaint, myComplaints, myContacts } from './my-cases.js';
import { presentMyAccount, presentMyComplaint, presentMyContact } from './my-presenters.js';
import { askSignInCode, verifySignInCode } from './sign-in.js';
import { openCustomerSession, signInDepsOf, tooManySignIns } from './sign-in-http.js';

const tooMany = tooManySignIns('Too many codes asked, or wrong codes given, for this number or from this address');

/** The customer app's API (docs/self-service.md): sign-in by a code sent by SMS, and the customer's own account. */
export function myRoutes(deps: AppDeps) {
  const router = newRouter();
  const { db } = deps.storage;
  const signIn = signInDepsOf(deps);

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/code', tags: ['customer app'],
      summary: 'Ask for a sign-in code by SMS to a mobile number (the same answer whether the number is a customer’s or not)',
      request: { body: { content: { 'application/json': { schema: signInCodeIn } } } },
      responses: { 202: json(signInCodeAsked, 'A code was asked for; it arrives by SMS if the number is an active line of a customer'), 400: problemResponses[400], 429: tooMany },
    }),
    async (c) => {
      const { msisdn, language } = c.req.valid('json');
      const asked = await askSignInCode(signIn, { msisdn, language: language ?? 'fr', address: clientAddress(c, deps.config) });
      return c.json({ challenge: asked.challenge, expiresAt: new Date(asked.expiresAt).toISOString() }, 202);
    },
  );

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-in/verify', tags: ['customer app'],
      summary: 'Check the code and open the customer’s session (an httpOnly cookie for the customer API only)',
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
      return openCustomerSession(c, deps, await verifySignInCode(signIn, { challenge, code, address: clientAddress(c, deps.config) }));
    },
  );

  router.openapi(
    route('public', {
      method: 'post', path: '/my/sign-out', tags: ['customer app'],
      summary: 'End the customer’s session',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const token = getCookie(c, CUSTOMER_COOKIE);
      if (token) await endCustomerSession(db, token);
      deleteCookie(c, CUSTOMER_COOKIE, { path: CUSTOMER_COOKIE_PATH });
      return c.body(null, 204);
    },
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/account', tags: ['customer app'],
      summary: 'The signed-in customer’s account: who they are and the lines they reach',
      responses: { 200: json(myAccountSchema, 'The account'), 401: problemResponses[401] },
    }),
    async (c) => c.json(presentMyAccount(await myAccount(db, customerOf(c))), 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/lines/{msisdn}/consumption', tags: ['customer app'],
      summary: 'The consumption of one of the customer’s lines in its current billing period',
      request: { params: z.object({ msisdn: z.string().min(1).max(40) }) },
      responses: { 200: json(lineConsumptionSchema, 'The line’s consumption'), 401: problemResponses[401], 404: { description: 'None of the customer’s lines has this number' } },
    }),
    async (c) => c.json(presentConsumption(await myConsumption(db, customerOf(c), c.req.valid('param').msisdn)), 200),
  );

  router.openapi(
    route('customer', {
      method: 'put', path: '/my/lines/{msisdn}/roaming-limit', tags: ['customer app'],
      summary: 'Choose the spending limit on data roaming outside the EU/EEA (50, 100, 200 or 500 EUR excl. VAT), or none; a limit above what the period spent lifts the stop',
      request: {
        params: z.object({ msisdn: z.string().min(1).max(40) }),
        body: { content: { 'application/json': { schema: z.object({ limitCents: z.number().int().optional(), off: z.boolean().optional() }).strict() } } },
      },
      responses: {
        200: json(lineConsumptionSchema, 'The line’s consumption with its new limit'),
        400: problemResponses[400], 401: problemResponses[401], 403: { description: '`account-holder-only`' }, 404: { description: 'None of the customer’s mobile lines has this number' },
      },
    }),
    async (c) => c.json(presentConsumption(await chooseMyRoamingLimit(db, customerOf(c), c.req.valid('param').msisdn, c.req.valid('json'))), 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/contacts', tags: ['customer app'],
      summary: 'The customer’s contacts on every channel, newest first, 20 a page',
      request: { query: z.object({ before: beforeParam }) },
      responses: { 200: json(myContactsPage, 'A page of contacts'), 400: problemResponses[400], 401: problemResponses[401] },
    }),
    async (c) => {
      const { before } = c.req.valid('query');
      const page = await myContacts(db, customerOf(c), before === undefined ? {} : { before });
      return c.json({ items: page.items.map(presentMyContact), next: page.next }, 200);
    },
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/bills', tags: ['customer app'],
      summary: 'The customer’s bills, newest first, with their status and PDF link; the account holder’s (a business’s line user gets 403)',
      request: { query: z.object({ before: beforeParam }) },
      responses: { 200: json(billPage, 'A page of bills'), 400: problemResponses[400], 401: problemResponses[401], 403: { description: '`account-holder-only`' } },
    }),
    async (c) => {
      const customer = customerOf(c);
      if (customer.scope !== 'account') throw new DomainError(403, 'account-holder-only', 'The bills are the account holder’s');
      const { before } = c.req.valid('query');
      return c.json(presentBillPage(await accountBills(db, customer.partyId, undefined, { before })), 200);
    },
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/complaints', tags: ['customer app'],
      summary: 'The customer’s complaints and where each stands, newest first',
      responses: { 200: json(myComplaintsSchema, 'The complaints'), 401: problemResponses[401] },
    }),
    async (c) => c.json({ items: (await myComplaints(db, customerOf(c))).map(presentMyComplaint) }, 200),
  );

  router.openapi(
    route('customer', {
      method: 'get', path: '/my/complaint-categories', tags: ['customer app'],
      summary: 'What a complaint can be about, in the customer’s language',
      responses: { 200: json(complaintCategoryChoices, 'The categories'), 401: problemResponses[401] },
    }),
    async (c) => c.json({ items: await complaintCategories(db, customerOf(c).language) }, 200),
  );

  router.openapi(
    route('customer', {
      method: 'post', path: '/my/complaints', tags: ['customer app'],
      summary: 'File a complaint from the app: received now on the `app` channel, acknowledged by SMS like any other',
      request: { body: { content: { 'application/json': { schema: myComplaintIn } } } },
      responses: { 201: json(myComplaintFiled, 'The complaint and its reference'), 400: problemResponses[400], 401: problemResponses[401] },
    }),
    async (c) => {
      const filed = await fileMyComplaint(db, customerOf(c), c.req.valid('json'), { team: deps.config.selfServiceTeam });
      return c.json(filed, 201);
    },
  );

  return router;
}
