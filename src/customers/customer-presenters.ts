import type {
  CustomerCard as CardOut, CustomerSearchResults as SearchOut, CustomerSummary as SummaryOut, Recognition as RecognitionOut,
} from '../contract/customers.js';
import { presentInteraction } from '../interactions/interaction-presenters.js';
import type { CustomerCard, CustomerSummary, recognizeByPhone, SearchResult } from './customer-service.js';

/** A customer in a list, as it leaves the server. */
export function presentSummary(s: CustomerSummary): SummaryOut {
  return {
    id: s.id, customerNumber: s.customerNumber, displayName: s.displayName, kind: s.kind, segment: s.segment, primaryPhone: s.primaryPhone, locality: s.locality,
  };
}

/** Search results as they leave the server. */
export function presentSearch(r: SearchResult): SearchOut {
  return { items: r.items.map(presentSummary), hasMore: r.hasMore, matchedBy: r.matchedBy };
}

/** The card as it leaves the server (src/contract/customers.ts). */
export function presentCard(card: CustomerCard): CardOut {
  const c = card.customer;
  return {
    customer: {
      id: c.id, customerNumber: c.customerNumber, kind: c.kind, displayName: c.displayName, givenName: c.givenName, familyName: c.familyName,
      organisationName: c.organisationName, preferredLanguage: c.preferredLanguage, consents: { surveys: c.consents.surveys, marketing: c.consents.marketing },
      customerSince: c.customerSince, locality: c.locality,
    },
    optOuts: card.optOuts.map((o) => ({ msisdn: o.msisdn, at: o.at, keyword: o.keyword })),
    segment: card.segment,
    accounts: card.accounts.map((a) => ({
      id: a.id, accountNumber: a.accountNumber, segment: a.segment, status: a.status,
      accountManager: a.accountManager && { id: a.accountManager.id, name: a.accountManager.name, email: a.accountManager.email },
      lines: a.lines.map((l) => ({ msisdn: l.msisdn, kind: l.kind, plan: l.plan, status: l.status })),
    })),
    contactPoints: card.contactPoints.map((p) => ({ kind: p.kind, value: p.value, primary: p.primary })),
    interactions: card.interactions.map(presentInteraction),
    flags: { repeatContact: card.flags.repeatContact, recentContacts: card.flags.recentContacts, windowDays: card.flags.windowDays, businessAccount: card.flags.businessAccount },
    lastSurvey: card.lastSurvey && {
      score: card.lastSurvey.score, scale: { min: card.lastSurvey.scale.min, max: card.lastSurvey.scale.max }, category: card.lastSurvey.category,
      resolved: card.lastSurvey.resolved, comment: card.lastSurvey.comment, receivedAt: card.lastSurvey.receivedAt, interactionId: card.lastSurvey.interactionId,
    },
  };
}

/** A recognised caller, as it leaves the server. */
export function presentRecognition(r: Awaited<ReturnType<typeof recognizeByPhone>>): RecognitionOut {
  return { phone: r.phone, matchedBy: r.matchedBy, card: presentCard(r.card), otherMatches: r.otherMatches.map(presentSummary) };
}
