import type { ActorKind } from './schema-base.js';
import type { Flag } from './schema-base.js';

/** Row types of the root causes and the departments that own them (docs/improvement.md). */

export interface DepartmentTable {
  code: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  active: Flag;
  updated_at: number;
}

export interface CauseTable {
  /** dotted by convention (`billing.roaming`); the tree is `parent_code` */
  code: string;
  parent_code: string | null;
  /** the department that owns the cause (null: nobody yet, as `unknown`) */
  department_code: string | null;
  label_fr: string;
  label_de: string;
  label_en: string;
  active: Flag;
  sort_order: number;
  updated_at: number;
  /** JSON string[]: the contact reasons (reasons.code) that match the cause */
  reason_codes: string;
  /** JSON string[]: the comment topics (src/text) that match the cause */
  topic_codes: string;
}

/** What a coded cause is about: a complaint, a detractor follow-up (cases.id) or a repeat contact (interactions.id). */
export type CodedSubject = 'complaint' | 'followup' | 'contact';

/**
 * The root cause coded on one complaint, follow-up or repeat contact, with what the analysis counts it
 * by, copied from the subject when coded and kept up to date with it (docs/improvement.md).
 */
export interface CauseCodingTable {
  subject_kind: CodedSubject;
  subject_id: string;
  /** causes.code; `unknown` with `unknown_reason` */
  cause_code: string;
  unknown_reason: string | null;
  /** the customer (recurrence) */
  party_id: string | null;
  /** when the subject happened: a complaint's receipt, a follow-up's opening, a contact's start */
  occurred_at: number;
  /** its Europe/Luxembourg day, yyyymmdd */
  day: number;
  segment: 'residential' | 'business' | null;
  channel: string | null;
  team_id: string | null;
  site_id: string | null;
  /** the plan of the line concerned (or of the account's first line) */
  plan: string | null;
  /** a complaint's disputed amount and the amount refunded, in cents (0 otherwise) */
  amount_cents: number;
  refund_cents: number;
  /** contacts beyond the first about it: a complaint's linked contacts after the first; 1 for a repeat contact */
  extra_contacts: number;
  /** the customer's coding of the same cause just before this one (any window), null: none */
  previous_at: number | null;
  /** JSON: the cause codes suggested when it was coded, best first (null: none shown) */
  suggested: string | null;
  coded_at: number;
  coded_by_kind: ActorKind;
  coded_by_id: string;
}

/** Daily aggregates of codings: per day, cause, subject kind and one dimension (`''` with key `''`: all). */
export interface CauseCountTable {
  day: number;
  cause_code: string;
  subject_kind: CodedSubject;
  /** '', 'segment', 'channel', 'team', 'site', 'plan' */
  dim: string;
  dim_key: string;
  coded: number;
  /** codings whose previous coding of the same customer and cause is within the default window (90 days) */
  recurrences: number;
  amount_cents: number;
  refund_cents: number;
  extra_contacts: number;
}
