import type { Kysely } from 'kysely';
import { pareto } from '../analysis/pareto.js';
import type { MonthlyReview, ReviewAction, ReviewCause } from '../contract/review.js';
import { dayStart, addDays } from '../shared/calendar.js';
import { DomainError } from '../shared/errors.js';
import type { LabelLanguage } from '../shared/languages.js';
import type { Database } from '../storage/schema.js';
import { monthDays, reviewComplaints, reviewNps, reviewOverdue, reviewStudies } from './review-figures.js';

/**
 * The monthly review of the management committee (docs/improvement.md, "The monthly review"), read
 * from the same services as the API's reports: what `GET /api/v1/review/monthly`, the console's page,
 * the PDF and the CSV of `ecoute report monthly` all show.
 */
export interface ReviewQuery {
  /** YYYY-MM */
  month: string;
  language: LabelLanguage;
  /** when the review is made: overdue cases are counted then */
  now: number;
  minResponses: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month to review: YYYY-MM, not after the current one; a 400 naming `month` otherwise. */
export function checkMonth(month: string | undefined, now: number): string {
  if (!month || !MONTH.test(month)) throw new DomainError(400, 'invalid-input', 'month: give it as YYYY-MM (e.g. 2026-11)', [{ field: 'month', reason: 'must be YYYY-MM', code: 'invalid-format', params: { format: 'month' } }]);
  const current = new Date(now).toISOString().slice(0, 7);
  if (month > current) throw new DomainError(400, 'invalid-input', `month: ${month} has not begun`, [{ field: 'month', reason: 'is in the future', code: 'in-future' }]);
  return month;
}

/** The improvement actions of a review, with their measured effect (src/actions), for a month and language. */
export type ReviewActions = (db: Kysely<Database>, month: string, language: LabelLanguage, now: number) => Promise<ReviewAction[]>;

export async function monthlyReview(db: Kysely<Database>, query: ReviewQuery, actionsOf: ReviewActions): Promise<MonthlyReview> {
  const { month, language, now } = query;
  const { from, to } = monthDays(month);
  const [nps, complaints, overdue, externalStudies, causes, actionRows] = await Promise.all([
    reviewNps(db, month, language, query.minResponses),
    reviewComplaints(db, month, language),
    reviewOverdue(db, now, language),
    reviewStudies(db, month),
    pareto(db, { from, to, filters: {}, sort: 'total', language }),
    actionsOf(db, month, language, now),
  ]);
  const topCauses: ReviewCause[] = causes.rows
    .filter((r) => r.total > 0)
    .map((r) => ({
      code: r.cause.code, label: r.cause.label, department: r.department?.label ?? null, complaints: r.complaints, detractors: r.detractors,
      repeatContacts: r.repeatContacts, total: r.total, share: r.share ?? 0, cumulativeShare: r.cumulativeShare ?? 0,
      ratePerThousand: r.complaintsPerThousandCustomers, refundedCents: r.refundedCents,
    }));
  return {
    month,
    generatedAt: new Date(now).toISOString(),
    language,
    customerBase: { customers: causes.base.customers, at: new Date(dayStart(addDays(to, 1)) - 1).toISOString() },
    nps,
    complaints: complaints.complaints,
    topCauses,
    overdue,
    actions: actionRows,
    externalStudies,
  };
}
