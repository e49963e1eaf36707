import type { Kysely } from 'kysely';
import { openCase, type NewCase } from '../cases/case-service.js';
import { enqueue } from '../jobs/outbox.js';
import { notify } from '../notifications/notify.js';
import { DomainError } from '../shared/errors.js';
import { businessDeadline, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import type { Database, FollowupTable } from '../storage/schema.js';
import { FOLLOWUP } from './followup-kind.js';
import { followupRules, heatOf, type FollowupRules } from './followup-rules.js';
import { routeFollowup, type Routing } from './followup-routing.js';

/** A survey answer as it is stored (survey_responses), with what a follow-up needs of it. */
export interface SurveyAnswer {
  surveyId: string;
  responseId: string;
  /** the contact evaluated */
  interactionId: string;
  partyId: string;
  score: number;
  /** the survey's basis: detractors up to detractorMax, promoters from promoterMin */
  detractorMax: number;
  promoterMin: number;
  comment: string | null;
  receivedAt: number;
  /** the team and site that took the contact */
  teamId: string | null;
  siteId: string | null;
}

/** The ref of a `followup.hot` job: the case and its version, so that each assignment of a hot case is pushed once. */
export const hotAlertRef = (caseId: string, version: number) => `${caseId}:${version}`;

/**
 * What a survey answer means for follow-ups, in the caller's transaction: the transaction that
 * stores the answer, so that the follow-up exists if and only if the answer does. A detractor's
 * answer (a score within the basis' detractor range, or up to the rules' own threshold) opens a
 * follow-up case: routed (followup-routing.ts), hot or not (its score, the words of its comment, a
 * repeat contact), due at 18:00 of the n-th business day after the answer; a hot one is pushed to
 * its owner's console through the outbox (`followup.hot`). One follow-up per survey: an answer seen
 * again opens nothing (and the unique survey id refuses a second). Answers the case id, or null.
 * A promoter is written to when the rules say so (`writeToPromoter`).
 */
export async function followUpAnswer(trx: Kysely<Database>, answer: SurveyAnswer, options: { cal?: BusinessCalendar } = {}): Promise<string | null> {
  const rules = await followupRules(trx);
  if (answer.score >= answer.promoterMin && rules.thankPromoters) await writeToPromoter(trx, answer, rules.reviewUrl);
  if (!opensFollowup(answer, rules)) return null;
  const existing = await trx.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirst();
  if (existing) return existing.case_id;

  const contact = await trx.selectFrom('interactions').select(['repeat_of', 'account_id']).where('id', '=', answer.interactionId).executeTakeFirstOrThrow();
  const routing = await routeFollowup(trx, { partyId: answer.partyId, accountId: contact.account_id, teamId: answer.teamId, siteId: answer.siteId }, rules.routing);
  const opening = followupOpening(answer, contact.repeat_of !== null, routing, rules, options.cal);
  const opened = await openCase(trx, FOLLOWUP, opening.case, 'system');
  await trx.insertInto('followups').values({ case_id: opened.id, ...opening.followup }).execute();
  if (opened.hot === 1) await enqueue(trx, 'followup.hot', hotAlertRef(opened.id, opened.version), Date.now());
  return opened.id;
}

/** Whether an answer opens a follow-up: a score within the detractor range of its basis, or up to the rules' own threshold. */
export function opensFollowup(answer: Pick<SurveyAnswer, 'score' | 'detractorMax'>, rules: Pick<FollowupRules, 'detractorMax'>): boolean {
  return answer.score <= (rules.detractorMax ?? answer.detractorMax);
}

/**
 * The follow-up a detractor's answer opens, without writing it: hot or not under the rules (its
 * score, the words of its comment, a repeat contact), routed as given, due at 18:00 of the n-th
 * business day after the answer; opened by Ecoute at the time of the answer.
 */
export function followupOpening(
  answer: SurveyAnswer,
  repeat: boolean,
  routing: Routing,
  rules: FollowupRules,
  cal: BusinessCalendar = LUXEMBOURG_CALENDAR,
): { case: NewCase; followup: Omit<FollowupTable, 'case_id'> } {
  const heat = heatOf({ score: answer.score, comment: answer.comment, repeat }, rules);
  const hot = heat.reasons.length > 0;
  const deadline = businessDeadline(answer.receivedAt, hot ? rules.hotDeadlineDays : rules.deadlineDays, cal);
  return {
    case: {
      partyId: answer.partyId, teamId: routing.teamId, assigneeId: routing.assigneeId, hot, openedAt: answer.receivedAt, at: answer.receivedAt, dueAt: deadline,
      data: { surveyId: answer.surveyId, score: answer.score, hotReasons: heat.reasons, routedBy: routing.routedBy },
    },
    followup: {
      survey_id: answer.surveyId, response_id: answer.responseId, interaction_id: answer.interactionId, score: answer.score,
      hot_reasons: JSON.stringify(heat.reasons), hot_keywords: JSON.stringify(heat.keywords), routed_by: routing.routedBy, opened_at: answer.receivedAt,
      deadline_at: deadline, attempts: 0, not_reached: 0, first_attempt_at: null, reached_at: null, resolution: null, cause: null, cause_category: null,
      action_taken: null, complaint_id: null, escalated_at: null, escalated_to: null,
    },
  };
}

/**
 * A promoter's thank-you, or a review request when the rules give an address, through the
 * notification service in the answer's transaction: an SMS of the survey class (a survey opt-out
 * stops it, quiet hours hold it), once per survey (ref: the customer, occasion: the survey). A
 * message its template cannot make is left out: the answer is stored all the same.
 */
async function writeToPromoter(trx: Kysely<Database>, answer: SurveyAnswer, reviewUrl: string | null): Promise<void> {
  try {
    await notify(trx, {
      class: 'survey', templateKey: reviewUrl === null ? 'followup.thanks' : 'followup.review-request', customerId: answer.partyId, channel: 'sms',
      params: reviewUrl === null ? {} : { reviewUrl }, refType: 'customer', refId: answer.partyId, occasion: `survey:${answer.surveyId}`,
    });
  } catch (error) {
    // refused before anything was written (no template, a template that cannot be rendered)
    if (!(error instanceof DomainError)) throw error;
  }
}
