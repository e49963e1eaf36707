import { z } from '@hono/zod-openapi';
import { language } from './common.js';
import { safeText } from '../shared/safe-text.js';

/** The customer app's API (docs/self-service.md): sign-in and the customer's own account. */

export const signInCodeIn = z
  .object({
    msisdn: z.string().min(1).max(40).openapi({ description: 'the customer’s mobile number, in any usual spelling (+352 621 123 456, 621123456)', example: '+352 621 123 456' }),
    language: language.optional().openapi({ description: 'the language of the SMS; default fr' }),
  })
  .strict();

export const signInCodeAsked = z
  .object({
    challenge: z.string().openapi({ description: 'what the code is checked against (POST /my/sign-in/verify)' }),
    expiresAt: z.string().openapi({ description: 'when the code stops being valid (5 minutes)' }),
  })
  .openapi('SignInCodeAsked', { description: 'The same for every valid mobile number: whether it is a customer’s shows nowhere' });
export type SignInCodeAskedOut = z.infer<typeof signInCodeAsked>;

export const SIGN_IN_CODE_PATTERN = /^\d{6}$/;

export const signInVerifyIn = z
  .object({
    challenge: z.string().min(1).max(64),
    code: z.string().regex(SIGN_IN_CODE_PATTERN, 'six digits').openapi({ example: '042917' }),
  })
  .strict();

export const selfServiceScope = z.enum(['account', 'line']).openapi({ description: '`account`: every line of the customer; `line`: the line signed in with' });

export const myLine = z
  .object({
    msisdn: z.string(),
    kind: z.enum(['mobile', 'landline']),
    plan: z.object({ code: z.string(), name: z.string().nullable() }),
    status: z.enum(['active', 'suspended', 'terminated']),
    accountNumber: z.string(),
  })
  .openapi('MyLine');

export const myAccount = z
  .object({
    customer: z.object({ customerNumber: z.string(), displayName: z.string(), kind: z.enum(['individual', 'organisation']) }),
    signedInWith: z.string().openapi({ description: 'the number signed in with' }),
    scope: selfServiceScope,
    factor: z.enum(['sms', 'passkey', 'email']).openapi({ description: 'how the customer signed in: a code by SMS, a passkey, a code by e-mail' }),
    language,
    lines: z.array(myLine),
  })
  .openapi('MyAccount');
export type MyAccountOut = z.infer<typeof myAccount>;

export const myContact = z
  .object({
    id: z.string(),
    channel: z.string().openapi({ description: 'phone, shop, email, chat, app, web, social' }),
    direction: z.enum(['inbound', 'outbound']),
    startedAt: z.string(),
    reason: z.object({ code: z.string(), label: z.string().nullable() }).nullable(),
    resolved: z.boolean().nullable().openapi({ description: 'settled in that contact, as recorded; null: not recorded' }),
  })
  .openapi('MyContact');

export const myContactsPage = z.object({ items: z.array(myContact), next: z.string().nullable() }).openapi('MyContactsPage');
export type MyContactsPageOut = z.infer<typeof myContactsPage>;

export const myComplaint = z
  .object({
    id: z.string(),
    reference: z.string(),
    state: z.enum(['received', 'acknowledged', 'under_investigation', 'answered', 'closed', 'rejected']),
    category: z.object({ code: z.string(), label: z.string() }),
    channel: z.string(),
    receivedAt: z.string(),
    closedAt: z.string().nullable(),
    outcome: z.enum(['upheld', 'partially_upheld', 'not_upheld']).nullable(),
    line: z.string().nullable().openapi({ description: 'the line it is about, if any' }),
  })
  .openapi('MyComplaint');

export const myComplaints = z.object({ items: z.array(myComplaint) }).openapi('MyComplaints');
export type MyComplaintsOut = z.infer<typeof myComplaints>;

export const complaintCategoryChoice = z.object({ code: z.string(), label: z.string() }).openapi('ComplaintCategoryChoice');
export const complaintCategoryChoices = z.object({ items: z.array(complaintCategoryChoice) });

export const myComplaintIn = z
  .object({
    category: z.string().min(1).max(64),
    description: safeText(4000, { multiline: true }),
    msisdn: z.string().min(1).max(40).optional().openapi({ description: 'the line it is about, one of the customer’s' }),
  })
  .strict();

export const myComplaintFiled = z.object({ id: z.string(), reference: z.string() }).openapi('MyComplaintFiled');
