/** Row types of the satisfaction surveys: definitions, rules, surveys, SMS, replies, responses and their counts. */
import type { Generated } from 'kysely';
import type { Channel, Flag, Language } from './schema-base.js';

export interface SurveyDefinitionTable {
  id: string;
  name: string;
  /** the version new surveys use; older versions stay for the responses that answered them */
  current_version_id: string | null;
  /** what its surveys are about: a contact (the contact NPS) or the handling of a complaint (never in the contact NPS) */
  purpose: Generated<'contact' | 'complaint'>;
  created_at: number;
}

export interface SurveyVersionTable {
  id: string;
  definition_id: string;
  version: number;
  scale_min: number;
  scale_max: number;
  /** NPS basis: scores >= promoter_min are promoters, <= detractor_max detractors */
  promoter_min: number;
  detractor_max: number;
  ask_resolved: Flag;
  ask_comment: Flag;
  /** JSON: SurveyTexts per language (fr, de, en, lb) */
  texts: string;
  created_at: number;
  created_by: string | null;
}

export interface SurveyRulesTable {
  id: string;
  definition_id: string;
  active: Flag;
  /** JSON array of channels that trigger a survey */
  channels: string;
  delay_minutes: number;
  sampling_percent: number;
  quarantine_days: number;
  /** local time HH:MM (Europe/Luxembourg) from which no SMS is sent */
  quiet_start: string;
  /** local time HH:MM until which no SMS is sent */
  quiet_end: string;
  quiet_sundays: Flag;
  skip_landlines: Flag;
  min_duration_seconds: number;
  skip_business: Flag;
  /** hours a survey accepts replies after it is sent */
  open_hours: number;
  updated_at: number;
}

export type SurveyStatus = 'scheduled' | 'sending' | 'sent' | 'answered' | 'unparsed' | 'failed' | 'cancelled';

export interface SurveyTable {
  id: string;
  interaction_id: string;
  party_id: string;
  version_id: string;
  msisdn: string;
  language: Language;
  status: SurveyStatus;
  send_after: number;
  sent_at: number | null;
  open_until: number | null;
  clarifications: number;
  advisor_id: string | null;
  team_id: string | null;
  site_id: string | null;
  channel: Channel;
  reason_code: string | null;
  /** account segment of the contact (null: no account) */
  segment: 'residential' | 'business' | null;
  /** start of the surveyed contact: its Europe/Luxembourg day is the day the survey's figures belong to */
  contact_started_at: number;
  last_error: string | null;
  created_at: number;
}

export interface SurveyDecisionTable {
  interaction_id: string;
  decided_at: number;
  outcome: 'survey' | 'skipped';
  /** why: 'eligible', or the rule that skipped it (quarantine, opted_out, sampling, …) */
  reason: string;
  survey_id: string | null;
  rules_id: string | null;
}

export type SmsStatus = 'queued' | 'sending' | 'submitted' | 'delivered' | 'undeliverable' | 'expired' | 'failed' | 'received';

export interface SmsMessageTable {
  id: string;
  survey_id: string | null;
  direction: 'out' | 'in';
  /** survey, complaint_survey, thanks, clarification, opt_out_confirmation, opt_in_confirmation, notification, reply */
  purpose: string;
  msisdn: string;
  text: string;
  status: SmsStatus;
  encoding: string | null;
  parts: number | null;
  /** JSON array of the SMSC's message ids */
  gateway_ids: string | null;
  error: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
  /** a secret the text shows masked (a sign-in code), put in at submission; null once the SMSC has it */
  secret: string | null;
}

export interface SmsGatewayIdTable {
  gateway_id: string;
  message_id: string;
}

export interface SmsEarlyReceiptTable {
  gateway_id: string;
  status: SmsStatus;
  error: string | null;
  at: number;
}

export interface SurveyReplyTable {
  id: string;
  survey_id: string | null;
  msisdn: string;
  text: string;
  received_at: number;
  /** answer, clarification, unparsed, late, after_answer, opt_out, opt_in, unmatched */
  outcome: string;
  /** JSON of the parse */
  parse: string;
  /** the complaint survey it answered (survey_id is then null) */
  complaint_survey_id: Generated<string | null>;
}

export type ComplaintSurveyStatus = 'sent' | 'answered' | 'unparsed' | 'skipped';

/** The satisfaction survey about a complaint's handling, asked when the complaint is closed (docs/complaints.md). */
export interface ComplaintSurveyTable {
  id: string;
  case_id: string;
  /** the event that closed the complaint */
  event_id: string;
  party_id: string;
  version_id: string;
  /** null when the customer has no mobile number (skipped) */
  msisdn: string | null;
  language: Language;
  status: ComplaintSurveyStatus;
  sms_id: string | null;
  closed_at: number;
  sent_at: number | null;
  open_until: number | null;
  clarifications: Generated<number>;
  scale_min: number;
  scale_max: number;
  promoter_min: number;
  detractor_max: number;
  score: number | null;
  category: 'promoter' | 'passive' | 'detractor' | null;
  comment: string | null;
  received_at: number | null;
  /** why it was skipped: no-mobile, opted-out */
  last_error: string | null;
  created_at: number;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  interaction_id: string;
  party_id: string;
  version_id: string;
  score: number | null;
  scale_min: number;
  scale_max: number;
  promoter_min: number;
  detractor_max: number;
  category: 'promoter' | 'passive' | 'detractor' | null;
  resolved: Flag | null;
  comment: string | null;
  /** language the comment is written in, as detected (src/text); null without a comment or a clear cue */
  language: Language | null;
  sent_at: number;
  received_at: number;
  advisor_id: string | null;
  team_id: string | null;
  site_id: string | null;
  channel: Channel;
  reason_code: string | null;
  interaction_started_at: number;
  /** sentiment of the comment, -1 … 1 */
  sentiment: number | null;
  /** topics of the comment with their matched spans (JSON `TopicMatch[]`, src/text) */
  topics: string | null;
}

/** Score counts s0 … s10 of one aggregate row (the basis says which are promoters and detractors). */
export interface ScoreCounts {
  s0: number; s1: number; s2: number; s3: number; s4: number; s5: number;
  s6: number; s7: number; s8: number; s9: number; s10: number;
}

/**
 * NPS aggregates (src/nps/counts-batch.ts): one row per contact day (Europe/Luxembourg, yyyymmdd),
 * dimension combination (`''` for all, `team`, or a pair `team,reason`), keys and basis.
 */
export interface NpsCountsTable extends ScoreCounts {
  dims: string;
  key1: string;
  day: number;
  key2: string;
  /** `min-max/promoterMin/detractorMax`, e.g. `1-10/9/6` */
  basis: string;
  sent: number;
  unparsed: number;
  resolved_yes: number;
  resolved_no: number;
}

/** Contacts per day (month for pairs), dimension combination and keys: advisor-recorded resolution and FCR. */
export interface ContactCountsTable {
  dims: string;
  key1: string;
  day: number;
  key2: string;
  contacts: number;
  /** recorded as resolved by the advisor */
  resolved: number;
  /** repeat contacts: the customer came back for the same reason within the FCR window */
  repeats: number;
  /** recorded resolved and not followed by a repeat contact */
  fcr: number;
}

/** Responses whose comment mentions a topic, per day, dimension key and basis. */
export interface TopicCountsTable extends ScoreCounts {
  dims: string;
  key1: string;
  day: number;
  topic: string;
  basis: string;
  /** mentions in a negative clause */
  negative: number;
}

export interface OptOutTable {
  msisdn: string;
  opted_out_at: number;
  keyword: string;
}
