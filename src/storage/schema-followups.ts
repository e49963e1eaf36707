import type { Flag } from './schema-base.js';

/**
 * Row types of detractor follow-ups (src/followups): a follow-up is a case of kind `followup`
 * (cases, case_events) with what is particular to it here, and the rules that open and route them.
 */

/** Why a follow-up is hot: a very low score, a churn or escalation word in the comment, a repeat contact. */
export type HotReason = 'score' | 'keyword' | 'repeat';

/** How a follow-up found its owner (followup_rules.routing gives the order tried). */
export type RoutedBy = 'account_manager' | 'team_lead' | 'site_lead' | 'team_queue';

/** How a follow-up was closed: the customer reached and the outcome recorded, unreachable after the attempts, or cancelled with a reason. */
export type FollowupResolution = 'reached' | 'unreachable' | 'cancelled';

/** A follow-up: the case's particulars. Where it stands (state, owner, deadline) is in `cases`; what happened, in `case_events`. */
export interface FollowupTable {
  /** the case (cases.id) */
  case_id: string;
  /** the survey whose answer opened it: unique, one follow-up per survey */
  survey_id: string;
  response_id: string;
  /** the contact evaluated */
  interaction_id: string;
  score: number;
  /** JSON HotReason[]; empty when not hot */
  hot_reasons: string;
  /** JSON string[]: the hot keywords the comment names, as configured */
  hot_keywords: string;
  routed_by: RoutedBy;
  /** copy of cases.opened_at, indexed for the figures of a period */
  opened_at: number;
  /** the deadline set at opening (the case's own may move with pauses and reopening): "within deadline" is measured against it */
  deadline_at: number;
  /** attempts to reach the customer, reached or not */
  attempts: number;
  /** attempts that did not reach the customer */
  not_reached: number;
  first_attempt_at: number | null;
  /** the first attempt that reached the customer */
  reached_at: number | null;
  /** set when the case closes; null while open */
  resolution: FollowupResolution | null;
  /** the cause as the customer sees it, in their words as recorded */
  cause: string | null;
  /** the category of that cause (the complaint taxonomy's codes where one fits); separate from the root cause an analysis finds later */
  cause_category: string | null;
  /** what was done for the customer */
  action_taken: string | null;
  /** the complaint it became (cases.id of a complaint), if it did */
  complaint_id: string | null;
  /** when its missed deadline was escalated (once); null: not escalated */
  escalated_at: number | null;
  /** the person it was escalated to; null with escalated_at set: the CX managers */
  escalated_to: string | null;
}

/** The rules of follow-ups: one row, edited through the API (docs/followups.md). */
export interface FollowupRulesTable {
  id: string;
  /** a follow-up opens for a score up to this; null: the detractor range of the survey's own basis */
  detractor_max: number | null;
  /** a score up to this is hot */
  hot_score_max: number;
  /** JSON Record<Language, string[]>: words that make a comment hot (folded, whole words; a trailing * matches any ending) */
  hot_keywords: string;
  /** a repeat contact (interactions.repeat_of) is hot */
  hot_on_repeat: Flag;
  /** business days to close the loop */
  deadline_days: number;
  /** business days when hot */
  hot_deadline_days: number;
  /** attempts that did not reach the customer after which the case may close as unreachable */
  unreachable_after: number;
  /** JSON RoutedBy[]: who is tried, in order; the team queue always ends the list */
  routing: string;
  /** write to promoters after their answer: a thank-you, or a review request when review_url is set */
  thank_promoters: Flag;
  /** where promoters are asked to leave a review (https://…); null: they are thanked */
  review_url: string | null;
  updated_at: number;
  /** who changed them last (user or token id); null: the seeded defaults */
  updated_by: string | null;
}
