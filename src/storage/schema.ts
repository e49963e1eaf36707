import type { Generated } from 'kysely';
import type { Channel, Direction } from '../shared/channels.js';
import type { Language } from '../shared/languages.js';
import type { Role } from '../shared/roles.js';

/**
 * Row types of every table. Storage conventions (docs/ARCHITECTURE.md):
 * ids are UUID v7 text, times are UTC epoch milliseconds, flags are 0/1 integers
 * (the same on SQLite and PostgreSQL), phone numbers are E.164.
 */
export type Flag = 0 | 1;
export type { Language };
export type { Channel, Direction, Role };

export interface SiteTable {
  id: string;
  code: string;
  name: string;
  kind: 'call_centre' | 'shop';
  city: string;
  created_at: number;
}

export interface TeamTable {
  id: string;
  name: string;
  site_id: string | null;
  created_at: number;
}

export interface UserTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  team_id: string | null;
  site_id: string | null;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), null for accounts that cannot log in */
  password_hash: string | null;
  language: Language;
  active: Flag;
  created_at: number;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  role: Role;
  created_at: number;
  revoked_at: number | null;
}

export interface PartyTable {
  id: string;
  customer_number: string;
  kind: 'individual' | 'organisation';
  given_name: string | null;
  family_name: string | null;
  organisation_name: string | null;
  display_name: string;
  /** display_name folded to lower case without accents, for search */
  search_name: string;
  preferred_language: Language;
  consent_surveys: Flag;
  consent_marketing: Flag;
  created_at: number;
  updated_at: number;
  /** the import that created the customer (import_batches), null otherwise */
  import_batch_id: string | null;
}

export interface AccountTable {
  id: string;
  account_number: string;
  party_id: string;
  segment: 'residential' | 'business';
  account_manager_id: string | null;
  status: 'active' | 'closed';
  created_at: number;
}

export interface LineTable {
  id: string;
  account_id: string;
  msisdn: string;
  kind: 'mobile' | 'landline';
  plan: string;
  status: 'active' | 'suspended' | 'terminated';
  activated_at: number;
}

export interface ContactPointTable {
  id: string;
  party_id: string;
  kind: 'phone' | 'email';
  value: string;
  is_primary: Flag;
}

export interface ReasonTable {
  code: string;
  label_fr: string;
  label_de: string;
  label_en: string;
  parent_code: string | null;
  active: Flag;
  sort_order: number;
}

export interface InteractionTable {
  id: string;
  external_id: string | null;
  party_id: string;
  account_id: string | null;
  channel: Channel;
  direction: Direction;
  reason_code: string | null;
  started_at: number;
  ended_at: number | null;
  advisor_id: string | null;
  team_id: string | null;
  site_id: string | null;
  outcome: string | null;
  /** resolved in this contact, as the advisor recorded it (null: not recorded) */
  resolved: Flag | null;
  recording_ref: string | null;
  notes: string | null;
  /** number the customer called from or was called on */
  phone: string | null;
  /** earlier contact of the same customer for the same reason within the FCR window */
  repeat_of: string | null;
  /** start of the next contact of the same customer for the same reason within the FCR window */
  next_contact_at: number | null;
  created_at: number;
  /** the import that created the contact (import_batches), null otherwise */
  import_batch_id: string | null;
}

export interface CallTable {
  call_id: string;
  from_number: string;
  to_number: string | null;
  advisor_id: string | null;
  party_id: string | null;
  state: 'ringing' | 'answered' | 'ended';
  ringing_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  interaction_id: string | null;
}

export interface WebhookReceiptTable {
  webhook_id: string;
  received_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_kind: 'user' | 'token' | 'system';
  actor_id: string;
  action: string;
  party_id: string | null;
  via: string;
}

export interface SurveyDefinitionTable {
  id: string;
  name: string;
  /** the version new surveys use; older versions stay for the responses that answered them */
  current_version_id: string | null;
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
  /** survey, thanks, clarification, opt_out_confirmation, opt_in_confirmation, reply */
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

export interface OutboxTable {
  id: Generated<number>;
  /** what to do: interaction.ended, survey.send, sms.send */
  topic: string;
  ref_id: string;
  run_after: number;
  attempts: number;
  /** a worker holds it until then; past it another worker may take it over */
  locked_until: number | null;
  last_error: string | null;
  done_at: number | null;
  created_at: number;
}

/**
 * A relational NPS study run by an external firm, imported from CSV (src/studies): its own sample
 * and basis, shown beside the transactional NPS and never added to it.
 */
export interface ExternalStudyTable {
  id: string;
  firm: string;
  /** the study's name, as the firm gives it */
  name: string;
  /** first and last day of the period, Europe/Luxembourg calendar dates YYYY-MM-DD */
  period_start: string;
  period_end: string;
  /** lower case (residential, business, all …); null when the file gives none */
  segment: string | null;
  /** respondents */
  n: number;
  scale_min: number;
  scale_max: number;
  promoter_min: number;
  detractor_max: number;
  /** shares of the respondents, 0–1, summing to 1 */
  promoters: number;
  passives: number;
  detractors: number;
  /** JSON `ScoreDistribution` (src/studies/study-figures.ts) when the file gave one */
  distribution: string | null;
  /** the firm's notes on its method */
  method: string | null;
  /** name of the imported file */
  source_file: string;
  imported_at: number;
  /** user or API token that imported it; null from the command line */
  imported_by: string | null;
}

/** One imported file (src/imports/import-batches.ts). */
export interface ImportBatchTable {
  id: string;
  kind: 'customers' | 'interactions';
  file_name: string;
  /** staging: rows being checked and staged; publishing: being written; published; failed: undone */
  status: 'staging' | 'publishing' | 'published' | 'failed';
  started_at: number;
  /** last sign of life of the importing process: a batch left behind by a stopped process is undone */
  heartbeat_at: number;
  finished_at: number | null;
  /** rows published */
  rows: number;
  /** contacts: the FCR window their repeat links were computed with (to set them back on undo) */
  fcr_window_days: number | null;
}

/** A checked row of an import, waiting until the whole file has passed. */
export interface ImportStagedRowTable {
  batch_id: string;
  seq: number;
  line: number;
  /** the checked row, as JSON */
  payload: string;
}

export interface Database {
  sites: SiteTable;
  teams: TeamTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  parties: PartyTable;
  accounts: AccountTable;
  lines: LineTable;
  contact_points: ContactPointTable;
  reasons: ReasonTable;
  interactions: InteractionTable;
  calls: CallTable;
  webhook_receipts: WebhookReceiptTable;
  audit_log: AuditLogTable;
  survey_definitions: SurveyDefinitionTable;
  survey_versions: SurveyVersionTable;
  survey_rules: SurveyRulesTable;
  surveys: SurveyTable;
  survey_decisions: SurveyDecisionTable;
  sms_messages: SmsMessageTable;
  sms_gateway_ids: SmsGatewayIdTable;
  sms_early_receipts: SmsEarlyReceiptTable;
  survey_replies: SurveyReplyTable;
  survey_responses: SurveyResponseTable;
  opt_outs: OptOutTable;
  outbox: OutboxTable;
  nps_counts: NpsCountsTable;
  topic_counts: TopicCountsTable;
  contact_counts: ContactCountsTable;
  external_studies: ExternalStudyTable;
  import_batches: ImportBatchTable;
  import_staged_rows: ImportStagedRowTable;
}
