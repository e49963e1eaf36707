import { z } from '@hono/zod-openapi';
import { language } from './common.js';
import { interactionView } from './interactions.js';

const segment = z.enum(['residential', 'business']);

/** A customer in a list of search results or of other owners of a number. */
export const customerSummary = z
  .object({
    id: z.string(),
    customerNumber: z.string(),
    displayName: z.string(),
    kind: z.enum(['individual', 'organisation']),
    segment: segment.nullable(),
    primaryPhone: z.string().nullable().openapi({ description: "the primary phone on file (E.164), otherwise the number of the customer's first line" }),
    locality: z.string().nullable().openapi({ description: 'the town or locality the customer lives in' }),
  })
  .openapi('CustomerSummary');
export type CustomerSummary = z.infer<typeof customerSummary>;

/** The answer to a search: the first customers found and whether there are more. */
export const customerSearchResults = z
  .object({
    items: z.array(customerSummary),
    hasMore: z.boolean().openapi({ description: 'more customers match than `limit`: refine the search' }),
    matchedBy: z.enum(['customer_number', 'phone', 'email', 'name']).openapi({ description: 'what the query was read as' }),
  })
  .openapi('CustomerSearchResults');
export type CustomerSearchResults = z.infer<typeof customerSearchResults>;

/** Everything the advisor needs about a customer, in one answer. */
export const customerCard = z
  .object({
    customer: z.object({
      id: z.string(),
      customerNumber: z.string(),
      kind: z.enum(['individual', 'organisation']),
      displayName: z.string(),
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      organisationName: z.string().nullable(),
      preferredLanguage: language,
      consents: z.object({ surveys: z.boolean(), marketing: z.boolean() }),
      customerSince: z.string(),
      locality: z.string().nullable().openapi({ description: 'the town or locality the customer lives in' }),
    }),
    optOuts: z
      .array(z.object({ msisdn: z.string(), at: z.string(), keyword: z.string() }))
      .openapi({ description: "the customer's numbers that opted out of automatic SMS (STOP by SMS), latest first: no survey is sent to them whatever the consent says" }),
    segment,
    accounts: z.array(
      z.object({
        id: z.string(),
        accountNumber: z.string(),
        segment,
        status: z.string(),
        accountManager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
        lines: z.array(z.object({ msisdn: z.string(), kind: z.enum(['mobile', 'landline']), plan: z.string(), status: z.string() })),
      }),
    ),
    contactPoints: z.array(z.object({ kind: z.enum(['phone', 'email']), value: z.string(), primary: z.boolean() })),
    interactions: z.array(interactionView).openapi({ description: 'the last 20 contacts, newest first' }),
    flags: z.object({
      repeatContact: z.boolean().openapi({ description: 'the customer contacted us within the FCR window before now: this contact may be a repeat' }),
      recentContacts: z.number().int().openapi({ description: 'contacts within the FCR window before now, counted up to 100' }),
      windowDays: z.number().int().openapi({ description: 'the FCR window, in days, both flags above are counted over' }),
      businessAccount: z.boolean(),
    }),
    lastSurvey: z
      .object({
        score: z.number().nullable(),
        scale: z.object({ min: z.number(), max: z.number() }),
        category: z.enum(['promoter', 'passive', 'detractor']).nullable(),
        resolved: z.boolean().nullable(),
        comment: z.string().nullable(),
        receivedAt: z.string(),
        interactionId: z.string(),
      })
      .nullable()
      .openapi({ description: "the customer's latest survey answer" }),
  })
  .openapi('CustomerCard', {
    description: 'Identity, language, segment, accounts with lines and account manager, contact points, last 20 contacts, flags, last survey answer',
  });
export type CustomerCard = z.infer<typeof customerCard>;

/** A recognised caller: the card of whoever the number belongs to. */
export const recognition = z.object({
  phone: z.string(),
  matchedBy: z.enum(['line', 'contact_point']),
  card: customerCard,
  otherMatches: z.array(customerSummary),
});
export type Recognition = z.infer<typeof recognition>;

/** The answer to creating a customer. */
export const createdCustomer = z.object({ id: z.string(), customerNumber: z.string() });
