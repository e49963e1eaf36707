import type { Flag } from './schema-base.js';

/**
 * Row types of the complaints report (src/complaints/complaint-report.ts): one fact row per
 * complaint, as its events make it now, and the aggregates kept from those facts in the same
 * transaction as every change of a complaint (docs/complaints.md, "Reports").
 */

/** What a complaint counts for in the report. */
export interface ComplaintFactTable {
  case_id: string;
  /** the local month of receipt (Europe/Luxembourg), YYYYMM */
  month: number;
  category: string;
  /** the team that holds it; '' for none */
  team_id: string;
  channel: string;
  /** minutes from receipt to the first acknowledgement or answer, business time (pauses left out) and calendar time; null: not yet */
  ack_business_min: number | null;
  ack_calendar_min: number | null;
  ack_on_time: Flag;
  /** minutes from receipt to the first answer */
  answer_business_min: number | null;
  answer_calendar_min: number | null;
  answer_on_time: Flag;
  answered: Flag;
  reopened: Flag;
  /** first-contact resolution: answered on the day of receipt, never reopened */
  fcr: Flag;
  rejected: Flag;
  /** the category of the last answer to the satisfaction survey about its handling, on that survey's basis; null: none */
  satisfaction: 'promoter' | 'passive' | 'detractor' | null;
}

/** The facts of one month added up per value of one dimension. */
export interface ComplaintCountTable {
  month: number;
  /** category, team, channel; team_category and team_channel (value `<team id>|<code>`) for a team's report */
  dimension: 'category' | 'team' | 'channel' | 'team_category' | 'team_channel';
  value: string;
  received: number;
  acknowledged: number;
  ack_on_time: number;
  answered: number;
  answer_on_time: number;
  reopened: number;
  fcr: number;
  rejected: number;
  /** complaints whose handling the customer rated (satisfaction survey), and how many of them as promoters and detractors */
  satisfaction_answered: number;
  satisfaction_promoters: number;
  satisfaction_detractors: number;
}

/** How long the complaints of a month and dimension value took, as a histogram of log-scale buckets 5 % wide. */
export interface ComplaintDurationTable {
  month: number;
  /** category, team, channel; team_category and team_channel (value `<team id>|<code>`) for a team's report */
  dimension: 'category' | 'team' | 'channel' | 'team_category' | 'team_channel';
  value: string;
  /** ack_business, ack_calendar, answer_business, answer_calendar */
  measure: string;
  /** JSON object: bucket → complaints (src/complaints/complaint-facts.ts, durationBucket) */
  histogram: string;
}
